"""Which body each figure speaks for: the nearest body named in its sentence, else in its
paragraph, else under its heading, else the document's main scope (`summariser.scope`
finds the bodies named and the main scope; this module places each figure among them)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from summariser.scope import (
    CONDITION,
    NATIONAL_FAMILY,
    ONE_CRC,
    SEVERAL,
    SUBGROUP,
    Mention,
    mentions,
)
from summariser.table_cells import DATE_IN_LABEL, column_header, row_label
from summariser.title_scope import named_in

_NATIONAL_HEADERS = frozenset({"england", "england and wales", "national", "nationally", "national average"})
_BRACKETED = re.compile(r"\([^)]*\)")
_MARKER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹*†]+|\s*[(\[]\d{1,2}[)\]]|(?<=[a-z])\d{1,2}$")


class ScopeFinder:
    """Scope of each figure: the nearest body named in its sentence (before it first),
    else the last one named in the preceding sentences of the paragraph, else the
    document's main scope."""

    def __init__(
        self, text: str, default: str | None, found: list[Mention] | None = None, newlines: tuple[int, ...] | None = None
    ) -> None:
        self.text = text
        self._newlines = newlines
        self.mentions = mentions(text) if found is None else found
        self.default = group_default(default, self.mentions)
        self._starts = [m.start for m in self.mentions]
        self._headings: dict[int, str | None] = {}
        self._heading_lines: tuple[list[int], list[str], list[int]] | None = None

    def _between(self, a: int, b: int) -> list[Mention]:
        return self.mentions[bisect_left(self._starts, a) : bisect_left(self._starts, b)]

    def scope_at(self, start: int, end: int, sentence: tuple[int, int]) -> str | None:
        s_start, s_end = sentence
        column = self._column_scope(start)
        if column is not None:
            return column  # a cell under "England" in a table of this unit's figures
        if _NATIONAL_IN_BRACKETS.search(self.text[max(s_start, start - 40) : start]):
            return "national"  # "6 of 40 files (national 29%)"
        if _SUBGROUP_OF_UNITS.search(self.text, s_start, start):
            return SUBGROUP  # "in PDUs where staffing was full, 52 per cent ...": no one body, nor all
        if len(_CONDITION_OPENS.findall(self.text[s_start:s_end])) >= 2:
            return CONDITION  # "where oversight was good, 60%; where it was not, 40%": a breakdown
        inside = self._between(s_start, s_end)
        agent = next((m for m in inside if m.start >= end and _AGENT.fullmatch(self.text, end, m.start)), None)
        if agent is not None:
            return agent.scope  # "40,000 of them held by the CRCs": the body that holds them
        own = self._own_clause(inside, s_start, start, end)
        if own is not None:
            return own
        if inside:
            before = [m for m in inside if m.end <= start]
            if before:
                # the nearest body named before the figure is usually the subject
                return _prefer_named(before[::-1])
            if any(m.scope == "national" and self._where_counted(end, m) for m in inside):
                return "national"  # "259,000 people in England and Wales": the place of what is counted
            after = [
                m for m in inside if m.scope != "national" and not _COMPARED_BEFORE.search(self.text, end, m.start)
                and not _SUBSET.search(self.text, end, m.start)
            ]  # "compared with a national average", "against the 52 per cent we saw in the Wessex region";
            # "9,000 people, 5,000 of them through the CRCs": the body holds the part, not the whole
            if after:
                return _prefer_named(sorted(after, key=lambda m: abs(m.start - end)))
        para_start = self.text.rfind("\n\n", 0, s_start)
        para_start = 0 if para_start < 0 else para_start
        legend = _BRACKET_LEGEND.search(self.text, max(para_start, s_start - 400), s_start)  # a lead a few lines up
        if legend is not None:
            # "our figures, with the national average in brackets:": the bracketed value is
            # the country's, the other the document's own body
            return "national" if _in_brackets(self.text, s_start, start) else self.default
        earlier = self._between(para_start, s_start)
        if earlier:
            sectors = {m.scope for m in earlier} & {"NPS", "CRC"}
            if len(sectors) == 2:
                return "national"  # a paragraph naming both sectors speaks for the whole service
            return earlier[-1].scope
        heading = self._heading_scope(para_start)
        return heading or self.default

    def _column_scope(self, start: int) -> str | None:
        """The body a table's column header names for the cell at `start`, when the
        header names bodies per column; None otherwise."""
        if row_label(self.text, start) is None:
            return None
        cell = column_header(self.text, start)
        if cell is None:
            return None
        name = _MARKER.sub("", cell).strip()  # "Wales⁴", "England (2)": the footnote is no name
        name = " ".join(DATE_IN_LABEL.sub(" ", name).split())  # "England and Wales 2022": the body, not its date
        if name.lower() in _NATIONAL_HEADERS:
            return "national"
        if name.lower() == "wales":
            return "Wales"  # Wales alone, beside a Welsh service: not England and Wales
        plain = " ".join(_BRACKETED.sub(" ", name).split())  # "KSS CRC (n=40)": the body, not its sample
        if self.default and (initials_of(plain, self.default) or named_in(plain, self.default)):
            return self.default  # the document's own body, by its initials or its place ("Exbridge 2024")
        named = mentions(name)
        return named[0].scope if named else None

    def _where_counted(self, end: int, m: Mention) -> bool:
        """The country is named right after the count, as where the counted are ("9,000
        people across England and Wales"), not as a comparison."""
        found = _WHERE_COUNTED.match(self.text, end)
        return found is not None and m.start <= found.end() <= m.end

    def _own_clause(self, inside: list[Mention], s_start: int, start: int, end: int) -> str | None:
        """A body named in the figure's own clause, after a ", but" or ";" that opened it
        ("64% of the NPS's cases, but only 47% of the CRC's"): that clause's subject."""
        cut = max((m.end() for m in _CLAUSE_OPENING.finditer(self.text, s_start, start)), default=None)
        if cut is None:
            return None
        own = [m for m in inside if m.start >= cut and m.scope != "national"]
        if not own or not any(m.start < start for m in inside if m.start < cut):
            return None  # nothing named before the break: the usual rules hold
        before = [m for m in own if m.end <= start]
        ordered = before[::-1] if before else sorted(own, key=lambda m: abs(m.start - end))
        return _prefer_named(ordered)

    def resolve(self, scope: str | None) -> str | None:
        """ "the CRC" in a report about Fenland CRC is Fenland CRC."""
        main = self.default
        if not scope or not main or scope == main or main in NATIONAL_FAMILY:
            return scope
        if scope == ONE_CRC and main.endswith(" CRC"):
            return main  # the CRCs as a sector ("CRCs supervise ...") stay the sector
        if initials_of(scope, main):
            return main  # "KSS CRC" in a report on Kent, Surrey and Sussex CRC
        if scope == "NPS" and main.startswith("NPS "):
            return main
        return scope

    def _heading_scope(self, before: int) -> str | None:
        """The body named by the nearest heading above ("Early work in the NPS")."""
        if before in self._headings:
            return self._headings[before]
        found = self._find_heading_scope(before)
        self._headings[before] = found
        return found

    def _find_heading_scope(self, before: int) -> str | None:
        """The nearest heading-like line (short, no closing punctuation) that names a body,
        ending at or before `before` and at most 40 lines above it."""
        if self._heading_lines is None:
            self._heading_lines = self._index_heading_lines()
        ends, scopes, newlines = self._heading_lines
        k = bisect_right(ends, before) - 1
        if k < 0:
            return None
        if bisect_left(newlines, before) - bisect_left(newlines, ends[k]) >= 40:
            return None
        return scopes[k]

    def _index_heading_lines(self) -> tuple[list[int], list[str], list[int]]:
        """(line ends, scope named last on the line, newline offsets) of every heading-like
        line that names a body, in order; built once per text."""
        text = self.text
        by_line: dict[int, tuple[int, str]] = {}
        named: dict[int, set[str]] = {}
        for m in self.mentions:
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.start)
            line_end = len(text) if line_end < 0 else line_end
            if m.start >= line_end:
                continue
            line = text[line_start:line_end].strip()
            if line and len(line) < 80 and line[-1] not in ".:;,!?\"”'’)":
                by_line[line_start] = (line_end, m.scope)  # the last mention on the line wins
                named.setdefault(line_start, set()).add(m.scope)
        # a table's header row, one body per column ("This CRC     All CRCs"), is no heading
        columns = {a for a, scopes in named.items() if len(scopes) > 1 and _COLUMN_GAP.search(text[a : by_line[a][0]].strip())}
        ordered = sorted(v for a, v in by_line.items() if a not in columns)
        newlines = list(self._newlines) if self._newlines is not None else [m.start() for m in re.finditer("\n", text)]
        return [e for e, _s in ordered], [sc for _e, sc in ordered], newlines


