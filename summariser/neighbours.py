"""What neighbouring figures of one sentence say about each other's measure: a list of
different things with one measure is no measure for either; a range, a change or a
restatement is one measure; an elliptical second figure shares the first one's predicate."""

from __future__ import annotations

import re

from summariser.measures import base_key, measure

_RANGE_GAP = re.compile(r"\s*(?:%|per cent)?\s*(?:to|and|-|–|—|or)\s*", re.I)

def split_lists(keys: list[str | None], sentences: list[str], values: list[float], adjacent: list[bool],
                paired: list[bool], gaps: list[str], rough: list[bool] | None = None) -> list[str | None]:
    """Two figures of one sentence with one measure and different values, neither naming it
    in its own words, are usually a list of different things ("a third were X, a half Y"):
    abstain for both. Ranges, changes and restatements (`paired`) are one thing; so is a
    share in words (`rough`) that closes the clause of the figure before it ("12 of the 25
    files we read, under half")."""
    rough = rough or [False] * len(keys)
    paired = _paired_by_gap(paired, gaps, values)
    out = list(keys)
    parts = breakdown(gaps)
    by: dict[tuple[str, str], list[int]] = {}
    for i, k in enumerate(keys):
        if i in parts:
            out[i] = None  # a part of the figure before it, not a level of the measure
        elif k is not None:
            by.setdefault((sentences[i], k), []).append(i)
    for group in by.values():
        for a, b in zip(group, group[1:], strict=False):
            if _COMPARED_END.search(gaps[b]) or (_MOVED_TO.search(gaps[b]) and _one_clause(gaps[b]) and "," not in gaps[b]):
                paired[a] = paired[b] = True  # "61% of the 44 cases, compared with the 34% ...": one measure
            elif (_RESTATED_END.search(gaps[b]) or rough[b] and _CLAUSE_TAIL.fullmatch(gaps[b])) and abs(values[a] - values[b]) <= 15 and _one_clause(gaps[b].rstrip().removesuffix(":")):
                paired[a] = paired[b] = True  # "37% of the cases we read – under two in five": one fact
    for group in by.values():
        loose = [i for i in group if not adjacent[i] and not paired[i]]
        if len(group) > 1 and len({values[i] for i in group}) > 1 and loose:
            for i in group:
                if not adjacent[i] and not paired[i]:
                    out[i] = None  # a list of different things (see docstring)
    return out



def _paired_by_gap(paired: list[bool], gaps: list[str], values: list[float]) -> list[bool]:
    """Neighbours that the words between them make one measure."""
    out = list(paired)
    for i in range(1, len(gaps)):
        if (
            _range(gaps[i], values[i - 1], values[i])  # "between 3% and 6%", "2 to 8": one range
            or _WHOLE_IN_BRACKETS.search(gaps[i][-60:])  # "41% (national 31%)": the whole service's value
            or (_ELLIPTICAL_GAP.fullmatch(gaps[i]) and _SAME_PREDICATE.search(gaps[i]))  # "in 61% of A's, but in 39% of B's"
        ):
            out[i] = out[i - 1] = True
    return out


def _range(gap: str, low: float, high: float) -> bool:
    """A range's ends: "3% to 6%", "between 3 and 6"; two values joined by "and" or "or" that
    fall ("61 per cent and 37%") are two things listed, not a range."""
    m = _RANGE_GAP.fullmatch(gap)
    return m is not None and (low < high or not re.search(r"\b(?:and|or)\b", gap))


_COMPARED_END = re.compile(
    r"(?:compared (?:with|to)|(?:up|down|rising|falling) from|against|(?:higher|lower|better|worse) than|(?:up|down) on"
    r"|(?:rise|gain|increase|improvement|fall|drop|decline|reduction|change|deterioration)s? (?:on|from|over|since)"
    r"|(?:unchanged|little changed|no different|not much changed) (?:on|from)|(?:the )?same as|similar to"
    r"|(?:is|are|was|were|stands|has been) now(?: at| down to| up to)?|now (?:stands|stood) at"
    r"|(?:is|are|was|were|has been|have been|had come) (?:down|up|back) to|having (?:stood|been|fallen|risen) (?:at|to|from)?"
    r"|(?:below|above|under|over|short of|ahead of|behind))"
    r"(?: the| a| an)?(?: [\w'’-]+){0,3}? $",
    re.I,
)
"""The later value stated against the earlier one of the same measure, by a connective
("down from") or a noun phrase that names the change ("a slight gain on", "an improvement
over", "much the same as")."""


_MOVED_TO = re.compile(
    r"(?:(?:fell|rose|dropped|climbed|improved|increased|decreased|grew|slipped|jumped|went up|went down)"
    r"|(?:has|have|had) (?:since )?(?:fallen|risen|dropped|climbed|improved|increased|decreased|grown|slipped)) to $"
)
"""The value moved to ("40 per cent and has since fallen to 31"), when no new subject comes
between the two: "where it was below 70 per cent, the figure fell to 31" is another measure's."""


_RESTATED_END = re.compile(
    r"(?:[(\[–—:]|\s-)\s*(?:(?:or|that is|i\.e\.),?\s*)?$|^,\s*(?:(?:or|that is|i\.e\.),?\s*)?"
    r"(?:(?:just|barely|only|almost|nearly|about|around|roughly|some|well|slightly|a little)\s+)?$"
    r"|^[^,;.]*,\s*which (?:is|was|means)\s*(?:(?:fewer|less|more) than|about|around|roughly|some|just over|just under)?\s*$"
)
"""A bracket or a dash right before the second value, or only a comma between the two
("nearly two in five, 38 per cent, had ...", "41 of the 60, or 68%"): it restates the
first, or gives its earlier value ("27%, much as the year before (29%)"); so does a relative
restatement (", which is fewer than one in two")."""


