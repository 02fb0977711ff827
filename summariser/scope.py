"""Who a figure is about: the NPS, a named CRC, a PDU, a region, or the whole service.

Scopes are short canonical names ("NPS", "Warwickshire & West Mercia CRC", "Hull PDU",
"national") so that figures of the same body meet across documents. `wider()` says
which scopes contain which, for the comparison's "same scope first, then wider".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from summariser.title_scope import named_in, place_of_title, whole_service
from summariser.vocabulary import words_of

_NAME = r"(?:[A-Z][\w'’.-]*(?:,? (?:and|&|upon|on|of|the|in) | & |,? | - )?)+"
_NAME_AFTER = re.compile(_NAME)
# Anchor words of named units; the name is read backwards from the anchor (or forwards
# after "youth justice service in"), which keeps the scan linear in the text.
# Patterns start with a literal, not "\b" (which makes the regex engine try every position);
# `_starts_word` checks the boundary on each match instead.
_UNIT_ANCHORS: list[tuple[re.Pattern[str], str, bool]] = [
    (re.compile(r"Probation Delivery Unit\b|PDU\b"), "{} PDU", True),
    (re.compile(r"probation delivery unit\b"), "{} PDU", True),
    (re.compile(r"(?:Community Rehabilitation Company|CRC)\b"), "{} CRC", True),
    (
        re.compile(r"(?:Youth Offending (?:Team|Service)|Youth Justice Service|YOT|YOS|YJS)\b"),
        "{} YJS",
        True,
    ),
    (re.compile(r"outh (?:justice|offending) (?:service|team) (?:in|for) "), "{} YJS", False),
    (re.compile(r"(?:YJS|YOT) (?:in|for) "), "{} YJS", False),
    (re.compile(r"(?:Community Rehabilitation Company|CRC) (?:for|covering|serving) "), "{} CRC", False),
    (re.compile(r"region\b"), "{} region", True),
    (re.compile(r"division\b"), "NPS {} division", True),
]
_AFTER_SPACE = frozenset({"{} region", "NPS {} division"})  # these anchors follow a space
_NATIONAL_BODIES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"National Probation Service\b|NPS\b"), "NPS"),
    (re.compile(r"Community Rehabilitation Compan(?:y|ies)\b|CRCs?\b"), "CRC"),
    (re.compile(r"HM(?: Prison and Probation Service|PPS)\b|NOMS\b"), "HMPPS"),
    (re.compile(r"Probation Service\b"), "Probation Service"),
    (re.compile(r"unified (?:probation )?service\b|unified Probation Service\b", re.I), "Probation Service"),
    (re.compile(r"England and Wales\b|ENGLAND AND WALES\b"), "national"),
    (re.compile(r"ational (?:level|picture|average|figures?|data)\b|ationally\b"), "national"),  # "Nationally, ..."
]


def _extend_start(text: str, start: int, scope: str) -> int | None:
    """Where a match really starts, or None when it is not one: the optional or required
    words before a literal-led match ("the Probation Service", "across England and Wales",
    "National average", "Youth justice service in", "probation region")."""
    if scope == "Probation Service":
        return start - 4 if text[max(0, start - 4) : start] == "the " else start
    if scope == "national":
        if text[start : start + 5] == "ation":  # "ational average": needs its N
            if start == 0 or text[start - 1] not in "Nn":
                return None
            if text.startswith("ationally", start) and text[start - 1] != "N" and text[start + 9 : start + 10] != ",":
                return None  # "Nationally, ...", ", nationally, ..." but not "nationally recognised"
            return start - 1 if _starts_word(text, start - 1) else None
        before = text[max(0, start - 7) : start].lower()
        if before.endswith("across "):
            return start - 7
        if before.endswith("in "):
            return start - 3
        return None
    return start


def _starts_word(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")


_BAD_NAME_WORDS = words_of("""The This That These Those A An In On At For From We Our It Its Their They Each Every All
    Both One Two Some Many Most Inspectors Inspection Chief Mr Ms Mrs Dr However Overall When
    While Where If Although But And Of Probation Service National Local Community Rehabilitation
    Company Companies Report Today Yesterday Across Whole Each Which NPS CRC CRCs HMPPS NOMS
    MoJ HMIP HM No Not None Any Another Other Several Few Only Just Neither Either Such Like Unlike
    Three Four Five Six Seven Eight Nine Ten Eleven Twelve Half Among Between During After Before
    Since Under Over Within With By To As Why How What Who Whose Than More Fewer Less Nearly Almost
    Good Outstanding Inadequate Requires Improvement""")
"""Capitalised words that start a sentence or a noun phrase, never a unit's name ("No PDU
was rated ...", "Every region ...")."""
NATIONAL_FAMILY = frozenset({"national", "NPS", "Probation Service", "HMPPS", "CRC", "a CRC"})
"""Scopes that speak for the whole service (or all of one kind of provider)."""


