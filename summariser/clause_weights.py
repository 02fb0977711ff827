"""How much a concept phrase says about a figure, by where it stands: words between,
";" or ":" between, another clause, another figure. Each factor is a named weight
(data/recognition.toml)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from summariser import recognition_weights as rw
from summariser.clauses import SentenceMarks, count_in
from summariser.measure_choice import concepts_of
from summariser.measures import Measure


@dataclass(slots=True)
class Placed:
    """Where a figure stands in its sentence: its tokens [fa, fb), its own clause
    [lo, hi), and the other figures' token starts and ends."""

    fa: int
    fb: int
    lo: int
    hi: int
    elliptical: bool  # the clause says little besides the figure: neighbours may complete it
    pointing: bool  # the clause points back to an earlier one
    has_before: bool  # a concept (not a bare judgement) is named before the figure
    o_starts: list[int]
    o_ends: list[int]


@dataclass(slots=True)
class Evidence:
    """The weighed concepts of a figure's sentence."""

    weights: dict[str, float] = field(default_factory=dict)  # the whole sentence
    own: dict[str, float] = field(default_factory=dict)  # the figure's own clause
    where: dict[str, tuple[int, int]] = field(default_factory=dict)  # the words behind each weight
    after: set[str] = field(default_factory=set)  # named right after the figure
    inside: set[str] = field(default_factory=set)  # named in the figure's own words
    negated: bool = False


def mention_weight(
    sent: SentenceMarks, at: Placed, concept: str, a: int, b: int, W: rw.RecognitionWeights
) -> tuple[float, float, int, bool]:
    """(weight, weight by distance alone, ";"/":" between, another figure between) of a
    concept phrase at tokens [a, b) outside the figure's own words."""
    if a >= at.fb:
        dist, lo, hi = a - at.fb + 1, at.fb, a
    else:
        dist, lo, hi = max(at.fa - b + 1, 0), b, at.fa
    w = base = W.by_distance(dist)
    hard = count_in(sent.breaks, lo, hi) if sent.breaks else 0
    if hard and not (at.pointing and a < at.fa):
        # ";" closes a clause; ":" introduces what elaborates it ("Unpaid work was a
        # strength: 93% started within seven days")
        w *= W.colon if count_in(sent.colon_breaks, lo, hi) == hard else W.semicolon
    between_other = bool(at.o_starts) and (
        count_in(at.o_starts, lo, hi) > 0 or count_in(at.o_ends, lo + 1, hi + 1) > 0
    )
    w *= _clause_factor(sent, at, a, lo, hi, between_other, W)
    if between_other:
        if concept != "SUFFICIENT":
            w *= W.shared_by_list  # the predicate ("were sufficient") is shared by a list
        elif base > w:
            w = base
    return w, base, hard, between_other


def _clause_factor(
    sent: SentenceMarks,
    at: Placed,
    a: int,
    lo: int,
    hi: int,
    between_other: bool,
    W: rw.RecognitionWeights,
) -> float:
    """How much a phrase in another clause of the sentence still says about the figure."""
    soft_breaks = sent.soft_breaks
    soft = count_in(soft_breaks, lo, hi) if soft_breaks else 0
    if soft and a >= at.fb:
        return W.next_clause  # the next clause ("..., and planning was sufficient in 39%")
    if soft and at.pointing:
        return 1.0  # the figure's clause points back to this one
    if soft and (
        between_other or any(ob <= soft_breaks[bisect_left(soft_breaks, lo)] for ob in at.o_ends)
    ):
        # an earlier clause with its own figure ("just 30 per cent of assessments looked at
        # children, and that the plans held up in ...")
        return W.earlier_clause_with_figure
    if soft and not at.elliptical:
        return W.earlier_clause  # an earlier clause, when the figure's own clause is complete
    if a >= at.fb and at.has_before and sent.commas and count_in(sent.commas, lo, hi):
        return W.list_neighbour  # "assessment in 47 per cent, planning in 55 per cent"
    return 1.0


def inside_other(at: Placed, a: int) -> bool:
    """The phrase at token `a` is in another figure's own words ("with 40 trainees"): it
    names what that figure counts, not this figure's clause."""
    return bisect_right(at.o_starts, a) > bisect_right(at.o_ends, a)


def judged_nearer(sent: SentenceMarks, a: int, b: int, at: Placed) -> bool:
    """A judgement word with its own sign ("poor", "ineffective": a negation and a
    sufficiency at once) judges something else when a plain judgement ("sufficient")
    stands nearer the figure or in its own words ("poor plans, under half of which were
    sufficient")."""
    if not any(c == "SUFFICIENT" and (x, y) == (a, b) for c, x, y in sent.concepts):
        return False  # a plain "not", "never", "no": the usual rule
    lo, hi = (b, max(at.hi, at.fb)) if a < at.fa else (min(at.lo, at.fa), a)
    return any(c == "SUFFICIENT" and (x, y) != (a, b) and lo <= x < hi for c, x, y in sent.concepts)


def real_negation(text: str, s: int) -> bool:
    """ "not only", "no more than", "not one of" are not negations of the finding."""
    following = text[s : s + 24].lower()
    return not re.match(
        r"(not|no) (only|more|less|fewer|one of|a single|longer|doubt|surprise)\b", following
    )


def past_semicolon(sent: SentenceMarks, at: Placed, ev: Evidence, best: Measure) -> bool:
    """Every phrase that names the measure lies past a ";" from the figure, whose own
    clause is complete: the measure belongs to the other clause."""
    spans = [ev.where[c] for c in concepts_of(best) if c in ev.where]
    if not spans:
        return False
    for a, b in spans:
        lo, hi = (b, at.fa) if b <= at.fa else (at.fb, a)
        if count_in(sent.breaks, lo, hi) - count_in(sent.colon_breaks, lo, hi) <= 0:
            return False
    return True


def beyond_other(at: Placed, a: int, between_other: bool, concept: str) -> bool:
    """A phrase in another figure's words, or after this figure and past another ("nine per
    cent, with 40 trainees in training"), names what that figure counts: not this figure's
    own clause's idea. A judgement ("were sufficient") may still close a list of both; a
    phrase before both ("checks were made in 40 of 50 cases, against 90%") still names
    the second, and so does one past the same fact restated right after the figure ("nearly
    half (12 of 26) felt ...")."""
    past_other = between_other and any(at.fb < s < a for s in at.o_starts)
    return inside_other(at, a) or (past_other and concept != "SUFFICIENT")


_OWN_PREDICATE = re.compile(
    r"\s*\)?\s*(?:\([^)]{0,30}\)\s*)?(?:were|was|are|is)\s+(?:(?:in|on|at|of|from)\s+(?:their|the|a|an|his|her)\s+)?(?!not\b|so\b|too\b|also\b|the same\b|similar\b|no\b|now\b|just\b|only\b)[a-z]{3,}"
)


def own_predicate(text: str, end: int, sentence_end: int) -> bool:
    """ "..., about two in three (65%) were in their first year, ...": the figure's own clause
    goes on to say what it counts, in words that name no concept; so a concept of another
    clause of its sentence ("were boys") is not what it measures."""
    return _OWN_PREDICATE.match(text, end, sentence_end) is not None
