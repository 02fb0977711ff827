"""Which measure the weighed concepts near a figure name: every measure whose required
concepts are all present and whose unit fits is scored, and the best one wins."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from summariser import recognition_weights as rw
from summariser.concepts import CONCEPT_WEIGHT
from summariser.measures import _ALL, Measure, singular

if TYPE_CHECKING:
    from summariser.clauses import SentenceMarks  # clauses imports this module

DURATIONS = frozenset({"days", "weeks", "months", "hours", "years", "other"})


SCORED = [m for m in _ALL if not m.key.startswith("rated_")]


THEME_CONCEPTS = frozenset({"HARM", "DESIST", "DA", "CHILD"})


STAGE_CONCEPTS = frozenset({"ASSESS", "PLAN", "IMPLEMENT", "REVIEW"})


PREDICATES = ("SUFFICIENT", "TIMELY")


_SPECIFIC_UNITS = frozenset({"hours", "days", "weeks", "months", "years", "currency"})


WEAK_CONCEPTS = frozenset(
    {
        "SUFFICIENT",
        "NEGATION",
        "TIMELY",
        "INSPECTION",
        "SAMPLE",
        "CAPACITY_OF",
        "STAFF",
        "SUPERVISED",
        "AS_WELL",
        "INSPECTOR_VERB",
        "NOT_A_MANAGER",
        "ANSWER",
    }
)
"""Concepts that frame a finding (a judgement, who, where it was seen) rather than name it."""


def same_kind(a: str, b: str) -> bool:
    durations = DURATIONS
    return a == b or (a in durations and b in durations)


def concepts_of(m: Measure) -> set[str]:
    return {c for r in (*m.requires, *m.boosts) for c in r.split("|")}


def topic_completes(
    m: Measure, topic: dict[str, float], sentence: dict[str, float], unit: str
) -> bool:
    """A heading or title may complete a measure only when it supplies a requirement and
    either the sentence itself names another requirement, or the figure's unit is one few
    measures share (hours, a wait in weeks, money)."""
    reqs = [r.split("|") for r in m.requires]
    if not any(c in topic for alts in reqs for c in alts):
        return False
    from_sentence = any(sentence.get(c, 0.0) >= rw.WEIGHTS.present for alts in reqs for c in alts)
    return from_sentence or unit in _SPECIFIC_UNITS


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A measure with its requirements split once, for fast scoring."""

    order: int
    measure: Measure
    requires: tuple[tuple[str, ...], ...]
    weighted: tuple[tuple[tuple[str, float], ...], ...]  # requirements with each concept's weight
    boosts: tuple[tuple[str, float], ...]


_UNIT_KINDS = ("percent", "share", "count", "currency", "hours", "duration", "other")


def _unit_kind(unit: str, of: float | None) -> str:
    if unit == "count" and of is not None:
        return "share"
    if unit in ("days", "weeks", "months", "years"):
        return "duration"
    return unit if unit in _UNIT_KINDS else "other"


_KIND_EXAMPLE = {"percent": ("percent", None), "share": ("count", 1.0), "count": ("count", None),
                 "currency": ("currency", None), "hours": ("hours", None), "duration": ("days", None),
                 "other": ("other", None)}  # fmt: skip


@lru_cache(maxsize=1)
def _by_concept() -> dict[tuple[str, str], tuple[_Candidate, ...]]:
    """(concept, kind of unit) -> the measures whose first requirement the concept can
    satisfy and whose unit fits a figure of that kind."""
    index: dict[tuple[str, str], list[_Candidate]] = {}
    for order, m in enumerate(SCORED):
        reqs = tuple(tuple(r.split("|")) for r in m.requires)
        weighted = tuple(tuple((c, CONCEPT_WEIGHT.get(c, 1.0)) for c in alts) for alts in reqs)
        boosts = tuple((c, CONCEPT_WEIGHT.get(c, 1.0)) for c in m.boosts)
        cand = _Candidate(order, m, reqs, weighted, boosts)
        for kind, (unit, of) in _KIND_EXAMPLE.items():
            if not unit_fits(m.unit, unit, of) or (m.per_unit and kind == "share"):
                continue  # an average per officer is never "four of the 20 officers"
            for c in reqs[0] if reqs else ():
                index.setdefault((c, kind), []).append(cand)
    return {k: tuple(v) for k, v in index.items()}


