"""What follows or precedes a number and makes it a share: "in ten", "out of (a total of)
60", "of the 52", "of four", "Of the 84 ..., 39", "9 vacancies out of 22 posts", and the zeros
("none of the 12")."""

from __future__ import annotations

from summariser import vocabulary as V
from summariser.cardinals import number_at, read_number
from summariser.numbers import NUMBER_WORDS
from summariser.quantity import (
    OF_DETERMINERS,
    Draft,
    is_plural,
    low_at,
    skip_hyphen,
)
from summariser.text import Token
from summariser.vocabulary import words_of


def read_ratio_or_share(
    tokens: list[Token], q: Draft
) -> None:
    """Extend q over "in ten" / "out of (the) 60" / "of the 52" that follow it."""
    j = q.k
    w = low_at(tokens, j)
    hyphened = skip_hyphen(tokens, j)
    if low_at(tokens, hyphened) == "in" and hyphened != j and tokens[hyphened].glued:
        j, w = hyphened, "in"  # "one-in-five"
    # "2.3 In 23 of the cases": a paragraph number, then a new sentence; a rate's first
    # number is whole and its "in" is lower case
    if w == "in" and q.value >= 1 and q.value == int(q.value) and tokens[j].text != "In":
        every = low_at(tokens, j + 1) == "every"
        read = _base_after_in(tokens, j, every)
        if read is not None:
            base, _kind, after = read
            if (every or _rate_base(base)) and q.value < base and low_at(tokens, after) not in V.DURATION_UNITS:
                q.value = rate(q.value, base)
                q.kind, q.unit, q.k = "ratio", "percent", after
                return
    if w == "/" and tokens[j].glued and j + 1 < len(tokens) and tokens[j + 1].glued and tokens[j + 1].is_digits:
        read = number_at(tokens, j + 1)  # "24/36": a score out of its maximum (codes and dates are masked)
        if read is not None and q.value <= read[0]:
            q.of, q.k = read[0], read[2]
            return
    j = skip_hyphen(tokens, j)
    if low_at(tokens, j) == "out" and low_at(tokens, skip_hyphen(tokens, j + 1)) == "of":
        j = _skip_total(tokens, skip_hyphen(tokens, skip_hyphen(tokens, j + 1) + 1))
        had_the = low_at(tokens, j) == "the"
        every = low_at(tokens, j) == "every"
        if had_the or every:
            j += 1
        read = number_at(tokens, j)
        if read is not None and read[0] > 0 and q.value <= read[0]:
            base, _kind, after = read
            if every or (not had_the and base in (10, 100)):  # "seven out of ten": a rate
                q.value = rate(q.value, base)
                q.kind, q.unit, q.k = "ratio", "percent", after
            else:
                q.of, q.k = base, after
            return
    if w == "of" and tokens[j].text != "Of" and (  # "2.7  Of the 27 ...": a new sentence, as with "In"
        low_at(tokens, j + 1) in ("the", "these", "those", "our", "all", "its", "their")
        or (j + 1 < len(tokens) and not _year_at(tokens, j + 1))
    ):
        if q.value == 1 and q.kind == "words" and _membership(tokens, q.i):
            return  # "every one of the 21 areas", "this PDU is one of four": the total is the figure
        read = number_at(tokens, _total_at(tokens, j))
        if read is not None and read[0] > 0 and q.value <= read[0]:
            q.of, q.k = read[0], read[2]


def _total_at(tokens: list[Token], j: int) -> int:
    """Where the total of "of (the) N" starts, past "the last", "the unit's"."""
    k = j + 2 if low_at(tokens, j + 1) in OF_DETERMINERS else j + 1
    if low_at(tokens, k) in ("last", "first", "past", "previous", "latest", "next", "most", "recent"):
        return k + 1  # "seven of the last eight inspections"
    if k > j + 1 and low_at(tokens, k).endswith(("'s", "’s")):
        return k + 1  # "17 of the unit's 44 cases"
    return k


_COPULAS = words_of("is was are were be being been as remains remained became 's ’s")


