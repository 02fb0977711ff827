"""Plain-text documents (saved blog posts, report text): title, date, and the post kept
apart from its reader comments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from watcher.extract.dates import find_published

# "19 comments:", "1 comment:", "3 Responses", "12 thoughts on ..."
_COMMENTS_HEADER = re.compile(
    r"^\s*(\d+|no|one|two|three)\s+(comments?|responses?|replies|thoughts on\b.*)\s*:?\s*$", re.I
)
_COMMENT_ACTIONS = re.compile(r"^\s*(ReplyDelete|Reply\s*Delete|Delete|Reply)\b", re.I)


@dataclass(frozen=True, slots=True)
class TextParts:
    title: str
    body: str
    comments: str
    published: date | None


def comments_start(lines: list[str]) -> int | None:
    """The line index where reader comments begin, or None.

    A count header ("19 comments:") when there is one; otherwise the comment before the
    first Blogger action line ("ReplyDelete"), which only comments carry.
    """
    for i, line in enumerate(lines):
        if _COMMENTS_HEADER.match(line):
            return i
    for i, line in enumerate(lines):
        if _COMMENT_ACTIONS.match(line) and line.strip().lower().startswith("replydelete"):
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            return max(j, 0)
    return None


def split_text(text: str) -> TextParts:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    cut = comments_start(lines)
    body_lines = lines if cut is None else lines[:cut]
    comment_lines = [] if cut is None else lines[cut:]
    published, date_line = find_published(body_lines)
    title = ""
    start = 0 if date_line is None or date_line > 3 else date_line + 1
    for line in body_lines[start:]:
        s = line.strip()
        if s:
            title = s
            break
    return TextParts(
        title=title[:300],
        body="\n".join(body_lines).strip("\n"),
        comments="\n".join(comment_lines).strip("\n"),
        published=published,
    )
