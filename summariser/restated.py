"""Figures that state a fact already stated: the same fact twice in one place ("over half
(54 per cent)"), a change stated beside the level it changed ("61%, up six points"),
and an earlier finding quoted again ("in 2019 we found 30 per cent ...").

Both steps are pure: they take the document's figures and return new ones with
`same_fact_as` (on the approximate member of a pair, the index of the exact one) or `quotes`
set. Later stages use the exact member of a pair and never compare a quotation with itself.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from summariser.models import Figure, Quote
from summariser.neighbours import narrower
from summariser.policy import complement

_BETWEEN = re.compile(r"^\s*(?:[(\[:,]|[-–—])\s*(?:(?:or|that is|i\.e\.),?\s*)?$|^\s*or\s*$")
"""What may stand between two statements of one fact: "half (51 per cent)", "half – 51 per cent"."""
_APPROXIMATE = frozenset({"about", "more than", "less than", "almost", "nearly", "just over", "just under", "over", "under", "fewer than", "at least", "up to"})
_SHARE_GAP = 15.0
"""Most points a word fraction may sit from the exact share it rounds ("a fifth" for 22)."""


def link_same_facts(figures: list[Figure], text: str) -> list[Figure]:
    """Each approximate figure stated right beside its exact twin points at it, and the two
    share the measure one of them was read with (one fact has one measure)."""
    out = list(figures)
    for k in range(len(figures) - 1):
        for j in (k + 1, k + 2)[: len(figures) - k - 1]:
            a, b = figures[k], figures[j]
            if a.in_comments != b.in_comments or not _beside(figures, k, j, text):
                continue
            pair = _approximate_and_exact(a, b)
            if pair is not None:
                approx, exact = (k, j) if pair == (a, b) else (j, k)
                out[approx] = replace(_measured_as(out[approx], out[exact]), same_fact_as=exact)
                out[exact] = _measured_as(out[exact], out[approx])
                out[approx], out[exact] = _narrower_measure(out[approx], out[exact])
                out[approx], out[exact] = _one_population(out[approx], out[exact])
                break
    return _one_sign(out, text)


def _one_sign(figures: list[Figure], text: str) -> list[Figure]:
    """One fact read both ways ("about a third (6 of 18) said too little ...", "not good
    enough in 18 of the 30 (60%)"): a figure beside its restatement keeps a negation
    named beyond the other from reaching it, so the reading with the negation holds for both."""
    out = list(figures)
    for k in range(len(figures) - 1):
        a, b = out[k], out[k + 1]
        if a.measured and b.measured and a.metric == complement(b.metric) and _adjacent(a, b, text):
            negated = a if a.metric.partition("@")[0].endswith("_not") else b
            out[k] = replace(a, metric=negated.metric, label=negated.label, polarity=negated.polarity)
            out[k + 1] = replace(b, metric=negated.metric, label=negated.label, polarity=negated.polarity)
    return out


def _measured_as(f: Figure, twin: Figure) -> Figure:
    """f with its twin's measure when f was given none."""
    if f.measured or not twin.measured:
        return f
    return replace(f, metric=twin.metric, label=twin.label, measured=True, polarity=twin.polarity,
                   evidence=twin.evidence, confidence=twin.confidence)  # fmt: skip


def _narrower_measure(a: Figure, b: Figure) -> tuple[Figure, Figure]:
    """One fact has one measure: when the two were read with measures of which one names
    all the other does and more ("assessed well enough" beside a label naming the risk of
    harm), both take the narrower one."""
    if not (a.measured and b.measured) or a.metric == b.metric:
        return a, b
    if narrower(a.metric, b.metric):
        return a, replace(b, metric=a.metric, label=a.label, polarity=a.polarity)
    if narrower(b.metric, a.metric):
        return replace(a, metric=b.metric, label=b.label, polarity=b.polarity), b
    return a, b


def _one_population(a: Figure, b: Figure) -> tuple[Figure, Figure]:
    """One fact is about one group: when one of the two names it ("over half of the
    children, 54 per cent, ...": the youth twin) and the other not, both take it."""
    if a.metric and b.metric and a.metric != b.metric:
        if a.metric.endswith("." + b.metric):
            return a, replace(b, metric=a.metric, label=a.label, population=a.population)
        if b.metric.endswith("." + a.metric):
            return replace(a, metric=b.metric, label=b.label, population=b.population), b
    return a, b


def link_changes_to_levels(figures: list[Figure]) -> list[Figure]:
    """A change stated beside the level it changed measures what that level measures: points
    beside a share ("61%, up six points", "four points above the 55% of last year"), a
    count beside a count ("9,100 reports, some 800 fewer"). It takes the level's measure and
    stays a change (`stat`), so no comparison reads it as a level."""
    out = list(figures)
    for k, f in enumerate(figures):
        if f.measured or f.stat != "change" or f.unit != "count":
            continue
        unit = "percent" if "point" in f.text.lower() else "count"
        near = [g for g in figures if g is not f and g.unit == unit and g.measured and g.stat == "level"
                and g.sentence == f.sentence and g.in_comments == f.in_comments]  # fmt: skip
        if near:
            level = min(near, key=lambda g: (abs(g.start - f.start), g.start > f.start))
            out[k] = _measured_as(f, level)
    return out


_OF_THE_SAMPLE = re.compile(r"^\s*of (?:the |all |its |their )?[^.;:(),]{0,60}?\s*[(\[,]\s*$")
"""Between a share in words and its exact twin, the cases it is a share of: "a quarter of the
90 files we opened (27 per cent)", "under half of the cases, 46%, had ..."."""


def _beside(figures: list[Figure], k: int, j: int, text: str) -> bool:
    """figures[j] restates figures[k]: right beside it, or (with one count between them,
    the size of the sample) after the noun phrase the share is of."""
    a, b = figures[k], figures[j]
    if b.start - a.start > 160:
        return False  # too far apart to restate each other (and cheap to tell)
    if j == k + 1 and _adjacent(a, b, text):
        return True
    if j == k + 2 and figures[k + 1].unit != "count":
        return False
    gap = " ".join(text[a.start : b.start].split())
    return gap.startswith(a.text) and bool(_OF_THE_SAMPLE.match(gap[len(a.text) :]))


def _adjacent(a: Figure, b: Figure, text: str) -> bool:
    """b follows a with only a bracket or a dash between them, or b is the exact share of
    the count a, in brackets after the rest of a's noun phrase ("9 of the 30 cases where
    one was needed (30%)")."""
    gap = " ".join(text[a.start : b.start].split())
    if not gap.startswith(a.text):
        return False
    rest = gap[len(a.text) :]
    if _BETWEEN.match(rest):
        return True
    if _bracketed_share_of(a, b) and _PHRASE_THEN_BRACKET.match(rest):
        return True
    return _rounds_count(a, b) and bool(_PHRASE_THEN_COMMA.match(rest))  # "12 of 25 files we read, under half"


_PHRASE_THEN_BRACKET = re.compile(r"^[^.;:()]{1,60}\($")
_PHRASE_THEN_COMMA = re.compile(r"^[^.;:(),]{1,40},\s*$")


def _rounds_count(count: Figure, share: Figure) -> bool:
    return bool(count.of) and share.unit == "percent" and _rough(share) and abs(100 * count.value / count.of - share.value) <= _SHARE_GAP  # type: ignore[operator]


def _bracketed_share_of(count: Figure, share: Figure) -> bool:
    return bool(count.of) and share.unit == "percent" and abs(100 * count.value / count.of - share.value) <= 1  # type: ignore[operator]


def _approximate_and_exact(a: Figure, b: Figure) -> tuple[Figure, Figure] | None:
    """(approximate, exact) when a and b state one fact, else None."""
    if a.unit == "percent" and b.unit == "percent":
        if abs(a.value - b.value) > _SHARE_GAP:
            return None
        a_rough, b_rough = _rough(a), _rough(b)
        if a_rough and not b_rough:
            return a, b
        if b_rough and not a_rough:
            return b, a
        return None
    for count, share in ((a, b), (b, a)):
        # "19 of 52 cases (37%)": the share is the exact statement later stages compare
        if _bracketed_share_of(count, share):
            return count, share
        if _rounds_count(count, share):  # "19 of 52 cases, over a third": the words round the count
            return share, count
    return None


def _rough(f: Figure) -> bool:
    """A share in words ("two-thirds", "one in five") or qualified ("about 50 per cent")."""
    return not any(ch.isdigit() for ch in f.text) or f.qualifier in _APPROXIMATE


_MONTH_NAMES = "January February March April May June July August September October November December"
_MONTHS = {m.lower(): k for k, m in enumerate(_MONTH_NAMES.split(), 1)}
_DATE = rf"(?:(?P<month>{_MONTH_NAMES.replace(' ', '|')}) )?(?P<year>(?:19|20)\d\d)"
_SOURCE = r"(?:inspection|inspections|report|reports|review|thematic|survey|study|bulletin|visit|work)"
_IN_YEAR_FOUND = re.compile(rf"\b[Ii]n {_DATE},? (?:we|inspectors|the [Ii]nspectorate|HMI Probation) (?:had )?(?:found|reported|said|showed|noted)\b")
""""In 2019 we found": a year the document may itself report on, so a quotation only when it
lies two years or more before the document."""
_CUES = [
    _IN_YEAR_FOUND,
    # "our 2021 thematic inspection found", "a 2020 report showed", "the 2019 review had found"
    re.compile(rf"\b(?:[Oo]ur|[Aa]|[Tt]he|[Ii]ts) {_DATE} (?:[\w-]+ ){{0,2}}{_SOURCE} (?:had )?(?:found|reported|showed|said|noted)\b"),
    # "our report (2018) found", "our previous inspection, in 2017, found"
    re.compile(rf"\b(?:[Oo]ur|[Tt]he) (?:previous |last |earlier |original )?(?:[\w-]+ ){{0,2}}{_SOURCE},? (?:\(|in ){_DATE}\)?,? (?:had )?(?:found|reported|showed|noted)\b"),
    # "when we last inspected, in 2018,", "when we visited in March 2016"
    re.compile(rf"\b[Ww]hen (?:we|inspectors) (?:last |previously |first )?(?:inspected|visited|reviewed|came)(?: (?:it|the \w+|here))?,? in {_DATE}\b"),
    # undated: "we previously found", "our last inspection found", "as we reported last year"
    re.compile(rf"\b(?:[Ww]e (?:had )?previously (?:found|reported)|[Oo]ur (?:previous|last|earlier) {_SOURCE} (?:had )?(?:found|reported|showed)|[Aa]s we reported (?:last year|previously|before))\b"),
]


_CUE_VERBS = ("found", "report", "show", "said", "noted", "inspected", "visited", "reviewed", "came", "graded", "counted", "recorded")

_ATTRIBUTED = re.compile(
    rf"(?:\b[Ii]nspectors|\b[Tt]he [Ii]nspectorate(?:['’]s)?|\bHMI Probation|\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur|[Aa]n?|[Ll]ast \w+['’]s) (?:[\w'’/-]+ ){{0,5}}?{_SOURCE})"
    r"[^.;:]{0,100}?\b(?:found|reported|showed|said|noted|graded|counted|recorded)\b"
)
"""A finding put down to the inspectorate or one of its reports ("inspectors reported",
"the annual report ... found"): a quotation when the sentence dates it before the document."""
_PAST_MONTH = re.compile(rf"\b[Ll]ast (?:{_MONTH_NAMES.replace(' ', '|')}|year|autumn|spring|summer|winter)\b")
_YEAR_OR_SPAN = re.compile(r"\b((?:19|20)\d\d)(?:/(\d\d))?\b")


def mark_quotations(figures: list[Figure], text: str, published: date | None) -> list[Figure]:
    """Figures whose sentence says, before them, that they restate an earlier finding."""
    out = []
    for f in figures:
        q = _quotation(f, text, published)
        out.append(replace(f, quotes=q) if q is not None else f)
    return out


def _quotation(f: Figure, text: str, published: date | None) -> Quote | None:
    return _cue_before(f, text, published) or _cue_after(f, text, published)


_AFTER_CUES = [
    # "a fifth when we last inspected", "30% found there last year"
    re.compile(r"(?:(?:found|recorded|reported|seen|noted)(?: [\w'’-]+){0,5}? |(?:across|in|at|for) (?:[\w'’-]+ ){0,4}?)?"
               r"(?:last year|the year before|a year (?:earlier|before|ago)|(?:two|three|four|five) years (?:earlier|before|ago))\b"),
    re.compile(r"(?:found |recorded |reported )?previously\b"),
    re.compile(r"(?:[\w'’-]+ ){0,4}?when (?:we|inspectors) (?:last|previously|first) (?:inspected|visited|came)\b"),
    re.compile(rf"(?:[\w'’-]+ ){{0,3}}?at (?:our|the|its) (?:last|previous|earlier|first) {_SOURCE}\b"),
    # "62% in our 2017 report", "a half in 2020": dated, so a quotation only
    # when the year lies before the period the document reports on
    re.compile(rf"(?:in|at|during|from) (?:our |the |its |their )?{_DATE}(?: {_SOURCE})?\b"),
]
_DATED_PAST_CLAUSE = re.compile(rf"(?:[\w'’-]+ ){{1,8}}?(?:in|during) (?:our |the |its |their )?{_DATE}\b")
"""The year past the rest of the clause ("35 per cent of reviews were graded 'Good' in
2021/22"): a quotation only beside a document's own date, which it must lie before."""
_BRACKET_YEAR = re.compile(rf"(?:\(|^|[|;–—-]\s)\s*{_DATE}\s*:\s*$")
"""A bracketed earlier value, or a year labelling a cell of a row: "52% sufficient (2022:
37%)", "checks made - 2020: 51% | 2024: 66%" (a quotation when the year is past)."""


def _cue_after(f: Figure, text: str, published: date | None) -> Quote | None:
    """A cue right after the figure, within its clause ("41% in 2022", "when we last
    inspected"), or the year opening its bracket ("(2022: 37%)")."""
    end = f.start + len(f.text)
    bracket = _BRACKET_YEAR.search(text, max(0, f.start - 20), f.start)
    if bracket is not None:
        return _dated(bracket, published, 1)
    rest = text[end : end + 80]
    rest = " ".join(rest[: min((k for k in (rest.find(c) for c in ",;:.)") if k >= 0), default=len(rest))].split())
    for rx in _AFTER_CUES:
        m = rx.match(rest)
        if m is not None:
            return _dated(m, published, 2)
    m = _DATED_PAST_CLAUSE.match(rest) if published is not None else None
    return _dated(m, published, 2) if m is not None else None


def _dated(m: re.Match[str], published: date | None, gap: int) -> Quote | None:
    """The quotation the cue makes, unless its year is the document's own period."""
    when = _when(m)
    if when is not None and published is not None and int(when[:4]) > published.year - gap:
        return None
    return Quote(published=when, text=" ".join(m.group().split()))


def _cue_before(f: Figure, text: str, published: date | None) -> Quote | None:
    lo = max(0, f.start - 600)  # a cue stands in the figure's own sentence, never further back
    s0 = max(text.rfind(". ", lo, f.start), text.rfind("\n", lo, f.start), text.rfind("; ", lo, f.start), lo - 1) + 1
    before = text[s0 : f.start]
    if not any(verb in before for verb in _CUE_VERBS):
        return None  # every cue has one of these verbs: most sentences hold none
    for rx in _CUES:
        found = list(rx.finditer(before))
        if not found:
            continue
        m = found[-1]  # the nearest cue before the figure
        when = _when(m)
        if when is not None and published is not None:
            gap = 2 if rx is _IN_YEAR_FOUND else 1
            if int(when[:4]) > published.year - gap:
                return None  # the period the document reports on: its own finding
        return Quote(published=when, text=" ".join(m.group().split()))
    return _attributed_past(before, published)


def _attributed_past(before: str, published: date | None) -> Quote | None:
    """A finding the sentence credits to the inspectorate and dates before the document:
    a year at least one before it, or "last November", "last year"."""
    m = _ATTRIBUTED.search(before)
    if m is None or published is None:
        return None
    if _PAST_MONTH.search(before):
        return Quote(published=None, text=" ".join(m.group().split()))
    years = [int(y[:2] + span) if span else int(y) for y, span in _YEAR_OR_SPAN.findall(before)]  # 2022/23 ends in 2023
    if years and max(years) < published.year:
        return Quote(published=str(max(years)), text=" ".join(m.group().split()))
    return None


def _when(m: re.Match[str]) -> str | None:
    year = m.groupdict().get("year")
    if not year:
        return None
    month = m.groupdict().get("month")
    return f"{year}-{_MONTHS[month.lower()]:02d}" if month else year
