"""Which measure a figure belongs to, from the concepts around it.

The sentence holding the figure is read as stems; every concept phrase found there (and,
more weakly, in the sentence before) gets a weight that falls with its distance from
the figure, and falls again when another figure stands between them or a ";" or ":"
closes the clause. A measure is a candidate when the figure's unit fits and all its
required concepts are present; the best-scoring candidate wins. A figure stated in the
negative ("had not been gathered in over half of cases") takes the measure's negative
twin. No candidate: a generic key ("other_percent", "count_<noun>").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from summariser.concepts import CONCEPT_WEIGHT, find_concepts
from summariser.measures import _ALL, GENERIC_LABELS, Measure, generic_key, measure, singular
from summariser.stems import stem
from summariser.text import Sentences
from summariser.vocabulary import words_of

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[;:,]|\d[\d,.]*")
_CONJUNCTIONS = words_of("and but while whereas although though yet with")
_DURATIONS = frozenset({"days", "weeks", "months", "hours", "years", "other"})
_RATING = re.compile(
    r"['‘’\"“”]?\b(Outstanding|Good|Requires? improvement|Requiring improvement|Inadequate)\b['‘’\"“”]?"
)
_RATING_KEYS = {
    "outstanding": "rated_outstanding",
    "good": "rated_good",
    "requires improvement": "rated_requires_improvement",
    "require improvement": "rated_requires_improvement",
    "requiring improvement": "rated_requires_improvement",
    "inadequate": "rated_inadequate",
}
# "half (47 per cent)", "Fewer than half of recall reports (46 per cent)",
# "33% (down from 41% in 2023)": the bracketed figure restates or dates the first
_RESTATED = re.compile(r"^[^().;:\d]{0,40}\((?:(?:down|up|compared|rising|falling) (?:from|with) )?$")
_ANAPHORS = frozenset(["this", "these", "those", "such", "it", "they", "them", "which"])
_SCORED = [m for m in _ALL if not m.key.startswith("rated_")]


@dataclass(frozen=True, slots=True)
class Recognised:
    key: str
    label: str
    measure: Measure | None
    negated: bool = False


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    tok_starts: list[int]
    tok_ends: list[int]
    concepts: list[tuple[str, int, int]]  # concept, first token, token after
    breaks: list[int]  # token indices of ; and :
    soft_breaks: list[int]  # ", and" ", but" ...: the start of a new clause
    commas: list[int]


class Recogniser:
    """Recognises the figures of one text; caches what it reads per sentence."""

    def __init__(self, text: str, sentences: Sentences | None = None) -> None:
        self.text = text
        self.sentences = sentences or Sentences(text)
        self._cache: dict[int, _Sentence] = {}

    def _sentence(self, idx: int) -> _Sentence:
        cached = self._cache.get(idx)
        if cached is not None:
            return cached
        start, end = self.sentences.spans[idx]
        chunk = self.text[start:end]
        starts: list[int] = []
        ends: list[int] = []
        stem_list: list[str] = []
        breaks: list[int] = []
        soft: list[int] = []
        for m in _WORD.finditer(chunk):
            w = m.group()
            if w in (";", ":"):
                breaks.append(len(stem_list))
            if stem_list and stem_list[-1] == "," and w.lower() in _CONJUNCTIONS:
                soft.append(len(stem_list) - 1)
            starts.append(start + m.start())
            ends.append(start + m.end())
            if w[0].isalpha():
                low = w.lower().replace("’", "'")
                stem_list.append("not" if low.endswith("n't") else stem(low))
            else:
                stem_list.append(w)
        # hyphenated words ("pre-sentence") are matched as separate words too
        concepts = find_concepts(stem_list)
        commas = [k for k, x in enumerate(stem_list) if x == ","]
        sent = _Sentence(start, end, starts, ends, concepts, breaks, soft, commas)
        self._cache[idx] = sent
        return sent

    def recognise(
        self,
        start: int,
        end: int,
        unit: str,
        of: float | None,
        noun: str | None,
        others: list[tuple[int, int]],
    ) -> Recognised:
        """The measure of the figure at text[start:end]; `others` are the other figures'
        spans in the same text (concepts beyond them count less)."""
        if not self.sentences.spans:
            return _generic(unit, noun)
        idx = self.sentences.index_at(start)
        sent = self._sentence(idx)
        tally = self._rating_tally(sent, start, end)
        if tally and unit == "count":
            m = measure(tally)
            assert m is not None
            return Recognised(m.key, m.label, m)
        weights: dict[str, float] = {}
        after: set[str] = set()
        fa = bisect_left(sent.tok_starts, start)
        fb = max(bisect_left(sent.tok_starts, end), fa + 1)
        other_tok = [
            (bisect_left(sent.tok_starts, s), bisect_left(sent.tok_starts, e))
            for s, e in others
            if sent.start <= s < sent.end and s != start
        ]
        negated = False
        has_before = any(
            b <= fa and c not in ("NEGATION", "SUFFICIENT") for c, _a, b in sent.concepts
        )
        for concept, a, b in sent.concepts:
            if fa <= a < fb:  # inside the figure's own words ("not one of", a count's noun)
                if concept != "NEGATION":
                    _bump(weights, concept, 1.0)
                continue
            dist = a - fb + 1 if a >= fb else fa - b + 1
            dist = max(dist, 0)
            w = base = 1.0 if dist <= 6 else 0.8 if dist <= 12 else 0.6 if dist <= 20 else 0.4
            lo, hi = (fb, a) if a >= fb else (b, fa)
            if any(lo <= br < hi for br in sent.breaks):
                w *= 0.5
            between_other = any(lo <= oa < hi or lo < ob <= hi for oa, ob in other_tok)
            soft = [br for br in sent.soft_breaks if lo <= br < hi]
            if soft and a >= fb:
                w *= 0.6  # the next clause ("..., and planning was sufficient in 39%")
            elif soft and (between_other or any(ob <= soft[0] for _oa, ob in other_tok)):
                # an earlier clause with its own figure ("only 41 per cent of assessments
                # considered children, and that sentence plans were sufficient in ...")
                w *= 0.36
            elif a >= fb and has_before and any(lo <= cm < hi for cm in sent.commas):
                w *= 0.6  # "assessment in 47 per cent, planning in 55 per cent"
            if between_other and concept != "SUFFICIENT":
                w *= 0.6  # the predicate ("were sufficient") is shared by a list
            elif between_other:
                w = max(w, base)
            if a >= fb and a - fb <= 3:
                after.add(concept)
            if concept == "NEGATION":
                # a negation anywhere in the figure's clause: no ";" or ":" and no other
                # figure between them ("45 per cent ... should have had access to an
                # intervention but had not")
                if not any(lo <= br < hi for br in sent.breaks) and not any(
                    lo <= oa < hi or lo < ob <= hi for oa, ob in other_tok
                ):
                    negated = negated or _real_negation(self.text, sent, a)
                continue
            _bump(weights, concept, w)
        prev_weights: dict[str, float] = {}
        if idx > 0 and not self._new_paragraph(idx):
            for concept, _a, _b in self._sentence(idx - 1).concepts:
                if concept != "NEGATION":
                    _bump(prev_weights, concept, 0.5)
        # The figure's own sentence decides; the sentence before only breaks a tie of
        # evidence, unless the figure's sentence names no measure at all ("less than half
        # (43 per cent) of jobs were completed in this timescale").
        merged = dict(weights)
        for c, w in prev_weights.items():
            _bump(merged, c, min(w, 0.3))
        best = _best(merged, after, unit, of, noun)
        if best is None and prev_weights and unit != "count" and self._anaphoric(sent):
            for c, w in prev_weights.items():
                _bump(merged, c, w)
            best = _best(merged, after, unit, of, noun)
            # only when the figure's own sentence shares an idea with that measure
            if best is not None and not any(
                weights.get(c, 0.0) >= 0.35
                for c in {x for r in (*best.requires, *best.boosts) for x in r.split("|")}
            ):
                best = None
        if best is None:
            return _generic(unit, noun)
        if negated and best.negative_label:
            twin = best.negated()
            return Recognised(twin.key, twin.label, twin, negated=True)
        return Recognised(best.key, best.label, best)

    def _anaphoric(self, sent: _Sentence) -> bool:
        """The sentence points back ("in this timescale", "these cases", "it")."""
        words = self.text[sent.start : sent.end].lower().split()
        return any(w.strip(",.;:") in _ANAPHORS for w in words)

    def _new_paragraph(self, idx: int) -> bool:
        prev_end = self.sentences.spans[idx - 1][1]
        start = self.sentences.spans[idx][0]
        return self.text.count("\n", prev_end, start) > 1

    def _rating_tally(self, sent: _Sentence, start: int, end: int) -> str | None:
        """ "Six services 'Good'", "rated 'Requires improvement' in six out of seven"."""
        window_start = max(sent.start, start - 45)
        window_end = min(sent.end, end + 30)
        best: tuple[int, str] | None = None
        for m in _RATING.finditer(self.text, window_start, window_end):
            word = m.group(1)
            quoted = m.group(0)[0] in "'‘’\"“" or m.group(0)[-1] in "'‘’\"”"
            if not quoted and not word[0].isupper():
                continue
            if not quoted and m.start(1) > 0 and self.text[m.start(1) - 2 : m.start(1)].strip() in ("", ".") and word == "Good":
                continue
            # a tally names the number first ("seven 'Inadequate'"): prefer what follows
            dist = m.start() - end if m.start() >= end else 1000 + start - m.end()
            if best is None or dist < best[0]:
                best = (dist, _RATING_KEYS[word.lower()])
        if best is None or not _quoted_or_rated(self.text, window_start, window_end):
            return None
        return best[1]


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A measure with its requirements split once, for fast scoring."""

    order: int
    measure: Measure
    requires: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=1)
