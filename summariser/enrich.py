"""Enrichment: steps that take the quantities of a window and return new ones with what
their neighbours tell (ranges share a unit and noun, a table row names the unit of its cells,
"15 of them" is 15 of the group counted before). Nothing is changed in place."""

from __future__ import annotations

import re
from dataclasses import replace

from summariser.figure_context import Context
from summariser.quantity import (
    Quantity,
    low_at,
)
from summariser.reading import range_next
from summariser.text import Token
from summariser.vocabulary import DISCOURSE_NOUNS, words_of


def link_ranges(tokens: list[Token], qs: list[Quantity]) -> list[Quantity]:
    """Each pair "between 2.5% and 7.1%", "9 to 14 officers" linked: the first shares the
    second's unit, noun and qualifier."""
    out = list(qs)
    for n in range(1, len(out)):
        a, b = out[n - 1], out[n]
        if a.partner is not None or range_next(tokens, a) != b.i:
            continue
        if _year_like(tokens, a) and not _year_like(tokens, b):
            continue  # "from 9.2 per cent in 2019 to 7.8 per cent": 2019 is no range start
        out[n - 1], out[n] = _range_start(tokens, a, b, n), replace(b, partner=n - 1)
    return out


def _range_start(tokens: list[Token], a: Quantity, b: Quantity, b_index: int) -> Quantity:
    changes: dict = {"partner": b_index, "range_first": True}
    if a.unit == "count" and b.unit != "count" and a.kind != "fraction":
        changes.update(unit=b.unit, hyphen_unit=b.hyphen_unit)
    if a.noun is None and b.noun is not None:
        changes.update(noun=b.noun, noun_plural=b.noun_plural)
    if a.qualifier is None and low_at(tokens, a.start - 1) != "between" and b.qualifier:
        changes["qualifier"] = b.qualifier
    return replace(a, **changes)


def _year_like(tokens: list[Token], q: Quantity) -> bool:
    text = tokens[q.i].text
    return q.kind == "digits" and len(text) == 4 and text.isdigit() and 1800 <= q.value <= 2099


_CELL_GAP = re.compile(r"\t|  ")


_ROW_UNITS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:days?|working days)\b", re.I), "days"),
    (re.compile(r"\bweeks?\b", re.I), "weeks"),
    (re.compile(r"\bmonths?\b", re.I), "months"),
    (re.compile(r"\bhours?\b", re.I), "hours"),
    (re.compile(r"\(%\)|\bper ?cent\b|\bpercentage\b|%$", re.I), "percent"),
    (re.compile(r"\(£(?:m|k|bn)?\)|£$"), "currency"),
]


def units_from_rows(qs: list[Quantity], c: Context) -> list[Quantity]:
    """Bare counts in digits take the unit their table row names."""
    return [
        unit_from_row(q, c) if q.unit == "count" and q.noun is None and q.of is None and q.kind == "digits" else q
        for q in qs
    ]


def unit_from_row(q: Quantity, c: Context) -> Quantity:
    """A bare number in a table row takes the unit its row label names: "Sickness absence
    (days per person)    12.9    11.6" is days. A row is a line whose cells are set apart
    by two or more spaces or a tab; the label is the text before the first cell."""
    t = c.tokens
    tok = t[q.i]
    if q.i == 0 or not _CELL_GAP.search(c.text, t[q.i - 1].end, tok.start):
        return q
    line_start = c.text.rfind("\n", 0, tok.start) + 1
    line = c.text[line_start : tok.start]
    gap = _CELL_GAP.search(line)
    label = line[: gap.start()] if gap else line
    if not label.strip() or any(ch.isdigit() for ch in label):
        return q
    for rx, unit in _ROW_UNITS:
        if rx.search(label.strip()):
            return replace(q, unit=unit)
    return q


GROUP_PRONOUNS = words_of("them those these us you")


def groups_of(qs: list[Quantity], c: Context) -> list[Quantity]:
    """ "eight recommendations, five of them to HMPPS": 5 of 8. A count of "them" takes the
    size of the nearest group counted before it in its sentence (in the sentence before, too,
    for a count of ten or more in digits: "We followed 120 people. Only 46 of them ...")."""
    out = []
    for q in qs:
        speaker = False
        if q.unit == "count" and q.of is None and (_bare_after_break(q, c) or (speaker := _speaker_count(q, c))):
            # "we met 22 officers; 15 told us ...": 15 of the 22; "We met 22 officers. 15 said ..." too
            group = counted_group_before(q, c, qs, sentences=2 if speaker else 1)
            out.append(q if group is None else replace(q, of=group))
            continue
        if q.unit == "count" and q.of is None and q.noun is None and (group := list_lead_group(q, c, qs)) is not None:
            out.append(replace(q, of=group))  # "Of the 40 files read:" then "- ... in 22": 22 of the 40
            continue
        if (how := _in_part(q, c)) and (group := _same_group_before(q, c, out, how)) is not None:
            out.append(replace(q, of=group))  # "We read 40 files. In 22 the plan ...": 22 of the 40
            continue
        if q.unit != "count" or q.noun is None or q.noun.lower() not in GROUP_PRONOUNS or q.of is not None:
            out.append(q)
            continue
        group = counted_group_before(q, c, qs)
        if group is None and (q.kind in ("digits", "words")):
            group = counted_group_before(q, c, qs, sentences=2)  # "We read 30 files. Nine of them ..."
        out.append(q if group is None else replace(q, of=group))
    return out