_CONTAINER = re.compile(r"\s+(?:of|in|within) (?:the )?")
"""Between a named unit and the service it is part of; that service is not a new subject."""


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


_UNIT_WORDS = words_of("PDU PDUs CRC CRCs YOT YOS YJS NPS HMPPS NOMS")
_CONNECTORS = frozenset({"and", "&", "upon", "on", "of", "the", "in", "-"})


def _name_before(text: str, end: int) -> tuple[str, int] | None:
    """The run of capitalised words (with "and", "&", "upon"...) ending at `end`."""
    chunk = text[max(0, end - 80) : end]
    cut = max(chunk.rfind(c) for c in '.!?;:\n()"“”')
    words = chunk[cut + 1 :].split()
    taken: list[str] = []
    for w in reversed(words):
        bare = w.rstrip(",")
        if bare in _UNIT_WORDS:
            break  # "Hull PDU and Leeds CRC": the CRC's name stops at the PDU
        if (bare and bare[0].isupper()) or (bare in _CONNECTORS and taken):
            taken.append(w)
        else:
            break
        if len(taken) > 10:
            break
    while taken and taken[-1].rstrip(",") in _CONNECTORS:
        taken.pop()
    if not taken:
        return None
    raw = " ".join(reversed(taken))
    start = text.rfind(taken[-1], max(0, end - 80), end)
    return raw, max(start, 0)


def mentions(text: str) -> list[Mention]:
    """Every scope named in the text, in order; named units before the bodies they name."""
    found = sorted(_named_units(text), key=lambda x: x.start)
    return sorted(found + _national_bodies(text, found), key=lambda x: x.start)


def _named_units(text: str) -> list[Mention]:
    """Named units ("Hull PDU", "the Wessex region", "NPS Wales division")."""
    found: list[Mention] = []
    for rx, fmt, backwards in _UNIT_ANCHORS:
        after_space = fmt in _AFTER_SPACE
        for m in rx.finditer(text):
            m_start = _anchor_start(text, m.start(), fmt, after_space)
            if m_start is None:
                continue
            if backwards:
                named = _name_before(text, m_start)
                if named is None:
                    continue
                raw, start, end = named[0], named[1], m.end()
            else:
                nm = _NAME_AFTER.match(text, m.end())
                if nm is None:
                    continue
                raw, start, end = nm.group(), m_start, nm.end()
            name = _clean_name(raw)
            if name is not None:
                found.append(Mention(fmt.format(name), start, end))
    return found


def _anchor_start(text: str, m_start: int, fmt: str, after_space: bool) -> int | None:
    """Where a unit anchor really starts, or None when it is inside another word."""
    if fmt == "{} region" and text[max(0, m_start - 10) : m_start] == "probation ":
        m_start -= 10  # "North East probation region"
    if text[m_start : m_start + 5] == "outh ":  # "[Yy]outh justice service in"
        if m_start == 0 or text[m_start - 1] not in "Yy":
            return None
        m_start -= 1
    if after_space:
        return m_start if m_start > 0 and text[m_start - 1].isspace() else None
    return m_start if _starts_word(text, m_start) else None


_ONE_BEFORE = re.compile(r"(?:\b[Tt]he|\b[Tt]his|\b[Ee]ach|\b[Tt]hat|\b[Oo]ne) $")
ONE_CRC = "a CRC"
"""One company a text names only as "the CRC": a body, but not one that can be matched
with another text's "the CRC" (it may be any of the 21)."""


