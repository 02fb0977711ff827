"""Rules: dates, years and ages, which are never figures."""

from __future__ import annotations

from summariser import vocabulary as V
from summariser.figure_context import Context, partner
from summariser.numbers import (
    NUMBER_WORDS,
)
from summariser.quantity import (
    Quantity,
    low_at,
    skip_hyphen,
)
from summariser.text import Token
from summariser.vocabulary import words_of


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


_YEAR_NOUNS = words_of(
    """figures data statistics stats report reports inspection inspections reforms changes
    results accounts returns budget budgets targets levels rates cohort review reviews act
    strategy plan plans survey guidance standards framework contract contracts"""
)


def year(q: Quantity, c: Context) -> str | None:
    """ "in 2014", "the 2014 reforms", "Act 2014", "2019/20": four digits in 1800-2099."""
    if q.kind != "digits" or q.unit not in ("count",) or q.of is not None:
        return None
    text = c.tokens[q.i].text
    if not (len(text) == 4 and text.isdigit() and 1800 <= q.value <= 2099):
        return None
    before = low_at(c.tokens, q.i - 1)
    if q.noun and q.noun.lower() in _YEAR_NOUNS:
        return "year"  # "the 2024 figures", "2019 reforms"
    if q.noun_plural and before not in V.YEAR_PREPOSITIONS and q.qualifier is None:
        return None  # "2000 cases"
    if q.noun_plural and q.qualifier is not None:
        return None  # "over 2000 staff"
    return "year"


_REACHING = frozenset({"turning", "turn", "turns", "turned", "reaching", "reach", "reaches", "reached"})


def _age_reached(q: Quantity, c: Context) -> bool:
    """ "turning 18", "once they reach 18", "at the age of 21": a birthday, no count."""
    t = c.tokens
    before = low_at(t, q.i - 1)
    of_age = before == "of" and low_at(t, q.i - 2) == "age"
    return q.unit == "count" and not q.noun_plural and 10 <= q.value <= 30 and (before in _REACHING or of_age)


def _after_age_words(t: list, i: int) -> bool:
    """ "older teenagers, between 15 and 17", "at the younger end, 10 to 14", "the 18 to 25
    age group" reads band-first: the numbers name ages when an age word stands just before."""
    k = i - 1
    while k >= 0 and low_at(t, k) in (",", "between", "from", "(", "-", "–", "aged"):
        k -= 1
    word = low_at(t, k)
    return word == "teenagers" or (word == "end" and low_at(t, k - 1) in ("older", "younger")) or (
        word in ("band", "group", "bracket") and low_at(t, k - 1) == "age"
    )


def age(q: Quantity, c: Context) -> str | None:
    """ "aged 25", "29-year-old", "25 years old", "Khan, 28, murdered", "18-25 year olds"."""
    t = c.tokens
    if q.kind not in ("digits", "words") or q.unit in ("percent", "currency"):
        return None  # "aged 10 to 14 and 30% were girls": a share is no age
    if low_at(t, q.i - 1) in ("aged", "age", "ages") or (
        low_at(t, q.i - 2) in ("aged", "age", "ages")
        and low_at(t, q.i - 1) in ("between", "from", "under", "over")
    ):
        return "age"
    if _age_reached(q, c):
        return "age"
    p = partner(q, c)
    if _after_age_words(t, (p.i if p is not None and not q.range_first else q.i)) and 10 <= q.value <= 25:
        return "age"
    if p is not None and not q.range_first and low_at(t, p.i - 1) in ("aged", "age", "ages"):
        return "age"
    k = q.i - 1
    while low_at(t, k) in (",", "and", "or", "to") and k >= 1 and (t[k - 1].is_digits or t[k - 1].low in NUMBER_WORDS):
        k -= 2  # "aged 15, 16 and 17": every number of the list is an age
        if low_at(t, k) in ("aged", "age", "ages"):
            return "age"
    j = q.k
    j = skip_hyphen(t, j)
    if low_at(t, j) in ("year", "years", "yr") and low_at(t, skip_hyphen(t, j + 1)) in ("old", "olds"):
        return "age"
    if p is not None and q.range_first:
        pj = skip_hyphen(t, p.k)
        if low_at(t, pj) in ("year", "years") and low_at(t, skip_hyphen(t, pj + 1)) in ("old", "olds"):
            return "age"
    if (
        q.kind == "digits"
        and 10 <= q.value <= 110
        and low_at(t, q.i - 1) == ","
        and low_at(t, q.k) == ","
        and q.i >= 2
        and t[q.i - 2].text[:1].isupper()
        and t[q.i - 2].is_word
    ):
        return "age"
    return None
