"""Durations as operators write them: "90s", "15m", "1h30m", "3d", "2w". In a config the unit
is required; `parse_duration` (for code and command-line options) also takes plain seconds."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")
_WORDS = re.compile(r"(?<=\d)(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)")


def parse_duration(value: str | int | float | timedelta) -> timedelta:
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool):
        raise ValueError("expected a duration such as '15m', got a boolean")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return timedelta(seconds=value)
    text = str(value).strip().lower().replace(" ", "").replace(",", "").replace("and", "")
    text = _WORDS.sub(lambda m: m.group(1)[0], text)
    if not text:
        raise ValueError("empty duration")
    if text.isdigit():
        return timedelta(seconds=int(text))
    pos, total = 0, 0.0
    for m in _PART.finditer(text):
        if m.start() != pos:
            break
        total += float(m.group(1)) * _UNITS[m.group(2)]
        pos = m.end()
    if pos != len(text) or pos == 0:
        raise ValueError(
            f"{value!r} is not a duration; write e.g. '90s', '15m', '1h30m', '3d' or '2w'"
        )
    return timedelta(seconds=total)


def parse_config_duration(value: str | int | float | timedelta) -> timedelta:
    """A duration from a config file: a bare number is refused, since `interval = 30` could
    mean seconds or minutes; the unit has to be written."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(
            f"a bare number ({value!r}) is ambiguous; write the unit, e.g. '{value}s' or '{value}m'"
        )
    if isinstance(value, str) and value.strip().replace(".", "", 1).isdigit():
        raise ValueError(
            f"a bare number ({value!r}) is ambiguous; write the unit, e.g. '{value.strip()}s' "
            f"or '{value.strip()}m'"
        )
    return parse_duration(value)


def format_duration(td: timedelta) -> str:
    """The inverse of parse_duration: "1h30m", "90s" -> "1m30s", "0.3s"."""
    total = td.total_seconds()
    whole = int(total)
    fraction = round(total - whole, 6)
    if whole == 0 and fraction == 0:
        return "0s"
    out = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        n, whole = divmod(whole, size)
        if n:
            out.append(f"{n}{unit}")
    if whole or fraction:
        out.append(f"{whole + fraction:g}s")
    return "".join(out)


Duration = Annotated[
    timedelta, BeforeValidator(parse_config_duration), PlainSerializer(format_duration, return_type=str)
]
