"""Find the figures a text states: read every number-like phrase, then keep it only if no
rule says it is something else (a date, a page, an age, an ordinal, a course length...).

Two stages, both pure:
1. `read_quantity` reads the number phrase at a token: its value (digits, words, word
   fractions, "three in ten", "19 out of the 52"), unit (%, per cent, money, a time
   unit, else a count with its noun), qualifier ("nearly", "more than") and span.
2. `REJECTIONS`, an ordered list of small rules, each returning why a quantity is not a
   figure, or None. A quantity no rule rejects is a figure.

Digits are figures unless a rule rejects them; numbers in words must earn it (a noun
they count, a unit, "of the", a ratio), because words like "one" and "a third" are far
more often not quantities.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from summariser import vocabulary as V
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
from summariser.text import Token, tokenize
from summariser.vocabulary import words_of


@dataclass(slots=True)
class Quantity:
    """One number phrase as read, before the rules judge it."""

    value: float
    kind: str  # digits | words | fraction | ratio | zero
    i: int  # first token of the number
    k: int  # token after the number (and after "out of Y" / "in ten")
    unit: str = "count"
    unit_end: int = 0  # token after the unit words (== k when none)
    end: int = 0  # token after the whole phrase (unit, counted noun, "per ..." rate)
    start: int = 0  # first token of the phrase (qualifier or currency sign)
    qualifier: str | None = None
    of: float | None = None
    noun: str | None = None  # head noun of a count ("vacancies")
    noun_plural: bool = False
    negative: bool = False
    currency_sign: bool = False
    hyphen_unit: bool = False  # "five-day", "12-week": an adjective, not a quantity
    plus: bool = False  # "20+", "2 or more"
    range_partner: Quantity | None = field(default=None, repr=False)
    range_first: bool = False
    average: bool = False


@dataclass(slots=True)
class Found:
    """A figure as extraction found it: the summariser adds measure and scope later."""

    value: float
    unit: str
    qualifier: str | None
    of: float | None
    text: str
    start: int
    end: int
    noun: str | None
    average: bool = False


@dataclass(slots=True)
class Rejected:
    text: str
    start: int
    reason: str


@dataclass(slots=True)
class Context:
    text: str
    tokens: list[Token]
    masked: set[int]


Rule = Callable[[Quantity, Context], str | None]

# ---------------------------------------------------------------------------- masks
# Spans whose digits are never figures, found on the raw text before reading numbers.
_MASKS: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
    # (what it is, substrings one of which must be present, the pattern)
    ("url", ("http", "www", ".co", ".org", ".net", ".uk", ".eu", ".io"),
     re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|co\.uk|gov\.uk|uk|eu|io)(?:/\S*)?\b", re.I)),
    ("email", ("@",), re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),
    ("postcode", ("",), re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")),
    ("phone", ("0",), re.compile(r"(?:\+44\s?(?:\(0\)\s?)?|(?<![\d.,])0)\d{2,4}[\s-]?\d{3,4}(?:[\s-]?\d{3,4})?\b")),
    ("time", (":", "am", "pm", "a.m", "p.m", "clock"),
     re.compile(r"\b\d{1,2}[:.]\d{2}\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}\s?o[’']clock", re.I)),
    ("file size", ("kb", "mb", "gb", "bytes"), re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:kb|mb|gb|bytes|kilobytes|megabytes)\b", re.I)),
    ("code", ("-", "/", "."), re.compile(r"\b\d+(?:-\d+){2,}\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d+/\d+\b")),
    ("sample size", ("=",), re.compile(r"\b[nN]\s?=\s?\d[\d,]*")),
]  # fmt: skip


def _masked_tokens(text: str, tokens: list[Token], a: int = 0, b: int | None = None) -> set[int]:
    starts = [t.start for t in tokens]
    out: set[int] = set()
    b = len(text) if b is None else b
    window = text[a:b].lower()
    for _name, hints, rx in _MASKS:
        if not any(h in window for h in hints):
            continue  # cheap test first: most windows hold no URL, e-mail or time
        for m in rx.finditer(text, a, b):
            k = bisect_left(starts, m.start())
            while k < len(tokens) and tokens[k].start < m.end():
                out.add(k)
                k += 1
    return out


# ---------------------------------------------------------------------------- reading
def _low(tokens: list[Token], j: int) -> str:
    return tokens[j].low if 0 <= j < len(tokens) else ""


def _skip_hyphen(tokens: list[Token], j: int) -> int:
    """Index after an in-word hyphen ("seven-out-of-ten"), else j."""
    if _low(tokens, j) in ("-", "‑") and tokens[j].glued:
        return j + 1
    return j


def _read_words(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """A cardinal in words starting at i ("twenty-five", "two-and-a-half", "a hundred")."""
    n = len(tokens)
    j = i
    value = 0.0
    current = 0.0
    last = ""  # unit | tens | scale
    if tokens[i].low in ("a", "an"):
        if _low(tokens, i + 1) in SCALES:
            current, last, j = 1.0, "unit", i + 1
        else:
            return None
    while j < n:
        w = tokens[j].low
        if w in UNITS and w not in ("none", "nil", "zero"):
            if last in ("unit",) or (last == "tens" and UNITS[w] >= 10):
                break
            if last == "scale" and current == 0 and value == 0:
                break
            current += UNITS[w]
            last = "unit"
        elif w in TENS:
            if last in ("unit", "tens"):
                break
            current += TENS[w]
            last = "tens"
        elif w in SCALES:
            if not last:
                break
            scale = SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                value += (current or 1) * scale
                current = 0
            last = "scale"
        else:
            break
        j += 1
        # connectors inside one number: "twenty-five", "hundred and five", "-and-a-half"
        h = _skip_hyphen(tokens, j)
        if _low(tokens, h) == "and":
            a = _skip_hyphen(tokens, h + 1)
            b = _skip_hyphen(tokens, a + 1)
            if _low(tokens, a) == "a" and _low(tokens, b) == "half":
                current += 0.5
                j = b + 1
                break
            if last == "scale" and _low(tokens, a) in NUMBER_WORDS:
                j = a
                continue
            break
        if h != j and _low(tokens, h) in NUMBER_WORDS and tokens[h].glued:
            j = h
    if not last:
        return None
    return value + current, j


def _read_number(tokens: list[Token], i: int) -> tuple[float, str, int] | None:
    """(value, kind, index after) of the plain number at i: digits or words."""
    t = tokens[i]
    if t.is_digits:
        value = parse_digits(t.text)
        if value is None:
            return None
        j = i + 1
        nxt = _low(tokens, j)
        if nxt in DIGIT_SCALE_SUFFIXES and tokens[j].glued and not _is_glued_word(tokens, j + 1):
            return value * DIGIT_SCALE_SUFFIXES[nxt], "digits", j + 1
        if nxt in ("million", "billion") or (nxt == "thousand" and value < 1000):
            return value * SCALES[nxt], "digits", j + 1
        return value, "digits", j
    read = _read_words(tokens, i)
    if read is None:
        return None
    return read[0], "words", read[1]


def _is_glued_word(tokens: list[Token], j: int) -> bool:
    return 0 <= j < len(tokens) and tokens[j].glued and tokens[j].is_word


def _read_fraction(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """ "two-thirds", "three quarters", "a third", "one-fifth", "half" -> (percent, after)."""
    w = tokens[i].low
    if w in DENOMINATORS and w in ("half",):
        return 50.0, i + 1
    if w in ("a", "an", "one") or (w in UNITS and 1 < UNITS[w] < 10):
        j = _skip_hyphen(tokens, i + 1)
        den = _low(tokens, j)
        if den in DENOMINATORS and den not in ("half", "halves") or (den == "half" and w != "one"):
            if w in UNITS and UNITS[w] > 1 and not den.endswith("s") and den != "half":
                return None  # "two third" is not English for a fraction
            value = fraction_percent(None if w in ("a", "an") else w, den)
            if value is not None:
                return value, j + 1
    return None


def _read_ratio_or_share(
    tokens: list[Token], q: Quantity
) -> None:
    """Extend q over "in ten" / "out of (the) 60" / "of the 52" that follow it."""
    j = q.k
    w = _low(tokens, j)
    if w == "in" and q.value >= 1:
        every = _low(tokens, j + 1) == "every"
        read = _number_at(tokens, j + 2 if every else j + 1)
        if read is not None:
            base, _kind, after = read
            is_base = every or base in (2, 3, 4, 5, 6, 8, 10, 20, 100, 1000)
            if is_base and q.value < base and _low(tokens, after) not in V.DURATION_UNITS:
                q.value = round(100.0 * q.value / base, 1)
                q.kind, q.unit, q.k = "ratio", "percent", after
                return
    j = _skip_hyphen(tokens, j)
    if _low(tokens, j) == "out" and _low(tokens, _skip_hyphen(tokens, j + 1)) == "of":
        j = _skip_hyphen(tokens, _skip_hyphen(tokens, j + 1) + 1)
        had_the = _low(tokens, j) == "the"
        every = _low(tokens, j) == "every"
        if had_the or every:
            j += 1
        read = _number_at(tokens, j)
        if read is not None and read[0] > 0 and q.value <= read[0]:
            base, _kind, after = read
            if every or (not had_the and base in (10, 100)):  # "seven out of ten": a rate
                q.value = round(100.0 * q.value / base, 1)
                q.kind, q.unit, q.k = "ratio", "percent", after
            else:
                q.of, q.k = base, after
            return
    if w == "of" and _low(tokens, j + 1) in ("the", "these", "those", "our", "all"):
        if q.value == 1 and q.kind == "words":
            return  # "every one of the 21 areas": the 21 is the figure
        read = _number_at(tokens, j + 2)
        if read is not None and read[0] > 0 and q.value <= read[0]:
            q.of, q.k = read[0], read[2]


def _of_the_before(tokens: list[Token], i: int, value: float) -> float | None:
    """ "Of the 84 recommendations we made, 39 had been implemented": 39 of 84."""
    if _low(tokens, i - 1) != ",":
        return None
    for k in range(i - 2, max(i - 16, 0), -1):
        w = tokens[k].low
        if w in (".", ";", ":"):
            return None
        if w == "the" and tokens[k - 1].text == "Of":
            read = _number_at(tokens, k + 1)
            if read is not None and read[0] > value:
                return read[0]
            return None
    return None


def _number_at(tokens: list[Token], j: int) -> tuple[float, str, int] | None:
    if j >= len(tokens):
        return None
    t = tokens[j]
    if not (t.is_digits or t.low in NUMBER_WORDS):
        return None
    read = _read_number(tokens, j)
    if read is None or read[0] <= 0:
        return None
    return read


def _noun_follows(tokens: list[Token], j: int) -> bool:
    t = tokens[j] if j < len(tokens) else None
    return bool(t and t.is_word and t.low not in V.NP_STOP)


def _read_unit(tokens: list[Token], q: Quantity) -> None:
    """Percent, currency or time unit right after the number; sets q.unit and q.unit_end."""
    j = q.k
    q.unit_end = j
    if q.unit == "percent":
        return
    w = _low(tokens, j)
    if w == "%":
        q.unit, q.unit_end = "percent", j + 1
        return
    if w == "per" and _low(tokens, _skip_hyphen(tokens, j + 1)) == "cent":
        q.unit, q.unit_end = "percent", _skip_hyphen(tokens, j + 1) + 1
        return
    if w in V.PERCENT_WORDS and w != "percentage":
        q.unit, q.unit_end = "percent", j + 1
        return
    if q.currency_sign or w in V.CURRENCY_WORDS:
        q.unit = "currency"
        q.unit_end = j + 1 if w in V.CURRENCY_WORDS else j
        return
    if w == "+" and tokens[j].glued:  # "20+ years"
        q.plus = True
        j += 1
        q.unit_end = j
    elif w == "or" and _low(tokens, j + 1) in ("more", "over", "above"):  # "2 or more years"
        q.plus = True
        j += 2
        q.unit_end = j
    h = _skip_hyphen(tokens, j)
    m = h
    while _low(tokens, m) in V.DURATION_MODIFIERS and m - h < 2:
        m += 1
    unit_word = _low(tokens, m)
    if unit_word in V.DURATION_UNITS and q.kind != "fraction":
        q.unit = V.DURATION_UNITS[unit_word]
        q.unit_end = m + 1
        # "five-day course", "12mth offenders": a length used as an adjective
        q.hyphen_unit = h != j or (m == j and tokens[m].glued)
        return


def _read_noun(tokens: list[Token], q: Quantity) -> None:
    """The noun a count counts ("615 probation officer vacancies") and a "per ..." rate."""
    j = q.unit_end
    end = j
    if q.unit == "count" and _low(tokens, j) == "of" and _low(tokens, j + 1) in _PARTITIVE_PRONOUNS:
        q.noun, q.noun_plural = tokens[j + 1].low, True  # "15 of them": counts what came before
        q.end = j + 2
        return
    if q.unit == "count" or q.unit == "currency":
        head: str | None = None
        plural = False
        words = 0
        m = j
        while m < len(tokens) and words < 7:
            t = tokens[m]
            if t.low in ("-", "‑", "–") and t.glued and words:
                # inside a compound ("full-time", "out-of-court"): take the next word too
                m += 1
                if m < len(tokens) and tokens[m].glued and tokens[m].is_word:
                    words += 1
                    m += 1
                continue
            if not t.is_word or t.low in V.NP_STOP:
                if t.low in ("and", "or") and words and _later_plural(tokens, m + 1):
                    m += 1
                    continue
                break
            if t.para or (t.newline and not _is_plural(t.text)):
                break  # a new paragraph, or a new line that does not end the phrase
            words += 1
            m += 1
            if _is_plural(t.text):
                head, plural = t.text, True
                end = m
                nxt = tokens[m] if m < len(tokens) else None
                if nxt is not None and not nxt.newline and _is_plural(nxt.text) and nxt.low not in V.IRREGULAR_PLURALS and nxt.low not in V.NP_STOP:
                    head = tokens[m].text  # "615 staff vacancies"
                    end = m + 1
                if t.low in V.PARTITIVE_NOUNS and _low(tokens, m) == "of" and _is_plural_or_mass(
                    _low(tokens, m + 1)
                ):
                    head = tokens[m + 1].text
                    end = m + 2
                break
            if head is None and words == 1:
                head = t.text
                end = m
        q.noun, q.noun_plural = head, plural
    if _low(tokens, end) == "per":
        m = end + 1
        words = 0
        while m < len(tokens) and words < 4:
            t = tokens[m]
            if t.low in ("-", "‑") and t.glued:
                m += 1
                continue
            if not t.is_word or (t.low in V.NP_STOP and words):
                break
            words += 1
            m += 1
        if words:
            end = m
    q.end = max(end, q.unit_end, q.k)


def _later_plural(tokens: list[Token], j: int) -> bool:
    """ "low and medium-risk cases": a plural noun within three words, before any stop."""
    for m in range(j, min(j + 5, len(tokens))):
        t = tokens[m]
        if t.low in ("-", "‑"):
            continue
        if not t.is_word or t.low in V.NP_STOP:
            return False
        if _is_plural(t.text):
            return True
    return False


def _is_plural(word: str) -> bool:
    """ "vacancies", "people", "PDUs": a plural noun (acronyms take a lower-case s)."""
    if _ACRONYM_PLURAL.match(word):
        return True
    w = word.lower()
    if w in V.IRREGULAR_PLURALS:
        return True
    return (
        len(w) > 3
        and w.endswith("s")
        and not w.endswith(("ss", "us", "is", "’s", "'s", "ous"))
        and w not in V.MONTHS
    )


_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")


def _is_plural_or_mass(w: str) -> bool:
    return _is_plural(w) or w in ("staff", "people")


def _read_qualifier(tokens: list[Token], q: Quantity) -> None:
    """Qualifier words right before the number, or "only" a few words before it."""
    i = q.start
    for size in range(V.QUALIFIER_MAX_WORDS, 0, -1):
        a = i - size
        if a < 0:
            continue
        key = tuple(t.low for t in tokens[a:i])
        if key in V.QUALIFIERS:
            if any(t.newline for t in tokens[a + 1 : i + 1]):
                continue
            q.qualifier = V.QUALIFIERS[key]
            q.start = a
            if key in (("an", "estimated"),):
                q.start = a
            break
    # "an average of 215 cases", "on average, about 100"
    a = q.start
    if _low(tokens, a - 1) == "of" and _low(tokens, a - 2) == "average":
        q.average = True
        q.start = a - 3 if _low(tokens, a - 3) in ("an", "the") else a - 2
    if q.qualifier is None:
        # "only developed in two-thirds of cases", "in only 37 per cent"
        for b in range(q.start - 1, max(q.start - 5, -1), -1):
            t = tokens[b]
            if not t.is_word or t.low in ("and", "but", "or"):
                break
            if t.low == "only":
                q.qualifier = "only"
                break
    # "115% +", "20+ years", "2 or more years"
    if q.qualifier is None and (q.plus or _low(tokens, q.unit_end) == "+"):
        q.qualifier = "more than" if not q.plus or _low(tokens, q.k) == "+" else "at least"


def read_quantity(tokens: list[Token], i: int) -> Quantity | None:
    """The number phrase starting at token i, or None when none starts there."""
    t = tokens[i]
    w = t.low
    q: Quantity | None = None
    if w == "not" and _low(tokens, i + 1) == "one" and _low(tokens, i + 2) == "of":
        q = Quantity(0.0, "zero", i, i + 2)
    elif w == "not" and _low(tokens, i + 1) == "a" and _low(tokens, i + 2) == "single":
        q = Quantity(0.0, "zero", i, i + 3)
    elif w in ("none", "no") and rating_follows(tokens, i + 1):
        q = Quantity(0.0, "zero", i, i + 1)
    else:
        frac = _read_fraction(tokens, i)
        if frac is not None:
            q = Quantity(frac[0], "fraction", i, frac[1], unit="percent")
        elif t.is_digits or w in NUMBER_WORDS or w in ("a", "an"):
            read = _read_number(tokens, i)
            if read is None:
                return None
            q = Quantity(read[0], read[1], i, read[2])
            _read_ratio_or_share(tokens, q)
    if q is None:
        return None
    if q.of is None and q.kind in ("digits", "words"):
        q.of = _of_the_before(tokens, i, q.value)
    q.start = q.i
    if _low(tokens, q.i - 1) in V.CURRENCY_SIGNS:
        q.currency_sign = True
        q.start = q.i - 1
    sign = q.start - 1
    if (
        _low(tokens, sign) in ("-", "–", "−")
        and tokens[q.start].glued
        and (sign == 0 or not tokens[sign].glued)
    ):
        q.negative = True
        q.start = sign
    _read_unit(tokens, q)
    if q.negative and q.unit in ("percent", "currency"):
        q.value = -q.value
    elif q.negative:
        q.start += 1
        q.negative = False
    if q.kind == "zero":  # "not one of the NPS divisions": the noun follows the determiner
        q.unit_end = q.k + 1
        if _low(tokens, q.unit_end) in ("the", "our", "its", "their", "these", "those"):
            q.unit_end += 1
    _read_noun(tokens, q)
    _read_qualifier(tokens, q)
    if q.unit == "count" and q.noun is None and q.of is None:
        _unit_from_label(tokens, q)
    return q


def _unit_from_label(tokens: list[Token], q: Quantity) -> None:
    """ "Unpaid work hours outstanding: just over 410,000": a value after a label that
    names its unit takes that unit."""
    k = q.start - 1
    if _low(tokens, k) != ":":
        return
    for j in range(k - 1, max(k - 9, -1), -1):
        w = tokens[j].low
        if w in V.DURATION_UNITS and w.endswith("s"):
            q.unit = V.DURATION_UNITS[w]
            return
        if w in ("percentage", "percent", "%", "rate"):
            return  # a rate label with a bare number is ambiguous; leave it a count
        if tokens[j].newline or w in (".", ";", ":"):
            return


def _link_range(tokens: list[Token], a: Quantity, b: Quantity) -> None:
    """ "between 3.8% and 6.2%", "11 to 20 members": the first shares the second's unit."""
    a.range_partner, b.range_partner = b, a
    a.range_first = True
    if a.unit == "count" and b.unit != "count" and a.kind != "fraction":
        a.unit = b.unit
        a.hyphen_unit = b.hyphen_unit
    if a.noun is None and b.noun is not None:
        a.noun, a.noun_plural = b.noun, b.noun_plural
    if a.qualifier is None and _low(tokens, a.start - 1) != "between" and b.qualifier:
        a.qualifier = b.qualifier


