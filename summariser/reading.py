"""Reading the number phrase at a token: its value (digits, words, word fractions,
"three in ten", "19 out of the 52"), its unit (%, per cent, money, a time unit, else a
count with its noun), its qualifier ("nearly", "more than") and its span.

Reading never judges; `figures.py` decides which phrases are figures.
"""

from __future__ import annotations

import re
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
from summariser.text import Token
from summariser.vocabulary import words_of

_PARTITIVE_PRONOUNS = words_of("them us those these you")


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



def low_at(tokens: list[Token], j: int) -> str:
    if j < 0:
        return ""
    try:
        return tokens[j].low
    except IndexError:
        return ""


def skip_hyphen(tokens: list[Token], j: int) -> int:
    """Index after an in-word hyphen ("seven-out-of-ten"), else j."""
    if low_at(tokens, j) in ("-", "‑") and tokens[j].glued:
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
        if low_at(tokens, i + 1) in SCALES:
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
        h = skip_hyphen(tokens, j)
        if low_at(tokens, h) == "and":
            a = skip_hyphen(tokens, h + 1)
            b = skip_hyphen(tokens, a + 1)
            if low_at(tokens, a) == "a" and low_at(tokens, b) == "half":
                current += 0.5
                j = b + 1
                break
            if last == "scale" and low_at(tokens, a) in NUMBER_WORDS:
                j = a
                continue
            break
        if h != j and low_at(tokens, h) in NUMBER_WORDS and tokens[h].glued:
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
        nxt = low_at(tokens, j)
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
        j = skip_hyphen(tokens, i + 1)
        den = low_at(tokens, j)
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
    w = low_at(tokens, j)
    hyphened = skip_hyphen(tokens, j)
    if low_at(tokens, hyphened) == "in" and hyphened != j and tokens[hyphened].glued:
        j, w = hyphened, "in"  # "one-in-five"
    if w == "in" and q.value >= 1:
        every = low_at(tokens, j + 1) == "every"
        read = _number_at(tokens, skip_hyphen(tokens, j + 2 if every else j + 1))
        if read is not None:
            base, _kind, after = read
            is_base = every or base in (2, 3, 4, 5, 6, 8, 10, 20, 100, 1000)
            if is_base and q.value < base and low_at(tokens, after) not in V.DURATION_UNITS:
                q.value = round(100.0 * q.value / base, 1)
                q.kind, q.unit, q.k = "ratio", "percent", after
                return
    j = skip_hyphen(tokens, j)
    if low_at(tokens, j) == "out" and low_at(tokens, skip_hyphen(tokens, j + 1)) == "of":
        j = _skip_total(tokens, skip_hyphen(tokens, skip_hyphen(tokens, j + 1) + 1))
        had_the = low_at(tokens, j) == "the"
        every = low_at(tokens, j) == "every"
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
    if w == "of" and (
        low_at(tokens, j + 1) in ("the", "these", "those", "our", "all", "its", "their")
        or (j + 1 < len(tokens) and not _year_at(tokens, j + 1))
    ):
        if q.value == 1 and q.kind == "words" and _membership(tokens, q.i):
            return  # "every one of the 21 areas", "this PDU is one of four": the total is the figure
        k = j + 2 if low_at(tokens, j + 1) in _OF_DETERMINERS else j + 1
        if low_at(tokens, k) in ("last", "first", "past", "previous", "latest", "next", "most", "recent"):
            k += 1  # "seven of the last eight inspections"
        read = _number_at(tokens, k)
        if read is not None and read[0] > 0 and q.value <= read[0]:
            q.of, q.k = read[0], read[2]


_OF_DETERMINERS = words_of("the these those our all its their")
_COPULAS = words_of("is was are were be being been as remains remained became 's ’s")


def _membership(tokens: list[Token], i: int) -> bool:
    """ "every one of", "each one of", "is one of", "as one of": the one is a member of the
    group the total counts, not a count of one."""
    return low_at(tokens, i - 1) in _COPULAS or low_at(tokens, i - 1) in ("every", "each")


def _year_at(tokens: list[Token], j: int) -> bool:
    t = tokens[j]
    return t.is_digits and len(t.text) == 4 and t.text.isdigit() and 1800 <= int(t.text) <= 2099


