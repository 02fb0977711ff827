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

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from summariser.concepts import CONCEPT_WEIGHT, find_concepts
from summariser.measures import _ALL, GENERIC_LABELS, Measure, generic_key, measure, singular
from summariser.stems import stem
from summariser.text import Sentences
from summariser.vocabulary import words_of

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[;:,]|\d[\d,.]*")
_CONJUNCTIONS = words_of("and but while whereas although though yet")
_SUBJECTLESS_OPENERS = words_of("""still also only then now yet nonetheless nevertheless was were is are
    had has have remained remains stayed met meets fell rose dropped improved declined""")
"""Words that open a coordinated clause with no subject of its own (", but still fell
short in ..."): its subject is the earlier clause's, so that clause's words describe it."""
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
# "fell to 16 per cent in Q3, from 23 per cent", "39%, down from 45%", "from 41% to 33%":
# the two values of one change are the same measure
_CHANGE_GAP = re.compile(
    r"^(?: (?:in|by|at) [\w/ ]{1,24}?| a year earlier| last year)?,? (?:(?:up|down|rising|falling|compared) )?(?:from|with|against) $"
)
_FROM_TO_GAP = re.compile(r"^(?: (?:in|at) [\w/ ]{1,24}?)? to $")
_ANAPHORS = frozenset(["this", "these", "those", "such", "it", "they", "them", "which"])
_SCORED = [m for m in _ALL if not m.key.startswith("rated_")]


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


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    n_tokens: int
    concepts: list[tuple[str, int, int]]  # concept, first token, token after
    breaks: list[int]  # token indices of ; and :
    colons: dict[int, bool]  # break index -> it is a ":"
    soft_breaks: list[int]  # ", and" ", but" ...: the start of a new clause
    commas: list[int]
    colon_breaks: list[int]  # the breaks that are ":"
    rating_words: bool  # a rating word ("Good", "Inadequate" ...) occurs in the sentence
    pointers: list[int]  # token indices of "these", "that", "such" ...
    subjectless: frozenset[int] = frozenset()  # soft breaks opening a clause with no subject
    coordinated: tuple[tuple[str, str, int], ...] = ()  # two stages joined by "and": (a, b, token)
    starts: list[int] | None = None  # token offsets, read only when a figure needs them


