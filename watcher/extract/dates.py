"""Publication dates as the sources write them, found in metadata or in the text.

"Tuesday 10 November 2015", "Published: 14 October 2026", "Today's (9 November 2017)",
"2020-01-14", "01/03/2021". A date that cannot be found is None: undated, never today.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DAYNAME = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun),?\s+)?"
DMY = re.compile(
    rf"\b{_DAYNAME}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+((?:19|20)\d\d)\b", re.I
)
MDY = re.compile(rf"\b{_DAYNAME}{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
ISO = re.compile(r"(?<![\d-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")  # also "2026-10-14T16:45"
NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
PUBLISHED = re.compile(
    r"\b(?:published|date published|first published|posted(?: on)?|updated)\s*:?\s*", re.I
)


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first date written in `text`, in any of the forms above (UK order for d/m/y)."""
    best: tuple[int, date] | None = None
    for rx, build in (
        (DMY, lambda m: _mk(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))),
        (MDY, lambda m: _mk(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))),
        (ISO, lambda m: _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))),
        (NUMERIC, lambda m: _mk(int(m.group(3)), int(m.group(2)), int(m.group(1)))),
    ):
        m = rx.search(text)
        if m:
            d = build(m)
            if d and (best is None or m.start() < best[0]):
                best = (m.start(), d)
    return best[1] if best else None


def find_published(lines: list[str], head: int = 15) -> tuple[date | None, int | None]:
    """The publication date of a plain text and the line it is on.

    Looks first for an explicit "Published: ..." line anywhere in the head, then for a
    line that is only a date (a blog's date header), then for "Today's (9 November 2017)".
    """
    window = lines[:head]
    for i, line in enumerate(window):
        m = PUBLISHED.search(line)
        if m:
            d = parse_date(line[m.end() :])
            if d:
                return d, i
    for i, line in enumerate(window):
        stripped = line.strip()
        if stripped and len(stripped) <= 40:
            d = parse_date(stripped)
            if d:
                return d, i
    for i, line in enumerate(lines[: head * 3]):
        m = re.search(r"\b(?:today|today['’]s|yesterday['’]s)\s*\(([^)]{6,40})\)", line, re.I)
        if m:
            d = parse_date(m.group(1))
            if d:
                return d, i
    return None, None
