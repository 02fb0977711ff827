"""Which measure a figure belongs to, from the concepts around it.

The sentence holding the figure is read as stems; every concept phrase found there (and,
more weakly, in the sentence before) gets a weight that falls with its distance from
the figure, and falls again when another figure stands between them or a ";" or ":"
closes the clause. A measure is a candidate when the figure's unit fits and all its
required concepts are present; the best-scoring candidate wins. A figure stated in the
negative ("checks were not done in a third of cases") takes the measure's negative
twin. No candidate: a generic key ("other_percent", "count_<noun>").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from summariser import recognition_weights as rw
from summariser.annotated import Annotated
from summariser.cataphora import defined_after, negated_or_plain
from summariser.clause_weights import (
    Evidence,
    Placed,
    beyond_other,
    judged_nearer,
    mention_weight,
    own_predicate,
    past_semicolon,
    real_negation,
)
from summariser.clauses import (
    WORD,
    SentenceMarks,
    clause_bounds,
    count_in,
    no_subject,
    share_coordinated,
    stems,
    words_between,
)
from summariser.concepts import find_concepts
from summariser.label_lines import label_line, take_label
from summariser.measure_choice import (
    PREDICATES,
    STAGE_CONCEPTS,
    WEAK_CONCEPTS,
    Measure,
    best_measure,
    bump,
    complete_ellipsis,
    concepts_of,
    named_by_row,
    refine,
    same_kind,
    split_between_stages,
    themeless,
    topic_completes,
)
from summariser.measures import GENERIC_LABELS, generic_key, measure
from summariser.rating_tally import rating_row, rating_tally, restated_tally
from summariser.table_cells import table_weights
from summariser.theme_before import theme_from_before

_ANAPHORS = frozenset(["this", "these", "those", "such", "it", "they", "them", "which"])


@dataclass(frozen=True, slots=True)
class Recognised:
    key: str
    label: str
    measure: Measure | None
    negated: bool = False
    paired: bool = False  # read together with a restatement, a range end or a change's other value
    evidence: str = "none"
    adjacent: bool = False
    """A required concept of the measure is in the figure's own words or right after it
    ("500 vacant posts", "a 10 per cent vacancy rate"): the strongest evidence there is."""
    """Where the measure was read: "tally", "table", "clause" (the figure's own clause),
    "sentence", "topic" (heading or title) or "previous" (the sentence before); "none"."""


class Recogniser:
    """Recognises the figures of one text; caches what it reads per sentence."""

    def __init__(self, doc: Annotated, title: str = "") -> None:
        self.doc = doc
        self.text = doc.text
        self.title = title
        self.sentences = doc.sentences
        self._text_concepts: dict[str, list[str]] = {}  # heading or title -> its concepts

    def _sentence(self, idx: int) -> SentenceMarks:
        return self.doc.marks(idx)

    def recognise(
        self,
        start: int,
        end: int,
        unit: str,
        of: float | None,
        noun: str | None,
        others: list[tuple[int, int]],
        others_units: list[tuple[int, int, str]] | None = None,
    ) -> Recognised:
        """The measure of the figure at text[start:end]; `others` are the other figures'
        spans in the same text (concepts beyond them count less)."""
        if not self.sentences.spans:
            return generic(unit, noun)
        idx = self.sentences.index_at(start)
        sent = self._sentence(idx)
        quick = self._tally_or_table(sent, start, end, unit, of, noun, others)
        if quick is not None:
            return quick
        at = self._locate(sent, start, end, unit, others, others_units)
        ev = self._weigh(sent, at)
        best, source = self._choose(idx, sent, at, ev, unit, of, noun, start)
        if best is not None and source == "clause" and themeless(best):
            best = theme_from_before(self.doc, idx, ev.own, best, unit, of, noun) or best
        if source == "sentence" and not ev.own and own_predicate(self.text, end, sent.end):
            best = None  # the clause says what it counts, in words of its own
        if best is None and (defined := defined_after(self.doc, idx)) is not None:
            found = best_measure(defined[0], set(), unit, of, noun)
            best, source = (negated_or_plain(found, defined[1]) if found else None), "next"
        if best is None:
            return generic(unit, noun)
        near = ev.after | ev.inside
        adjacent = any(c in near for req in best.requires for c in req.split("|"))
        if ev.negated and best.negative_label:
            twin = best.negated()
            return Recognised(twin.key, twin.label, twin, negated=True, evidence=source, adjacent=adjacent)
        return Recognised(best.key, best.label, best, evidence=source, adjacent=adjacent)

    def _tally_or_table(
        self, sent: SentenceMarks, start: int, end: int, unit: str, of: float | None, noun: str | None,
        others: list[tuple[int, int]],
    ) -> Recognised | None:  # fmt: skip
        """A count of rated services ("four 'Good'"), or a table cell named by its row."""
        lead_in = self.doc.lead_in_above(start) if sent.rating_words else ""
        tally = rating_tally(self.text, (sent.start, sent.end), start, end, others, lead_in) if sent.rating_words else None
        if unit == "percent" and sent.rating_words:
            tally = restated_tally(self.text, (sent.start, sent.end), start, end, others, lead_in)  # else SFO reviews
        if tally:
            m = measure(tally)
            assert m is not None
            return Recognised(m.key, m.label, m, evidence="tally", adjacent=True)
        rated_row = rating_row(self.text, start) if unit == "count" else None
        if rated_row is not None:
            m = measure(rated_row)  # a ratings table: "Good      12      9"
            assert m is not None
            return Recognised(m.key, m.label, m, evidence="tally", adjacent=True)
        table = table_weights(self.text, start)
        if table is not None:
            negated = table.pop("NEGATION", 0.0) > 0
            best = best_measure(table, set(), unit, of, noun) if table else None
            if (best is None or themeless(best)) and any(table.get(c, 0.0) >= 1.0 for c in STAGE_CONCEPTS):
                best = self._stage_row_in_theme(table, start, unit, of, noun) or best  # the row names a stage
            if best is not None and not named_by_row(best, table):
                return None  # the caption alone names it: too little to go on
            if best is not None and negated and best.negative_label:
                twin = best.negated()  # a row labelled "... not made", "... insufficient"
                return Recognised(twin.key, twin.label, twin, negated=True, evidence="table", adjacent=True)
            if best is not None:
                return Recognised(best.key, best.label, best, evidence="table", adjacent=True)
        return None

    def _locate(
        self, sent: SentenceMarks, start: int, end: int, unit: str, others: list[tuple[int, int]],
        others_units: list[tuple[int, int, str]] | None,
    ) -> Placed:  # fmt: skip
        """The figure's tokens, its own clause and the other figures of its sentence."""
        W = rw.WEIGHTS
        fa = self._tok_index(sent, start)
        fb = max(self._tok_index(sent, end), fa + 1)
        other_tok: list[tuple[int, int]] = []
        list_items: list[tuple[int, int]] = []
        for s, e, u in others_units if others_units is not None else [(s, e, unit) for s, e in others]:
            if sent.start <= s < sent.end and s != start:
                span = (self._tok_index(sent, s), self._tok_index(sent, e))
                other_tok.append(span)
                if same_kind(u, unit):
                    list_items.append(span)
        lo, hi = clause_bounds(sent, fa, fb, list_items)
        return Placed(
            fa, fb, lo, hi,
            elliptical=words_between(sent, lo, fa) + words_between(sent, fb, hi) <= W.elliptical_words,
            # "plans that dealt with those gaps", "..., but still fell short": the clause
            # points back to what an earlier clause of the sentence named
            pointing=self._points_back(sent, lo, hi) or no_subject(sent, lo, fa),
            has_before=any(b <= fa and c not in ("NEGATION", "SUFFICIENT") for c, _a, b in sent.concepts),
            o_starts=sorted(oa for oa, _ob in other_tok),
            o_ends=sorted(ob for _oa, ob in other_tok),
        )  # fmt: skip

    def _weigh(self, sent: SentenceMarks, at: Placed) -> Evidence:
        """Every concept phrase of the sentence, weighed by where it stands from the figure."""
        W = rw.WEIGHTS
        ev = Evidence()
        weights, own = ev.weights, ev.own
        for concept, a, b in sent.concepts:
            negation = concept == "NEGATION"
            if at.fa <= a < at.fb:  # inside the figure's own words ("not one of", a count's noun)
                if not negation:
                    ev.inside.add(concept)
                    if weights.get(concept, 0.0) < 1.0:
                        weights[concept] = 1.0
                        ev.where[concept] = (a, b)
                    own[concept] = 1.0
                continue
            w, base, hard, between_other = mention_weight(sent, at, concept, a, b, W)
            if at.lo <= a and b <= at.hi and not negation and base > own.get(concept, 0.0) and not beyond_other(at, a, between_other, concept):
                own[concept] = base
            if a >= at.fb and a - at.fb <= W.after_words:
                ev.after.add(concept)
            if negation:
                # a negation anywhere in the figure's clause: no ";" or ":" and no other
                # figure between them ("a fifth ... needed a programme yet never got
                # a place on one"), or a label line's negation ("checks not made: 37%")
                label_line = hard == 1 and a < at.fa and (at.fa - 1) in sent.colons and sent.colons[at.fa - 1]
                next_clause = a >= at.fb and count_in(sent.soft_breaks, at.fb, a) > 0 and not self._fronted(sent, at.fa)
                if (not hard or label_line) and not between_other and not next_clause and not judged_nearer(sent, a, b, at):
                    ev.negated = ev.negated or real_negation(self.text, self._tok_start(sent, a))
                continue
            if w > weights.get(concept, 0.0):
                weights[concept] = w
                ev.where[concept] = (a, b)
        return ev

    def _choose(
        self, idx: int, sent: SentenceMarks, at: Placed, ev: Evidence, unit: str, of: float | None,
        noun: str | None, start: int,
    ) -> tuple[Measure | None, str]:  # fmt: skip
        """The figure's own clause, when it names a whole measure, decides: a theme or a
        stage named only in a neighbouring clause may make it more specific ("assessing
        danger to others was good enough in 50%, and planning in 30%"), never replace it."""
        W = rw.WEIGHTS
        own = ev.own
        for c in PREDICATES:  # "were sufficient" may close a list of several figures
            if c in ev.weights:
                bump(own, c, ev.weights[c])
        if label_line(sent, at):
            take_label(own, ev, at, unit)
        share_coordinated(own, sent, at.lo, at.hi)
        best = best_measure(own, ev.after, unit, of, noun, ev.where) if own else None
        if best is not None:
            if at.elliptical or at.pointing:
                best = refine(best, own, sent, at.lo, at.hi, ev.after, unit, of, noun, at.pointing)
            return best, "clause"
        if own and split_between_stages(own, ev.after, unit, of, noun, ev.where):
            return None, "clause"  # "good enough in 45% for both assessing and delivering"
        if own and at.elliptical:
            earlier = [(a, b) for a, b in zip(at.o_starts, at.o_ends, strict=True) if b <= at.fa]
            best = complete_ellipsis(own, sent, at.lo, at.fa, earlier, ev.after, unit, of, noun)
            if best is not None:
                return best, "clause"
        best, source = self._from_sentence(idx, sent, ev, unit, of, noun, start)
        own_ideas = {c for c, w in own.items() if w >= W.present and c not in WEAK_CONCEPTS}
        if source == "sentence" and best is not None and own_ideas and not at.pointing and not own_ideas & concepts_of(best):
            return None, source  # the clause names something else; a neighbour's measure is not its own
        if source == "sentence" and best is not None and not (at.elliptical or at.pointing) and past_semicolon(sent, at, ev, best):
            return None, source  # "84% were boys; 71% were at the older end": a clause of its own says something else
        return best, source

    def _from_sentence(
        self,
        idx: int,
        sent: SentenceMarks,
        ev: Evidence,
        unit: str,
        of: float | None,
        noun: str | None,
        start: int,
    ) -> tuple[Measure | None, str]:
        """The whole sentence, then the sentence before (weakly), then the heading above and
        the document's title (more weakly still: they name the topic of a whole section)."""
        W = rw.WEIGHTS
        weights, after, where = ev.weights, ev.after, ev.where
        prev_weights: dict[str, float] = {}
        if idx > 0 and not self.sentences.new_paragraph(idx):
            for concept, _a, _b in self._sentence(idx - 1).concepts:
                if concept != "NEGATION":
                    bump(prev_weights, concept, W.previous_sentence)
        # The figure's own sentence decides; the sentence before only breaks a tie of
        # evidence, unless the figure's sentence names no measure at all ("under half
        # (41 per cent) were done in that time", "that was so in just 50 per cent of
        # cases").
        merged = dict(weights)
        for c, w in prev_weights.items():
            bump(merged, c, min(w, W.previous_tiebreak))
        best = best_measure(merged, after, unit, of, noun, where)
        if best is not None:
            return best, "sentence"
        if best is None:
            topic = self._topic_weights(start)
            if topic:
                trial = dict(merged)
                for c, w in topic.items():
                    bump(trial, c, w)
                best = best_measure(trial, after, unit, of, noun, where)
                if best is not None and not topic_completes(best, topic, merged, unit):
                    best = None
                if best is not None:
                    return best, "topic"
        asked = bool(prev_weights) and self.sentences.after_question(idx)
        if best is None and prev_weights and (unit != "count" or noun is None or of is not None) and (
            asked or self._anaphoric(sent)
        ):
            for c, w in prev_weights.items():
                bump(merged, c, w)
            best = best_measure(merged, after, unit, of, noun)
            # only when the figure's own sentence shares an idea with that measure, or
            # names none of its own ("this happened in only 53 per cent of cases"); an
            # answer to a question need only share it in its own clause ("Nine per cent,
            # with forty posts advertised")
            mine = ev.own if asked else weights
            own_ideas = {c for c, w in mine.items() if w >= W.present and c not in WEAK_CONCEPTS}
            if best is not None and own_ideas and not any(
                mine.get(c, 0.0) >= W.present
                for c in {x for r in (*best.requires, *best.boosts) for x in r.split("|")}
            ):
                best = None
        return best, "question" if asked else "previous"

    def _stage_row_in_theme(
        self, table: dict[str, float], start: int, unit: str, of: float | None, noun: str | None
    ) -> Measure | None:
        """A row that names a stage of the work and no theme ("Planning   44%") in a table, under a
        heading or in a document on one theme (public protection, desistance): the stage
        of that theme. Such a table gives, stage by stage, the share of cases that met the
        standard: its cells are shares judged sufficient unless the row says otherwise."""
        theme = self._topic_weights(start)
        if unit != "percent" or not (set(theme) | set(table)) - STAGE_CONCEPTS - WEAK_CONCEPTS:
            return None  # the theme may come from the table's own caption ("work to keep others safe")
        weights = {"SUFFICIENT": rw.WEIGHTS.topic, **theme, **table}
        return best_measure(weights, set(), unit, of, noun)

    def _topic_weights(self, start: int) -> dict[str, float]:
        """Concepts of the lead-in of the figure's list item, of the heading above its
        paragraph and of the document's title, at the topic weight: enough to complete a
        measure the sentence leaves half-named ("Courts imposed almost 6 million hours"
        under a title about unpaid work). A lead-in is the first half of its item's
        sentence ("the share judged sufficient was:" above "- planning, 43%"), so its weak
        ideas (sufficiency) count too; a heading's or title's do not."""
        out: dict[str, float] = {}
        for text, weak in ((self.doc.lead_in_above(start), True), (self.doc.heading_above(start), False),
                           (self.title, False)):  # fmt: skip
            if text:
                for c in self._concepts_of(text, weak):
                    out[c] = rw.WEIGHTS.topic
        return out

    def _concepts_of(self, text: str, weak: bool) -> list[str]:
        key = f"{weak}:{text}"
        concepts = self._text_concepts.get(key)
        if concepts is None:
            concepts = self._text_concepts[key] = [
                c for c, _a, _b in find_concepts(stems(text))
                if c != "NEGATION" and (weak or c not in WEAK_CONCEPTS)
            ]  # fmt: skip
        return concepts

    def _starts(self, sent: SentenceMarks) -> list[int]:
        """The sentence's token offsets, read once, and only for sentences with figures
        (a sentence read only as the one before a figure never needs them)."""
        if sent.starts is None:
            sent.starts = [m.start() for m in WORD.finditer(self.text, sent.start, sent.end)]
        return sent.starts

    def _tok_index(self, sent: SentenceMarks, offset: int) -> int:
        """How many of the sentence's tokens start before `offset`: the token index of a
        figure that starts there."""
        return bisect_left(self._starts(sent), offset)

    def _tok_start(self, sent: SentenceMarks, k: int) -> int:
        starts = self._starts(sent)
        return starts[k] if k < len(starts) else sent.end

    def _fronted(self, sent: SentenceMarks, fa: int) -> bool:
        """The figure stands in a phrase opening its sentence ("In 40% of the cases that
        needed one, no check was made"): the clause after the comma is its own."""
        if fa < 1 or self.text[self._tok_start(sent, fa - 1) :][:3].lower() != "in ":
            return False
        return fa == 1 or self.text[self._tok_start(sent, fa - 2)] in ":;"

    def _points_back(self, sent: SentenceMarks, lo: int, hi: int) -> bool:
        """The clause holds a pointing word ("these issues", "that risk", "such checks")."""
        return any(lo <= k < hi for k in sent.pointers)

    def _anaphoric(self, sent: SentenceMarks) -> bool:
        """The sentence points back ("in this timescale", "these cases", "it")."""
        words = self.text[sent.start : sent.end].lower().split()
        return any(w.strip(",.;:") in _ANAPHORS for w in words)


def generic(unit: str, noun: str | None) -> Recognised:
    """The internal key and label of a figure no measure claims (`extract` shows null)."""
    key = generic_key(unit, noun)
    label = GENERIC_LABELS.get(unit, "Figure")
    if unit == "count" and noun and key.startswith("count_"):
        label = f"Count of {noun.lower() if not noun.isupper() and not noun[:-1].isupper() else noun}"
    return Recognised(key, label, None)
