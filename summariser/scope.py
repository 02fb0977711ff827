"""Who a figure is about: the NPS, a named CRC, a PDU, a region, or the whole service.

Scopes are short canonical names ("NPS", "Warwickshire & West Mercia CRC", "Hull PDU",
"national") so that figures of the same body meet across documents. `wider()` says
which scopes contain which, for the comparison's "same scope first, then wider".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_NAME = r"(?:[A-Z][\w'’.-]*(?:,? (?:and|&|upon|on|of|the|in) | & |,? | - )?)+"
_UNIT_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"({_NAME})\s*(?:Probation Delivery Unit|probation delivery unit|PDU)\b"), "{} PDU"),
    (re.compile(rf"({_NAME})\s*(?:Community Rehabilitation Company|CRC)\b"), "{} CRC"),
    (re.compile(rf"({_NAME})\s*(?:Youth Offending (?:Team|Service)|Youth Justice Service|YOT|YOS|YJS)\b"), "{} YJS"),
    (re.compile(rf"\b(?:[Yy]outh (?:justice|offending) (?:service|team)|YJS|YOT) (?:in|for) ({_NAME})"), "{} YJS"),
    (re.compile(rf"\b(?:the\s+)?({_NAME})\s+(?:probation\s+)?region\b"), "{} region"),
    (re.compile(rf"\b(?:the\s+)?({_NAME})\s+division\b"), "NPS {} division"),
]
_NATIONAL_BODIES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bNational Probation Service\b|\bNPS\b"), "NPS"),
    (re.compile(r"\bCommunity Rehabilitation Compan(?:y|ies)\b|\bCRCs?\b"), "CRC"),
    (re.compile(r"\bHM Prison and Probation Service\b|\bHMPPS\b|\bNOMS\b"), "HMPPS"),
    (re.compile(r"\b(?:the )?Probation Service\b"), "Probation Service"),
    (re.compile(r"\bacross England and Wales\b|\bin England and Wales\b|\bnational(?= (?:level|picture|average|figures?|data))", re.I), "national"),
]
_BAD_NAME_WORDS = frozenset(
    """The This That These Those A An In On At For From We Our It Its Their They Each Every All
    Both One Two Some Many Most Inspectors Inspection Chief Mr Ms Mrs Dr However Overall When
    While Where If Although But And Of Probation Service National Local Community Rehabilitation
    Company Companies Report Today Yesterday Across Whole Each Which NPS CRC CRCs HMPPS NOMS
    MoJ HMIP HM""".split()
)
NATIONAL_FAMILY = frozenset({"national", "NPS", "Probation Service", "HMPPS", "CRC"})
"""Scopes that speak for the whole service (or all of one kind of provider)."""


@dataclass(frozen=True, slots=True)
class Mention:
    scope: str
    start: int
    end: int


def _clean_name(raw: str) -> str | None:
    words = raw.replace(",", " ").split()
    while words and (words[0] in _BAD_NAME_WORDS or words[0] in ("and", "&", "of", "the", "-")):
        words.pop(0)
    while words and words[-1] in ("and", "&", "of", "the", "-", "in", "on", "upon"):
        words.pop()
    if not words or len(words) > 7:
        return None
    name = " ".join(words)
    return name if name[0].isupper() else None


def mentions(text: str) -> list[Mention]:
    """Every scope named in the text, in order; named units before the bodies they name."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for rx, fmt in _UNIT_PATTERNS:
        for m in rx.finditer(text):
            name = _clean_name(m.group(1))
            if name is None:
                continue
            found.append(Mention(fmt.format(name), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for rx, scope in _NATIONAL_BODIES:
        for m in rx.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            found.append(Mention(scope, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda x: x.start)
    return found


def main_scope(title: str, body: str) -> str | None:
    """The body a document is mainly about: a named unit in the title, else one named
    at least twice in the text, else the most mentioned body."""
    title_named = [m.scope for m in mentions(title) if m.scope not in NATIONAL_FAMILY]
    if title_named:
        return title_named[0]
    ms = mentions(body)
    if not ms:
        national = [m.scope for m in mentions(title)]
        return national[0] if national else None
    # a report's own title line opens its text ("An inspection of ... in the X region")
    opening = [m.scope for m in ms if m.start < 600 and m.scope not in NATIONAL_FAMILY]
    if opening and _title_like(body, opening, ms):
        return opening[0]
    named = Counter(m.scope for m in ms if m.scope not in NATIONAL_FAMILY)
    if named:
        top, n = named.most_common(1)[0]
        if n >= 2:
            return top
    counts: Counter[str] = Counter()
    for m in [*ms, *mentions(title)]:
        if m.scope in NATIONAL_FAMILY:
            # HMPPS runs probation but is rarely the body a report is about
            counts[m.scope] += 0.5 if m.scope == "HMPPS" else 1.0
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], -_first(ms, kv[0])))[0]