class Recogniser:
    """Recognises the figures of one text; caches what it reads per sentence."""

    def __init__(self, text: str, sentences: Sentences | None = None, title: str = "") -> None:
        self.text = text
        self.title = title
        self.sentences = sentences or Sentences(text)
        self._cache: dict[int, _Sentence] = {}
        self._headings: dict[int, str] = {}
        self._text_concepts: dict[str, list[str]] = {}  # heading or title -> its concepts

    def _sentence(self, idx: int) -> _Sentence:
        cached = self._cache.get(idx)
        if cached is not None:
            return cached
        start, end = self.sentences.spans[idx]
        cache = _STEMS
        words = _WORD.findall(self.text, start, end)
        stem_list = [cache.get(w) or _stem_and_remember(w) for w in words]
        breaks: list[int] = []
        soft: list[int] = []
        pointers: list[int] = []
        colons: dict[int, bool] = {}
        commas: list[int] = []
        subjectless: set[int] = set()
        specials = _SPECIAL_STEMS
        for k in [k for k, st in enumerate(stem_list) if st in specials]:
            st = stem_list[k]
            if st == ";" or st == ":":
                colons[k] = st == ":"
                breaks.append(k)
            elif st == ",":
                commas.append(k)
            elif st in _CONJUNCTION_STEMS and k and stem_list[k - 1] == ",":
                soft.append(k - 1)
                if k + 1 < len(words) and words[k + 1].lower() in _SUBJECTLESS_OPENERS:
                    subjectless.add(k - 1)
            if st in _POINTER_STEMS:
                pointers.append(k)
        # hyphenated words ("pre-sentence") are matched as separate words too
        concepts = find_concepts(stem_list)
        sent = _Sentence(
            start, end, len(stem_list), concepts, breaks, colons, soft, commas,
            [b for b in breaks if colons[b]], bool(_RATING_WORD.search(self.text, start, end)), pointers,
            frozenset(subjectless), _coordinated_stages(concepts, words),
        )  # fmt: skip
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
        others_units: list[tuple[int, int, str]] | None = None,
    ) -> Recognised:
        """The measure of the figure at text[start:end]; `others` are the other figures'
        spans in the same text (concepts beyond them count less)."""
        if not self.sentences.spans:
            return generic(unit, noun)
        idx = self.sentences.index_at(start)
        sent = self._sentence(idx)
        tally = self._rating_tally(sent, start, end, others) if sent.rating_words else None
        if tally and unit == "count":
            m = measure(tally)
            assert m is not None
            return Recognised(m.key, m.label, m, evidence="tally", adjacent=True)
        table = self._table_weights(start)
        if table is not None:
            best = _best(table, set(), unit, of, noun)
            if best is not None:
                return Recognised(best.key, best.label, best, evidence="table", adjacent=True)
        weights: dict[str, float] = {}
        where: dict[str, tuple[int, int]] = {}  # the words that gave each concept its weight
        own: dict[str, float] = {}  # concepts of the figure's own clause
        after: set[str] = set()
        fa = self._tok_index(sent, start)
        fb = max(self._tok_index(sent, end), fa + 1)
        s_lo, s_hi = sent.start, sent.end
        other_tok: list[tuple[int, int]] = []
        list_items: list[tuple[int, int]] = []
        for s, e, u in others_units if others_units is not None else [(s, e, unit) for s, e in others]:
            if s_lo <= s < s_hi and s != start:
                span = (self._tok_index(sent, s), self._tok_index(sent, e))
                other_tok.append(span)
                if _same_kind(u, unit):
                    list_items.append(span)
        lo_clause, hi_clause = _clause(sent, fa, fb, list_items)
        elliptical = _words_between(sent, lo_clause, fa) + _words_between(sent, fb, hi_clause) <= 4
        # "plans that dealt with those gaps", "planning around that danger": the clause points
        # back to what an earlier clause of the sentence named
        pointing = self._points_back(sent, lo_clause, hi_clause) or (lo_clause - 1) in sent.subjectless
        negated = False
        has_before = any(
            b <= fa and c not in ("NEGATION", "SUFFICIENT") for c, _a, b in sent.concepts
        )
        o_starts = sorted(oa for oa, _ob in other_tok)
        o_ends = sorted(ob for _oa, ob in other_tok)
        breaks, colon_breaks, soft_breaks, commas = sent.breaks, sent.colon_breaks, sent.soft_breaks, sent.commas
        w_get, own_get = weights.get, own.get
        inside: set[str] = set()
        for concept, a, b in sent.concepts:
            negation = concept == "NEGATION"
            if fa <= a < fb:  # inside the figure's own words ("not one of", a count's noun)
                if not negation:
                    inside.add(concept)
                    if w_get(concept, 0.0) < 1.0:
                        weights[concept] = 1.0
                        where[concept] = (a, b)
                    own[concept] = 1.0
                continue
            if a >= fb:
                dist, lo, hi = a - fb + 1, fb, a
            else:
                dist, lo, hi = max(fa - b + 1, 0), b, fa
            w = base = 1.0 if dist <= 6 else 0.8 if dist <= 12 else 0.6 if dist <= 20 else 0.4
            if lo_clause <= a and b <= hi_clause and not negation and base > own_get(concept, 0.0):
                own[concept] = base
            hard = _count(breaks, lo, hi) if breaks else 0
            if hard and not (pointing and a < fa):
                # ";" closes a clause; ":" introduces what elaborates it ("Unpaid work was a
                # strength: 93% started within seven days")
                w *= 0.8 if _count(colon_breaks, lo, hi) == hard else 0.5
            between_other = bool(o_starts) and (
                _count(o_starts, lo, hi) > 0 or _count(o_ends, lo + 1, hi + 1) > 0
            )
            soft = _count(soft_breaks, lo, hi) if soft_breaks else 0
            if soft and a >= fb:
                w *= 0.5  # the next clause ("..., and planning was sufficient in 39%")
            elif soft and pointing:
                pass  # the figure's clause points back to this one
            elif soft and (
                between_other or any(ob <= soft_breaks[bisect_left(soft_breaks, lo)] for ob in o_ends)
            ):
                # an earlier clause with its own figure ("just 30 per cent of assessments
                # looked at children, and that the plans held up in ...")
                w *= 0.36
            elif soft and not elliptical:
                w *= 0.4  # an earlier clause, when the figure's own clause is complete
            elif a >= fb and has_before and commas and _count(commas, lo, hi):
                w *= 0.6  # "assessment in 47 per cent, planning in 55 per cent"
            if between_other:
                if concept != "SUFFICIENT":
                    w *= 0.6  # the predicate ("were sufficient") is shared by a list
                elif base > w:
                    w = base
            if a >= fb and a - fb <= 3:
                after.add(concept)
            if negation:
                # a negation anywhere in the figure's clause: no ";" or ":" and no other
                # figure between them ("a fifth ... needed a programme yet never got
                # a place on one")
                if not hard and not between_other:
                    negated = negated or _real_negation(self.text, self._tok_start(sent, a))
                continue
            if w > w_get(concept, 0.0):
                weights[concept] = w
                where[concept] = (a, b)
        # 1. The figure's own clause, when it names a whole measure, decides: a theme or a
        # stage named only in a neighbouring clause may make it more specific ("assessing
        # danger to others was good enough in 50%, and planning in 30%"), never replace it.
        for c in _PREDICATES:  # "were sufficient" may close a list of several figures
            if c in weights:
                _bump(own, c, weights[c])
        _share_coordinated(own, sent, lo_clause, hi_clause)
        best = _best(own, after, unit, of, noun, where) if own else None
        source = "clause"
        if best is not None:
            if elliptical or pointing:
                best = _refine(best, own, sent, lo_clause, hi_clause, after, unit, of, noun)
        else:
            best, source = self._from_sentence(idx, sent, weights, after, unit, of, noun, where, start)
            own_ideas = {c for c, w in own.items() if w >= 0.35 and c not in _WEAK_CONCEPTS}
            if (
                source == "sentence"
                and best is not None
                and own_ideas
                and not pointing
                and not own_ideas & _concepts_of(best)
            ):
                best = None  # the clause names something else; a neighbour's measure is not its own
        if best is None:
            return generic(unit, noun)
        near = after | inside
        adjacent = any(c in near for req in best.requires for c in req.split("|"))
        if negated and best.negative_label:
            twin = best.negated()
            return Recognised(twin.key, twin.label, twin, negated=True, evidence=source, adjacent=adjacent)
        return Recognised(best.key, best.label, best, evidence=source, adjacent=adjacent)

    def _from_sentence(
        self,
        idx: int,
        sent: _Sentence,
        weights: dict[str, float],
        after: set[str],
        unit: str,
        of: float | None,
        noun: str | None,
        where: dict[str, tuple[int, int]],
        start: int,
    ) -> tuple[Measure | None, str]:
        """The whole sentence, then the sentence before (weakly), then the heading above and
        the document's title (more weakly still: they name the topic of a whole section)."""
        prev_weights: dict[str, float] = {}
        if idx > 0 and not self._new_paragraph(idx):
            for concept, _a, _b in self._sentence(idx - 1).concepts:
                if concept != "NEGATION":
                    _bump(prev_weights, concept, 0.5)
        # The figure's own sentence decides; the sentence before only breaks a tie of
        # evidence, unless the figure's sentence names no measure at all ("under half
        # (41 per cent) were done in that time", "that was so in just 50 per cent of
        # cases").
        merged = dict(weights)
        for c, w in prev_weights.items():
            _bump(merged, c, min(w, 0.3))
        best = _best(merged, after, unit, of, noun, where)
        if best is not None:
            return best, "sentence"
        if best is None:
            topic = self._topic_weights(start)
            if topic:
                trial = dict(merged)
                for c, w in topic.items():
                    _bump(trial, c, w)
                best = _best(trial, after, unit, of, noun, where)
                if best is not None and not _topic_completes(best, topic, merged, unit):
                    best = None
                if best is not None:
                    return best, "topic"
        if best is None and prev_weights and (unit != "count" or noun is None) and self._anaphoric(sent):
            for c, w in prev_weights.items():
                _bump(merged, c, w)
            best = _best(merged, after, unit, of, noun)
            own_ideas = {c for c, w in weights.items() if w >= 0.35 and c not in _WEAK_CONCEPTS}
            # only when the figure's own sentence shares an idea with that measure, or
            # names none of its own ("this happened in only 53 per cent of cases")
            if best is not None and own_ideas and not any(
                weights.get(c, 0.0) >= 0.35
                for c in {x for r in (*best.requires, *best.boosts) for x in r.split("|")}
            ):
                best = None
        return best, "previous"

    def _topic_weights(self, start: int) -> dict[str, float]:
        """Concepts of the heading above the figure's paragraph and of the document's
        title, at 0.4: enough to complete a measure the sentence leaves half-named
        ("Courts imposed almost 6 million hours" under a title about unpaid work)."""
        para = self.text.rfind("\n\n", 0, start)
        para = 0 if para < 0 else para
        heading = self._headings.get(para)
        if heading is None:
            heading = _heading_above(self.text, para)
            self._headings[para] = heading
        out: dict[str, float] = {}
        for text in (heading, self.title):
            if text:
                concepts = self._text_concepts.get(text)
                if concepts is None:
                    concepts = self._text_concepts[text] = [
                        c for c, _a, _b in find_concepts(_stems(text)) if c not in _WEAK_CONCEPTS and c != "NEGATION"
                    ]
                for c in concepts:
                    out[c] = 0.4
        return out

    def _table_weights(self, start: int) -> dict[str, float] | None:
        """For a cell of a table row ("Assessment: keeping people safe    41%    39%"): the
        concepts of the row label (and of a wrapped second line of it) and, more weakly,
        of the table's caption ("Table 2: Cases rated sufficient, by standard")."""
        text = self.text
        if start < 2 or (text[start - 1] != "\t" and text[start - 2 : start] != "  " and text[start - 3 : start - 1] != "  "):
            return None  # not a cell: no wide gap just before the figure
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        if not _CELL_GAP.search(before[-3:] if before else "") and not before.endswith("\t"):
            return None
        gap = _CELL_GAP.search(before)
        label = before[: gap.start()] if gap else before
        if not label.strip():
            return None
        if any(ch.isdigit() for ch in label):
            # rows named by a year or period ("2023/24    55%"): the measure is named in
            # the header row above them
            if not _PERIOD_LABEL.fullmatch(label.strip()):
                return None
            label = _header_above(text, line_start) or ""
        line_end = text.find("\n", start)
        nxt_end = text.find("\n", line_end + 1) if line_end >= 0 else -1
        if line_end >= 0:
            nxt = text[line_end + 1 : nxt_end if nxt_end >= 0 else len(text)]
            if nxt.strip() and not any(ch.isdigit() for ch in nxt) and nxt.strip()[0].islower() and len(nxt) < 80:
                label += " " + nxt.strip()  # a row label wrapped onto the next line
        weights: dict[str, float] = {}
        for c, _a, _b in find_concepts(_stems(label)):
            if c != "NEGATION":
                _bump(weights, c, 1.0)
        caption = _caption_above(text, line_start)
        if caption:
            for c, _a, _b in find_concepts(_stems(caption)):
                if c != "NEGATION":
                    _bump(weights, c, 0.6)
        return weights or None

    def _starts(self, sent: _Sentence) -> list[int]:
        """The sentence's token offsets, read once, and only for sentences with figures
        (a sentence read only as the one before a figure never needs them)."""
        if sent.starts is None:
            sent.starts = [m.start() for m in _WORD.finditer(self.text, sent.start, sent.end)]
        return sent.starts

    def _tok_index(self, sent: _Sentence, offset: int) -> int:
        """How many of the sentence's tokens start before `offset`: the token index of a
        figure that starts there."""
        return bisect_left(self._starts(sent), offset)

    def _tok_start(self, sent: _Sentence, k: int) -> int:
        starts = self._starts(sent)
        return starts[k] if k < len(starts) else sent.end

    def _points_back(self, sent: _Sentence, lo: int, hi: int) -> bool:
        """The clause holds a pointing word ("these issues", "that risk", "such checks")."""
        return any(lo <= k < hi for k in sent.pointers)

    def _anaphoric(self, sent: _Sentence) -> bool:
        """The sentence points back ("in this timescale", "these cases", "it")."""
        words = self.text[sent.start : sent.end].lower().split()
        return any(w.strip(",.;:") in _ANAPHORS for w in words)

    def _new_paragraph(self, idx: int) -> bool:
        prev_end = self.sentences.spans[idx - 1][1]
        start = self.sentences.spans[idx][0]
        return self.text.count("\n", prev_end, start) > 1

    def _rating_tally(
        self, sent: _Sentence, start: int, end: int, others: list[tuple[int, int]] = ()  # type: ignore[assignment]
    ) -> str | None:
        """ "Four services 'Good'", "rated 'Inadequate' in two out of five"; a
        rating with another figure between it and this one is that figure's tally."""
        window_start = max(sent.start, start - 45)
        window_end = min(sent.end, end + 30)
        best: tuple[int, str] | None = None
        # a rating word that starts within the window counts, however long it is
        for m in _RATING.finditer(self.text, window_start, min(sent.end, window_end + 24)):
            if m.start() >= window_end:
                break
            word = m.group(1)
            quoted = m.group(0)[0] in "'‘’\"“" or m.group(0)[-1] in "'‘’\"”"
            if not quoted and not word[0].isupper():
                continue
            if not quoted and m.start(1) > 0 and self.text[m.start(1) - 2 : m.start(1)].strip() in ("", ".") and word == "Good":
                continue
            if any(
                (end <= o_start < m.start()) or (m.end() <= o_start < start)
                for o_start, _o_end in others
            ):
                continue
            # a tally names the number first ("seven 'Inadequate'"): prefer what follows
            dist = m.start() - end if m.start() >= end else 1000 + start - m.end()
            if best is None or dist < best[0]:
                best = (dist, _RATING_KEYS[word.lower()])
        if best is None or not _quoted_or_rated(self.text, window_start, window_end):
            return None
        return best[1]


