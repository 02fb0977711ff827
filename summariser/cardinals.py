"""Cardinals at a token: digits ("1,234", "40m"), words ("twenty-five", "a hundred"),
word fractions ("two-thirds") and fractions of a scale ("a quarter of a million")."""

from __future__ import annotations

from summariser.numbers import (
    DENOMINATORS,
    DIGIT_SCALE_SUFFIXES,
    NUMBER_WORDS,
    SCALES,
    TENS,
    UNITS,
    fraction_percent,
    parse_digits,
)
from summariser.quantity import (
    low_at,
    skip_hyphen,
)
from summariser.text import Token


def read_words(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """A cardinal in words starting at i ("twenty-five", "two-and-a-half", "a hundred")."""
    n = len(tokens)
    j = i
    value = 0.0
    current = 0.0
    last = ""  # unit | tens | scale
    if tokens[i].low in ("a", "an"):
        if low_at(tokens, i + 1) in SCALES:
            current, last, j = 1.0, "unit", i + 1
        else:
            return None
    while j < n:
        step = _step(tokens[j].low, value, current, last)
        if step is None:
            break
        value, current, last = step
        j, half, more = _connect(tokens, j + 1, last)
        current += half
        if not more:
            break
    if not last:
        return None
    return value + current, j


def _step(w: str, value: float, current: float, last: str) -> tuple[float, float, str] | None:
    """The number so far (value, current group, kind of the last word) after one more word,
    or None when the word cannot continue it ("five four", "twenty twelve")."""
    if w in UNITS and w not in ("none", "nil", "zero"):
        if last == "unit" or (last == "tens" and UNITS[w] >= 10) or (last == "scale" and current == 0 and value == 0):
            return None
        return value, current + UNITS[w], "unit"
    if w in TENS:
        return None if last in ("unit", "tens") else (value, current + TENS[w], "tens")
    if w in SCALES and last:
        if SCALES[w] == 100:
            return value, (current or 1) * 100, "scale"
        return value + (current or 1) * SCALES[w], 0.0, "scale"
    return None


def _connect(tokens: list[Token], j: int, last: str) -> tuple[int, float, bool]:
    """Connectors inside one number after the word before j ("twenty-five", "hundred and
    five", "-and-a-half"): (where to read on, 0.5 for "and a half", whether it goes on)."""
    h = skip_hyphen(tokens, j)
    if low_at(tokens, h) == "and":
        a = skip_hyphen(tokens, h + 1)
        b = skip_hyphen(tokens, a + 1)
        if low_at(tokens, a) == "a" and low_at(tokens, b) == "half":
            return b + 1, 0.5, False
        if last == "scale" and low_at(tokens, a) in NUMBER_WORDS:
            return a, 0.0, True
        return j, 0.0, False
    if h != j and low_at(tokens, h) in NUMBER_WORDS and tokens[h].glued:
        return h, 0.0, True
    return j, 0.0, True


def read_number(tokens: list[Token], i: int) -> tuple[float, str, int] | None:
    """(value, kind, index after) of the plain number at i: digits or words."""
    t = tokens[i]
    if t.is_digits:
        value = parse_digits(t.text)
        if value is None:
            return None
        j = i + 1
        nxt = low_at(tokens, j)
        if nxt in DIGIT_SCALE_SUFFIXES and tokens[j].glued and not _is_glued_word(tokens, j + 1):
            return value * DIGIT_SCALE_SUFFIXES[nxt], "digits", j + 1
        if nxt in ("million", "billion") or (nxt == "thousand" and value < 1000):
            return value * SCALES[nxt], "digits", j + 1
        return value, "digits", j
    read = read_words(tokens, i)
    if read is None:
        return None
    return read[0], "words", read[1]


def _is_glued_word(tokens: list[Token], j: int) -> bool:
    return 0 <= j < len(tokens) and tokens[j].glued and tokens[j].is_word


def read_fraction(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """ "two-thirds", "three quarters", "a third", "one-fifth", "half" -> (percent, after)."""
    w = tokens[i].low
    if w in DENOMINATORS and w in ("half",):
        return 50.0, i + 1
    if w in ("a", "an", "one") or (w in UNITS and 1 < UNITS[w] < 10):
        j = skip_hyphen(tokens, i + 1)
        den = low_at(tokens, j)
        if den in DENOMINATORS and den not in ("half", "halves") or (den == "half" and w != "one"):
            if w in UNITS and UNITS[w] > 1 and not den.endswith("s") and den != "half":
                return None  # "two third" is not English for a fraction
            value = fraction_percent(None if w in ("a", "an") else w, den)
            if value is not None:
                return value, j + 1
    return None


def fraction_of_scale(tokens: list[Token], j: int, percent: float) -> tuple[float, int] | None:
    """ "a quarter of a million", "half a million", "half a dozen", "half of one per cent"."""
    if low_at(tokens, j) == "of":
        j += 1
    if low_at(tokens, j) in ("a", "an") and low_at(tokens, j + 1) in ("million", "billion", "thousand", "dozen"):
        return percent / 100 * SCALES[tokens[j + 1].low], j + 2
    if low_at(tokens, j) in ("a", "one", "1") and low_at(tokens, j + 1) in ("per", "percent", "%"):
        return percent / 100, j + 1  # "half of one per cent": the unit after it is read as usual
    return None


def number_at(tokens: list[Token], j: int) -> tuple[float, str, int] | None:
    if j >= len(tokens):
        return None
    t = tokens[j]
    if not (t.is_digits or t.low in NUMBER_WORDS):
        return None
    read = read_number(tokens, j)
    if read is None or read[0] <= 0:
        return None
    return read