def _skip_total(tokens: list[Token], j: int) -> int:
    """After "out of": step over "a total of", "a possible", "a maximum of"."""
    if low_at(tokens, j) == "a" and low_at(tokens, j + 1) in ("total", "possible", "maximum"):
        j += 2
        if low_at(tokens, j) == "of":
            j += 1
    return j


def _of_the_before(tokens: list[Token], i: int, value: float) -> float | None:
    """ "Of the 84 recommendations we made, 39 had been implemented": 39 of 84."""
    if low_at(tokens, i - 1) != ",":
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


def noun_follows(tokens: list[Token], j: int) -> bool:
    t = tokens[j] if j < len(tokens) else None
    return bool(t and t.is_word and t.low not in V.NP_STOP)


def _read_unit(tokens: list[Token], q: Quantity) -> None:
    """Percent, currency or time unit right after the number; sets q.unit and q.unit_end."""
    j = q.k
    q.unit_end = j
    if q.unit == "percent":
        return
    w = low_at(tokens, j)
    if w == "%":
        q.unit, q.unit_end = "percent", j + 1
        return
    if w == "per" and low_at(tokens, skip_hyphen(tokens, j + 1)) == "cent":
        q.unit, q.unit_end = "percent", skip_hyphen(tokens, j + 1) + 1
        return
    if w in V.PERCENT_WORDS and w != "percentage":
        q.unit, q.unit_end = "percent", j + 1
        return
    if q.currency_sign or w in V.CURRENCY_WORDS or (w in ("pound", "euro", "dollar") and q.value >= 1000):
        q.unit = "currency"  # "£5m", "40 pounds", "a billion pound contract"
        q.unit_end = j if q.currency_sign and w not in V.CURRENCY_WORDS else j + 1
        return
    if w == "+" and tokens[j].glued:  # "20+ years"
        q.plus = True
        j += 1
        q.unit_end = j
    elif w == "or" and low_at(tokens, j + 1) in ("more", "over", "above"):  # "2 or more years"
        q.plus = True
        j += 2
        q.unit_end = j
    h = skip_hyphen(tokens, j)
    m = h
    while low_at(tokens, m) in V.DURATION_MODIFIERS and m - h < 4:
        m += 1
        if h != j:
            m = skip_hyphen(tokens, m)  # "40-working-day"
    unit_word = low_at(tokens, m)
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
    if q.unit == "count" and low_at(tokens, j) == "of" and low_at(tokens, j + 1) in _PARTITIVE_PRONOUNS:
        q.noun, q.noun_plural = tokens[j + 1].low, True  # "15 of them": counts what came before
        q.end = j + 2
        return
    if q.unit == "count" and low_at(tokens, j) == "of" and q.kind == "words":
        j = _partitive_head(tokens, j)  # "all four of our standards": counts the standards
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
            if t.para or (t.newline and (not is_plural(t.text) or tokens[q.i].wide)):
                break  # a new paragraph, a new line that does not end the phrase, a table row
            words += 1
            m += 1
            if is_plural(t.text) and t.low in V.IRREGULAR_PLURALS and _later_plural(tokens, m):
                continue  # "10 youth justice services", "3 police forces": a modifier
            if is_plural(t.text):
                head, plural = t.text, True
                end = m
                nxt = tokens[m] if m < len(tokens) else None
                if nxt is not None and not nxt.newline and is_plural(nxt.text) and nxt.low not in V.IRREGULAR_PLURALS and nxt.low not in V.NP_STOP:
                    head = tokens[m].text  # "615 staff vacancies"
                    end = m + 1
                if t.low in V.PARTITIVE_NOUNS and low_at(tokens, m) == "of" and _is_plural_or_mass(
                    low_at(tokens, m + 1)
                ):
                    head = tokens[m + 1].text
                    end = m + 2
                break
            if head is None and words == 1:
                head = t.text
                end = m
        q.noun, q.noun_plural = head, plural
    if low_at(tokens, end) == "per":
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