def _range_next(tokens: list[Token], q: Quantity) -> int | None:
    """Token index of the second number when q is the first of a range."""
    j = q.end if q.unit == "count" and q.noun is None else q.unit_end
    if q.unit != "count" and q.unit_end == q.k:
        j = q.k
    w = _low(tokens, j)
    if w in ("-", "–") and j < len(tokens) and not (tokens[j].glued or _low(tokens, j + 1) == "to"):
        return None  # a spaced dash is punctuation ("Mar 2014 - 80% of ..."), not a range
    if w in ("to", "and", "-", "–", "or") and (w in ("to", "-", "–") or _low(tokens, q.start - 1) == "between" or w == "or"):
        k = j + 1
        if w in ("-", "–") and _low(tokens, k) == "to":  # "12- to 25-week"
            k += 1
        if _low(tokens, k) in V.CURRENCY_SIGNS:
            k += 1
        if k < len(tokens) and (tokens[k].is_digits or tokens[k].low in NUMBER_WORDS):
            return k
    return None


_RATING_WORDS = frozenset({"outstanding", "good", "requires", "requiring", "require", "inadequate"})
_STREET_WORDS = words_of("street road lane avenue way place square terrace drive crescent row gardens walk close house")


def rating_follows(tokens: list[Token], j: int) -> bool:
    """ "(services) (were) (rated) 'Good'": a rating tally follows the number at j."""
    k = j
    for _ in range(2):  # the counted noun
        if k < len(tokens) and tokens[k].is_word and tokens[k].low not in _RATING_WORDS | {"was", "were", "rated"}:
            k += 1
    if _low(tokens, k) in ("was", "were", "is", "are", "had", "have", "been"):
        k += 1
    if _low(tokens, k) in ("rated", "judged", "graded", "assessed"):
        k += 1
        if _low(tokens, k) == "as":
            k += 1
    quoted = _low(tokens, k) in ("'", "‘", "’", '"', "“")
    if quoted:
        k += 1
    if k >= len(tokens) or tokens[k].low not in _RATING_WORDS:
        return False
    if tokens[k].low in ("requires", "requiring", "require") and _low(tokens, k + 1) != "improvement":
        return False
    return quoted or tokens[k].text[0].isupper()


