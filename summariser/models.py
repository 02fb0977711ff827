"""The values that flow through the pipeline: Document in, Analysis and Digest out.

Plain frozen dataclasses so the summariser stays pure and cheap, and so the same
objects serialise the same way for `extract`, `replay` and the live service.
`to_json()` on each gives the shapes fixed in ARCHITECTURE.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Unit = Literal["percent", "count", "currency", "days", "weeks", "months", "hours", "years", "other"]
Direction = Literal["up", "down", "same"]
Assessment = Literal["better", "worse", "neutral"]
Polarity = Literal["higher_better", "lower_better", "neutral"]

RATING_SCALE: tuple[str, ...] = ("Inadequate", "Requires improvement", "Good", "Outstanding")
"""Ofsted-style scale used by HMI Probation since 2018, worst first."""


@dataclass(frozen=True, slots=True)
class Document:
    """One publication as the watcher read it: main text and reader comments kept apart.

    `ref` identifies it in output (a path for local files, else the URL).
    `published` is None when no date could be found: undated, never "today".
    """

    ref: str
    title: str
    body: str
    comments: str = ""
    url: str | None = None
    published: date | None = None
    source: str = ""
    kind: str = "page"  # page | post | report | pdf | text
    tags: tuple[str, ...] = ()
    updated: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """An earlier finding stated again: when it was first published ("2023", "2015-11"),
    where the text says, and the words that say it is a quotation."""

    published: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"published": self.published, "text": self.text}


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the document states, with what it measures and who it is about."""

    value: float
    unit: Unit
    text: str
    sentence: str
    metric: str
    label: str
    qualifier: str | None = None
    of: float | None = None
    scope: str | None = None
    in_comments: bool = False
    start: int = 0  # character offset in body (or comments) text
    # index, in the document's figure list, of the exact statement of the same fact; set on
    # the approximate one ("about a third" in "about a third (34 per cent)")
    same_fact_as: int | None = None
    quotes: Quote | None = None  # set when the figure restates an earlier finding
    # Facets (summariser/facets.py): whom it counts, which body at which level, what kind of
    # statistic; `measured` is False when no measure was given (metric is then internal only).
    population: str = "adult"
    level: str = "national"
    body: str | None = None
    stat: str = "level"
    polarity: str | None = None
    measured: bool = False
    evidence: str = "none"  # where the measure was read (summariser/recognise.py)
    confidence: float = 0.0  # how far the measure can be trusted (summariser/identity.py)

    @property
    def comparable(self) -> bool:
        """A level of a known measure, stated by this document (not restated, not the
        approximate half of a same-fact pair): the only figures history may compare."""
        return (
            self.measured and self.stat == "level" and not self.in_comments
            and self.same_fact_as is None and self.quotes is None
        )

    @property
    def share(self) -> float | None:
        """The figure as a percentage when it is one or can be made one ("19 of the 52")."""
        if self.unit == "percent":
            return self.value
        if self.of:
            return round(100.0 * self.value / self.of, 1)
        return None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "text": self.text,
            "of": self.of,
            "metric": self.metric if self.measured else None,
            "label": self.label,
            "scope": self.scope,
            "sentence": self.sentence,
            "in_comments": self.in_comments,
            "population": self.population,
            "level": self.level,
            "body": self.body,
            "stat": self.stat,
            "polarity": self.polarity,
            "evidence": self.evidence if self.measured else None,
            "confidence": self.confidence if self.measured else None,
        }
        # optional in the contract ("may also carry"): present only when set
        if self.same_fact_as is not None:
            out["same_fact_as"] = self.same_fact_as
        if self.quotes is not None:
            out["quotes"] = self.quotes.to_json()
        return out