def _by_concept() -> dict[str, tuple[_Candidate, ...]]:
    """Concept -> the measures whose first requirement it can satisfy."""
    index: dict[str, list[_Candidate]] = {}
    for order, m in enumerate(_SCORED):
        reqs = tuple(tuple(r.split("|")) for r in m.requires)
        cand = _Candidate(order, m, reqs)
        for c in reqs[0] if reqs else ():
            index.setdefault(c, []).append(cand)
    return {c: tuple(v) for c, v in index.items()}


def _best(
    weights: dict[str, float], after: set[str], unit: str, of: float | None, noun: str | None
) -> Measure | None:
    """The measure whose required concepts are all present, with the highest score."""
    index = _by_concept()
    seen: set[int] = set()
    candidates: list[_Candidate] = []
    for c, w in weights.items():
        if w >= 0.35:
            for cand in index.get(c, ()):
                if cand.order not in seen:
                    seen.add(cand.order)
                    candidates.append(cand)
    candidates.sort(key=lambda x: x.order)  # ties go to the earlier measure, as listed
    best: tuple[float, Measure] | None = None
    counted = singular(noun) if noun else None
    for cand in candidates:
        m = cand.measure
        if not _unit_fits(m.unit, unit, of):
            continue
        if unit == "count" and counted and m.nouns and counted not in m.nouns:
            continue
        if any(c in after for c in m.not_after):
            continue
        if m.after and not any(c in after for c in m.after):
            continue
        score = 0.0
        ok = True
        for alts in cand.requires:
            raw = max(weights.get(c, 0.0) for c in alts)
            if raw < 0.35:
                ok = False
                break
            score += max(weights.get(c, 0.0) * CONCEPT_WEIGHT.get(c, 1.0) for c in alts)
        if not ok:
            continue
        for c in m.boosts:
            score += 0.4 * weights.get(c, 0.0) * CONCEPT_WEIGHT.get(c, 1.0)
        score += 0.05 * len(m.requires)
        if best is None or score > best[0] + 1e-9:
            best = (score, m)
    return best[1] if best else None