_CELL_GAP = re.compile(r"\t|  ")
_THEME_CONCEPTS = frozenset({"HARM", "DESIST", "DA", "CHILD"})
_STAGE_CONCEPTS = frozenset({"ASSESS", "PLAN", "IMPLEMENT", "REVIEW"})
_PREDICATES = ("SUFFICIENT", "TIMELY")
_POINTER_STEMS = frozenset(stem(w) for w in ("these", "those", "that", "this", "such"))
_CONJUNCTION_STEMS = frozenset(stem(w) for w in _CONJUNCTIONS)
_SPECIAL_STEMS = _POINTER_STEMS | _CONJUNCTION_STEMS | {";", ":", ","}
_STEMS: dict[str, str] = {}
"""Word as written -> its stem (or the token itself for punctuation and digits): a memo of
a pure function, bounded in size."""


_RATING_WORD = re.compile(r"Outstanding|Good|Requir|Inadequate")
"""A quick test, literal-led, for any rating word a tally could name (case as `_RATING`)."""


def _stem_and_remember(w: str) -> str:
    st = _stem_token(w)
    if len(_STEMS) < 100_000:
        _STEMS[w] = st
    return st


def _stem_token(w: str) -> str:
    if w[0].isalpha():
        low = w.lower().replace("’", "'")
        return "not" if low.endswith("n't") else stem(low)
    return w


