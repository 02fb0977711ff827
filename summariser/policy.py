"""When two figures may be compared: each rule a named predicate over the new figure, an
earlier one and the new document's date, so the policy reads as a list and is tested as a
table (tests/summariser/data/comparison_policy.toml).

A wrong comparison stated with confidence is worse than none: every rule abstains.

1. `trusted`: the new figure is a level of a known measure, read from strong evidence
   (facets and confidence, summariser/identity.py), stated by this document.
2. `same_measure`: the same key, or its complement ("not sufficient" = 100 - "sufficient").
   Keys carry their facets (youth., services., @police ...), so two populations, two
   partners or two grades never share one.
3. `same_kind`: a share meets a share, a count a count, a duration a duration.
4. `compatible_bodies`: the same body first; a share, rate or average may meet a figure for
   the whole service, and the whole service's a unit's; a count or money only the same
   body; a group of bodies nothing.
5. `same_sector`: from June 2014 to June 2021 probation was two sectors (the NPS and the
   CRCs), each with its own cases; a sector's figure meets only that sector's, and nothing
   after unification meets either sector's (the unified service's PDUs and regions are a
   different population of cases from the NPS's).
6. `earlier`: the earlier figure is from an earlier document (an undated new document meets
   every dated one), not this document.
7. `another_period`: two figures about the same year, with the same value, are one fact
   restated, not a trend.
8. `sign_known`: a bound ("fewer than half", "over 40,000") or an approximation
   ("nearly half") leaves the true value on one side of the stated one; when that side
   reaches the other figure, which way it moved is unknown, so nothing is said.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from summariser import scope as scopes
from summariser.models import Figure, PriorFigure

MIN_CONFIDENCE = 0.8
"""The least confidence in a figure's measure for it to enter history or be compared. The
fitted weights (data/confidence.toml) put every kind of evidence from the figure's own
sentence above it, and evidence borrowed from a heading below it."""

DAYS_PER_UNIT = {"days": 1.0, "weeks": 7.0, "months": 30.44, "years": 365.25, "hours": 1 / 24}
ABSOLUTE = frozenset({"count", "currency"})
"""Quantities that grow with the size of the body: only the same body's are comparable."""


def trusted(f: Figure) -> bool:
    """A level of a known measure, read from strong evidence, stated by this document."""
    return f.comparable and f.confidence >= MIN_CONFIDENCE


def history_metric(f: Figure) -> str:
    """The measure a figure is stored under for later comparisons: its own when trusted,
    else a key no comparison reads (`unmeasured:<unit>`)."""
    return f.metric if trusted(f) else f"unmeasured:{f.unit}"


def kind(unit: str, of: float | None) -> str:
    if unit == "percent" or of:
        return "share"
    if unit in DAYS_PER_UNIT:
        return "duration"
    return unit  # count | currency | other


def complement(metric: str) -> str:
    """The key of the same measure stated the other way round ("x_not@police" for
    "x@police"); prefixes and qualifiers stay."""
    base, at, qualifier = metric.partition("@")
    other = base[:-4] if base.endswith("_not") else f"{base}_not"
    return other + at + qualifier


def same_measure(f: Figure, p: PriorFigure, published: date | None) -> bool:
    return p.metric == f.metric or (kind(f.unit, f.of) == "share" and p.metric == complement(f.metric))


def same_kind(f: Figure, p: PriorFigure, published: date | None) -> bool:
    return kind(f.unit, f.of) == kind(p.unit, p.of)


def compatible_bodies(f: Figure, p: PriorFigure, published: date | None) -> bool:
    r = scopes.rank(f.scope, p.scope)
    if kind(f.unit, f.of) in ABSOLUTE:
        # a PDU's two dozen vacancies say nothing against the country's hundreds, nor the
        # NPS's caseload against the whole service's: counts and money meet only the same body
        return r == 0
    return r is not None


UNIFIED = scopes.UNIFIED