def _partitive_head(tokens: list[Token], j: int) -> int:
    """After "of the", "of our", "of the Inspectorate's": where the counted noun phrase starts
    (j itself when "of" does not open a partitive)."""
    k = j + 1
    if low_at(tokens, k) in ("the", "our", "its", "their", "these", "those"):
        k += 1
    t = tokens[k] if k < len(tokens) else None
    if t is not None and t.is_word and t.low.endswith(("'s", "’s")):
        k += 1
    return k if k > j + 1 else j


def _later_plural(tokens: list[Token], j: int) -> bool:
    """ "low and medium-risk cases": a plural noun within three words, before any stop."""
    for m in range(j, min(j + 5, len(tokens))):
        t = tokens[m]
        if t.low in ("-", "‑"):
            continue
        if not t.is_word or t.low in V.NP_STOP:
            return False
        if is_plural(t.text):
            return True
    return False


def is_plural(word: str) -> bool:
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
    return is_plural(w) or w in ("staff", "people")


_QUALIFIER_SIZES: dict[str, tuple[int, ...]] = {}
for _key in V.QUALIFIERS:
    _QUALIFIER_SIZES[_key[-1]] = tuple(sorted({*_QUALIFIER_SIZES.get(_key[-1], ()), len(_key)}, reverse=True))
"""Last word of a qualifier -> the lengths of the qualifiers ending with it, longest first."""


def _read_qualifier(tokens: list[Token], q: Quantity) -> None:
    """Qualifier words right before the number, or "only" a few words before it."""
    i = q.start
    for size in _QUALIFIER_SIZES.get(low_at(tokens, i - 1), ()):
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
    if low_at(tokens, a - 1) == "of" and low_at(tokens, a - 2) == "average":
        q.average = True
        q.start = a - 3 if low_at(tokens, a - 3) in ("an", "the") else a - 2
    if q.qualifier is None:
        # "only developed in two-thirds of cases", "in only 37 per cent"
        for b in range(q.start - 1, max(q.start - 5, -1), -1):
            t = tokens[b]
            if not t.is_word or t.low in ("and", "but", "or"):
                break
            if t.low == "only":
                q.qualifier = "only"
                break
    # "c150,000", "c.40": circa
    if q.qualifier is None and q.kind == "digits" and _circa_before(tokens, q.start):
        q.qualifier = "about"
        q.start -= 2 if tokens[q.start - 1].low == "." else 1
    # "115% +", "20+ years", "2 or more years"
    if q.qualifier is None and (q.plus or low_at(tokens, q.unit_end) == "+"):
        q.qualifier = "more than" if not q.plus or low_at(tokens, q.k) == "+" else "at least"


def _circa_before(tokens: list[Token], i: int) -> bool:
    """ "c150,000", "c. 40", "ca 300": an approximate number."""
    j = i - 1
    if low_at(tokens, j) == "." and tokens[j + 1].start - tokens[j].end <= 1:
        j -= 1
    if j < 0 or tokens[j].low not in ("c", "ca", "circa"):
        return False
    return j == 0 or not tokens[j].glued