_AGENT = re.compile(
    r"(?: of them| of those)?(?:(?: [\w-]+){0,2}? (?:held|managed|supervised|run|handled|overseen|delivered|"
    r"looked after|worked with))? (?:by|through) (?:the |all |its |their )?(?:\d+ |[a-z]+ )??"
)
"""Between a count and a body: the body that holds what is counted ("of them held by the 21")."""


_SUBSET = re.compile(r"\b\d[\d,.]*\s+of\s+(?:them|those|these)\b")


_COLUMN_GAP = re.compile(r"\S {3,}\S")


_SUBGROUP_OF_UNITS = re.compile(
    r"\b(?:[Ii]n|[Aa]cross|[Aa]mong|[Ff]or) (?:the |those )?(?:PDUs|regions|teams|units|services|divisions)"
    r" (?:where|that|which|whose|with)\b"
)
"""A figure for the units that meet a condition ("in the PDUs with full staffing"): a group."""
_CONDITION_OPENS = re.compile(r"(?:^|[;:,]\s+|^\s*-\s+|\s[–—-]\s+)(?:[Ww]here|[Ww]hen|[Ii]f)\b", re.M)
"""A clause that opens on a condition; two in one sentence set cases against each other."""
_WHERE_COUNTED = re.compile(r"(?: [\w-]+){0,3} (?:in|across|throughout) (?:all of |the whole of )?")
"""After a count, up to the country it names: a noun or two, then "in"/"across" (which the
country's mention may itself begin with)."""
_COMPARED_BEFORE = re.compile(
    r"\b(?:compared (?:with|to)|against|than|whereas|while|up from|down from|(?:above|below|ahead of|behind) the)\b"
)
"""Between a figure and a body named after it: the body is the base of a comparison, not
the figure's subject."""
_CLAUSE_OPENING = re.compile(r",\s+(?:but|while|whereas|and)\s+|;\s+")