def _ratio_denominator(tokens: list[Token], i: int) -> bool:
    """ "one supervisor to eight", "one officer for every 40": the number after is a ratio."""
    k = i - 1
    if _low(tokens, k) == "every" and _low(tokens, k - 1) == "for":
        k -= 2
    elif _low(tokens, k) in ("to", "per"):
        k -= 1
    else:
        return False
    for j in range(k, max(k - 3, -1), -1):  # the noun between "one" and "to"
        if _low(tokens, j) in ("one", "1"):
            return j < k or _low(tokens, k) in ("one", "1")
        if not tokens[j].is_word:
            return False
    return False


def _street_follows(tokens: list[Token], j: int) -> bool:
    """ "1 Bridge Street West": a house number."""
    for k in range(j, min(j + 4, len(tokens))):
        t = tokens[k]
        if not t.is_word or not t.text[0].isupper():
            return False
        if t.low in _STREET_WORDS:
            return True
    return False


# ---------------------------------------------------------------------------- rules
def masked(q: Quantity, c: Context) -> str | None:
    """URLs, e-mails, postcodes, phone numbers, times, file sizes, codes, dates in digits."""
    return "masked" if q.i in c.masked else None


def glued_to_letters(q: Quantity, c: Context) -> str | None:
    """ "TR2", "v3.0", "12mth", "1970s", "21st", "COVID-19": digits inside a name or an ordinal."""
    if q.kind != "digits":
        return None
    t = c.tokens
    before = t[q.i - 1] if q.i > 0 else None
    if before is not None and t[q.i].glued and (before.is_word or before.low in ("#", "@", "_")):
        return "part of a name"
    if (
        before is not None
        and t[q.i].glued
        and before.low in ("-", "‑")
        and q.i >= 2
        and t[q.i - 1].glued
        and t[q.i - 2].is_word
        and t[q.i - 2].text[0].isupper()
    ):
        return "part of a name"
    after = t[q.k] if q.k < len(t) else None
    if after is not None and after.glued and after.is_word:
        if after.low in DIGIT_SCALE_SUFFIXES or after.low in ("per", "percent", "pc"):
            return None
        if q.unit != "count" and q.unit_end > q.k:
            return None
        return "digits glued to letters"
    return None