_BARE_SCALES = {"hundred": 100.0, "thousand": 1000.0}


def _base_after_in(tokens: list[Token], j: int, every: bool) -> tuple[float, str, int] | None:
    """The base of "in ten", "in every 400", "in every thousand"."""
    read = number_at(tokens, skip_hyphen(tokens, j + 2 if every else j + 1))
    if read is None and every and low_at(tokens, j + 2) in _BARE_SCALES:
        return _BARE_SCALES[tokens[j + 2].low], "words", j + 3
    return read


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


def of_the_before(tokens: list[Token], i: int, value: float) -> float | None:
    """ "Of the 84 recommendations we made, 39 had been implemented": 39 of 84 (the group
    lead-in read by `group_lead_before`, right before a comma)."""
    return group_lead_before(tokens, i, value, None) if low_at(tokens, i - 1) == "," else None


_GROUP_LEADS = frozenset({"of", "among", "amongst", "from"})
_ITEM_STARTS = frozenset({",", "and", "(", "but", "while", "whereas", "in"})
_CLAUSE_ENDS = frozenset({".", ";", ":", "?", "!"})


def group_lead_before(tokens: list[Token], i: int, value: float, noun: str | None) -> float | None:
    """ "Among the 25 people we met, nine said ...", "Of the 30 children, a half had been
    excluded (15 children), and four ...", "From a sample of 40 cases, 22 held ...": every
    count of the sentence past the lead-in that names the group (a count of nothing else, or
    of the group's own noun) counts a part of it. The count must open a list item (after a
    comma, "and", a bracket)."""
    if low_at(tokens, i - 1) not in _ITEM_STARTS:
        return None
    comma_seen = False
    for k in range(i - 1, max(i - 41, -1), -1):
        t = tokens[k]
        if t.low in _CLAUSE_ENDS or (t.para and k < i - 1):
            return None
        comma_seen = comma_seen or t.low == ","
        if _opens_a_lead(tokens, k):
            read = number_at(tokens, k + 1)
            if read is None or read[0] <= value or not comma_seen:
                return None
            return read[0] if noun is None or noun.lower() == low_at(tokens, read[2]) else None
    return None


_GROUP_WORDS = frozenset({"sample", "total", "group", "cohort"})


def _opens_a_lead(tokens: list[Token], k: int) -> bool:
    """A lead-in naming a group ends at token k ("Of the", "From a sample of", "Among
    our", a bare "From" before its number), and opens its sentence (its first word
    capitalised) or a clause joined to it ("..., and of the 30 officers, 19 said")."""
    if tokens[k].low in ("the", "our", "its", "their") and low_at(tokens, k - 1) in _GROUP_LEADS:
        first = k - 1
    elif tokens[k].low == "of" and low_at(tokens, k - 1) in _GROUP_WORDS and low_at(tokens, k - 2) in ("a", "the", "our", "its"):
        first = k - 3 if low_at(tokens, k - 3) in _GROUP_LEADS else -1
    elif tokens[k].low in _GROUP_LEADS and number_at(tokens, k + 1) is not None:
        first = k  # "From 60 files, ...", "Of 45 officers, ..."
    else:
        return False
    return first >= 0 and (tokens[first].text[:1].isupper() or low_at(tokens, first - 1) in _CLAUSE_JOINS)


_CLAUSE_JOINS = frozenset({"and", "but", ";", "while", "whereas"})


def rate(value: float, base: float) -> float:
    """ "one in 400" is 0.25 per cent: kept to two places, so a small rate is not lost."""
    return round(100.0 * value / base, 2)


def _rate_base(base: float) -> bool:
    """A number "one in N" can be a rate of: a whole number from 2 to 1,000 (above that,
    "one in 2019" is a year)."""
    return base == int(base) and 2 <= base <= 1000


def _bare(tokens: list[Token], k: int) -> bool:
    """No counted noun follows the base at k ("four cases out of five", "one child in four
    was ..."): the base is the size of a proportion, not a second count."""
    t = tokens[k] if k < len(tokens) else None
    return t is None or not t.is_word or t.low in V.NP_STOP or t.low == "of" or not is_plural(t.text)