_BRACKET_LEGEND = re.compile(
    r"\b(?:the\s+)?(national|England and Wales)\b[^.\n]{0,80}?\b(?:in brackets|in parenthes[ei]s|bracketed)", re.I
)
"""A lead that says the figures in brackets are the country's."""


_NATIONAL_IN_BRACKETS = re.compile(
    r"\(\s*(?:the\s+)?(?:national(?:ly)?|England and Wales|England)(?:\s+(?:average|figure|rate|mean))?\s*[:,]?\s*$", re.I
)


def _in_brackets(text: str, s_start: int, start: int) -> bool:
    before = text[s_start:start]
    return before.rfind("(") > before.rfind(")")


_LINK_WORDS = frozenset({"and", "&", "of", "the"})


def initials_of(short: str, full: str) -> bool:
    """`short` is `full` with its place written as initials ("BGSW CRC" for "Bath Glen
    Stow and Wick CRC"): the same kind of unit, its name the capitals of full's words."""
    s_name, _, s_kind = short.rpartition(" ")
    f_name, _, f_kind = full.rpartition(" ")
    if not s_name or s_kind != f_kind or not (s_name.isupper() and s_name.isalpha() and len(s_name) >= 2):
        return False
    letters = "".join(w[0] for w in f_name.replace(",", " ").split() if w.lower() not in _LINK_WORDS)
    return letters.upper() == s_name


def group_default(default: str | None, found: list[Mention]) -> str | None:
    """A document that names two or more PDUs, and whose main scope is the whole service,
    speaks by default for those PDUs together, not for the service."""
    if default is not None and default not in NATIONAL_FAMILY:
        return default
    pdus = {m.scope for m in found if m.scope.endswith(" PDU")}
    return SEVERAL if len(pdus) >= 2 else default


def _prefer_named(ordered: list[Mention]) -> str:
    """Among mentions ordered nearest-first, a named unit within reach beats a generic body."""
    first = ordered[0]
    for m in ordered[:3]:
        if m.scope not in NATIONAL_FAMILY:
            return m.scope
    return first.scope