def sector(scope: str | None, published: date | None) -> str | None:
    """"nps", "crc" or "unified" where the body or the date says which, else None."""
    s = scopes.normalise(scope)
    if s == "nps" or s.startswith("nps ") or s.endswith(" nps"):
        return "nps"
    if s == "crc" or s.endswith(" crc") or s.endswith(" crcs"):
        return "crc"
    if published is not None and published >= UNIFIED:
        return "unified"
    return None


def same_sector(f: Figure, p: PriorFigure, published: date | None) -> bool:
    a, b = sector(f.scope, published), sector(p.scope, p.published)
    return a is None or b is None or a == b


def earlier_date(prior: date | None, published: date | None) -> bool:
    """An undated document is compared with everything dated; a dated one with what came
    strictly before it."""
    if published is None:
        return True
    return prior is not None and prior < published


def earlier(f: Figure, p: PriorFigure, published: date | None) -> bool:
    return earlier_date(p.published, published)


def another_period(f: Figure, p: PriorFigure, published: date | None) -> bool:
    if published is None or p.published is None:
        return True
    return p.published.year != published.year or p.value != f.value


_LEAN = {"more than": 1, "over": 1, "just over": 1, "at least": 1, "above": 1,
         "nearly": -1, "almost": -1, "less than": -1, "fewer than": -1, "under": -1, "just under": -1}
"""Which side of the stated value the true one lies on."""
_NEAR = frozenset({"nearly", "almost", "just over", "just under"})
"""Words that put the true value close to the stated one: within 5 points of a share, 5% of
a count. A bound ("fewer than half", "more than 20,000") reaches twice as far: writers
choose the nearest round fraction or number, so "more than a third" is rarely past 40%."""
_REACH_POINTS = {"near": 5.0, "bound": 10.0}
_REACH_RELATIVE = {"near": 0.05, "bound": 0.10}


def lean(qualifier: str | None) -> int:
    """+1 when the true value is above the stated one, -1 below, 0 when it is the value."""
    return _LEAN.get((qualifier or "").lower(), 0)


def sign_known(f: Figure, p: PriorFigure, published: date | None) -> bool:
    now = f.share if f.share is not None else f.value
    then = p.share if p.share is not None else p.value
    then_lean = lean(p.qualifier)
    share = kind(f.unit, f.of) == "share"
    if p.metric != f.metric and share:
        then, then_lean = 100.0 - then, -then_lean  # the twin, stated the other way round
    if now == then:
        return True  # the words alone may say which way (compare._by_wording)
    up, gap = now > then, abs(now - then)
    open_now = lean(f.qualifier) == (-1 if up else 1) and _reach(f.qualifier, share, now) > gap
    open_then = then_lean == (1 if up else -1) and _reach(p.qualifier, share, then) > gap
    return not (open_now or open_then)


def _reach(qualifier: str | None, share: bool, value: float) -> float:
    """How far from the stated value the qualifier lets the true one lie."""
    how = "near" if (qualifier or "").lower() in _NEAR else "bound"
    return _REACH_POINTS[how] if share else _REACH_RELATIVE[how] * value


_AT_MOST_FACTOR = 10.0


def plausible_scale(f: Figure, p: PriorFigure, published: date | None) -> bool:
    """Two counts of one measure that differ tenfold or more count different things (a
    sample of 173 cases against a caseload of 150,000; a unit's against the country's):
    a caseload, a staff or a budget does not move that far between two reports."""
    if kind(f.unit, f.of) not in ("count", "currency") or f.value <= 0 or p.value <= 0:
        return True
    return max(f.value, p.value) / min(f.value, p.value) < _AT_MOST_FACTOR


RULES: list[tuple[str, Callable[[Figure, PriorFigure, date | None], bool]]] = [
    ("trusted", lambda f, p, published: trusted(f)),
    ("same_measure", same_measure),
    ("same_kind", same_kind),
    ("compatible_bodies", compatible_bodies),
    ("same_sector", same_sector),
    ("earlier", earlier),
    ("another_period", another_period),
    ("sign_known", sign_known),
    ("plausible_scale", plausible_scale),
]


def refused_by(f: Figure, p: PriorFigure, published: date | None) -> str | None:
    """None when every rule holds, else the name of the first that does not."""
    for name, rule in RULES:
        if not rule(f, p, published):
            return name
    return None
