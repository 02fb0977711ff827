"""Facets of a figure besides its measure: the population it is about, the body and its
level, and the kind of statistic. Comparisons read them (`policy.py`): a youth service's
share never meets an adult one, a sample size or a change is never a level.

The vocabulary lives in `data/facets.toml`; this module only reads words around a figure.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

Population = Literal["adult", "youth", "staff", "services", "other"]
Level = Literal["pdu", "region", "division", "crc", "national", "other"]
Stat = Literal["level", "change", "target", "threshold", "sample", "tally"]

_WORD = re.compile(r"[a-z0-9’']+")


class _Lexicon(BaseModel):
    """The schema of data/facets.toml: every list of words named and non-empty."""

    model_config = ConfigDict(extra="forbid")

    qualifiers: dict[str, dict[str, Any]] = {}
    population: dict[Literal["youth", "staff", "services", "adult", "youth_document"], list[str]]
    stat: dict[
        Literal["change_after", "change_before", "target_before", "target_after", "sample_before", "sample_after",
                "coverage_before"],
        list[str],
    ]

    @field_validator("population", "stat")
    @classmethod
    def _non_empty(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, words in v.items():
            if not words or any(not w.strip() for w in words):
                raise ValueError(f"{name}: empty list or empty word")
        return v


@dataclass(frozen=True, slots=True)
class Facets:
    population: Population
    counted: Population | None  # the group the figure's own words say it counts, if any
    counted_words: tuple[str, ...]  # the words after the figure's number ("of our standards")
    youth_context: bool  # the document is about youth justice
    level: Level
    body: str | None  # a slug below national ("essex_north"); None at national level
    stat: Stat


class _Phrases:
    """Phrases as word tuples, indexed by first word; `*` at a word's end matches any
    ending (indexed by its first three letters)."""

    def __init__(self, phrases: list[str]) -> None:
        self.items = [tuple(p.lower().replace("’", "'").split()) for p in phrases]
        self._exact: dict[str, list[tuple[str, ...]]] = {}
        self._prefix: dict[str, list[tuple[str, ...]]] = {}
        self._by_last: dict[str, list[tuple[str, ...]]] = {}
        self._wild_last: list[tuple[str, ...]] = []
        for p in self.items:
            if p[0].endswith("*"):
                self._prefix.setdefault(p[0][:3], []).append(p)
            else:
                self._exact.setdefault(p[0], []).append(p)
            if p[-1].endswith("*"):
                self._wild_last.append(p)
            else:
                self._by_last.setdefault(p[-1], []).append(p)

    @staticmethod
    def _word_ok(pattern: str, word: str) -> bool:
        return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern

    def at(self, words: list[str], i: int) -> bool:
        """A phrase starts at words[i]."""
        if i >= len(words):
            return False
        w = words[i]
        for p in (*self._exact.get(w, ()), *self._prefix.get(w[:3], ())):
            if i + len(p) <= len(words) and all(self._word_ok(a, b) for a, b in zip(p, words[i:], strict=False)):
                return True
        return False

    def ends_at(self, words: list[str], j: int) -> bool:
        """A phrase ends just before words[j] (phrases indexed by their last word)."""
        if j <= 0:
            return False
        last = words[j - 1]
        for p in (*self._by_last.get(last, ()), *self._wild_last):
            n = len(p)
            if j - n >= 0 and all(self._word_ok(a, b) for a, b in zip(p, words[j - n : j], strict=True)):
                return True
        return False

    def anywhere(self, words: list[str]) -> bool:
        exact, prefix = self._exact, self._prefix  # a first word no phrase starts with is skipped cheaply
        return any((w in exact or w[:3] in prefix) and self.at(words, i) for i, w in enumerate(words))


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, _Phrases]:
    raw = tomllib.loads(resources.files("summariser").joinpath("data/facets.toml").read_text("utf-8"))
    lex = _Lexicon.model_validate(raw)
    out = {f"pop.{k}": _Phrases(v) for k, v in lex.population.items()}
    out.update({f"stat.{k}": _Phrases(v) for k, v in lex.stat.items()})
    return out


@dataclass(frozen=True, slots=True)
class Qualifier:
    name: str
    measures: frozenset[str]
    labels: dict[str, str]
    values: tuple[tuple[str, _Phrases], ...]
    title: bool  # the document's title may give it too (a thematic report on one group)
    required: bool = False  # the measure means nothing without a value ("aged ..." needs its band)


@lru_cache(maxsize=1)
def qualifiers() -> tuple[Qualifier, ...]:
    """The qualifier tables of data/facets.toml (partner, grade)."""
    raw = tomllib.loads(resources.files("summariser").joinpath("data/facets.toml").read_text("utf-8"))
    out = []
    for name, table in _Lexicon.model_validate(raw).qualifiers.items():
        labels = dict(table.get("labels", {}))
        values = tuple((v, _Phrases(table[v])) for v in labels)
        out.append(Qualifier(name, frozenset(table["measures"]), labels, values, bool(table.get("title")),
                             bool(table.get("required"))))  # fmt: skip
    return tuple(out)


def qualifier_of(key: str, sentence: str, title: str = "") -> str | None:
    """The qualifier value the sentence (or, where its table says so, the title) gives a
    measure key, if a table covers the key."""
    base = key.removesuffix("_not")
    for q in qualifiers():
        if base in q.measures:
            ws = words(f"{sentence} {title}" if q.title else sentence)
            bare = [w.removesuffix("'s") for w in ws]  # "the police's records" names the police
            for value, phrases in q.values:
                if phrases.anywhere(ws) or phrases.anywhere(bare):
                    return value
    return None


def qualifier_required(key: str) -> bool:
    """The measure takes a qualifier or no figure at all (an age share needs its band)."""
    base = key.removesuffix("_not")
    return any(q.required and base in q.measures for q in qualifiers())


def qualifier_label(value: str) -> str | None:
    for q in qualifiers():
        if value in q.labels:
            return q.labels[value]
    return None


@lru_cache(maxsize=64)
def _span_words(text: str, a: int, b: int) -> list[str]:
    """The words of a sentence, read once for all the figures it holds (a memo of a pure
    reading; callers never change the list)."""
    return words(text[a:b])


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def counted_population(after: list[str], document_youth: bool) -> Population | None:
    """The group the figure counts, when the words right after it name one ("40 per cent
    of the staff", "12 children", "three of the regions")."""
    lex = _lexicon()
    head = after[:5]
    while head and (head[0] in ("per", "cent", "of", "the", "our", "these", "those", "all", "their", "its")
                    or head[0].replace(",", "").isdigit() or head[0] in _NUMBER_WORDS):
        head = head[1:]
    if len(head) > 1 and lex["pop.services"].at(head, 0):
        for name in ("staff", "youth", "adult"):  # a body naming whose they are: "CRC cases", "PDU staff"
            if lex[f"pop.{name}"].at(head, 1):
                return _adult_or_youth(name, document_youth)  # type: ignore[return-value]
    for name in ("staff", "services", "youth", "adult"):
        if head and lex[f"pop.{name}"].at(head, 0):
            return _adult_or_youth(name, document_youth)  # type: ignore[return-value]
    return None


def population_of(
    after: list[str], clause: list[str], document_youth: bool, counted: Population | None = None
) -> Population:
    """The counted group first, then the clause's words, then the document's own subject."""
    counted = counted or counted_population(after, document_youth)
    if counted is not None:
        return counted
    if document_youth:
        return "youth"
    # Without a counted group, only staff words decide: children are named in adult casework
    # too (safeguarding, a parent's children), and "youth justice" in a young adult's history.
    lex = _lexicon()
    if lex["pop.staff"].anywhere(clause):
        return "staff"
    return "adult"


def _adult_or_youth(name: str, document_youth: bool) -> str:
    """Cases or people counted in a youth justice document are children."""
    return "youth" if name == "adult" and document_youth else name


def stat_of(
    before: list[str], after: list[str], unit: str, rated: bool, of: float | None = None,
    own_before: list[str] | None = None,
) -> Stat:
    """What kind of statistic the figure is, from the words just around it; a sample is
    read only from the words of its own clause before it (`own_before`)."""
    own_before = before if own_before is None else own_before
    lex = _lexicon()
    near_after = after[:3]
    if lex["stat.change_before"].ends_at(before, len(before)) or (
        near_after and lex["stat.change_after"].at(near_after, 0) and unit in ("percent", "count")
        and not _from_phrase(after)
    ):
        return "change"
    if lex["stat.target_before"].ends_at(before, len(before)) or (
        near_after and lex["stat.target_after"].at(near_after, 0)
    ):
        return "target"
    if unit == "count" and rated:
        return "tally"
    if of:
        return "level"  # "12 of the 52 cases": the 52 is the sample, the 12 what was found
    if lex["stat.coverage_before"].ends_at(own_before, len(own_before)):
        return "sample"  # "visits to a fifth of the teams": coverage, not a finding
    if unit == "count" and lex["stat.sample_before"].ends_at(own_before, len(own_before)):
        return "sample"  # "we inspected 40 cases"
    if unit == "count" and any(lex["stat.sample_after"].at(after, i) for i in range(min(3, len(after)))):
        return "sample"  # "40 cases were inspected" (a share "of the cases we inspected" is a finding)
    return "level"


def _from_phrase(after: list[str]) -> bool:
    """ "45 per cent, down from 50", "61 per cent, up 27 points": the figure is a level;
    the words describe its change, or give it as a figure of its own."""
    return len(after) > 1 and (after[1] in ("from", "on", "since", "compared", "by") or _a_number(after[1]))


def _a_number(word: str) -> bool:
    return word[:1].isdigit() or word in _NUMBER_WORDS - {"a", "an", "per", "cent", "percent", "in", "out", "of"}


_NUMBER_WORDS = frozenset(
    ["a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths", "per", "cent", "percent", "in", "out", "of", "almost", "nearly", "over", "under", "more", "less", "fewer", "than", "just", "only", "about", "around", "approximately", "some", "roughly"]
)


def _after_number(ws: list[str]) -> list[str]:
    """The words after a figure's own number words: "two-thirds of the staff" -> of the staff."""
    i = 0
    while i < len(ws) and (ws[i] in _NUMBER_WORDS or ws[i].replace(",", "").replace(".", "").isdigit()) and ws[i] != "of":
        i += 1
    return ws[i:]


def level_and_body(scope: str | None) -> tuple[Level, str | None]:
    """The level of the body a figure speaks for, from the scope the summariser read."""
    s = (scope or "").strip()
    low = s.lower()
    if not low or low in ("national", "probation service", "hmpps", "nps", "england and wales"):
        return "national", None
    if low == "a crc":
        return "crc", "unnamed"
    if low == "crc":
        return "crc", None  # the CRCs as a sector, or "the CRC" a document is about: one sector's cases
    if low == "several pdus":
        return "pdu", "unnamed:several"
    if low == "pdus meeting a condition":
        return "pdu", "unnamed:subgroup"
    for suffix, level in ((" pdu", "pdu"), (" region", "region"), (" division", "division"), (" crc", "crc")):
        if low.endswith(suffix):
            return level, _slug(s[: -len(suffix)])  # type: ignore[return-value]
    return "other", _slug(s)


_COMPARATIVES = frozenset({"fewer", "more", "less", "higher", "lower"})
_POINTS_MOVED = frozenset({*_COMPARATIVES, "above", "below", "up", "down", "on"})


def _a_change_by_its_own_words(own: list[str], after: list[str]) -> bool:
    """The figure's own words make it a difference: percentage points ("six percentage
    points"), points that moved ("four points below"), a count ending in a comparative
    ("7,000 fewer than before"). Plain points ("scored 12 points") stay a level."""
    if len(own) < 2:
        return False
    if own[-1] in ("point", "points"):
        return own[-2] == "percentage" or bool(after) and after[0] in _POINTS_MOVED
    return own[-1] in _COMPARATIVES and (not after or after[0] == "than")


def _slug(name: str) -> str:
    return "_".join(words(name.replace("&", " and "))) or "unnamed"


def facets_of(
    text: str, start: int, end: int, sentence: tuple[int, int], *, unit: str, scope: str | None,
    rated: bool, document_youth: bool, of: float | None = None,
) -> Facets:
    """All facets of the figure at text[start:end] in the sentence `sentence` (offsets)."""
    s_lo, s_hi = sentence
    window = text[max(s_lo, start - 60) : start]
    before = words(window)
    # "of the 12 staff interviewed, 9 said": words past a comma describe another figure
    own_before = words(window[max(window.rfind(","), window.rfind(";"), window.rfind(":")) + 1 :])
    after = words(text[end : min(s_hi, end + 80)])
    own = words(text[start:end])
    own_change = _a_change_by_its_own_words(own, after) or _points_moved(own, before)
    counted_words = _after_number(words(text[start : min(s_hi, end + 80)]))
    clause = _span_words(text, s_lo, s_hi)
    level, body = level_and_body(scope)
    counted = counted_population(counted_words, document_youth)
    return Facets(
        population=population_of(counted_words, clause, document_youth, counted),
        counted=counted,
        counted_words=tuple(counted_words[:8]),
        youth_context=document_youth,
        level=level,
        body=body,
        stat="change" if own_change else "sample" if _of_the_sample(own, unit, of) else stat_of(
            before, after, unit, rated, of, own_before
        ),
    )


def _points_moved(own: list[str], before: list[str]) -> bool:
    """ "61 per cent, up 27 points": points after a bare "up" or "down" are the change."""
    return bool(before) and before[-1] in ("up", "down") and any(w in ("point", "points") for w in own)


def _of_the_sample(own: list[str], unit: str, of: float | None) -> bool:
    """ "3,350 inspected cases": the figure's own words say it counts what was looked at."""
    return unit == "count" and of is None and any(w in ("inspected", "sampled", "examined") for w in own)


def youth_document(title: str, opening: str) -> bool:
    """A document about youth justice: its title or opening names it."""
    w = words(f"{title} {opening[:300]}")
    return _lexicon()["pop.youth_document"].anywhere(w)
