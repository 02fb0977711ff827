"""Rules for shares and counts: a word fraction must be a share, a count in words must
count something, a count of "them" needs its group, "not one" needs a group, "one or two" is
vague."""

from __future__ import annotations

from summariser import vocabulary as V
from summariser.cardinals import read_fraction
from summariser.enrich import GROUP_PRONOUNS
from summariser.figure_context import Context, partner
from summariser.numbers import (
    NUMBER_WORDS,
    UNITS,
)
from summariser.quantity import (
    Quantity,
    is_plural,
    low_at,
    rating_before,
    rating_follows,
    ratio_denominator,
)
from summariser.text import Token
from summariser.vocabulary import words_of

_SHARE_VERBS = words_of("had have has were was are is should could would said told felt reported")


_CLAUSE_OPENERS = words_of("; , and but while whereas : – . ! ?")


def fraction_needs_a_share(q: Quantity, c: Context) -> str | None:
    """ "half of the cases", "two-thirds (68 per cent)", "nearly half" are shares;
    "a third option", "a fifth company", "the first half of 2019", "half-day" are not."""
    if q.kind != "fraction":
        return None
    t = c.tokens
    before = low_at(t, q.i - 1)
    if before in V.ORDINAL_BEFORE_FRACTION:
        return "period or ordinal"
    nxt = low_at(t, q.k)
    if nxt in ("-", "‑") and t[q.k].glued:
        return "compound word"
    if nxt == "of":
        return _period_of(t, q.k + 1)
    if nxt == "(" and q.k + 1 < len(t) and t[q.k + 1].is_digits:
        return None
    if t[q.i].low == "half" and nxt in ("the", "our", "their", "its", "his", "her", "this", "these", "those", "all"):
        if low_at(t, q.k + 1) in ("time", "battle", "story", "problem", "fun", "way", "day", "year", "month", "week"):
            return "idiom or period"
        return None  # "half the team", "half their caseload"
    if _fraction_range(t, q) or _changed_from(t, q):
        return None  # "between a quarter and a third of staff", "17 per cent, from a quarter"
    if nxt in ("an", "a", "the", "time", "way", "hour", "day", "term"):
        return "not a share"
    if nxt in _SHARE_VERBS and (q.start == 0 or t[q.start].newline or low_at(t, q.start - 1) in _CLAUSE_OPENERS):
        return None  # "; a third had been excluded", "and one-quarter were": a share of a group
    numerator = t[q.i].low
    if q.qualifier is not None and numerator not in ("a", "an"):
        return None  # "nearly half said", "more than two-thirds were"
    if q.qualifier is not None and (nxt in V.NP_STOP or nxt in (",", ";", ".")):
        return None  # "over a third have", "almost a quarter were"
    if numerator in UNITS and UNITS[numerator] > 1:
        nt = t[q.k] if q.k < len(t) else None
        if nt is not None and nt.is_word and nt.low not in V.NP_STOP and is_plural(nt.text):
            return "modifier"
        return None  # "Two-thirds said"
    return "not a share"


def _changed_from(t: list[Token], q: Quantity) -> bool:
    """A fraction a share changed from or to: "from" or "to" before it, and a change verb
    or a share in per cent just before that ("rose to a third", "17 per cent, from a
    quarter")."""
    if low_at(t, q.start - 1) not in ("from", "to"):
        return False
    k = q.start - 2
    if low_at(t, k) == ",":
        k -= 1
    return low_at(t, k) in _CHANGE_BEFORE or low_at(t, k) in ("cent", "%", "percent")


def _fraction_range(t: list[Token], q: Quantity) -> bool:
    """ "between a quarter and a third", "from a fifth to a quarter": the start of a range
    of word fractions."""
    if low_at(t, q.k) not in ("and", "to") or low_at(t, q.start - 1) not in ("between", "from"):
        return False
    return read_fraction(t, q.k + 1) is not None


def _period_of(t: list[Token], obj: int) -> str | None:
    """ "half of the year", "a quarter of 2019": a period, not a share of a group."""
    if low_at(t, obj) in ("the", "this", "that", "each", "every"):
        obj += 1
    o = low_at(t, obj)
    if o in ("year", "month", "week", "day", "century", "decade", "term", "period", "quarter") or o in V.MONTHS:
        return "period"
    if obj < len(t) and t[obj].is_digits and len(t[obj].text) == 4:
        return "period"
    return None


