"""Plain-text documents (saved blog posts, saved report pages, report text): title, date,
and the post kept apart from its reader comments, with the site chrome a saved page
carries (site header, share prompts, related posts, comment form, sponsor block, blog
archive, licence notice) left out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from watcher.extract import chrome
from watcher.extract.dates import find_published

# "19 comments:", "1 comment:", "3 Responses", "12 thoughts on ..."
_COMMENTS_HEADER = re.compile(
    r"^\s*(\d+|no|one|two|three)\s+(comments?|responses?|replies|thoughts on\b.*)\s*:?\s*$", re.I
)
_COMMENT_ACTIONS = re.compile(r"^\s*(ReplyDelete|Reply\s*Delete|Delete|Replies|Reply)\b", re.I)
# Blogger's action links glued to the next comment's first line: "ReplyDeleteSomewhere..."
_ACTION_PREFIX = re.compile(r"^(\s*)(ReplyDelete|Delete)(?=[A-Z0-9\"'“‘.…(\s]|$)")
_SENTENCE = re.compile(r"^(.{20,140}?[.!?])(\s|$)")
MAX_TITLE = 150


@dataclass(frozen=True, slots=True)
class TextParts:
    title: str
    body: str
    comments: str
    published: date | None
    url: str | None = None


def comments_start(lines: list[str]) -> int | None:
    """The line index where reader comments begin, or None.

    A count header ("19 comments:") when there is one; otherwise the comment before the
    first Blogger action line ("ReplyDelete"), which only comments carry.
    """
    for i, line in enumerate(lines):
        if len(line) < 300 and _COMMENTS_HEADER.match(line.strip()):
            return i
    for i, line in enumerate(lines):
        if line.strip().lower().startswith("replydelete"):
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            return max(j, 0)
    return None


def clean_comments(lines: list[str]) -> list[str]:
    """Comment text without Blogger's action links: a line that is only "ReplyDelete"
    becomes a blank separator, a glued prefix is dropped. Trailing chrome (archive, "Post
    a Comment", "Newer Post") is cut."""
    out = []
    for line in lines:
        if _COMMENT_ACTIONS.fullmatch(line.strip() or "x"):
            out.append("")
            continue
        out.append(_ACTION_PREFIX.sub(r"\1", line))
    return chrome.cut_trailer(out, start_share=0.0)


def title_from(line: str) -> str:
    """A line as a title; a long first paragraph (a post without a title) gives its
    first sentence, shortened."""
    line = line.strip()
    if len(line) <= MAX_TITLE:
        return line
    m = _SENTENCE.match(line)
    if m:
        return m.group(1)
    return line[:MAX_TITLE].rsplit(" ", 1)[0] + "…"


_URL_HEADER = re.compile(r"^\s*URL:\s*(https?://\S+)\s*$", re.I)


def split_url_header(text: str) -> tuple[str | None, str]:
    """A saved page that starts with its address ("URL: https://..."): the address, and the
    text without that line (the title is the next line, not the address)."""
    first, _, rest = text.lstrip("\n").partition("\n")
    m = _URL_HEADER.match(first)
    return (m.group(1), rest) if m else (None, text)


def split_text(text: str) -> TextParts:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    url, text = split_url_header(text)
    lines = chrome.drop_site_header(chrome.drop_licence_notice(text.split("\n")))
    cut = comments_start(lines)
    body_lines = lines if cut is None else lines[:cut]
    comment_lines = [] if cut is None else clean_comments(lines[cut:])
    body_lines = chrome.drop_noise(chrome.cut_trailer(body_lines))
    published, date_line = find_published(body_lines)
    nonblank = [i for i, line in enumerate(body_lines) if line.strip()]
    # A date on the very first line is a blog's date header: the title follows it.
    # Otherwise the first line is the title ("Published: ..." comes after it).
    if nonblank and date_line == nonblank[0] and len(nonblank) > 1:
        first = nonblank[1]
    else:
        first = nonblank[0] if nonblank else None
    title = title_from(body_lines[first]) if first is not None else ""
    return TextParts(
        title=title[:300],
        body="\n".join(body_lines).strip("\n"),
        comments="\n".join(comment_lines).strip("\n"),
        published=published,
        url=url,
    )