def list_marker(q: Quantity, c: Context) -> str | None:
    """ "1. Seems even..." at the start of a line, a number alone on a line (page numbers),
    and numbered headings ("2.1 Assessment")."""
    t = c.tokens
    if q.kind != "digits":
        return None
    first_on_line = q.i == 0 or t[q.i].newline
    if not first_on_line:
        # "(1)" or "1)" opening a line
        if q.i >= 1 and t[q.i - 1].low == "(" and (q.i == 1 or t[q.i - 1].newline):
            return "list number"
        return None
    nxt = _low(t, q.i + 1)
    if nxt in (".", ")") and q.unit == "count" and q.value < 1000:
        return "list number"
    if nxt in ("comments", "comment", "responses", "response", "replies", "thoughts"):
        return "page furniture"
    if q.i + 1 >= len(t) or t[q.i + 1].newline:
        return "number alone on a line"
    if (
        "." in t[q.i].text
        and q.unit == "count"
        and q.i + 1 < len(t)
        and t[q.i + 1].text[:1].isupper()
    ):
        return "section number"
    return None


def identifier(q: Quantity, c: Context) -> str | None:
    """ "page 12", "section 3", "Tier 4", "Radio 4", "recommendation 3": a label, not a count."""
    t = c.tokens
    if q.currency_sign or q.kind not in ("digits", "words"):
        return None
    j = q.i - 1
    if _low(t, j) in (".",) and _low(t, j - 1) in ("no", "p", "pp", "para", "fig", "vol"):
        return "label number"
    if _low(t, q.k) in ("version", "edition") or _street_follows(t, q.k):
        return "label number"
    if _low(t, j) in ("call", "calls", "dial", "ring", "phone", "telephone", "tel", "text") or (
        _low(t, j) == "to" and _low(t, j - 1) in ("calls", "call", "dial", "ring", "text")
    ):
        return "phone number"
    if _low(t, j) in V.IDENTIFIER_WORDS and q.unit in ("count",):
        if q.kind == "words" and _low(t, j) not in ("domain", "standard", "tier", "level", "stage", "phase", "part", "chapter", "section"):
            return None
        if _low(t, j) in ("number", "no") and _low(t, j - 1) in ("the", "a", "an"):
            return None  # "the number 10" is rare; "a number" never reaches here
        return "label number"
    p = q.range_partner
    if p is not None and not q.range_first and _low(t, p.i - 1) in V.IDENTIFIER_WORDS:
        return "label number"
    return None