def word_count_needs_a_noun(q: Quantity, c: Context) -> str | None:
    """Counts in words must count something: "four private sector firms", not "one",
    "three issues", "the two organisations", "two or three"."""
    if q.kind not in ("words",) or q.unit != "count" or q.of is not None:
        return None
    t = c.tokens
    if rating_follows(t, q.k) or rating_before(t, q.i):
        return None  # a tally: "seven 'Inadequate'", "one was rated 'Good'", "Good in six"
    if ratio_denominator(t, q.i):
        return None  # "one supervisor to eight"
    if q.value < 2:
        return None if q.noun is not None and _next_in_list(q, c) else "one"
    if q.value != int(q.value):
        return "not a count"
    if _membership_total(t, q.i):
        return None  # "this PDU is one of four inspected": the four is the figure
    if not q.noun_plural or q.noun is None:
        p = partner(q, c)
        if p is not None and p.noun_plural:
            return None
        return None if _noun_elided(q, c) or _subject_of_outcome(q, c) else "no counted noun"
    if low_at(t, q.k) == "percentage":
        return None  # "two percentage points": a change in a share, not a count of points
    if q.noun.lower() in V.DISCOURSE_NOUNS and not (_rated_units(q, c) or _points_of_change(q, c) or _places(q, c)):
        return "counts words, not things"
    before = low_at(t, q.i - 1)
    if _points_back(before, q.noun.lower()):
        return "refers back"
    if low_at(t, q.k) == "or" or before == "or":
        return "vague (one or two)"
    if t[q.k].glued and low_at(t, q.k) in ("-", "‑"):
        return "compound word"
    return None


def _points_back(before: str, noun: str) -> bool:
    """ "the two organisations": things the text has named; but "these three reports",
    "our two inspections" count what was published or inspected, and "across the twelve
    regions", "of our nine standards" say how many there are."""
    if before in ("the", "these", "those", "our", "its", "their") and noun in V.OUTPUT_NOUNS:
        return False
    if before in ("the", "our", "its", "their") and noun in V.STRUCTURE_NOUNS:
        return False
    return before in ("the", "these", "those", "its", "their", "our", "his", "her", "both", "my", "your")


_CHANGE_BEFORE = words_of("""up down by rose fell risen fallen dropped climbed grew increased decreased improved
    declined gained lost jumped slipped""")
_CHANGE_NOUNS = words_of("rise fall drop increase decrease improvement change gain swing jump reduction")
_CHANGE_AFTER = words_of("higher lower up down above below more fewer less better worse")
_PERIODS = words_of("year years month months")


def _points_of_change(q: Quantity, c: Context) -> bool:
    """ "down eleven points on last year", "three points higher": a change in a share,
    in points, not points made in prose."""
    if q.noun is None or q.noun.lower() not in ("points", "point"):
        return False
    t = c.tokens
    if low_at(t, q.start - 1) == "of" and low_at(t, q.start - 2) in _CHANGE_NOUNS:
        return True  # "a rise of seven points"
    if low_at(t, q.end) == "since" or low_at(t, q.end) in ("in", "over") and low_at(t, q.end + 2) in _PERIODS:
        return True  # "seven points in four years", "five points since 2021"
    return low_at(t, q.start - 1) in _CHANGE_BEFORE or low_at(t, q.end) in _CHANGE_AFTER


_PLACE_MODIFIERS = words_of("""probation local authority council county district police court geographical
    geographic regional delivery unitary metropolitan rural urban coastal""")


def _places(q: Quantity, c: Context) -> bool:
    """ "five probation areas", "six local authority areas": areas on a map, not in an
    argument (the word just before the noun says which)."""
    if q.noun is None or q.noun.lower() not in ("areas", "area"):
        return False
    t = c.tokens
    k = next((j for j in range(q.k, min(q.end, len(t))) if t[j].low == q.noun.lower()), None)
    return k is not None and k > q.k and t[k - 1].low in _PLACE_MODIFIERS


def _next_in_list(q: Quantity, c: Context) -> bool:
    """ "three CRCs and one NPS division": a count that continues a list of counts."""
    t = c.tokens
    if low_at(t, q.i - 1) not in ("and", ",", "or"):
        return False
    return any(p.unit == "count" and p.noun is not None and p.end == q.i - 1 for p in c.quantities)


_ELIDED_AFTER = frozenset({"to", "for", "in", "from", "at", "by", "on", "with"})