_SAYING = words_of("said say says told thought felt reported described agreed answered replied believed")
# a finite verb whose subject is a number alone: "Seven were ...", "Nine had ...", "Four did not ..."
_STATING = words_of("were was had have did could would received lacked needed got showed")


def _speaker_count(q: Quantity, c: Context) -> bool:
    """A count of nothing named that opens its sentence as the subject of a verb ("Six
    said ...", "Nine told us ...", "Seven were ..."): a part of the group counted before.
    A one is left out for the verbs that are not of saying: after "three reasons", "One
    was ..." names one of them, it counts nothing."""
    t = c.tokens
    opens = q.i == 0 or t[q.i - 1].low in (".", "!", "?") or t[q.i].para
    verb = low_at(t, q.k)
    return q.noun is None and opens and q.value == int(q.value) and (
        verb in _SAYING or (verb in _STATING and q.value >= 2)
    )


def _in_part(q: Quantity, c: Context) -> str | None:
    """A whole count right after "in" ("In 22 the plan was ...", "... in 29 cases"), or after
    "the other" ("the remaining 18"): "in" or "rest", the cases something held in (or the
    rest of them), so a part of a group of cases when one was counted just before. A year
    ("in 2019") and a word number alone ("divided in two") are no such count."""
    t = c.tokens
    if q.unit != "count" or q.of is not None or q.qualifier is not None or q.value != int(q.value) or q.value < 2:
        return None
    if _year_like(t, q) or (q.kind == "words" and not q.noun_plural) or q.kind not in ("digits", "words"):
        return None
    before = low_at(t, q.i - 1)
    if before == "in":
        return "in"
    return "rest" if before in ("remaining", "other") and low_at(t, q.i - 2) == "the" else None


def _same_group_before(q: Quantity, c: Context, qs: list[Quantity], how: str) -> float | None:
    """The group of the sentence or the one before, when it counts what `q` counts: the
    same noun, or `q` names none. The rest of a group is what its part before leaves."""
    before = [p for p in qs if p.i < q.i]
    group = counted_group_before(q, c, before, sentences=2)
    if group is None:
        return None
    lead = next(p for p in reversed(before) if p.value == group or p.of == group)
    if lead.of is not None:
        group = lead.of  # "in 19 of the 30 cases; ... in 15": 15 of the 30, not of the 19
    if how == "rest":
        return group if any(p.of == group and p.value + q.value == group for p in before) else None
    if q.noun is None or lead.noun is None:
        return group if q.noun is None else None
    return group if q.noun.lower().rstrip("s") == lead.noun.lower().rstrip("s") else None


def _bare_after_break(q: Quantity, c: Context) -> bool:
    """A count of nothing named that opens a clause after ";" or ":" ("...; 15 told us"):
    the subject of its clause, so a part of the group the clause before counted."""
    return (
        q.noun is None and q.kind in ("digits", "words") and low_at(c.tokens, q.i - 1) in (";", ":")
        and q.value == int(q.value)
    )


_BULLET = re.compile(r"[ \t]*(?:[-–•*·]|\(?[a-z0-9]{1,2}[.)])[ \t]+")


def list_lead_group(q: Quantity, c: Context, qs: list[Quantity]) -> float | None:
    """A bare count in a list item, under a lead line that ends with ":" and counts a group
    ("Of the 40 files we read:"): a part of that group. Only the nearest lead counts."""
    text = c.text
    at = c.tokens[q.i].start
    line = text.rfind("\n", max(0, at - 300), at) + 1
    if (line == 0 and at >= 300) or not _BULLET.match(text, line):
        return None  # a list item is a short line (and a long one is never scanned back)
    while line > 0:
        prev = text.rfind("\n", max(0, line - 301), line - 1) + 1
        if not _BULLET.match(text, prev):
            break
        line = prev
    lead_start = text.rfind("\n", max(0, line - 301), max(line - 1, 0)) + 1
    lead = text[lead_start : max(line - 1, 0)].rstrip()
    if not lead.endswith(":") or line == 0:
        return None
    inside = [p for p in qs if lead_start <= c.tokens[p.i].start < line - 1]
    groups = [p for p in inside if p.unit == "count" and p.noun_plural and p.noun and p.of is None and p.value > q.value]
    return groups[-1].value if len(groups) == 1 else None


def counted_group_before(q: Quantity, c: Context, qs: list[Quantity], sentences: int = 1) -> float | None:
    """The size of the nearest group counted earlier in the same sentence ("96 children"),
    or within the last `sentences` sentences."""
    t = c.tokens
    start = q.i
    for k in range(sentences):
        if k and start > 0:
            start -= 1  # step over the end of this sentence into the one before
        while start > 0 and not (t[start].para or (t[start - 1].low in (".", "!", "?") and not t[start].glued)):
            start -= 1
    for p in reversed(qs):
        if p.i >= q.i:
            continue
        if p.i < start:
            break
        if p.unit == "count" and p.noun_plural and p.noun is not None and p.value > q.value and (
            p.noun.lower() not in GROUP_PRONOUNS | DISCOURSE_NOUNS
        ):  # "three reasons" is no group that a later count is a part of
            return p.value
        if p.of is not None and p.of > p.value > q.value:
            return p.of  # "17 of the 32 ..., five of them ...": a part of the same base
    return None