def date(q: Quantity, c: Context) -> str | None:
    """ "10 November 2015", "November 14", "03 December", "Tuesday 4 July"."""
    if q.kind != "digits" or q.unit != "count" and q.unit_end > q.k:
        return None
    t = c.tokens
    nxt = t[q.k] if q.k < len(t) else None
    prev = t[q.i - 1] if q.i > 0 else None
    if nxt is not None and _is_month(nxt):
        return "date"
    if nxt is not None and nxt.low == "of" and q.k + 1 < len(t) and _is_month(t[q.k + 1]):
        return "date"
    if prev is not None and (_is_month(prev) or prev.low in V.WEEKDAYS):
        return "date"
    return None


def _is_month(t: Token) -> bool:
    if t.low not in V.MONTHS:
        return False
    if t.low in ("may", "mar", "jan", "sept", "dec"):
        return t.text[0].isupper()
    return True


def year(q: Quantity, c: Context) -> str | None:
    """ "in 2014", "the 2014 reforms", "Act 2014", "2019/20": four digits in 1800-2099."""
    if q.kind != "digits" or q.unit not in ("count",) or q.of is not None:
        return None
    text = c.tokens[q.i].text
    if not (len(text) == 4 and text.isdigit() and 1800 <= q.value <= 2099):
        return None
    before = _low(c.tokens, q.i - 1)
    if q.noun_plural and before not in V.YEAR_PREPOSITIONS and q.qualifier is None:
        return None  # "2000 cases"
    if q.noun_plural and q.qualifier is not None:
        return None  # "over 2000 staff"
    return "year"