def _count(positions: list[int], lo: int, hi: int) -> int:
    """How many of the sorted `positions` lie in [lo, hi)."""
    if not positions or hi <= lo:
        return 0
    return bisect_left(positions, hi) - bisect_left(positions, lo)
_SPECIFIC_UNITS = frozenset({"hours", "days", "weeks", "months", "years", "currency"})


def _same_kind(a: str, b: str) -> bool:
    durations = _DURATIONS
    return a == b or (a in durations and b in durations)


def _concepts_of(m: Measure) -> set[str]:
    return {c for r in (*m.requires, *m.boosts) for c in r.split("|")}


def _topic_completes(m: Measure, topic: dict[str, float], sentence: dict[str, float], unit: str) -> bool:
    """A heading or title may complete a measure only when it supplies a requirement and
    either the sentence itself names another requirement, or the figure's unit is one few
    measures share (hours, a wait in weeks, money)."""
    reqs = [r.split("|") for r in m.requires]
    if not any(c in topic for alts in reqs for c in alts):
        return False
    from_sentence = any(sentence.get(c, 0.0) >= 0.35 for alts in reqs for c in alts)
    return from_sentence or unit in _SPECIFIC_UNITS
_WEAK_CONCEPTS = frozenset(
    {"SUFFICIENT", "NEGATION", "TIMELY", "INSPECTION", "SAMPLE", "CAPACITY_OF", "STAFF", "SUPERVISED",
     "AS_WELL", "INSPECTOR_VERB", "NOT_A_MANAGER"}
)
"""Concepts that frame a finding (a judgement, who, where it was seen) rather than name it."""