def _one_company(text: str, m: re.Match[str], scope: str) -> str:
    """"the CRC" is one company; "CRCs" and "the CRC sector" are the sector."""
    if scope != "CRC" or m.group().endswith(("s", "ies")):
        return scope
    if not _ONE_BEFORE.search(text, max(0, m.start() - 6), m.start()) or text[m.end() : m.end() + 7] == " sector":
        return scope
    return ONE_CRC


_UNIFIED_HINTS = ("nified", "NIFIED")
"""What a text must hold for the case-blind "unified service" pattern to match at all: a
substring test is far cheaper than a case-blind scan, which cannot skip ahead."""


def _national_bodies(text: str, found: list[Mention]) -> list[Mention]:
    """The national bodies named outside the named units, the longest name kept where
    two overlap ("National Probation Service" is not also "Probation Service")."""
    starts = [m.start for m in found]
    ends = [m.end for m in found]
    national: list[Mention] = []
    for rx, scope in _NATIONAL_BODIES:
        if rx.flags & re.IGNORECASE and not any(h in text for h in _UNIFIED_HINTS):
            continue
        for m in rx.finditer(text):
            m_start = _extend_start(text, m.start(), scope)
            if m_start is None or not _starts_word(text, m_start):
                continue
            k = bisect_right(starts, m_start) - 1
            if k >= 0 and ends[k] > m_start:
                continue  # part of a named unit ("West Mercia CRC")
            if k >= 0 and _CONTAINER.fullmatch(text, ends[k], m_start):
                continue  # the service a named unit belongs to ("the Wessex region of the NPS")
            national.append(Mention(_one_company(text, m, scope), m_start, m.end()))
    national.sort(key=lambda x: x.start)
    kept: list[Mention] = []
    for m in national:
        if kept and kept[-1].end > m.start:
            continue
        kept.append(m)
    return kept


UNIFIED = date(2021, 6, 26)
"""The day the CRCs' work passed to the one Probation Service: after it, the CRCs and the
NPS a text names are its history, not its subject."""


def main_scope(
    title: str, body: str, body_mentions: list[Mention] | None = None, published: date | None = None
) -> str | None:
    """The body a document is mainly about: a named unit in the title, else one named
    at least twice in the text, else the most mentioned body."""
    title_named = [m.scope for m in mentions(title) if m.scope not in NATIONAL_FAMILY]
    if title_named:
        return title_named[0]
    ms = mentions(body) if body_mentions is None else body_mentions
    if not ms:
        national = [m.scope for m in mentions(title)]
        return national[0] if national else place_of_title(title, body) or whole_service(title)
    # a report's own title line opens its text ("An inspection of ... in the X region")
    opening = [m.scope for m in ms if m.start < 600 and m.scope not in NATIONAL_FAMILY]
    if opening and _title_like(body, opening, ms):
        return opening[0]
    named = Counter(m.scope for m in ms if m.scope not in NATIONAL_FAMILY)
    in_title = [sc for sc in named if named_in(title, sc)]
    if in_title:
        return in_title[0]  # "Bolton probation service achieves ...": the Bolton PDU of its text
    if named:
        top, n = named.most_common(1)[0]
        if n >= 2 or len(named) == 1:
            return top  # named twice, or the only unit the document names
    else:
        placed = place_of_title(title, body)
        if placed:
            return placed
    counts: Counter[str] = Counter()
    for m in [*ms, *mentions(title)]:
        if m.scope in NATIONAL_FAMILY:
            # HMPPS runs probation but is rarely the body a report is about; "nationally"
            # says where a figure is from, and the service named beside it is the better name
            counts[m.scope] += 0.5 if m.scope in ("HMPPS", "national") else 1.0
    if published is not None and published >= UNIFIED and counts.get("Probation Service"):
        for past in ("CRC", "a CRC", "NPS"):
            counts.pop(past, None)  # "since the CRCs were wound up": history
    if not counts:
        return whole_service(title)
    if counts.get("NPS") and counts.get("CRC"):
        return "national"  # a document about both sectors speaks for the whole service
    return max(counts.items(), key=lambda kv: (kv[1], -_first(ms, kv[0])))[0]


_NATIONAL_WORDS = re.compile(r"\b(?:[Nn]ationally|[Nn]ational|England and Wales|across the country|[Aa]ll (?:PDUs|regions|CRCs))\b")