def _number_follows(tokens: list[Token], k: int) -> bool:
    return k < len(tokens) and (tokens[k].is_digits or tokens[k].low in NUMBER_WORDS or _a_scale(tokens, k))


def _a_scale(tokens: list[Token], k: int) -> bool:
    """ "a hundred", "a thousand": a base in words."""
    return low_at(tokens, k) in ("a", "one") and low_at(tokens, k + 1) in ("hundred", "thousand")


def _of_a_noun(tokens: list[Token], j: int) -> bool:
    t = tokens[j + 1] if j + 1 < len(tokens) else None
    return t is not None and t.is_word and t.low not in V.NP_STOP and t.low not in NUMBER_WORDS


def share_after_noun(tokens: list[Token], q: Draft) -> None:
    """ "9 vacancies out of 22 posts" (9 of 22), "9 cases of the 22"; "two nights in every seven", "one child in
    four", "four cases out of five" (rates: the base counts nothing of its own)."""
    j = q.end
    while j - q.end < 3 and j < len(tokens) and tokens[j].is_word and tokens[j].low not in NUMBER_WORDS:
        if low_at(tokens, j) == "of" and _of_a_noun(tokens, j) and low_at(tokens, j + 2) in ("in", "out"):
            j += 2  # "one member of staff in eight": the noun's own "of"
            break
        if tokens[j].low in V.NP_STOP | {"in", "out"}:
            break
        j += 1  # the rest of the noun phrase ("one probation officer post in four"), never another number
    w = low_at(tokens, j)
    bare_rate = False
    if w == "out" and low_at(tokens, j + 1) == "of":
        k = _skip_total(tokens, j + 2)
        every = low_at(tokens, k) == "every"
        bare_rate = low_at(tokens, k) not in ("the", "every")
        k += 1 if low_at(tokens, k) in ("the", "every") else 0
    elif w == "in" and low_at(tokens, j + 1) == "every":
        k, every = j + 2, True
    elif w == "in" and _number_follows(tokens, j + 1):
        k, every, bare_rate = j + 1, False, True
    elif w == "of" and j - q.end <= 1 and low_at(tokens, j + 1) in ("the", "those", "these") and (
        _number_follows(tokens, j + 2) and not _year_at(tokens, j + 2)
    ):
        k, every = j + 2, False  # "22 cases of the 54": 22 of 54
    else:
        return
    of_the = w == "of"
    read = read_number(tokens, k) if _a_scale(tokens, k) else number_at(tokens, k)
    if read is None or read[0] <= q.value:
        return
    base, _kind, after = read
    if w == "in" and not every and not (_rate_base(base) and _bare(tokens, after)):
        return  # "two people in 2019", "one PDU in three regions": no rate
    if low_at(tokens, after) in V.DURATION_UNITS:
        return
    if every or w == "in" or (bare_rate and base in (2, 3, 4, 5, 10, 100, 1000) and _bare(tokens, after)):
        q.value = rate(q.value, base)
        q.kind, q.unit = "ratio", "percent"
    else:
        q.of = base
        m = after
        while not of_the and m < len(tokens) and tokens[m].is_word and tokens[m].low not in V.NP_STOP and m - after < 3:
            m += 1  # "22 PO posts"
        after = m
    q.k = q.end = q.unit_end = after


def read_zero(tokens: list[Token], i: int) -> Draft | None:
    """ "zero vacancies" (a count of nothing); "none of the 12 areas" (0 of 12)."""
    if tokens[i].low == "zero":
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or not nxt.is_word or nxt.low in V.NP_STOP or tokens[i].glued and tokens[i].is_word is False:
            return None
        return Draft(0.0, "zero", i, i + 1)
    if low_at(tokens, i + 1) != "of":
        return None
    k = i + 2 + (low_at(tokens, i + 2) in OF_DETERMINERS)
    read = number_at(tokens, k)
    if read is None:
        return None
    return Draft(0.0, "zero", i, read[2], of=read[0])