@dataclass(frozen=True, slots=True)
class Rating:
    """A rating the report states: overall (subject "overall") or for a domain/standard."""

    value: str  # one of RATING_SCALE
    subject: str = "overall"
    scope: str | None = None
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "subject": self.subject,
            "scope": self.scope,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the summariser found in one document, before any comparison."""

    figures: tuple[Figure, ...]
    ratings: tuple[Rating, ...] = ()
    scope: str | None = (
        None  # the body the document is mainly about ("NPS", "Warwickshire & West Mercia CRC")
    )
    key_sentences: tuple[str, ...] = ()

    @property
    def rating(self) -> str | None:
        for r in self.ratings:
            if r.subject == "overall":
                return r.value
        return None

    @property
    def findings(self) -> tuple[Figure, ...]:
        """Figures of the report itself: reader comments never become findings."""
        return tuple(f for f in self.figures if not f.in_comments)


@dataclass(frozen=True, slots=True)
class PriorFigure:
    """An earlier value of a measure, as history handed to the comparison by the caller."""

    metric: str
    value: float
    unit: Unit
    published: date | None
    document: str  # ref of the earlier document
    title: str = ""
    url: str | None = None
    scope: str | None = None
    of: float | None = None
    qualifier: str | None = None
    text: str = ""  # as the earlier document stated it

    @property
    def share(self) -> float | None:
        if self.unit == "percent":
            return self.value
        if self.of:
            return round(100.0 * self.value / self.of, 1)
        return None


@dataclass(frozen=True, slots=True)
class PriorRating:
    """An earlier rating of an inspected body."""

    value: str
    scope: str | None
    published: date | None
    document: str
    subject: str = "overall"
    title: str = ""


@dataclass(frozen=True, slots=True)
class Change:
    """How a figure compares with the most relevant earlier value of the same measure."""

    metric: str
    label: str
    value: float
    unit: Unit
    previous_value: float
    previous_published: date | None
    previous_document: str
    delta: float  # points for percentages, relative (percent) for counts
    delta_unit: Literal["points", "percent", "absolute"]
    direction: Direction
    assessment: Assessment
    scope: str | None = None
    previous_scope: str | None = None
    previous_title: str = ""
    text: str = ""
    # The earlier figure as it was stated, when it was stated the other way round
    # ("sufficient in 60%" for a figure "not sufficient in 58%"): its measure and value.
    # `previous_value` is then the converted share (100 - 60 = 40).
    previous_metric: str = ""
    previous_stated_value: float | None = None
    previous_text: str = ""  # the earlier figure as its document stated it

    def to_json(self) -> dict[str, Any]:
        previous: dict[str, Any] = {
            "value": self.previous_value,
            "published": _iso(self.previous_published),
            "document": self.previous_document,
            "title": self.previous_title,
            "scope": self.previous_scope,
            "text": self.previous_text,
        }
        if self.previous_metric and self.previous_metric != self.metric:
            previous["metric"] = self.previous_metric
            previous["stated_value"] = self.previous_stated_value
        return {
            "metric": self.metric,
            "label": self.label,
            "value": self.value,
            "unit": self.unit,
            "scope": self.scope,
            "text": self.text,
            "previous": previous,
            "delta": self.delta,
            "delta_unit": self.delta_unit,
            "direction": self.direction,
            "assessment": self.assessment,
        }


@dataclass(frozen=True, slots=True)
class Revision:
    """A figure an updated document changed: the earlier version's value, then the new one."""

    metric: str
    label: str
    unit: Unit
    scope: str | None
    before: float
    before_text: str
    after: float
    after_text: str

    def to_json(self) -> dict[str, Any]:
        return {"metric": self.metric, "label": self.label, "unit": self.unit, "scope": self.scope,
                "before": {"value": self.before, "text": self.before_text},
                "after": {"value": self.after, "text": self.after_text}}


@dataclass(frozen=True, slots=True)
class RatingChange:
    subject: str
    scope: str | None
    value: str
    previous_value: str
    previous_published: date | None
    previous_document: str
    direction: Direction
    assessment: Assessment

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "scope": self.scope,
            "value": self.value,
            "previous": {
                "value": self.previous_value,
                "published": _iso(self.previous_published),
                "document": self.previous_document,
            },
            "direction": self.direction,
            "assessment": self.assessment,
        }


@dataclass(frozen=True, slots=True)
class Digest:
    """What a subscriber reads about one document. Channels render it; `message` is plain text."""

    document: str
    title: str
    url: str | None
    published: date | None
    source: str
    summary: str
    rating: str | None
    ratings: tuple[Rating, ...]
    figures: tuple[Figure, ...]
    changes: tuple[Change, ...]
    rating_changes: tuple[RatingChange, ...] = ()
    first_reported: tuple[str, ...] = ()  # metric keys with no earlier value
    message: str = ""
    updated: bool = False
    tags: tuple[str, ...] = ()
    topics: tuple[str, ...] = field(
        default=()
    )  # measure keys and topic words, for subscription filters
    scope: str | None = None  # the body the document is mainly about
    revisions: tuple[Revision, ...] = ()  # what an updated document changed

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "title": self.title,
            "url": self.url,
            "published": _iso(self.published),
            "source": self.source,
            "updated": self.updated,
            "summary": self.summary,
            "rating": self.rating,
            "ratings": [r.to_json() for r in self.ratings],
            "figures": [f.to_json() for f in self.figures],
            "changes": [c.to_json() for c in self.changes],
            "rating_changes": [c.to_json() for c in self.rating_changes],
            "first_reported": list(self.first_reported),
            "tags": list(self.tags),
            "topics": list(self.topics),
            "scope": self.scope,
            "revisions": [r.to_json() for r in self.revisions],
            "message": self.message,
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