_PART_OPENS = re.compile(r"\(\s*(?:the\s+)?([A-Za-z][\w'’&-]*(?:\s+[A-Za-z][\w'’&-]*){0,2}):?\s*$")
_PART_NEXT = re.compile(r"^\s*(?:%|per cent)?\s*[,;]\s*(?:and\s+)?(?:the\s+)?([A-Za-z][\w'’&-]*(?:\s+[A-Za-z][\w'’&-]*){0,2}):?\s*$")
_WHOLE = re.compile(r"^(?:national(?:ly)?|england|average|overall|all\b|total|in\s|against|compared|up|down|from|or|that|i\.e|about|around|roughly|some)", re.I)


_WHOLE_IN_BRACKETS = re.compile(
    r"\(\s*(?:the\s+)?(?:national(?:ly)?|england(?: and wales)?|all [\w-]+|(?:[\w-]+ )?average)"
    r"(?:\s+(?:average|figure|rate|share|mean))?\s*(?::|,|was|of|is)?\s*$", re.I)


def breakdown(gaps: list[str]) -> set[int]:
    """Figures in a bracket that splits the one before it by named parts, two or more of
    them ("41% (women 48%, men 39%)"): parts of that figure, not its level. A bracket with
    one figure, or one labelled as the whole ("national 31%"), compares or restates."""
    out: set[int] = set()
    for i in range(1, len(gaps)):
        tail = gaps[i][-60:]  # the bracket opens just before the figure: never scan a long gap
        m = _PART_OPENS.search(tail) if "(" in tail else None
        if m is None or _WHOLE.match(m[1]) or "(" in tail[: m.start()] or ")" in tail:
            continue
        j = i + 1
        while j < len(gaps) and (n := _PART_NEXT.match(gaps[j])) and not _WHOLE.match(n[1]):
            j += 1
        if j - i >= 2:
            out.update(range(i, j))
    return out


_CLAUSE_TAIL = re.compile(r"[^,;:.()]{0,40},\s*")


def _one_clause(gap: str) -> bool:
    """A short stretch with no clause break in it ("; most were ... (79%)" is a new clause)."""
    return len(gap) <= 80 and ";" not in gap and ":" not in gap


_ELLIPTICAL_GAP = re.compile(r"[^.;:]{0,80}\b(?:and|or|but|while|whereas)\s+(?:in|for|among|of|with)?\s*(?:the\s+)?$", re.I)


_SAME_PREDICATE = re.compile(r"\b(?:but|and|while|whereas) (?:in|for|among)\s*(?:the\s+)?$", re.I)


def carry_over(
    keys: list[str | None], sentences: list[str], gaps: list[str], units: list[str] | None = None
) -> list[str | None]:
    """What one figure of a pair of neighbours says applies to the other:
    - a value in brackets for the whole service ("(national 31%)"), or in the next cell of a
      row ("| 2024: 31%"), states the same measure;
    - so does a value the first is set against ("430, up from 250"), when the second names
      no measure of its own or a less specific form of the same one;
    - a range's ends are one measure: the end that names more facets gives its key to both;
    - an elliptical second figure ("not done in a third of X, and in half of Y") shares the
      first one's predicate, negation included."""
    out = list(keys)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if a is not None and sentences[i] == sentences[i - 1] and (_WHOLE_IN_BRACKETS.search(gaps[i][-60:]) or _NEXT_CELL.fullmatch(gaps[i])):
            out[i] = a  # "not done in 6 of 40 (national 31%)", "... - 2020: 47% | 2024: 31%": the same measure
            continue
        if a is not None and sentences[i] == sentences[i - 1] and (b is None or _bare(b) == _bare(a)) and _set_against(gaps[i]) \
                and (units is None or units[i] == units[i - 1]):
            out[i] = a
            continue
        if a is None or b is None or sentences[i] != sentences[i - 1]:
            continue
        if _RANGE_GAP.fullmatch(gaps[i]) and a != b and _bare(a) == _bare(b):
            out[i - 1] = b if len(b) > len(a) else a
            out[i] = out[i - 1]
        elif _negated(a) and not _negated(b) and _unnegated(a) == _unnegated(b) and _ELLIPTICAL_GAP.match(gaps[i]):
            out[i] = a
        elif narrower(a, b) and _ELLIPTICAL_GAP.match(gaps[i]):
            out[i] = a  # "sufficient in 64% of X's assessments, but in only 47% of Y's": the same stage
    return out


_NEXT_CELL = re.compile(r"\s*(?:%|per cent)?\s*[|¦]\s*(?:(?:19|20)\d\d(?:/\d\d)?|[A-Z][\w'’ ]{0,24})\s*[:=]?\s*")
"""The next cell of a row whose label names the measure ("checks not made - 2020: 47% |
2024: 31%"): another year or body, the same measure."""


def _set_against(gap: str) -> bool:
    return _one_clause(gap) and bool(_COMPARED_END.search(gap))


def narrower(a: str, b: str) -> bool:
    """`a` names everything `b` does and more (a stage of the same theme)."""
    ma, mb = measure(base_key(a)), measure(base_key(b))
    if ma is None or mb is None or ma is mb or ma.unit != mb.unit or _negated(a) != _negated(b):
        return False
    return set(mb.requires) < set(ma.requires) and a.partition("@")[2] == b.partition("@")[2]


def _bare(key: str) -> str | None:
    return base_key(key)


def _negated(key: str) -> bool:
    return key.partition("@")[0].endswith("_not")


def _unnegated(key: str) -> str:
    base, at, value = key.partition("@")
    return base.removesuffix("_not") + at + value
