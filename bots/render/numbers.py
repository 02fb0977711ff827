"""How figures read in a message: "35%", "1,204 cases", "£2.5m", "+5 points"."""

from __future__ import annotations

import math
from datetime import date

_UNIT_WORDS = {
    "days": "days",
    "weeks": "weeks",
    "months": "months",
    "hours": "hours",
    "years": "years",
}


def number(value: float) -> str:
    """1204 -> "1,204", 35.0 -> "35", 35.25 -> "35.3"; no float noise."""
    if not math.isfinite(value):
        return "?"
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.1f}"


def value_text(
    value: float, unit: str, *, of: float | None = None, qualifier: str | None = None
) -> str:
    if unit == "percent":
        out = f"{number(value)}%"
    elif unit == "currency":
        out = _money(value)
    elif unit in _UNIT_WORDS:
        out = f"{number(value)} {_UNIT_WORDS[unit]}"
    else:
        out = number(value)
    if of:
        share = 100.0 * value / of if of else 0.0
        out = f"{number(value)} of {number(of)} ({number(round(share, 1))}%)"
    if qualifier:
        out = f"{qualifier} {out}"
    return out


def _money(value: float) -> str:
    if abs(value) >= 1e9:
        return f"£{number(round(value / 1e9, 1))}bn"
    if abs(value) >= 1e6:
        return f"£{number(round(value / 1e6, 1))}m"
    return f"£{number(value)}"


def delta_text(delta: float, delta_unit: str) -> str:
    sign = "+" if delta > 0 else "−" if delta < 0 else "±"
    magnitude = number(abs(delta))
    if delta_unit == "points":
        return f"{sign}{magnitude} points"
    if delta_unit == "percent":
        return f"{sign}{magnitude}%"
    return f"{sign}{magnitude}"


def day(d: date | None) -> str:
    """14 January 2020; "undated" when the document gave no date."""
    return f"{d.day} {d:%B %Y}" if d else "undated"


def month(d: date | None) -> str:
    return f"{d:%B %Y}" if d else "an undated document"