def age(q: Quantity, c: Context) -> str | None:
    """ "aged 25", "29-year-old", "25 years old", "Khan, 28, murdered", "18-25 year olds"."""
    t = c.tokens
    if q.kind not in ("digits", "words"):
        return None
    if _low(t, q.i - 1) in ("aged", "age", "ages"):
        return "age"
    if q.range_partner is not None and not q.range_first and _low(t, q.range_partner.i - 1) in ("aged", "age", "ages"):
        return "age"
    j = q.k
    j = _skip_hyphen(t, j)
    if _low(t, j) in ("year", "years", "yr") and _low(t, _skip_hyphen(t, j + 1)) in ("old", "olds"):
        return "age"
    if q.range_partner is not None and q.range_first:
        p = q.range_partner
        pj = _skip_hyphen(t, p.k)
        if _low(t, pj) in ("year", "years") and _low(t, _skip_hyphen(t, pj + 1)) in ("old", "olds"):
            return "age"
    if (
        q.kind == "digits"
        and 10 <= q.value <= 110
        and _low(t, q.i - 1) == ","
        and _low(t, q.k) == ","
        and q.i >= 2
        and t[q.i - 2].text[:1].isupper()
        and t[q.i - 2].is_word
    ):
        return "age"
    return None


def file_size(q: Quantity, c: Context) -> str | None:
    """ "(PDF, 334 kB)" even when the unit is split from the number."""
    if _low(c.tokens, q.k) in ("kb", "mb", "gb", "kilobytes", "megabytes", "bytes"):
        return "file size"
    return None


def fraction_needs_a_share(q: Quantity, c: Context) -> str | None:
    """ "half of the cases", "two-thirds (68 per cent)", "nearly half" are shares;
    "a third option", "a fifth company", "the first half of 2019", "half-day" are not."""
    if q.kind != "fraction":
        return None
    t = c.tokens
    before = _low(t, q.i - 1)
    if before in V.ORDINAL_BEFORE_FRACTION:
        return "period or ordinal"
    nxt = _low(t, q.k)
    if nxt in ("-", "‑") and t[q.k].glued:
        return "compound word"
    if nxt == "of":
        obj = q.k + 1
        if _low(t, obj) in ("the", "this", "that", "each", "every"):
            obj += 1
        o = _low(t, obj)
        if o in ("year", "month", "week", "day", "century", "decade", "term", "period", "quarter") or o in V.MONTHS:
            return "period"
        if obj < len(t) and t[obj].is_digits and len(t[obj].text) == 4:
            return "period"
        return None
    if nxt == "(" and q.k + 1 < len(t) and t[q.k + 1].is_digits:
        return None
    if t[q.i].low == "half" and nxt in ("the", "our", "their", "its", "his", "her", "this", "these", "those", "all"):
        if _low(t, q.k + 1) in ("time", "battle", "story", "problem", "fun", "way", "day", "year", "month", "week"):
            return "idiom or period"
        return None  # "half the team", "half their caseload"
    if nxt in ("an", "a", "the", "time", "way", "hour", "day", "term"):
        return "not a share"
    numerator = t[q.i].low
    if q.qualifier is not None and numerator not in ("a", "an"):
        return None  # "nearly half said", "more than two-thirds were"
    if q.qualifier is not None and (nxt in V.NP_STOP or nxt in (",", ";", ".")):
        return None  # "over a third have", "almost a quarter were"
    if numerator in UNITS and UNITS[numerator] > 1:
        nt = t[q.k] if q.k < len(t) else None
        if nt is not None and nt.is_word and nt.low not in V.NP_STOP and _is_plural(nt.text):
            return "modifier"
        return None  # "Two-thirds said"
    return "not a share"