def best_measure(
    weights: dict[str, float],
    after: set[str],
    unit: str,
    of: float | None,
    noun: str | None,
    where: dict[str, tuple[int, int]] | None = None,
) -> Measure | None:
    """The measure whose required concepts are all present, with the highest score."""
    best, scored = _scored(weights, after, unit, of, noun, where)
    return _unless_two_stages(best, scored, rw.WEIGHTS.stage_tie) if best else None


def split_between_stages(
    weights: dict[str, float], after: set[str], unit: str, of: float | None, noun: str | None,
    where: dict[str, tuple[int, int]] | None = None,
) -> bool:  # fmt: skip
    """The evidence names one theme at two stages equally (so `best_measure` read none):
    the figure is for both together, and no wider evidence should give it one."""
    best, scored = _scored(weights, after, unit, of, noun, where)
    return best is not None and _unless_two_stages(best, scored, rw.WEIGHTS.stage_tie) is None


def _scored(
    weights: dict[str, float], after: set[str], unit: str, of: float | None, noun: str | None,
    where: dict[str, tuple[int, int]] | None,
) -> tuple[tuple[float, Measure] | None, list[tuple[float, Measure]]]:  # fmt: skip
    """The best-scoring admitted measure, and every admitted measure with its score."""
    W = rw.WEIGHTS
    counted = singular(noun) if noun and unit == "count" else None
    best: tuple[float, Measure] | None = None
    scored: list[tuple[float, Measure]] = []
    for cand in _candidates(weights, _unit_kind(unit, of), W.present):
        if not _admits(cand.measure, weights, after, counted, W):
            continue
        score = _score(cand, weights, where, W)
        if score is None:
            continue
        scored.append((score, cand.measure))
        if best is None or score > best[0] + 1e-9:
            best = (score, cand.measure)
    return best, scored


def _candidates(weights: dict[str, float], kind: str, present: float) -> list[_Candidate]:
    """The measures a concept named strongly enough may begin, in their listed order (ties
    go to the earlier measure); all fit the unit, as the index is by kind of unit."""
    index = _by_concept()
    seen: set[int] = set()
    out: list[_Candidate] = []
    for c, w in weights.items():
        if w >= present:
            for cand in index.get((c, kind), ()):
                if cand.order not in seen:
                    seen.add(cand.order)
                    out.append(cand)
    out.sort(key=lambda x: x.order)
    return out


def _admits(
    m: Measure,
    weights: dict[str, float],
    after: set[str],
    counted: str | None,
    W: rw.RecognitionWeights,
) -> bool:
    """The measure's own conditions: what it counts, what may or must follow the figure,
    and the concepts that rule it out."""
    if counted and m.nouns and counted not in m.nouns:
        return False
    if m.not_after and any(c in after for c in m.not_after):
        return False
    if m.excludes and any(weights.get(c, 0.0) >= W.excluded_at for c in m.excludes):
        return False
    return not (m.after and not any(c in after for c in m.after))


def _score(
    cand: _Candidate,
    weights: dict[str, float],
    where: dict[str, tuple[int, int]] | None,
    W: rw.RecognitionWeights,
) -> float | None:
    """Sum of the best weight for each requirement (None when one is missing), plus
    boosts and a little per requirement. One phrase is one piece of evidence: two
    requirements met by the same words ("workforce" is both staff and the size of the
    workforce) count it once and a half."""
    get = weights.get
    score = 0.0
    used: list[tuple[int, int]] = []
    for alts in cand.weighted:
        c_best, part, raw = "", -1.0, 0.0
        for c, cw in alts:
            w = get(c, 0.0)
            raw = max(raw, w)
            if w * cw > part:
                c_best, part = c, w * cw
        if raw < W.present:
            return None
        span = where.get(c_best) if where else None
        if span is not None and span in used:
            part *= W.same_words
        elif span is not None:
            used.append(span)
        score += part
    for c, bw in cand.boosts:
        score += W.boost * bw * get(c, 0.0)
    return score + W.per_requirement * len(cand.requires)


def stages_of(m: Measure) -> frozenset[str]:
    return frozenset(c for alts in m.requires for c in alts.split("|") if c in STAGE_CONCEPTS)


def _unless_two_stages(
    best: tuple[float, Measure], scored: list[tuple[float, Measure]], tie: float
) -> Measure | None:
    """A figure stated for two stages of the work at once ("in assessment and in delivery")
    measures neither stage alone, nor the theme's work as a whole (which a report judges
    case by case over every stage): when another stage's measure of the same theme scores
    as well, no measure is read."""
    score, m = best
    stages = stages_of(m)
    if not stages:
        return m
    theme = _without_stages(m)
    rivals = [
        o for sc, o in scored
        if o is not m and sc >= score - tie and stages_of(o) not in (frozenset(), stages) and _without_stages(o) == theme
    ]  # fmt: skip
    return None if rivals else m