def _stems(text: str) -> list[str]:
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        if w[0].isalpha():
            low = w.lower().replace("’", "'")
            out.append("not" if low.endswith("n't") else stem(low))
        else:
            out.append(w)
    return out


def _heading_above(text: str, para: int) -> str:
    """The nearest heading line above offset `para`: a short line with no closing
    punctuation ("Staffing", "2.2 Planning", "Unpaid work (Back to top)")."""
    pos = para
    for _ in range(40):
        if pos <= 0:
            return ""
        line_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[line_start:pos].strip()
        pos = line_start
        if line and len(line) < 80 and line[-1] not in ".:;,!?\"”'’":
            return line
    return ""


_PERIOD_LABEL = re.compile(r"(?:FY|Q[1-4] )?(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?|(?:Q[1-4]|H[12]) (?:19|20)\d\d")


def _lines_above(text: str, line_start: int, limit: int = 12):
    """The lines above the one starting at `line_start`, nearest first, at most `limit`."""
    pos = line_start
    for _ in range(limit):
        if pos <= 0:
            return
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        yield text[prev_start : pos - 1]
        pos = prev_start


def _header_above(text: str, line_start: int) -> str | None:
    """The header row of a table whose rows are periods: the nearest line above with wide
    gaps and no digits ("Year        Settled on release")."""
    for line in _lines_above(text, line_start):
        stripped = line.strip()
        if stripped and _CELL_GAP.search(stripped) and not any(ch.isdigit() for ch in stripped):
            return stripped
    return None


