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
# also "2026-10-14T16:45", whose time must exist too
ISO = re.compile(r"(?<![\d-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d))?(?!\d)")
NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)?\d\d)\b(?!/)")
# RFC 822 written in a text: "Wed, 14 Oct 26 16:45 GMT" (a two-digit year needs the time)
DMY_SHORT = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d\d)\s+(\d\d):(\d\d)\b", re.I)
_ASCTIME_TEXT = re.compile(
    rf"\b(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+{_MONTH}\s+(\d{{1,2}})\s+(\d\d):(\d\d)(?::\d\d)?\s+((?:19|20)\d\d)\b",
    re.I,
)
PUBLISHED = re.compile(
    r"\b(?:published|date published|first published|posted(?: on)?|updated)\s*:?\s*", re.I
)


def _mk(y: int, m: int, d: int, hour: int = 0, minute: int = 0) -> date | None:
    """The date, when it and the time of day given with it exist; two-digit years are 20yy."""
    if y < 100:
        y += 2000
    if hour > 23 or minute > 59:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _hm(m: re.Match[str], h: int, mi: int) -> tuple[int, int]:
    return int(m.group(h) or 0), int(m.group(mi) or 0)


def parse_date(text: str) -> date | None:
    """The first date written in `text`, in any of the forms above (UK order for d/m/y)."""
    best: tuple[int, date] | None = None
    for rx, build in (
        (DMY, lambda m: _mk(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))),
        (MDY, lambda m: _mk(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))),
        (ISO, lambda m: _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)), *_hm(m, 4, 5))),
        (NUMERIC, lambda m: _mk(int(m.group(3)), int(m.group(2)), int(m.group(1)))),
        (
            DMY_SHORT,
            lambda m: _mk(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)), *_hm(m, 4, 5)),
        ),
        (
            _ASCTIME_TEXT,
            lambda m: _mk(int(m.group(5)), MONTHS[m.group(1).lower()], int(m.group(2)), *_hm(m, 3, 4)),
        ),
    ):
        m = rx.search(text)
        if m:
            d = build(m)
            if d and (best is None or m.start() < best[0]):
                best = (m.start(), d)
    return best[1] if best else None


_BYLINE = re.compile(r"(?:By|Posted by|Written by)\s.{2,100}?[–—|,-]\s*([^–—|,-]{6,30})$")
"""A blog's byline that ends in the date it was posted."""


def find_published(lines: list[str], head: int = 15) -> tuple[date | None, int | None]:
    """The publication date of a plain text and the line it is on.

    Looks first for an explicit "Published: ..." line anywhere in the head, then for a
    line that is only a date (a blog's date header), then for a byline ending in a date,
    then for "Today's (9 November 2017)".
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
    for i, line in enumerate(window):
        byline = _BYLINE.match(line.strip())
        d = parse_date(byline.group(1)) if byline else None
        if d:
            return d, i  # "By A. Writer, reporter – 9 August 2022"
    for i, line in enumerate(lines[: head * 3]):
        m = re.search(r"\b(?:today|today['’]s|yesterday['’]s)\s*\(([^)]{6,40})\)", line, re.I)
        if m:
            d = parse_date(m.group(1))
            if d:
                return d, i
    return None, None


# ---------------------------------------------------------------- timestamps

DEFAULT_ZONE = "Europe/London"
ASCTIME = re.compile(
    rf"\b(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+{_MONTH}\s+(\d{{1,2}})\s+(\d\d):(\d\d)(?::(\d\d))?\s+((?:19|20)\d\d)\b",
    re.I,
)
_RFC3339 = re.compile(
    r"\s*(\d{4})-(\d\d)-(\d\d)(?:[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,]\d+)?)?\s*([Zz]|[+-]\d\d(?::?\d\d)?)?)?\s*"
)


def _zone(name: str | None):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def _offset_minutes(text: str | None) -> int | None:
    if text is None:
        return None
    if text in ("Z", "z"):
        return 0
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:4] or 0))


def _calendar_date(parts: tuple[int, ...], offset: int | None, zone: str | None) -> date | None:
    """The publisher's calendar date of a timestamp: as written when it carries its own
    offset (or none), read in `zone` when it is written in UTC. None when impossible."""
    from datetime import datetime, timedelta, timezone

    y, mo, d, h, mi, s = (list(parts) + [0, 0, 0])[:6]
    try:
        stamp = datetime(y, mo, d, h, mi, min(s, 59))
    except ValueError:
        return None
    if offset != 0:
        return stamp.date()
    try:
        return stamp.replace(tzinfo=timezone(timedelta(0))).astimezone(_zone(zone)).date()
    except (OverflowError, ValueError):  # year 1 or 9999 moved past the calendar's ends
        return None


class Impossible(ValueError):
    """A timestamp in a known form whose date or time cannot exist (30 February, 25:00)."""


def timestamp_date(text: str | None, zone: str | None = None) -> date | None:
    """The calendar date of a feed or page timestamp (RFC 822, RFC 3339/ISO 8601, asctime),
    in the timestamp's own offset; one written in UTC is read in `zone` (Europe/London
    unless the source says otherwise). None when the form is not one of these; raises
    Impossible when it is one of them but names no real moment."""
    import email.utils

    if not text or len(text) > 200:
        return None
    m = _RFC3339.fullmatch(text)
    if m:
        parts = tuple(int(g) if g else 0 for g in m.groups()[:6])
        offset = _offset_minutes(m.group(7))
        if m.group(4) is None:
            offset = None  # a date alone: as written
        result = _calendar_date(parts, offset, zone)
        if result is None:
            raise Impossible(text)
        return result
    a = ASCTIME.search(text)
    if a:
        parts = (int(a.group(6)), MONTHS[a.group(1).lower()], int(a.group(2)), int(a.group(3)), int(a.group(4)), int(a.group(5) or 0))
        result = _calendar_date(parts, None, zone)
        if result is None:
            raise Impossible(text)
        return result
    try:
        tup = email.utils.parsedate_tz(text)
    except (TypeError, ValueError, IndexError):
        tup = None
    if tup is None:
        return None
    y = tup[0]
    if y < 100:  # RFC 822's two-digit year
        y += 2000 if y < 70 else 1900
    offset = None if tup[9] is None else tup[9] // 60
    if offset == 0 and not re.search(r"(?:[+-]0000|\b(?:gmt|ut|utc|z)\b)", text, re.I):
        offset = None  # no zone written: email.utils says 0
    result = _calendar_date((y, *tup[1:6]), offset, zone)
    if result is None:
        raise Impossible(text)
    return result


def plausible(d: date | None, today: date) -> tuple[date | None, str | None]:
    """A publication date as kept: one more than a day in the future is missing, with why."""
    if d is None:
        return None, None
    if d.year < 1900 or (d - today).days > 1:
        return None, f"publication date {d.isoformat()} is not plausible; treated as undated"
    return d, None