def _quoted_or_rated(text: str, a: int, b: int) -> bool:
    chunk = text[a:b].lower()
    return "rated" in chunk or "rating" in chunk or "'" in chunk or "‘" in chunk or "’" in chunk


def _real_negation(text: str, sent: _Sentence, a: int) -> bool:
    """ "not only", "no more than", "not one of" are not negations of the finding."""
    s = sent.tok_starts[a]
    following = text[s : s + 24].lower()
    return not re.match(
        r"(not|no) (only|more|less|fewer|one|a single|longer|doubt|surprise)\b", following
    )


def _bump(weights: dict[str, float], concept: str, w: float) -> None:
    if w > weights.get(concept, 0.0):
        weights[concept] = w


def _unit_fits(measure_unit: str, unit: str, of: float | None) -> bool:
    if measure_unit == "percent":
        return unit == "percent" or (unit == "count" and of is not None)
    if measure_unit in _DURATIONS or measure_unit == "hours":
        return unit in _DURATIONS
    return measure_unit == unit


def _generic(unit: str, noun: str | None) -> Recognised:
    key = generic_key(unit, noun)
    label = GENERIC_LABELS.get(unit, "Figure")
    if unit == "count" and noun and key.startswith("count_"):
        label = f"Count of {noun.lower() if not noun.isupper() and not noun[:-1].isupper() else noun}"
    return Recognised(key, label, None)


def recognise_all(
    text: str,
    spans: list[tuple[int, int, str, float | None, str | None]],
    sentences: Sentences | None = None,
) -> list[Recognised]:
    """Measures for every figure of a text: spans are (start, end, unit, of, noun).

    A figure restated in brackets right after another ("More than two-thirds (68 per
    cent) of managers ...") is the same finding: both take the measure read for the pair.
    """
    r = Recogniser(text, sentences)
    all_spans = [(s, e) for s, e, *_ in spans]
    starts = [s for s, _ in all_spans]
    pair_of: dict[int, int] = {}
    for k in range(len(spans) - 1):
        gap = text[spans[k][1] : spans[k + 1][0]]
        if spans[k][2] == spans[k + 1][2] and _RESTATED.match(gap):
            pair_of[k], pair_of[k + 1] = k + 1, k
    out: list[Recognised] = []
    for k, (s, e, unit, of, noun) in enumerate(spans):
        lo = bisect_left(starts, s - 400)
        hi = bisect_right(starts, e + 400)
        partner = all_spans[pair_of[k]] if k in pair_of else None
        others = [x for x in all_spans[lo:hi] if x != (s, e) and x != partner]
        if partner is not None and k < pair_of[k]:
            # read the pair as one phrase, from the first figure to the bracket's end
            out.append(r.recognise(s, partner[1], unit, of, noun, others))
        elif partner is not None:
            out.append(out[pair_of[k]])
        else:
            out.append(r.recognise(s, e, unit, of, noun, others))
    return out