def _caption_above(text: str, line_start: int) -> str | None:
    """The first line above a table row that is not itself a row (the caption or the
    table's title), within a few lines."""
    for line in _lines_above(text, line_start):
        if not line.strip():
            continue
        if _CELL_GAP.search(line.strip()):
            continue  # another row, or the header row
        if line.strip()[0].islower() and len(line) < 80:
            continue  # the wrapped second line of a row label
        return line.strip() if len(line) < 200 else None
    return None


def _clause(
    sent: _Sentence, fa: int, fb: int, other_tok: list[tuple[int, int]]
) -> tuple[int, int]:
    """Token bounds of the figure's own clause: up to the nearest ";", ":", ", and"-like
    break or other figure on each side."""
    n = sent.n_tokens
    lo, hi = 0, n
    for br in (*sent.breaks, *sent.soft_breaks):
        if br < fa:
            lo = max(lo, br + 1)
        elif br >= fb:
            hi = min(hi, br)
    for oa, ob in other_tok:
        if ob <= fa:
            lo = max(lo, ob)
        elif oa >= fb:
            hi = min(hi, oa)
    later = [oa for oa, _ob in other_tok if oa >= fb]
    if later:
        # a list ("... in 47 per cent of cases, planning for desistance in 55 per cent"):
        # a comma before the next figure ends this one's clause
        commas = [cm for cm in sent.commas if fb <= cm < min(later)]
        if commas:
            hi = min(hi, commas[0])
    return lo, hi


def _words_between(sent: _Sentence, a: int, b: int) -> int:
    return max(b - a, 0)


def _refine(
    best: Measure,
    own: dict[str, float],
    sent: _Sentence,
    lo: int,
    hi: int,
    after: set[str],
    unit: str,
    of: float | None,
    noun: str | None,
) -> Measure:
    """A theme or stage the own clause leaves unsaid, named in a neighbouring clause of the
    sentence, makes the measure more specific; only one candidate of each kind, and only
    when the result keeps every requirement of the first reading."""
    for kind in (_THEME_CONCEPTS, _STAGE_CONCEPTS):
        if any(own.get(c, 0.0) >= 0.35 for c in kind):
            continue
        outside = {c for c, a, b in sent.concepts if c in kind and not (lo <= a and b <= hi)}
        if len(outside) != 1:
            continue
        trial = dict(own)
        trial[next(iter(outside))] = 0.5
        better = _best(trial, after, unit, of, noun)
        if better is not None and better is not best and set(better.requires) >= set(best.requires):
            best = better
    return best


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
    for order, m in enumerate(_SCORED):
        reqs = tuple(tuple(r.split("|")) for r in m.requires)
        weighted = tuple(tuple((c, CONCEPT_WEIGHT.get(c, 1.0)) for c in alts) for alts in reqs)
        boosts = tuple((c, 0.4 * CONCEPT_WEIGHT.get(c, 1.0)) for c in m.boosts)
        cand = _Candidate(order, m, reqs, weighted, boosts)
        for kind, (unit, of) in _KIND_EXAMPLE.items():
            if not _unit_fits(m.unit, unit, of):
                continue
            for c in reqs[0] if reqs else ():
                index.setdefault((c, kind), []).append(cand)
    return {k: tuple(v) for k, v in index.items()}


