"""Reading the number phrase at a token: its value (digits, words, word fractions,
"three in ten", "19 out of the 52"), its unit (%, per cent, money, a time unit, else a
count with its noun), its qualifier ("nearly", "more than") and its span.

Reading never judges; the rules in `rules_*.py` decide which phrases are figures."""

from __future__ import annotations

from summariser import vocabulary as V
from summariser.cardinals import (
    fraction_of_scale,
    read_fraction,
    read_number,
)
from summariser.nouns import read_noun, unit_from_label
from summariser.numbers import (
    NUMBER_WORDS,
)
from summariser.quantity import (
    Draft,
    Quantity,
    low_at,
    rating_follows,
    skip_hyphen,
)
from summariser.ratios import (
    group_lead_before,
    of_the_before,
    read_ratio_or_share,
    read_zero,
    share_after_noun,
)
from summariser.text import Token


def _read_unit(tokens: list[Token], q: Draft) -> None:
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


_QUALIFIER_SIZES: dict[str, tuple[int, ...]] = {}
for _key in V.QUALIFIERS:
    _QUALIFIER_SIZES[_key[-1]] = tuple(sorted({*_QUALIFIER_SIZES.get(_key[-1], ()), len(_key)}, reverse=True))
"""Last word of a qualifier -> the lengths of the qualifiers ending with it, longest first."""


def _read_qualifier(tokens: list[Token], q: Draft) -> None:
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
    # "an average of 48 cases", "on average, about 100"
    a = q.start
    if low_at(tokens, a - 1) == "of" and low_at(tokens, a - 2) == "average":
        q.average = True
        q.start = a - 3 if low_at(tokens, a - 3) in ("an", "the") else a - 2
    if q.qualifier is None:
        # "only agreed in a third of cases", "in only 37 per cent"
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
    q = _read_value(tokens, i)
    if q is None:
        return None
    if q.of is None and q.kind in ("digits", "words", "zero"):
        q.of = of_the_before(tokens, i, q.value)  # "Of the nine units, not one ...": 0 of 9
    _read_sign(tokens, q)
    _read_unit(tokens, q)
    if q.negative and q.unit in ("percent", "currency"):
        q.value = -q.value
    elif q.negative:
        q.start += 1
        q.negative = False
    if q.kind == "zero":
        q.unit_end = _zero_noun_start(tokens, q)
    read_noun(tokens, q)
    if q.unit == "count" and q.of is None and q.noun is not None and q.kind in ("digits", "words"):
        share_after_noun(tokens, q)
    if q.unit == "count" and q.of is None and q.kind in ("digits", "words"):
        q.of = group_lead_before(tokens, i, q.value, q.noun if q.noun_plural else None)  # "24 held": a verb
    _read_qualifier(tokens, q)
    if q.unit == "count" and q.noun is None and q.of is None:
        unit_from_label(tokens, q)
    return q.freeze()


_COMPARATIVES = frozenset({"longer", "more", "less", "better", "worse", "further", "later", "sooner"})
"""After "no", a comparison ("no longer 'Good'"), not a count of none."""


_FINITE = frozenset({"was", "were", "is", "are", "had", "has", "have", "did", "does", "could", "would"})
"""A verb right after "not one": the zero is the subject of its clause."""


def _read_value(tokens: list[Token], i: int) -> Draft | None:
    """The value at i: a zero ("not one of", "none of the 12"), a fraction (of a scale),
    or a number with the ratio or share that follows it."""
    w = tokens[i].low
    if w == "not" and low_at(tokens, i + 1) == "one" and low_at(tokens, i + 2) == "of":
        total = read_zero(tokens, i + 1)  # "not one of the 12 plans": 0 of 12
        return Draft(0.0, "zero", i, total.k, of=total.of) if total is not None else Draft(0.0, "zero", i, i + 2)
    if w == "not" and low_at(tokens, i + 1) == "one" and low_at(tokens, i + 2) in _FINITE:
        total = of_the_before(tokens, i, 1.0)  # "Of the 12 plans, not one was sound": 0 of 12
        if total is not None:
            return Draft(0.0, "zero", i, i + 2, of=total)
    if w == "not" and low_at(tokens, i + 1) == "one" and rating_follows(tokens, i + 2):
        return Draft(0.0, "zero", i, i + 2)  # "not one was graded 'Good'"
    if w == "not" and low_at(tokens, i + 1) == "a" and low_at(tokens, i + 2) == "single":
        return Draft(0.0, "zero", i, i + 3)
    if w in ("none", "no") and low_at(tokens, i + 1) not in _COMPARATIVES and rating_follows(tokens, i + 1):
        return Draft(0.0, "zero", i, i + 1)
    if w in ("none", "zero"):
        return read_zero(tokens, i)
    frac = read_fraction(tokens, i)
    if frac is not None:
        scaled = fraction_of_scale(tokens, frac[1], frac[0])
        if scaled is not None:
            return Draft(scaled[0], "words", i, scaled[1])  # "a quarter of a million"
        return Draft(frac[0], "fraction", i, frac[1], unit="percent")
    if not (tokens[i].is_digits or w in NUMBER_WORDS or w in ("a", "an")):
        return None
    read = read_number(tokens, i)
    if read is None:
        return None
    q = Draft(read[0], read[1], i, read[2])
    read_ratio_or_share(tokens, q)
    return q


def _read_sign(tokens: list[Token], q: Draft) -> None:
    """A currency sign ("£5m") or a minus sign ("-30%") before the number."""
    q.start = q.i
    if low_at(tokens, q.i - 1) in V.CURRENCY_SIGNS:
        q.currency_sign = True
        q.start = q.i - 1
    sign = q.start - 1
    if low_at(tokens, sign) in ("-", "–", "−") and tokens[q.start].glued and (sign == 0 or not tokens[sign].glued):
        q.negative = True
        q.start = sign


def _zero_noun_start(tokens: list[Token], q: Draft) -> int:
    """Where the noun of a zero starts: after the total ("none of the 12 areas"), right
    after "zero", or after the determiner ("not one of the four teams")."""
    if q.of is not None or tokens[q.i].low == "zero":
        return q.k
    j = q.k + 1
    return j + 1 if low_at(tokens, j) in ("the", "our", "its", "their", "these", "those") else j


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
