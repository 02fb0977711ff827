"""A figure that points back: "the figure was 40 per cent", "the equivalent share stood at
a third". Its words name no measure because the sentence, or the one before, already did;
it measures what the figure it points back to measures, for its own body and period.

Pure: a pass over figures already read, returning new ones."""

from __future__ import annotations

import re
from dataclasses import replace

from summariser.measures import measure
from summariser.models import Figure
from summariser.text import Sentences

_POINTER = re.compile(
    r"\b(?:the|this|that|its|their)\s+"
    r"(?:(?:equivalent|comparable|corresponding|same|national|overall|regional|local|latest|earlier|previous)\s+)?"
    r"(?:figure|proportion|share|percentage|result|rate|level|score|number|total)\s*,?\s+"
    # only a place, a group or a time may stand between ("the figure for the region", "the
    # share among women"); "the share of plans that ..." names a measure of its own
    r"(?:(?:for|in|among|across|at|during|nationally|locally|then|now|last|this)\b[^,.;:()]{0,50}?\s*,?\s+)?"
    r"(?:was|were|is|are|had been|has been|stood at|fell to|rose to|dropped to|went up to|went down"
    r"\s+to|reached|came to|climbed to|improved to|slipped to)\s+"
    r"(?:(?:just|only|about|around|nearly|almost|some|roughly|under|over)\s+)?$",
    re.I,
)


_SUBGROUP = re.compile(
    r"\b(?:among|amongst|when|whenever|unless)\b|\bwhere\b(?!\s+(?:in (?:19|20)\d\d,?\s+)?(?:it|they)\s+(?:had|has|was|is|were|are|stood)\b)"
    r"|\bfor (?:those|the ones|cases|people|staff|children|women|men)\s+(?:who|that|which|with|held|whose)\b",
    re.I,
)
"""A breakdown by condition ("among those who ...", "where the case was held by ..."):
the figure is a part of what its referent measured, an aside, not the measure itself.
A "when" right after a year, or one that says when an inspection happened, dates the figure
("in 2019, when the unit was new"; "when we last visited"): no condition."""

_YEAR_WHEN = re.compile(
    r"\b(?:19|20)\d\d,?\s+when\b"
    r"|\bwhen (?:we|inspectors|the inspectorate|it was) (?:\w+ )?(?:inspected|visited|reported|looked|came|were|last)\b",
    re.I,
)


def _subgroup(sentence: str) -> bool:
    return bool(_SUBGROUP.search(_YEAR_WHEN.sub(" ", sentence)))


_EARLIER_IN_BRACKETS = re.compile(r"\(\s*(?:19|20)\d\d(?:/\d\d)?\s*:\s*$")
"""An earlier value of the figure before it: "52% sufficient (2022: 37%)"."""


_SET_AGAINST = re.compile(
    r"\b(?:below|above|under|over|compared (?:with|to)|against|than|versus|up from|down from|from)\s+"
    r"(?:the|a|an)\s+(?:(?:national|regional|average|overall|typical|usual)\s+)?$",
    re.I,
)
"""A value set against the one before it ("9 per cent, below the 14 per cent ..."): the same
measure, so only a referent in the same sentence counts."""


_COMPARES_WITH = re.compile(r"^\s*(?:that|this|which|it)\s+(?:compares|compared|is to be set)\s+(?:with|to|against)\s+(?:the\s+)?$", re.I)
"""A sentence that sets its figure against the one before ("This compares with 12 of the
50 files read three years earlier"): the same measure, an earlier value."""


_PUT_AT = re.compile(
    r"\b(?:put|puts|putting|placed|places|set|sets|estimated|estimates)\s+"
    r"(?:it|them|the\s+(?:figure|share|proportion|percentage|rate|number|total|level|count))\s+at\s+"
    r"(?:(?:just|only|about|around|nearly|almost|some|roughly|under|over)\s+)?$",
    re.I,
)
"""A source that "put the figure at" a value: the value of the measure just named."""

_LEADING_PRONOUN = re.compile(
    r"^\s*(?:(?:in|at|by|during|back in|as of|for|when|then|last year|a year|two years|three years)\b[^,;:()]{0,50}?,?\s+)?"
    r"(?:it|this|that)\s+(?:had been|has been|was|is|stood at|came to)\s+"
    r"(?:(?:just|only|about|around|nearly|almost|some|roughly|fewer than|less than|more than|over|under)\s+)?$",
    re.I,
)
"""A sentence whose subject is only a pronoun for the measure of the sentence before,
maybe after a time or a source ("Two years on, it was 40%"; "In the last report it was
a third")."""


_PLACE_ONLY = re.compile(
    r"^\W*(?:nationally|locally|(?:across|in) (?:england and wales|the country|all (?:pdus|regions|crcs))"
    r"|(?:the )?national (?:figure|average|rate|picture)|here|elsewhere|by comparison|in comparison|for comparison"
    r"|(?:and )?(?:a|one|two|three|four|five) years? (?:earlier|before|ago)|previously|last time)\s*[:,–—-]\s*$",
    re.I,
)
"""A figure after a place or a time alone ("Across England and Wales: 49%."; "Three years earlier, 52%"):
the measure of the sentence before, for that place or time."""