def _noun_elided(q: Quantity, c: Context) -> bool:
    """ "five reports to the unit and three to the council": the second count of a pair
    leaves out the noun the first one names, in the same sentence."""
    t = c.tokens
    if low_at(t, q.i - 1) not in ("and", ",") or low_at(t, q.k) not in _ELIDED_AFTER:
        return False
    for p in c.quantities:
        if p.unit == "count" and p.noun_plural and p.end <= q.i - 1:
            between = {low_at(t, j) for j in range(p.end, q.i)}
            if not between & {".", ";", ":", "?", "!"} and q.i - p.end <= 12:
                return True
    return False


_PERFECT = frozenset({"had", "have", "has"})


def _subject_of_outcome(q: Quantity, c: Context) -> bool:
    """ "(12 people) ... and three had been recalled": a number that is the subject of
    "had been ..." after a count of people or cases nearby counts the same kind of thing."""
    t = c.tokens
    if low_at(t, q.k) not in _PERFECT or low_at(t, q.k + 1) != "been":
        return False
    return any(
        p.unit == "count" and p.noun_plural and p.end <= q.i and q.i - p.end <= 30 for p in c.quantities
    ) or any(p.of is not None and p.end <= q.i and q.i - p.end <= 30 for p in c.quantities)


def _membership_total(t: list[Token], i: int) -> bool:
    """ "is one of four", "as one of the six": the number after "one of" totals a group."""
    k = i - 1
    if low_at(t, k) in ("the", "our", "its", "their"):
        k -= 1
    return low_at(t, k) == "of" and low_at(t, k - 1) == "one" and (
        low_at(t, k - 2) in ("is", "was", "are", "were", "be", "being", "as", "every", "each")
    )


_RATED_CONTEXT = words_of(
    """rated rating ratings rate scored score scores scoring inspected inspectors inspection
    inspect focused focusing judged graded assessed standards domains possible"""
)


def _rated_units(q: Quantity, c: Context) -> bool:
    """ "we rated three areas", "scored just three points", "focused on six key areas": a
    count of the units an inspection rates or scores, not of points made in prose."""
    t = c.tokens
    lo, hi = max(q.start - 8, 0), min(q.end + 8, len(t))
    return any(t[j].low in _RATED_CONTEXT for j in range(lo, hi) if j < q.i or j >= q.k)




def refers_back(q: Quantity, c: Context) -> str | None:
    """ "Two of them are off sick", "three of those": a count of a group named elsewhere.
    It is a figure only as a share of a group counted before it (`enrich.groups_of` gives
    it its `of`), as a rating tally ("we rated 18 of them 'Inadequate'"), or as a count of
    ten or more in digits, which is a statistic in its own right."""
    if q.unit != "count" or q.noun is None or q.noun.lower() not in GROUP_PRONOUNS:
        return None
    if q.value == 1 and low_at(c.tokens, q.i - 1) in _COPULAS:
        return "membership"  # "West Down is one of them": which group it is in, not a count
    if q.of is not None or rating_follows(c.tokens, q.end) or (q.kind == "digits" and q.value >= 10):
        return None
    return "refers back to a group"


_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s", "as"})


def not_one_of(q: Quantity, c: Context) -> str | None:
    """ "not one of the divisions" is a zero; "not one" alone is an emphasis."""
    if q.kind != "zero":
        return None
    if q.of is not None:
        return None  # "none of the 12 areas"
    if rating_follows(c.tokens, q.k):
        return None
    if low_at(c.tokens, q.i + 1) == "one":
        j = q.k + 1
        if low_at(c.tokens, j) in ("the", "our", "its", "their"):
            return None
        return "emphasis"
    return None if q.noun_plural else "emphasis"


def _larger(text: str, value: float) -> bool:
    try:
        return float(text.replace(",", "")) > value
    except ValueError:
        return False


def vague_pair(q: Quantity, c: Context) -> str | None:
    """ "one or two", "2 or even 3 interviews": an approximation, not a count."""
    if q.kind not in ("words", "digits") or q.unit != "count" or q.of is not None:
        return None
    t = c.tokens
    nxt = q.k + 1
    if low_at(t, q.k) == "or":
        if low_at(t, nxt) == "even":
            nxt += 1
        if nxt < len(t) and (t[nxt].low in NUMBER_WORDS or (t[nxt].is_digits and (q.value < 10 or _larger(t[nxt].text, q.value)))):
            return "vague"  # "one or two", "2 or 3", "10 or 20 articles"
    before = q.i - 1
    if low_at(t, before) == "even":
        before -= 1
    if low_at(t, before) == "or" and before > 0 and (t[before - 1].is_digits or t[before - 1].low in NUMBER_WORDS):
        return "vague"
    return None