def _without_stages(m: Measure) -> frozenset[str]:
    """The measure's requirements other than a stage of the work (its theme and judgement)."""
    return frozenset(r for r in m.requires if not any(c in STAGE_CONCEPTS for c in r.split("|")))


def bump(weights: dict[str, float], concept: str, w: float) -> bool:
    if w > weights.get(concept, 0.0):
        weights[concept] = w
        return True
    return False


def unit_fits(measure_unit: str, unit: str, of: float | None) -> bool:
    if measure_unit == "percent":
        return unit == "percent" or (unit == "count" and of is not None)
    if measure_unit == "hours":
        return unit == "hours"  # hours of work, not a wait
    if measure_unit in DURATIONS:
        return unit in DURATIONS
    return measure_unit == unit


def refine(
    best: Measure,
    own: dict[str, float],
    sent: SentenceMarks,
    lo: int,
    hi: int,
    after: set[str],
    unit: str,
    of: float | None,
    noun: str | None,
    pointing: bool = False,
) -> Measure:
    """A theme or stage the own clause leaves unsaid, named in a neighbouring clause of the
    sentence, makes the measure more specific; only one candidate of each kind, and only
    when the result keeps every requirement of the first reading. A clause set against the
    other (", but the ...") shares nothing with it unless it points back ("of those")."""
    for kind in (THEME_CONCEPTS, STAGE_CONCEPTS):
        if any(own.get(c, 0.0) >= rw.WEIGHTS.present for c in kind):
            continue
        outside = {
            c for c, a, b in sent.concepts
            if c in kind and not (lo <= a and b <= hi) and (pointing or not _contrast_between(sent, a, lo, hi))
        }  # fmt: skip
        if len(outside) != 1:
            continue
        trial = dict(own)
        trial[next(iter(outside))] = rw.WEIGHTS.refine
        better = best_measure(trial, after, unit, of, noun)
        if better is not None and better is not best and set(better.requires) >= set(best.requires):
            best = better
    return best


def complete_ellipsis(
    own: dict[str, float], sent: SentenceMarks, lo: int, fa: int, earlier: list[tuple[int, int]],
    after: set[str], unit: str, of: float | None, noun: str | None,
) -> Measure | None:  # fmt: skip
    """ "twelve had been suspended from school, and four of them for good": a clause that is
    little more than its figure and a modifier leaves its predicate to the clause of the
    figure just before it (no ";" or ":" between). The two read together name the measure,
    and the modifier (no bare judgement) must be part of it, or the clause adds nothing of its own."""
    if not earlier:
        return None
    pa, pb = max(earlier)
    if any(pb <= br < fa for br in sent.breaks):
        return None
    p_lo = max([0, *(br + 1 for br in (*sent.breaks, *sent.soft_breaks) if br < pa)])
    trial = dict(own)
    for c, a, b in sent.concepts:
        if p_lo <= a and b <= lo and c != "NEGATION":
            bump(trial, c, rw.WEIGHTS.present)
    best = best_measure(trial, after, unit, of, noun)
    mine = {c for c, w in own.items() if w >= rw.WEIGHTS.present and c not in PREDICATES and c not in WEAK_CONCEPTS}
    return best if best is not None and mine & concepts_of(best) else None


def _contrast_between(sent: SentenceMarks, at: int, lo: int, hi: int) -> bool:
    """A ", but ..." with a subject of its own lies between the phrase at token `at` and
    the figure's clause [lo, hi): a statement set against the other, not one sharing its
    words."""
    return any(at < k <= lo or hi <= k < at for k in sent.contrasts)


def named_by_row(best: Measure, weights: dict[str, float]) -> bool:
    """The row's own label (weight 1 each; the caption weighs less) names one of the
    concepts the measure requires, or names none at all (a row per body or sector under a
    caption that names the measure). A label naming something else ("Services rated") is
    not that measure, whatever the caption says."""
    own = {c for c, w in weights.items() if w >= 1.0}
    return not own or any(c in own for req in best.requires for c in req.split("|"))


def themeless(m: Measure) -> bool:
    """A stage's quality over every theme ("assessment sufficient"), nothing more."""
    return {c for req in m.requires for c in req.split("|")} <= STAGE_CONCEPTS | {"SUFFICIENT"}