def word_count_needs_a_noun(q: Quantity, c: Context) -> str | None:
    """Counts in words must count something: "four private sector firms", not "one",
    "three issues", "the two organisations", "two or three"."""
    if q.kind not in ("words",) or q.unit != "count" or q.of is not None:
        return None
    t = c.tokens
    if rating_follows(t, q.k):
        return None  # a tally: "seven 'Inadequate'", "one was rated 'Good'"
    if _ratio_denominator(t, q.i):
        return None  # "one supervisor to eight"
    if q.value < 2:
        return "one"
    if q.value != int(q.value):
        return "not a count"
    if not q.noun_plural or q.noun is None:
        if q.range_partner is not None and q.range_partner.noun_plural:
            return None
        return "no counted noun"
    if q.noun.lower() in V.DISCOURSE_NOUNS:
        return "counts words, not things"
    before = _low(t, q.i - 1)
    if before in ("the", "these", "those", "its", "their", "our", "his", "her", "both", "my", "your"):
        return "refers back"
    if _low(t, q.k) == "or" or before == "or":
        return "vague (one or two)"
    if t[q.k].glued and _low(t, q.k) in ("-", "‑"):
        return "compound word"
    return None


def not_one_of(q: Quantity, c: Context) -> str | None:
    """ "not one of the divisions" is a zero; "not one" alone is an emphasis."""
    if q.kind != "zero":
        return None
    if rating_follows(c.tokens, q.k):
        return None
    if _low(c.tokens, q.i + 1) == "one":
        j = q.k + 1
        if _low(c.tokens, j) in ("the", "our", "its", "their"):
            return None
        return "emphasis"
    return None if q.noun_plural else "emphasis"


def duration_is_a_measure(q: Quantity, c: Context) -> str | None:
    """Time taken or allowed ("within five working days", "up to six weeks") is a measure;
    course, sentence and career lengths, ages and time references are not."""
    if q.unit not in ("days", "weeks", "months", "hours", "years", "other") or q.kind == "ratio":
        return None
    t = c.tokens
    if q.hyphen_unit:
        return "length as an adjective (five-day course)"
    if q.range_partner is not None and q.range_partner.hyphen_unit:
        return "length as an adjective (five-day course)"
    before = _low(t, q.start - 1)
    if before in V.TIME_REFERENCE_WORDS or (before == "the" and q.qualifier is None and _low(t, q.start - 2) in ("for", "in", "over", "during")):
        return "time reference"
    if (
        before == "first"
        and _low(t, q.start - 2) in ("her", "his", "their", "my", "our", "your")
        and _low(t, q.start - 3) not in ("within", "in", "during")
    ):
        return "time reference"  # "her first 12 months as a trainee"
    after = q.unit_end
    a1 = _low(t, after)
    if a1 in ("’", "'") and after < len(t):
        after += 1
        a1 = _low(t, after)
    if a1 in ("ago", "later", "earlier", "old", "olds", "since", "before", "previously"):
        return "time reference"
    if a1 in ("experience", "service", "standing", "course", "programme", "training", "term", "contract", "sentence", "curfew", "order", "time", "qualified"):
        return "length of a course or career"
    if _low(t, q.unit_end) in ("’", "'") and _noun_follows(t, after) and a1 not in ("wait", "delay", "delays", "notice"):
        return "length of something (genitive)"
    if before == "in" and q.qualifier is None and (a1 in _PRONOUNS or a1 == ","):
        return "time reference"  # "in 3 weeks we will..."
    if a1 == "of" and (
        (after + 1 < len(t) and t[after + 1].is_digits and len(t[after + 1].text) == 4)
        or _low(t, after + 1) in ("the", "this", "that", "last", "each")
        and _low(t, after + 2) in ("year", "month", "financial", "inspection", "pandemic")
    ):
        return "period of a year"
    if q.unit == "years" or q.unit == "months":
        window = [x.low for x in t[max(q.start - 8, 0) : q.start] if not x.newline]
        career = any(w in V.LENGTH_OF_SERVICE_WORDS for w in window)
        waiting = any(w in _WAIT_WORDS for w in window)
        if career and not waiting and q.qualifier != "up to":
            return "length of a career or course"
    if q.unit == "years" and before in ("of",) and _low(t, q.start - 2) in ("term", "sentence", "period"):
        return "length of a sentence"
    return None