def _best(
    weights: dict[str, float],
    after: set[str],
    unit: str,
    of: float | None,
    noun: str | None,
    where: dict[str, tuple[int, int]] | None = None,
) -> Measure | None:
    """The measure whose required concepts are all present, with the highest score. One
    phrase is one piece of evidence: two requirements met by the same words ("workforce"
    is both staff and the size of the workforce) count it once and a half."""
    index = _by_concept()
    kind = _unit_kind(unit, of)
    seen: set[int] = set()
    candidates: list[_Candidate] = []
    for c, w in weights.items():
        if w >= 0.35:
            for cand in index.get((c, kind), ()):
                if cand.order not in seen:
                    seen.add(cand.order)
                    candidates.append(cand)
    candidates.sort(key=lambda x: x.order)  # ties go to the earlier measure, as listed
    best: tuple[float, Measure] | None = None
    scored: list[tuple[float, Measure]] = []
    counted = singular(noun) if noun and unit == "count" else None
    get = weights.get
    for cand in candidates:  # all fit the unit: the index is by kind of unit
        m = cand.measure
        if counted and m.nouns and counted not in m.nouns:
            continue
        if m.not_after and any(c in after for c in m.not_after):
            continue
        if m.excludes and any(get(c, 0.0) >= 0.6 for c in m.excludes):
            continue
        if m.after and not any(c in after for c in m.after):
            continue
        score = 0.0
        ok = True
        used: list[tuple[int, int]] = []
        for alts in cand.weighted:
            c_best, part, raw = "", -1.0, 0.0
            for c, cw in alts:
                w = get(c, 0.0)
                if w > raw:
                    raw = w
                if w * cw > part:
                    c_best, part = c, w * cw
            if raw < 0.35:
                ok = False
                break
            span = where.get(c_best) if where else None
            if span is not None and span in used:
                part *= 0.5
            elif span is not None:
                used.append(span)
            score += part
        if not ok:
            continue
        for c, bw in cand.boosts:
            score += bw * get(c, 0.0)
        score += 0.05 * len(cand.requires)
        scored.append((score, m))
        if best is None or score > best[0] + 1e-9:
            best = (score, m)
    return _unless_two_stages(best, scored) if best else None


_COORDINATORS = words_of("and or both as well")


def _coordinated_stages(concepts: list[tuple[str, int, int]], words: list[str]) -> tuple[tuple[str, str, int], ...]:
    """Pairs of different stages joined only by "and"/"or" ("for assessment and for
    delivery"): the figure they share is stated for both."""
    stages = [(c, a, b) for c, a, b in concepts if c in _STAGE_CONCEPTS]
    pairs = []
    for (c1, _a1, b1), (c2, a2, _b2) in zip(stages, stages[1:], strict=False):
        gap = [w.lower() for w in words[b1:a2]]
        if c1 != c2 and 0 < len(gap) <= 3 and all(w in _COORDINATORS or w in ("for", "in", "the", "of") for w in gap) and (
            "and" in gap or "or" in gap
        ):
            pairs.append((c1, c2, a2))
    return tuple(pairs)


def _share_coordinated(own: dict[str, float], sent: _Sentence, lo: int, hi: int) -> None:
    """Two coordinated stages of the figure's clause weigh the same: neither is nearer."""
    for c1, c2, k in sent.coordinated:
        if lo <= k < hi and c1 in own and c2 in own:
            own[c1] = own[c2] = max(own[c1], own[c2])


def _stages(m: Measure) -> frozenset[str]:
    return frozenset(c for alts in m.requires for c in alts.split("|") if c in _STAGE_CONCEPTS)