def read_quantity(tokens: list[Token], i: int) -> Quantity | None:
    """The number phrase starting at token i, or None when none starts there."""
    t = tokens[i]
    w = t.low
    q: Quantity | None = None
    if w == "not" and low_at(tokens, i + 1) == "one" and low_at(tokens, i + 2) == "of":
        q = Quantity(0.0, "zero", i, i + 2)
    elif w == "not" and low_at(tokens, i + 1) == "a" and low_at(tokens, i + 2) == "single":
        q = Quantity(0.0, "zero", i, i + 3)
    elif w in ("none", "no") and rating_follows(tokens, i + 1):
        q = Quantity(0.0, "zero", i, i + 1)
    elif w in ("none", "zero"):
        q = _read_zero(tokens, i)
    else:
        frac = _read_fraction(tokens, i)
        scaled = _fraction_of_scale(tokens, frac[1], frac[0]) if frac is not None else None
        if scaled is not None:
            q = Quantity(scaled[0], "words", i, scaled[1])  # "a quarter of a million"
        elif frac is not None:
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
    if low_at(tokens, q.i - 1) in V.CURRENCY_SIGNS:
        q.currency_sign = True
        q.start = q.i - 1
    sign = q.start - 1
    if (
        low_at(tokens, sign) in ("-", "–", "−")
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
    if q.kind == "zero" and q.of is not None:
        q.unit_end = q.k  # "none of the 12 areas": the noun follows the total
    elif q.kind == "zero" and tokens[q.i].low == "zero":
        q.unit_end = q.k  # "zero services"
    elif q.kind == "zero":  # "not one of the NPS divisions": the noun follows the determiner
        q.unit_end = q.k + 1
        if low_at(tokens, q.unit_end) in ("the", "our", "its", "their", "these", "those"):
            q.unit_end += 1
    _read_noun(tokens, q)
    if q.unit == "count" and q.of is None and q.noun is not None and q.kind in ("digits", "words"):
        _share_after_noun(tokens, q)
    _read_qualifier(tokens, q)
    if q.unit == "count" and q.noun is None and q.of is None:
        _unit_from_label(tokens, q)
    return q


def _read_zero(tokens: list[Token], i: int) -> Quantity | None:
    """ "zero vacancies" (a count of nothing); "none of the 12 areas" (0 of 12)."""
    if tokens[i].low == "zero":
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or not nxt.is_word or nxt.low in V.NP_STOP or tokens[i].glued and tokens[i].is_word is False:
            return None
        return Quantity(0.0, "zero", i, i + 1)
    if low_at(tokens, i + 1) != "of":
        return None
    k = i + 2 + (low_at(tokens, i + 2) in _OF_DETERMINERS)
    read = _number_at(tokens, k)
    if read is None:
        return None
    return Quantity(0.0, "zero", i, read[2], of=read[0])


def _fraction_of_scale(tokens: list[Token], j: int, percent: float) -> tuple[float, int] | None:
    """ "a quarter of a million", "half a million", "three-quarters of a billion"."""
    if low_at(tokens, j) == "of":
        j += 1
    if low_at(tokens, j) in ("a", "an") and low_at(tokens, j + 1) in ("million", "billion", "thousand"):
        return percent / 100 * SCALES[tokens[j + 1].low], j + 2
    return None


def _share_after_noun(tokens: list[Token], q: Quantity) -> None:
    """ "9 vacancies out of 22 posts" (9 of 22), "two nights in every seven" (a rate)."""
    j = q.end
    w = low_at(tokens, j)
    if w == "out" and low_at(tokens, j + 1) == "of":
        k = _skip_total(tokens, j + 2)
        every = low_at(tokens, k) == "every"
        k += 1 if low_at(tokens, k) in ("the", "every") else 0
    elif w == "in" and low_at(tokens, j + 1) == "every":
        k, every = j + 2, True
    else:
        return
    read = _number_at(tokens, k)
    if read is None or read[0] <= q.value:
        return
    base, _kind, after = read
    if every:
        q.value = round(100.0 * q.value / base, 1)
        q.kind, q.unit = "ratio", "percent"
    else:
        q.of = base
        m = after
        while m < len(tokens) and tokens[m].is_word and tokens[m].low not in V.NP_STOP and m - after < 3:
            m += 1  # "22 PO posts"
        after = m
    q.k = q.end = q.unit_end = after


def _unit_from_label(tokens: list[Token], q: Quantity) -> None:
    """ "Unpaid work hours outstanding: just over 410,000": a value after a label that
    names its unit takes that unit; "Cases inspected: 186" counts what its label names."""
    k = q.start - 1
    if low_at(tokens, k) != ":":
        return
    counted: str | None = None
    for j in range(k - 1, max(k - 9, -1), -1):
        w = tokens[j].low
        if w in V.DURATION_UNITS and w.endswith("s"):
            q.unit = V.DURATION_UNITS[w]
            return
        if w in ("percentage", "percent", "%", "rate"):
            return  # a rate label with a bare number is ambiguous; leave it a count
        if tokens[j].is_word and w not in V.NP_STOP and is_plural(tokens[j].text):
            counted = tokens[j].text  # the leftmost plural noun of the label
        if tokens[j].newline or w in (".", ";", ":") or j == 0 or not tokens[j - 1].is_word:
            break
    if counted is not None:
        q.noun, q.noun_plural = counted, True


def _year_like(tokens: list[Token], q: Quantity) -> bool:
    text = tokens[q.i].text
    return q.kind == "digits" and len(text) == 4 and text.isdigit() and 1800 <= q.value <= 2099


def link_range(tokens: list[Token], a: Quantity, b: Quantity) -> None:
    """ "between 3.8% and 6.2%", "11 to 20 members": the first shares the second's unit."""
    if _year_like(tokens, a) and not _year_like(tokens, b):
        return  # "from 9.2 per cent in 2019 to 7.8 per cent": 2019 is no range start
    a.range_partner, b.range_partner = b, a
    a.range_first = True
    if a.unit == "count" and b.unit != "count" and a.kind != "fraction":
        a.unit = b.unit
        a.hyphen_unit = b.hyphen_unit
    if a.noun is None and b.noun is not None:
        a.noun, a.noun_plural = b.noun, b.noun_plural
    if a.qualifier is None and low_at(tokens, a.start - 1) != "between" and b.qualifier:
        a.qualifier = b.qualifier


def range_next(tokens: list[Token], q: Quantity) -> int | None:
    """Token index of the second number when q is the first of a range."""
    j = q.end if q.unit == "count" and q.noun is None else q.unit_end
    if q.unit != "count" and q.unit_end == q.k:
        j = q.k
    w = low_at(tokens, j)
    if w in ("-", "–") and j < len(tokens) and not (tokens[j].glued or low_at(tokens, j + 1) == "to"):
        return None  # a spaced dash is punctuation ("Mar 2014 - 80% of ..."), not a range
    if w in ("to", "and", "-", "–", "or") and (w in ("to", "-", "–") or low_at(tokens, q.start - 1) == "between" or w == "or"):
        k = j + 1
        if w in ("-", "–") and low_at(tokens, k) == "to":  # "12- to 25-week"
            k += 1
        if low_at(tokens, k) in V.CURRENCY_SIGNS:
            k += 1
        if k < len(tokens) and (tokens[k].is_digits or tokens[k].low in NUMBER_WORDS):
            return k
    return None


RATING_WORDS = frozenset({"outstanding", "good", "requires", "requiring", "require", "inadequate"})
_STREET_WORDS = words_of("street road lane avenue way place square terrace drive crescent row gardens walk close house")


def rating_follows(tokens: list[Token], j: int) -> bool:
    """ "(services) (were) (rated) 'Good'": a rating tally follows the number at j."""
    k = j
    for _ in range(2):  # the counted noun
        if k < len(tokens) and tokens[k].is_word and tokens[k].low not in RATING_WORDS | {"was", "were", "rated"}:
            k += 1
    if low_at(tokens, k) in ("was", "were", "is", "are", "had", "have", "been"):
        k += 1
    if low_at(tokens, k) in ("rated", "judged", "graded", "assessed"):
        k += 1
        if low_at(tokens, k) == "as":
            k += 1
    quoted = low_at(tokens, k) in ("'", "‘", "’", '"', "“")
    if quoted:
        k += 1
    if k >= len(tokens) or tokens[k].low not in RATING_WORDS:
        return False
    if tokens[k].low in ("requires", "requiring", "require") and low_at(tokens, k + 1) != "improvement":
        return False
    return quoted or tokens[k].text[0].isupper()


def ratio_denominator(tokens: list[Token], i: int) -> bool:
    """ "one supervisor to eight", "one officer for every 40": the number after is a ratio."""
    k = i - 1
    if low_at(tokens, k) == "every" and low_at(tokens, k - 1) == "for":
        k -= 2
    elif low_at(tokens, k) in ("to", "per"):
        k -= 1
    else:
        return False
    for j in range(k, max(k - 3, -1), -1):  # the noun between "one" and "to"
        if low_at(tokens, j) in ("one", "1"):
            return j < k or low_at(tokens, k) in ("one", "1")
        if not tokens[j].is_word:
            return False
    return False


def street_follows(tokens: list[Token], j: int) -> bool:
    """ "1 Bridge Street West": a house number."""
    for k in range(j, min(j + 4, len(tokens))):
        t = tokens[k]
        if not t.is_word or not t.text[0].isupper():
            return False
        if t.low in _STREET_WORDS:
            return True
    return False
