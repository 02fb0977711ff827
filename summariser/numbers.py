"""Numbers as reports write them: digits ("1,234.5", "40m"), words ("twenty-five",
"two-and-a-half"), word fractions ("two-thirds", "a quarter") and their values.

Only vocabulary and arithmetic live here; deciding whether a number is a *figure* is
the job of `figures.py`.
"""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "zero": 0, "nil": 0, "none": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {
    "hundred": 100,
    "dozen": 12,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
NUMBER_WORDS: frozenset[str] = frozenset(UNITS) - {"none", "nil", "zero"} | frozenset(
    TENS
) | frozenset(SCALES)
"""Words that start or continue a cardinal number ("none" and "nil" are handled apart)."""

# Denominators of word fractions and their share in percent of one part.
DENOMINATORS: dict[str, float] = {
    "half": 50.0, "halves": 50.0,
    "third": 100 / 3, "thirds": 100 / 3,
    "quarter": 25.0, "quarters": 25.0,
    "fourth": 25.0, "fourths": 25.0,
    "fifth": 20.0, "fifths": 20.0,
    "sixth": 100 / 6, "sixths": 100 / 6,
    "eighth": 12.5, "eighths": 12.5,
    "tenth": 10.0, "tenths": 10.0,
}  # fmt: skip

ORDINAL_WORDS: frozenset[str] = frozenset(
    {
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
        "ninth", "tenth", "eleventh", "twelfth", "last", "final", "next", "previous",
    }
)  # fmt: skip

DIGIT_SCALE_SUFFIXES: dict[str, int] = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
}

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


MAX_DIGITS = 15
"""A run of more digits than this is an identifier (an account, ISBN or reference number),
and beyond what a float holds exactly: never a quantity."""


def parse_digits(text: str) -> float | None:
    """ "1,234.5" -> 1234.5; None for anything that is not a plain decimal number."""
    if not _DIGITS.match(text):
        return None
    plain = text.replace(",", "")
    if len(plain.replace(".", "")) > MAX_DIGITS:
        return None
    return float(plain)


def words_value(words: list[str]) -> float | None:
    """Value of a cardinal written in words, e.g. ["one", "hundred", "and", "five"] -> 105.

    Handles "a hundred", "two-and-a-half" (given as ["two", "and", "a", "half"]) and
    "one and a half". Returns None when the words do not form one number.
    """
    total = 0.0
    current = 0.0
    seen = False
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        if w == "and":
            # "and a half" closes the number; "hundred and five" continues it.
            if words[i + 1 : i + 3] == ["a", "half"]:
                current += 0.5
                i += 3
                continue
            i += 1
            continue
        if w == "a" and i + 1 < n and words[i + 1] in SCALES:
            current = 1
            seen = True
            i += 1
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            scale = SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            return None
        seen = True
        i += 1
    return total + current if seen else None


def fraction_percent(numerator: str | None, denominator: str) -> float | None:
    """ "two", "thirds" -> 66.7; None, "half" -> 50. Rounded to one decimal."""
    part = DENOMINATORS.get(denominator)
    if part is None:
        return None
    count = 1.0 if numerator in (None, "a", "an", "one") else UNITS.get(numerator or "")
    if count is None or count <= 0:
        return None
    value = count * part
    if value > 100:
        return None
    return round(value, 1)


def format_value(value: float) -> str:
    """Short human form: 66.7, 31, 1,200, 2.5."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.1f}" if abs(value) >= 1 else f"{value:.2g}"