def _unless_two_stages(best: tuple[float, Measure], scored: list[tuple[float, Measure]]) -> Measure | None:
    """A figure stated for two stages of the work at once ("in assessment and in delivery")
    measures neither stage alone: when another stage's measure of the same theme scores as
    well, the measure without a stage is read instead, if there is one."""
    score, m = best
    stages = _stages(m)
    if not stages:
        return m
    rest = frozenset(m.requires) - {c for c in m.requires if _stages_of_alt(c)}
    rivals = [
        o for sc, o in scored
        if o is not m and sc >= score - 0.05 and _stages(o) and _stages(o) != stages
        and frozenset(o.requires) - {c for c in o.requires if _stages_of_alt(c)} == rest
    ]  # fmt: skip
    if not rivals:
        return m
    return next((o for _sc, o in scored if not _stages(o) and frozenset(o.requires) == rest), None)


def _stages_of_alt(alt: str) -> bool:
    return any(c in _STAGE_CONCEPTS for c in alt.split("|"))


def _quoted_or_rated(text: str, a: int, b: int) -> bool:
    chunk = text[a:b].lower()
    return "rated" in chunk or "rating" in chunk or "'" in chunk or "‘" in chunk or "’" in chunk


def _real_negation(text: str, s: int) -> bool:
    """ "not only", "no more than", "not one of" are not negations of the finding."""
    following = text[s : s + 24].lower()
    return not re.match(
        r"(not|no) (only|more|less|fewer|one|a single|longer|doubt|surprise)\b", following
    )


def _bump(weights: dict[str, float], concept: str, w: float) -> bool:
    if w > weights.get(concept, 0.0):
        weights[concept] = w
        return True
    return False


def _unit_fits(measure_unit: str, unit: str, of: float | None) -> bool:
    if measure_unit == "percent":
        return unit == "percent" or (unit == "count" and of is not None)
    if measure_unit == "hours":
        return unit == "hours"  # hours of work, not a wait
    if measure_unit in _DURATIONS:
        return unit in _DURATIONS
    return measure_unit == unit


def generic(unit: str, noun: str | None) -> Recognised:
    """The internal key and label of a figure no measure claims (`extract` shows null)."""
    key = generic_key(unit, noun)
    label = GENERIC_LABELS.get(unit, "Figure")
    if unit == "count" and noun and key.startswith("count_"):
        label = f"Count of {noun.lower() if not noun.isupper() and not noun[:-1].isupper() else noun}"
    return Recognised(key, label, None)


def recognise_all(
    text: str,
    spans: list[tuple[int, int, str, float | None, str | None]],
    sentences: Sentences | None = None,
    title: str = "",
) -> list[Recognised]:
    """Measures for every figure of a text: spans are (start, end, unit, of, noun).

    A figure restated in brackets right after another ("Over a half (54 per cent) of
    staff ...") is the same finding: both take the measure read for the pair.
    """
    r = Recogniser(text, sentences, title)
    all_spans = [(s, e) for s, e, *_ in spans]
    starts = [s for s, _ in all_spans]
    pair_of: dict[int, int] = {}
    for k in range(len(spans) - 1):
        gap = text[spans[k][1] : spans[k + 1][0]]
        if spans[k][2] != spans[k + 1][2] or k in pair_of:
            continue
        from_before = text[max(0, spans[k][0] - 5) : spans[k][0]].lower().endswith("from ")
        if _RESTATED.match(gap) or _CHANGE_GAP.match(gap) or (from_before and _FROM_TO_GAP.match(gap)):
            pair_of[k], pair_of[k + 1] = k + 1, k
    out: list[Recognised] = []
    with_units = [(s, e, u) for s, e, u, _of, _n in spans]
    for k, (s, e, unit, of, noun) in enumerate(spans):
        lo = bisect_left(starts, s - 400)
        hi = bisect_right(starts, e + 400)
        partner_k = pair_of.get(k, -1)
        partner = all_spans[partner_k] if partner_k >= 0 else None
        near = [j for j in range(lo, hi) if j != k and j != partner_k]
        others = [all_spans[j] for j in near]
        units = [with_units[j] for j in near]
        if partner is not None and k < pair_of[k]:
            # read the pair as one phrase, from the first figure to the bracket's end
            out.append(replace(r.recognise(s, partner[1], unit, of, noun, others, units), paired=True))
        elif partner is not None:
            out.append(out[pair_of[k]])
        else:
            out.append(r.recognise(s, e, unit, of, noun, others, units))
    return out