def points_back(prefix: str) -> bool:
    """The words just before a figure, from the start of its clause, only point back."""
    return bool(
        _POINTER.search(prefix[-120:]) or _EARLIER_IN_BRACKETS.search(prefix[-20:]) or _COMPARES_WITH.match(prefix)
        or _LEADING_PRONOUN.match(prefix) or _PLACE_ONLY.match(prefix) or _PUT_AT.search(prefix[-60:])
    )


_PRONOUN = re.compile(
    r"\b(?:it|this|that|which|they)\s+(?:had been|has been|was|is|were|are|had|stood at|came to|fell to|rose to)\s+"
    r"(?:(?:just|only|about|around|nearly|almost|some|roughly|fewer than|less than|more than|over|under)\s+)?$",
    re.I,
)
"""A pronoun for the measure just named ("...; it was 58% in 2023", "..., which is fewer than
one in 400"): like a value set against another, it may only point into its own sentence."""


_FIGURE_OF = re.compile(
    r"\b(?:the|a|an|its)\s+(?:(?:national|regional|overall|average|typical|usual|england and wales|latest|earlier|previous)\s+)+"
    r"(?:figure|average|rate|share|level|result|proportion|percentage)\s+(?:of|at)\s+(?:(?:just|only|about|around|some|roughly)\s+)?$",
    re.I,
)
"""A value named as another figure of the same measure ("15 points above the national
figure of 49 per cent")."""


def _set_against(prefix: str) -> bool:
    tail = prefix[-60:]
    return bool(_SET_AGAINST.search(tail) or _PRONOUN.search(tail) or _FIGURE_OF.search(tail))


_PLACE_AFTER = re.compile(
    r"\s*(?:nationally|locally|here|(?:across|in|throughout|for) (?:England and Wales|the country|all [\w-]+|the region|the whole service))\b",
    re.I,
)


def _place_clause(text: str, lo: int, start: int, end: int, hi: int) -> bool:
    """A clause after ";" that is a figure and a place alone ("...: 12 per cent here; 17 per
    cent across England and Wales"): the measure of the figure before, for that place."""
    cut = text.rfind(";", lo, start)
    return cut >= 0 and not text[cut + 1 : start].strip() and bool(_PLACE_AFTER.match(text, end, hi))


def follow_pointers(figures: list[Figure], text: str, sentences: Sentences) -> list[Figure]:
    """Each level whose words only point back takes the measure of the nearest earlier
    measured figure of its sentence, else of the sentence before in the same paragraph,
    when both are shares (or both counts of the same unit). A level already measured from
    its own clause keeps its measure."""
    out = list(figures)
    for i, f in enumerate(figures):
        if (f.measured and f.evidence != "sentence") or f.stat not in ("level", "sample") or f.in_comments:
            continue  # a sample: "at the last inspection it was 14 of 30" names an inspection, yet points back
        lo, hi = sentences.span_at(f.start)
        against = (_set_against(text[lo : f.start]) and not _LEADING_PRONOUN.match(text[lo : f.start])) \
            or _place_clause(text, lo, f.start, f.start + len(f.text), hi)
        if not (against or points_back(text[lo : f.start])) or _subgroup(text[lo:hi]):
            continue
        j = _referent(figures, i, sentences, text)
        same_sentence = j is not None and figures[j].sentence == f.sentence
        # a measure read from elsewhere in the sentence gives way only to a referent there
        if j is not None and (same_sentence or not (f.measured or against)):
            out[i] = _as_referent(f, figures[j])
    return out


def _referent(figures: list[Figure], i: int, sentences: Sentences, text: str) -> int | None:
    f = figures[i]
    idx = sentences.index_at(f.start)
    for j in range(i - 1, -1, -1):
        g = figures[j]
        jdx = sentences.index_at(g.start)
        if jdx < idx - 1 or (jdx == idx - 1 and sentences.new_paragraph(idx)):
            return None
        if g.measured and _same_kind(f, g):
            return j
    return None


def _same_kind(f: Figure, g: Figure) -> bool:
    if f.unit == "percent" or (f.unit == "count" and f.of is not None):
        return g.share is not None  # shares meet shares, "40 of 78" as 51%
    return f.unit == g.unit and (f.of is None) == (g.of is None)


def _as_referent(f: Figure, g: Figure) -> Figure:
    m = measure(g.metric)
    return replace(
        f,
        metric=g.metric,
        label=m.label if m else g.label,
        polarity=g.polarity,
        measured=True,
        stat=g.stat,
        evidence="pointer",
        confidence=g.confidence,
        population=g.population if f.population == "adult" else f.population,
    )
