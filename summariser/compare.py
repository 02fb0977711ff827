"""How a figure compares with what earlier documents said about the same measure.

The most relevant prior value: same measure, published strictly before this document;
for a unit's figure the same unit first and then a wider body (a national figure for a
PDU), the latest of those; for the whole service's (or a sector's) figure the latest
earlier figure of any body it contains, its own on a tie, and the digest names that body.
Absolute quantities (counts, money) meet only the same body: they grow with its size, so
a PDU's vacancies say nothing against the country's. Shares meet shares ("19 of the 52 cases" is 36.5% against an earlier 28%),
counts meet counts (relative change), durations meet durations (in the same unit).
Generic keys ("other_percent", "count_<noun>") are never compared: two unrelated
percentages are not a trend. A share stated in the negative ("not sufficient in 58%",
key `<measure>_not`) meets the same measure stated positively ("sufficient in 60%") as
100 - 60 = 40%, and the change says so; measures are never compared across keys otherwise
(contingency planning is not sentence planning, though both are planning).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from summariser import policy
from summariser import scope as scopes
from summariser.measures import measure
from summariser.models import (
    Assessment,
    Change,
    Direction,
    Document,
    Figure,
    PriorFigure,
    PriorRating,
    Rating,
    RatingChange,
)
from summariser.ratings import RATING_ORDER

_SAME_POINTS = 0.5  # percentage points
_SAME_RELATIVE = 1.0  # percent


def comparable_metric(metric: str) -> bool:
    return measure(metric) is not None


def twin_of(metric: str) -> str | None:
    """The same measure stated the other way round: "x_not" for "x" and back, when the
    taxonomy has both ("information_sharing" and "information_sharing_not")."""
    other = policy.complement(metric)
    return other if measure(other) is not None and measure(metric) is not None else None


def metrics_to_compare(metrics: Iterable[str]) -> list[str]:
    """The measures whose history a document's figures can be compared with: each measure
    and its negative twin. Callers that fetch history by measure should ask for these."""
    out: set[str] = set()
    for m in metrics:
        if measure(m) is None:
            continue
        out.add(m)
        t = twin_of(m)
        if t:
            out.add(t)
    return sorted(out)


def placed(figure: Figure, history: Sequence[PriorFigure]) -> Figure:
    """A figure that names no body but whose sentence names a unit's place, as a blog does
    ("in Croydon, 69 per cent ..."), speaks for that unit when earlier documents named it."""
    if not scopes.unnamed(figure.scope):
        return figure
    unit = scopes.unit_named_in(figure.sentence, {p.scope for p in history if p.metric == figure.metric})
    return replace(figure, scope=unit) if unit else figure


def pick_prior(
    figure: Figure, history: Sequence[PriorFigure], document: Document
) -> PriorFigure | None:
    """The earlier value this figure should be compared with: among those every rule of
    the policy allows, the same body before a wider one, then the latest (for the whole
    service's figure, the latest first), then the one stated the same way round, then an
    exact value before a bound or an approximation. None when the most relevant earlier
    value is this one, stated again the same year: a restatement, not a change (and an
    older value would make it look like one)."""
    if not comparable_metric(figure.metric) or not policy.trusted(figure):
        return None
    best: tuple[tuple, PriorFigure] | None = None
    restated: tuple | None = None
    whole = scopes.national_or_sector(figure.scope)
    for p in history:
        if p.document == document.ref:
            continue
        refused = policy.refused_by(figure, p, document.published)
        if refused not in (None, "another_period"):
            continue
        key = _relevance(figure, p, whole)
        if refused:
            restated = key if restated is None else min(restated, key)
        elif best is None or key < best[0]:
            best = (key, p)
    if best is None or (restated is not None and restated < best[0]):
        return None
    return best[1]


def _relevance(figure: Figure, p: PriorFigure, whole: bool) -> tuple:
    """How near a prior is, lowest first: the same body before a wider one, then the latest
    (the country's figure meets the latest reading of any of its units, latest first)."""
    r = scopes.rank(figure.scope, p.scope) or 0
    flipped = p.metric != figure.metric
    approximate = policy.lean(p.qualifier) != 0  # "fewer than half" is the last choice of a document's values
    when = -(p.published.toordinal() if p.published else 0)
    first = (when, r) if whole else (r, when)
    return (*first, approximate, flipped, p.document)


def compare(figure: Figure, prior: PriorFigure) -> Change:
    """The change from `prior` to `figure`, with its direction and whether it is better."""
    kind = policy.kind(figure.unit, figure.of)
    unit = figure.unit
    stated: float | None = None
    if kind == "share":
        value = figure.share if figure.share is not None else figure.value
        previous = prior.share if prior.share is not None else prior.value
        if prior.metric != figure.metric:  # the twin: "sufficient in 60%" is "not sufficient in 40%"
            stated = previous
            previous = round(100.0 - previous, 1)
        delta = round(value - previous, 1)
        delta_unit = "points"
        same = abs(delta) < _SAME_POINTS
        unit = "percent"
    elif kind == "duration":
        value = figure.value
        previous = round(
            prior.value * policy.DAYS_PER_UNIT[prior.unit] / policy.DAYS_PER_UNIT[figure.unit], 1
        )
        delta = round(value - previous, 1)
        delta_unit = "absolute"
        same = delta == 0
    else:
        value = figure.value
        previous = prior.value
        if previous:
            delta = round(100.0 * (value - previous) / abs(previous), 1)
            delta_unit = "percent"
            same = abs(delta) < _SAME_RELATIVE
        else:
            delta = round(value - previous, 1)
            delta_unit = "absolute"
            same = delta == 0
    direction: Direction = "same" if same else ("up" if delta > 0 else "down")
    if same and delta == 0 and prior.metric == figure.metric:
        direction = _by_wording(prior.qualifier, figure.qualifier)  # "more than" then, "nearly" now
    m = measure(figure.metric)
    return Change(
        metric=figure.metric,
        label=figure.label,
        value=round(value, 1),
        unit=unit,  # type: ignore[arg-type]
        previous_value=round(previous, 1),
        previous_published=prior.published,
        previous_document=prior.document,
        delta=delta,
        delta_unit=delta_unit,  # type: ignore[arg-type]
        direction=direction,
        assessment=assess(direction, m.polarity if m else "neutral"),
        scope=figure.scope,
        previous_scope=prior.scope,
        previous_title=prior.title,
        text=figure.text,
        previous_metric=prior.metric,
        previous_text=prior.text,
        previous_stated_value=None if stated is None else round(stated, 1),
    )


def _by_wording(then: str | None, now: str | None) -> Direction:
    """Two figures of one value whose words lean opposite ways ("over 40,000" then, "almost
    40,000" now) did move, the way the words say."""
    a, b = policy.lean(then), policy.lean(now)
    return "same" if a == b or 0 in (a, b) else ("up" if b > a else "down")


def assess(direction: Direction, polarity: str) -> Assessment:
    if direction == "same" or polarity == "neutral":
        return "neutral"
    up_is_good = polarity == "higher_better"
    return "better" if (direction == "up") == up_is_good else "worse"


def compare_ratings(
    ratings: Sequence[Rating], history: Sequence[PriorRating], document: Document
) -> list[RatingChange]:
    """The change of the overall rating, when the same inspected body was rated overall
    before: domain ratings and tallies never make a rating change."""
    out: list[RatingChange] = []
    for r in ratings:
        if not r.scope or r.subject != "overall" or r.scope in scopes.NATIONAL_FAMILY:
            continue
        best: tuple[tuple, PriorRating] | None = None
        for p in history:
            if p.subject != r.subject or p.document == document.ref:
                continue
            if scopes.normalise(p.scope) != scopes.normalise(r.scope):
                continue
            if not policy.earlier_date(p.published, document.published):
                continue
            key = (-(p.published.toordinal() if p.published else 0), p.document)
            if best is None or key < best[0]:
                best = (key, p)
        if best is None:
            continue
        p = best[1]
        now, then = RATING_ORDER.get(r.value), RATING_ORDER.get(p.value)
        if now is None or then is None:
            continue
        direction: Direction = "same" if now == then else ("up" if now > then else "down")
        out.append(
            RatingChange(
                subject=r.subject,
                scope=r.scope,
                value=r.value,
                previous_value=p.value,
                previous_published=p.published,
                previous_document=p.document,
                direction=direction,
                assessment=assess(direction, "higher_better"),
            )
        )
    return out
