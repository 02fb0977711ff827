"""A number phrase as read (`Quantity`, frozen) and the small token tests every
reading step and rule shares. `Draft` is the same record while a phrase is being read;
`read_quantity` hands out only the frozen value."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summariser import vocabulary as V
from summariser.text import Token
from summariser.vocabulary import words_of


@dataclass(frozen=True, slots=True)
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
    average: bool = False
    partner: int | None = None  # index, in the window's quantities, of the other end of a range
    range_first: bool = False


@dataclass(slots=True)
class Draft:
    """A `Quantity` while its phrase is being read (the reading steps fill it in turn)."""

    value: float
    kind: str
    i: int
    k: int
    unit: str = "count"
    unit_end: int = 0
    end: int = 0
    start: int = 0
    qualifier: str | None = None
    of: float | None = None
    noun: str | None = None
    noun_plural: bool = False
    negative: bool = False
    currency_sign: bool = False
    hyphen_unit: bool = False
    plus: bool = False
    average: bool = False

    def freeze(self) -> Quantity:
        return Quantity(
            self.value, self.kind, self.i, self.k, self.unit, self.unit_end, self.end, self.start,
            self.qualifier, self.of, self.noun, self.noun_plural, self.negative,
            self.currency_sign, self.hyphen_unit, self.plus, self.average,
        )  # positional, in field order (a test checks the two field lists agree)


OF_DETERMINERS = words_of("the these those our all its their")


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


def noun_follows(tokens: list[Token], j: int) -> bool:
    t = tokens[j] if j < len(tokens) else None
    return bool(t and t.is_word and t.low not in V.NP_STOP)


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


RATING_WORDS = frozenset({"outstanding", "good", "requires", "requiring", "require", "inadequate"})


_STREET_WORDS = words_of("street road lane avenue way place square terrace drive crescent row gardens walk close house")


_TALLY_WORDS = RATING_WORDS | {"was", "were", "rated", "came", "received", "got", "earned", "judged", "graded"}
"""Words that end the counted noun of a tally ("services were", "nine came out as")."""


def rating_follows(tokens: list[Token], j: int) -> bool:
    """ "(services) (were) (rated) 'Good'": a rating tally follows the number at j, perhaps
    past an aside naming what was rated ("one, court work, 'Outstanding'")."""
    if low_at(tokens, j) in ("require", "requires", "required") and low_at(tokens, j + 1) == "improvement":
        return True  # "Eleven required improvement": the grade as the count's own verb
    k = _past_counted(tokens, j)
    if low_at(tokens, k) in ("was", "were", "is", "are", "had", "have", "been"):
        k += 1
    graded = low_at(tokens, k) in ("rated", "graded", "judged")  # "were rated outstanding"
    k, told = _past_rating_verb(tokens, k)
    if told and low_at(tokens, k) in ("require", "requires", "required") and low_at(tokens, k + 1) == "improvement":
        return True  # told it, the rating needs no capital
    quoted = low_at(tokens, k) in ("'", "‘", "’", '"', "“")
    if quoted:
        k += 1
    listed = in_rated_list(tokens, j)
    if listed and _needs_improvement(tokens, k):
        return True  # "...: seven in need of improvement"
    if k >= len(tokens) or tokens[k].low not in RATING_WORDS:
        return False
    if tokens[k].low in ("requires", "requiring", "require") and low_at(tokens, k + 1) != "improvement":
        return False
    return quoted or tokens[k].text[0].isupper() or listed or told or graded or _graded_before(tokens, j)


def in_rated_list(tokens: list[Token], j: int) -> bool:
    """The token at j stands in a list of grades after the verb that gave them ("we graded
    all 20 units: three were outstanding, ..."), where a lower-case grade is a rating."""
    for k in range(j - 1, max(j - 30, -1), -1):
        if tokens[k].low in (".", ";", "?", "!"):
            return False
        if tokens[k].low == ":":
            return any(low_at(tokens, m) in ("rated", "graded", "judged") for m in range(max(k - 10, 0), k))
    return False


def _graded_before(tokens: list[Token], j: int) -> bool:
    """Earlier in the sentence a rating verb gave a lower-case grade ("four were rated
    outstanding, twelve good"): the list goes on in grades."""
    for k in range(j - 1, max(j - 40, 0), -1):
        if tokens[k].low in (".", "?", "!") or tokens[k].para:
            return False
        if tokens[k].low in ("rated", "graded", "judged") and low_at(tokens, k + 1 + (low_at(tokens, k + 1) == "as")) in RATING_WORDS:
            return True
    return False


def _needs_improvement(tokens: list[Token], k: int) -> bool:
    if low_at(tokens, k) == "in" and low_at(tokens, k + 1) == "need":
        k += 2 if low_at(tokens, k + 2) == "of" else 1
    return low_at(tokens, k) in ("need", "needs", "needed", "needing", "of") and low_at(tokens, k + 1) == "improvement"


def rating_before(tokens: list[Token], i: int) -> bool:
    """ "Good in six", "Inadequate - two", "'Outstanding': one": a tally whose rating comes
    first, capitalised or quoted, then "in", a dash or a colon, then the number at i."""
    k = i - 1
    if low_at(tokens, k) not in ("in", "-", "–", ":"):
        return False
    k -= 1
    if low_at(tokens, k) in ("'", "’", '"', "”"):
        k -= 1
    if k < 0:
        return False
    word = tokens[k]
    if word.low == "improvement":
        return low_at(tokens, k - 1) in ("requires", "require", "requiring") and tokens[k - 1].text[0].isupper()
    return word.low in RATING_WORDS and word.text[0].isupper()


def _past_counted(tokens: list[Token], j: int) -> int:
    """Past the counted noun after the number ("services", "PDUs"), or past an aside set
    off by commas ("one, court work, ...")."""
    k = j
    if low_at(tokens, k) == ",":
        close = next((m for m in range(k + 2, min(k + 6, len(tokens))) if tokens[m].low == ","), None)
        if close is not None and all(tokens[m].is_word for m in range(k + 1, close)):
            return close + 1
    for _ in range(2):
        if k < len(tokens) and tokens[k].is_word and tokens[k].low not in _TALLY_WORDS:
            k += 1
    return k


_RATING_VERBS = frozenset({"rated", "judged", "graded", "assessed", "received", "got", "earned", "given", "awarded"})


def _past_rating_verb(tokens: list[Token], k: int) -> tuple[int, bool]:
    """(where the rating stands after the verb at k, whether the verb makes a lower-case
    "require improvement" a rating: "were told they ...", "were found to ...")."""
    w, nxt = low_at(tokens, k), low_at(tokens, k + 1)
    if w in ("came", "come", "comes") and nxt == "out":
        return k + 2 + (low_at(tokens, k + 2) == "as"), False  # "nine came out as 'Good'"
    if w == "told" and nxt in ("they", "it", "that"):
        return k + (3 if low_at(tokens, k + 2) in ("they", "it") else 2), True  # "told (that) they require improvement"
    if w in ("found", "judged", "assessed") and nxt == "to":
        return k + 2, True
    if w in _RATING_VERBS:
        return k + 1 + (nxt in ("as", "a", "an")), False
    return k, False


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