def _title_like(body: str, opening: list[str], ms: list[Mention]) -> bool:
    """The first named unit stands on a short line of its own (a title, not prose)."""
    first = next(m for m in ms if m.scope == opening[0])
    line_start = body.rfind("\n", 0, first.start) + 1
    line_end = body.find("\n", first.end)
    line = body[line_start : line_end if line_end >= 0 else len(body)].strip()
    return len(line) < 120 and not line.endswith(".")


def _first(ms: list[Mention], scope: str) -> int:
    return next((m.start for m in ms if m.scope == scope), 10**9)


class ScopeFinder:
    """Scope of each figure: the nearest body named in its sentence (before it first),
    else the last one named in the preceding sentences of the paragraph, else the
    document's main scope."""

    def __init__(self, text: str, default: str | None) -> None:
        self.text = text
        self.default = default
        self.mentions = mentions(text)

    def scope_at(self, start: int, end: int, sentence: tuple[int, int]) -> str | None:
        s_start, s_end = sentence
        inside = [m for m in self.mentions if s_start <= m.start < s_end]
        if inside:
            before = [m for m in inside if m.end <= start]
            if before:
                # the nearest body named before the figure is usually the subject
                return _prefer_named(before[::-1])
            return _prefer_named(sorted(inside, key=lambda m: abs(m.start - end)))
        para_start = self.text.rfind("\n\n", 0, s_start)
        para_start = 0 if para_start < 0 else para_start
        earlier = [m for m in self.mentions if para_start <= m.start < s_start]
        if earlier:
            return earlier[-1].scope
        heading = self._heading_scope(para_start)
        return heading or self.default

    def _heading_scope(self, before: int) -> str | None:
        """The body named by the nearest heading above ("Early work in the NPS")."""
        pos = before
        for _ in range(40):
            line_start = self.text.rfind("\n", 0, max(pos - 1, 0)) + 1
            line = self.text[line_start:pos].strip()
            if line and len(line) < 80 and line[-1] not in ".:;,!?\"”'’)":
                named = [m for m in self.mentions if line_start <= m.start < pos]
                if named:
                    return named[-1].scope
            if line_start == 0:
                return None
            pos = line_start
        return None


def _prefer_named(ordered: list[Mention]) -> str:
    """Among mentions ordered nearest-first, a named unit within reach beats a generic body."""
    first = ordered[0]
    for m in ordered[:3]:
        if m.scope not in NATIONAL_FAMILY:
            return m.scope
    return first.scope


def normalise(scope: str | None) -> str:
    return (scope or "").strip().lower()


def rank(figure_scope: str | None, prior_scope: str | None) -> int | None:
    """0: the same body; 1: the prior speaks for a body that contains (or succeeded) this
    one; None: a different body, not to be compared."""
    a, b = normalise(figure_scope), normalise(prior_scope)
    if a == b:
        return 0
    if b in ("", "national", "probation service", "hmpps"):
        return 1
    if b == "nps" and (a.startswith("nps") or a.endswith((" pdu", " region")) or a in _SUCCESSORS):
        return 1
    if b == "crc" and (a.endswith(" crc") or a in _SUCCESSORS):
        return 1
    return None


_SUCCESSORS = frozenset({"probation service", "national", "hmpps", ""})