def unit_named_in(sentence: str, units: Iterable[str | None]) -> str | None:
    """The one unit among `units` whose place a sentence names without its kind ("in
    Croydon, 69 per cent ..." for Croydon PDU); None when it names none, several, or the
    country as well."""
    if _NATIONAL_WORDS.search(sentence):
        return None
    named = {u for u in units if u and not unnamed(u) and normalise(u) not in _GROUPS | _SECTORS and named_in(sentence, u)}
    return named.pop() if len(named) == 1 else None


def _title_like(body: str, opening: list[str], ms: list[Mention]) -> bool:
    """The first named unit stands on a short line of its own (a title, not prose)."""
    first = next(m for m in ms if m.scope == opening[0])
    line_start = body.rfind("\n", 0, first.start) + 1
    line_end = body.find("\n", first.end)
    line = body[line_start : line_end if line_end >= 0 else len(body)].strip()
    return len(line) < 120 and not line.endswith(".")


def _first(ms: list[Mention], scope: str) -> int:
    return next((m.start for m in ms if m.scope == scope), 10**9)


SUBGROUP = "PDUs meeting a condition"
"""The scope of a figure for the units that meet a condition ("in PDUs where staffing was
full"): never compared, either way, with any body's figure."""
CONDITION = "cases meeting a condition"
"""The scope of a figure for the cases on one side of a contrast ("where oversight was good,
60 per cent; where it was not, 40"): a breakdown, never compared either."""

SEVERAL = "several PDUs"
"""The scope of a figure in a document about a group of PDUs that names none of them near
it: not one body, so never compared at its own level, and not the country either."""


def normalise(scope: str | None) -> str:
    return (scope or "").strip().lower()


def comparable_scopes(scopes: Iterable[str | None]) -> frozenset[str] | None:
    """Every normalised body an earlier figure may speak for and still be compared with a
    figure of one of `scopes` (see `rank`): the same bodies, or a wider one; None (every
    body) when one of them is the whole service or a sector, which a unit's earlier share
    may be compared with, or names no body (its sentence may name a unit's place, which
    `compare.placed` looks up among every body's figures). Callers that fetch history can
    leave every other body's figures in the database."""
    wanted = frozenset({normalise(s) for s in scopes})
    if wanted & (_SUCCESSORS | _SECTORS):
        return None
    return wanted | _SUCCESSORS | _SECTORS


def unnamed(scope: str | None) -> bool:
    """No particular body: unknown, or the service as a whole."""
    return normalise(scope) in _SUCCESSORS


_GROUPS = frozenset({SEVERAL.lower(), ONE_CRC.lower(), SUBGROUP.lower(), CONDITION.lower()})


def rank(figure_scope: str | None, prior_scope: str | None) -> int | None:
    """0: the same body; 1: the prior speaks for a body that contains (or succeeded) this
    one; 2: this figure speaks for the whole service (or a sector) and the prior for one
    of its units; None: a different body, not to be compared."""
    a, b = normalise(figure_scope), normalise(prior_scope)
    if b in _GROUPS or a in (SUBGROUP.lower(), CONDITION.lower()):
        return None  # a group of bodies, or an unnamed company, is no body to compare with
    if a == b:
        return 0
    if _within(a, b):
        return 1
    if a and b and _within(b, a):
        return 2  # a figure that names no body is taken for the country's, but not set against a unit's
    return None


def _within(unit: str, wider: str) -> bool:
    """`wider` speaks for a body that contains (or succeeded) `unit`."""
    if wider in _SUCCESSORS:
        return True
    if wider == "nps":
        return unit.startswith("nps") or unit.endswith((" pdu", " pdus", " region")) or unit in _SUCCESSORS
    if wider == "crc":
        return unit.endswith(" crc") or unit in _SUCCESSORS
    return False


def national_or_sector(scope: str | None) -> bool:
    """The figure speaks for the whole service or for one of its two sectors."""
    return normalise(scope) in _SUCCESSORS | _SECTORS


_SUCCESSORS = frozenset({"probation service", "national", "hmpps", ""})
_SECTORS = frozenset({"nps", "crc"})
