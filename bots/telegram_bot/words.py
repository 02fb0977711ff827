"""Words the bot uses in every reply: plurals, one date and time format in the chat's zone,
sources by name and host only (never credentials or query strings)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

_IRREGULAR = {"body": "bodies", "entry": "entries", "reply": "replies", "is": "are"}
LOCAL_KINDS = ("seed", "local", "replay")


def plural(n: int, word: str) -> str:
    """ "1 value", "2 values", "1 body", "3 bodies"."""
    if n == 1:
        return f"1 {word}"
    return f"{n} {_IRREGULAR.get(word, word + 's')}"


def when(moment: datetime | None, zone: ZoneInfo) -> str:
    """ "2 March 2026, 09:00 GMT" (dates alone: `bots.render.numbers.day`): one format for every time the bot shows, in the chat's zone."""
    if moment is None:
        return "never"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(zone)
    return f"{local.day} {local:%B %Y, %H:%M} {local.tzname()}"


def host_of(url: str | None) -> str:
    """The host of a URL, without user, password, port or query: what a chat may be shown."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host


_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"']+")


def without_secrets(text: str | None) -> str:
    """Every URL in `text` cut to its host (errors quote the URLs they failed on, and a
    source URL may carry user:password@ or ?api_key=)."""
    if not text:
        return ""
    return _URL.sub(lambda m: host_of(m.group(0)) or "[link]", text)


def page_address(url: str | None) -> str:
    """An entry's address as a chat may see it: scheme, host and path, without user,
    password, port or query (where secrets travel)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.hostname}{parts.path}"