def vague_pair(q: Quantity, c: Context) -> str | None:
    """ "one or two", "2 or even 3 interviews": an approximation, not a count."""
    if q.kind not in ("words", "digits") or q.unit != "count" or q.of is not None:
        return None
    t = c.tokens
    nxt = q.k + 1
    if _low(t, q.k) == "or":
        if _low(t, nxt) == "even":
            nxt += 1
        if nxt < len(t) and (t[nxt].low in NUMBER_WORDS or (t[nxt].is_digits and q.value < 10)):
            return "vague"
    before = q.i - 1
    if _low(t, before) == "even":
        before -= 1
    if _low(t, before) == "or" and before > 0 and (t[before - 1].is_digits or t[before - 1].low in NUMBER_WORDS):
        return "vague"
    return None


REJECTIONS: list[Rule] = [
    masked,
    glued_to_letters,
    list_marker,
    identifier,
    date,
    year,
    age,
    file_size,
    not_one_of,
    fraction_needs_a_share,
    word_count_needs_a_noun,
    vague_pair,
    duration_is_a_measure,
]
"""Ordered: the first rule that objects names the reason (shown by `eval_figures -v`)."""


_STARTS = NUMBER_WORDS | {"half", "not", "none", "no"}
_AFTER_ARTICLE = frozenset(DENOMINATORS) | frozenset(SCALES)


def _starts_number(tokens: list[Token], i: int) -> bool:
    """Can a number phrase start at token i? (Cheap: most tokens are plain words.)"""
    t = tokens[i]
    c = t.text[0]
    if "0" <= c <= "9":
        return True
    w = t.low
    if w in _STARTS:
        return True
    if w in ("a", "an"):
        return _low(tokens, i + 1) in _AFTER_ARTICLE
    return False


def scan(text: str) -> tuple[list[Found], list[Rejected]]:
    """Every figure in `text` (and, for explanation, every number phrase rejected).

    Only windows around words that can start a number are tokenised: a long report is
    mostly prose, and this keeps extraction linear and fast.
    """
    found: list[Found] = []
    rejected: list[Rejected] = []
    for a, b in _windows(text):
        _scan_window(text, a, b, found, rejected)
    return found, rejected


_CANDIDATE = re.compile(
    r"\d|\b(?:"
    + "|".join(sorted(NUMBER_WORDS | set(DENOMINATORS), key=len, reverse=True))
    + r"|not (?:one|a single)|none|no(?=\W+(?:\w+\W+){0,4}['‘\"“]?(?:outstanding|good|requir|inadequate)))\b"
)  # matched against the lower-cased text
_BEFORE = 160  # characters of context kept before a number (qualifiers, labels, names)
_AFTER = 220  # and after it (units, counted nouns, ranges, "out of the 60")


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged spans around every possible number, starting at a line start or a space."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    low = text.lower()
    if len(low) != n:  # a few characters change length when lower-cased; keep offsets true
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for m in _CANDIDATE.finditer(low):
        p = m.start()
        if spans and p - _BEFORE <= spans[-1][1]:
            end = min(n, p + _AFTER)
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            continue
        a = max(0, p - _BEFORE)
        if a > 0:
            nl = text.find("\n", a, p)
            if nl >= 0:
                a = nl + 1
            else:
                sp = text.find(" ", a, p)
                a = sp + 1 if sp >= 0 else p
        spans.append((a, min(n, p + _AFTER)))
    out = []
    for a, b in spans:
        while b < n and not text[b].isspace():
            b += 1
        out.append((a, b))
    return out


def _scan_window(
    text: str, a: int, b: int, found: list[Found], rejected: list[Rejected]
) -> None:
    tokens = tokenize(text, a, b)
    ctx = Context(text, tokens, _masked_tokens(text, tokens, a, b))
    quantities: list[Quantity] = []
    i = 0
    n = len(tokens)
    while i < n:
        if not _starts_number(tokens, i):
            i += 1
            continue
        q = read_quantity(tokens, i)
        if q is None:
            i += 1
            continue
        if quantities and quantities[-1].range_partner is None:
            prev = quantities[-1]
            nxt = _range_next(tokens, prev)
            if nxt == q.i:
                _link_range(tokens, prev, q)
        quantities.append(q)
        i = max(q.k, i + 1)
    verdicts: dict[int, str | None] = {}
    for q in quantities:
        reason = None
        for rule in REJECTIONS:
            reason = rule(q, ctx)
            if reason:
                break
        verdicts[id(q)] = reason
    for q in quantities:
        reason = verdicts[id(q)]
        p = q.range_partner
        if reason is None and p is not None and verdicts.get(id(p)) in _CONTAGIOUS:
            reason = verdicts[id(p)]
        start = tokens[q.start].start
        end = tokens[max(q.end, q.k) - 1].end
        if found and start < found[-1].end or rejected and start < rejected[-1].start:
            continue  # already read in the previous window
        if reason:
            rejected.append(Rejected(text[start:end], start, reason))
            continue
        found.append(
            Found(
                value=round(q.value, 2),
                unit=q.unit,
                qualifier=q.qualifier,
                of=q.of,
                text=" ".join(text[start:end].split()),
                start=start,
                end=end,
                noun=q.noun,
                average=q.average,
            )
        )


_PARTITIVE_PRONOUNS = words_of("them us those these you")
_WAIT_WORDS = words_of("within waiting wait waited delay delays took taken")
_PRONOUNS = words_of("we they i you he she it there this that")

_CONTAGIOUS = frozenset(
    {"label number", "age", "date", "year", "length as an adjective (five-day course)", "masked"}
)


def extract(text: str) -> list[Found]:
    """The figures of one text, in order."""
    return scan(text)[0]
