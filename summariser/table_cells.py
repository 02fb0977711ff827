"""Headings, table headers and captions above a line: the words that name what the
figures of a section or a table row measure."""

from __future__ import annotations

import re

from summariser import recognition_weights as rw
from summariser.clauses import stems
from summariser.concepts import find_concepts
from summariser.measure_choice import bump

CELL_GAP = re.compile(r"\t|  ")
_LEADER = re.compile(r"\s*(?:\.\s?){3,}\s*$|\s*…+\s*$")
"""Dot leaders between a row label and its value ("Planning ....... 41%")."""
_DASH = re.compile(r"\s[–—-]\s*$")
_VALUE_TO_END = re.compile(r"[£$]?\d[\d,.]*\s*(?:%|per ?cent)?\s*$")
_ROW = re.compile(r"(?:\t|  |(?:\.\s?){3,}|…|\s[–—-]\s)\s*[£$]?\d[\d,.]*\s*(?:%|per ?cent)?\s*$")
"""A line that ends in a value set apart from its label: a table row, however drawn."""


def _leader(text: str, start: int, before: str) -> re.Match[str] | None:
    """The leader between a row label and the value at `start`: dots, or a dash when the
    value ends the line ("CRCs – 46%")."""
    tail = before.rstrip()
    # only a line whose text runs up to dots can hold a leader; searching a long line for
    # one at every position would cost the square of its length
    leader = _LEADER.search(before) if tail.endswith((".", "…")) else None
    if leader is not None or len(before) > 60:
        return leader
    line_end = text.find("\n", start)
    rest = text[start : line_end if line_end >= 0 else len(text)]
    return _DASH.search(before) if _VALUE_TO_END.fullmatch(rest) else None


def heading_above(text: str, para: int) -> str:
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


PERIOD_LABEL = re.compile(
    r"(?:FY|Q[1-4] )?(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?|(?:Q[1-4]|H[12]) (?:19|20)\d\d"
)


def lines_above(text: str, line_start: int, limit: int = 12):
    """The lines above the one starting at `line_start`, nearest first, at most `limit`."""
    pos = line_start
    for _ in range(limit):
        if pos <= 0:
            return
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        yield text[prev_start : pos - 1]
        pos = prev_start


def header_above(text: str, line_start: int) -> str | None:
    """The header row of a table whose rows are periods: the nearest line above with wide
    gaps and no digits ("Year        Settled on release")."""
    for line in lines_above(text, line_start):
        stripped = line.strip()
        if stripped and CELL_GAP.search(stripped) and not any(ch.isdigit() for ch in stripped):
            return stripped
    return None


_NUMBERED_CAPTION = re.compile(r"\s*(?:Table|Figure|Chart|Graph|Exhibit)\s+[A-Z]?\d+[a-z]?\b(?![%,.]\d)", re.I)


_BRACKETED = re.compile(r"(?:\([^()]*\)\s*)+")


def caption_above(text: str, line_start: int) -> str | None:
    """The first line above a table row that is not itself a row (the caption or the
    table's title), within a few lines."""
    for line in lines_above(text, line_start):
        if not line.strip():
            continue
        if _NUMBERED_CAPTION.match(line):
            return " ".join(line.split())  # "Table 3    What we found": a wide gap, yet no row
        if _BRACKETED.fullmatch(line.strip()):
            continue  # "(64 cases)" under a column's name: part of the header
        if CELL_GAP.search(line.strip()) or _ROW.search(line):
            continue  # another row, or the header row
        if line.strip()[0].islower() and len(line) < 80:
            continue  # the wrapped second line of a row label
        return line.strip() if len(line) < 200 else None
    return None


def table_weights(text: str, start: int) -> dict[str, float] | None:
    """For a cell of a table row ("Assessment: keeping people safe    41%    39%"): the
    concepts of the row label (and of a wrapped second line of it) and, more weakly,
    of the table's caption ("Table 2: Cases rated sufficient, by standard")."""
    found = row_label(text, start)
    if found is None:
        return None
    label, line_start = found
    weights: dict[str, float] = {}
    for c, _a, _b in find_concepts(stems(label)):
        bump(weights, c, 1.0)  # NEGATION too: a row "... not made" states the measure's twin
    group = _group_row(label)
    if group:
        bump(weights, group, 1.0)
    caption = caption_above(text, line_start)
    if caption:
        for c, _a, _b in find_concepts(stems(caption)):
            if c != "NEGATION":
                bump(weights, c, rw.WEIGHTS.table_caption)
    return weights or None


def row_label(text: str, start: int) -> tuple[str, int] | None:
    """(the label of the table row whose cell starts at `start`, the row's line start), or
    None when the figure is not a cell of a row."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    leader = _leader(text, start, before)
    if leader is None:
        if start < 2 or (
            text[start - 1] != "\t"
            and text[start - 2 : start] != "  "
            and text[start - 3 : start - 1] != "  "
        ):
            return None  # not a cell: no wide gap just before the figure
        if not CELL_GAP.search(before[-3:] if before else "") and not before.endswith("\t"):
            return None
    indent = len(before) - len(before.lstrip())  # a row set in from the margin
    gap = leader or CELL_GAP.search(before, indent)
    label = before[: gap.start()] if gap else before
    if not label.strip():
        return None
    if any(ch.isdigit() for ch in label):
        undated = DATE_IN_LABEL.sub(" ", label)  # "People supervised, 30 Sep 2018": when, not what
        if not any(ch.isdigit() for ch in undated) and any(ch.isalpha() for ch in undated):
            label = " ".join(undated.split()).strip(" ,;:(")
    if any(ch.isdigit() for ch in label) and not _AGE_BAND.fullmatch(label.strip()):
        # rows named by a year or period ("2023/24    55%"): the measure is named in
        # the header row above them; an age band ("Aged 10 to 14") names its group
        if not PERIOD_LABEL.fullmatch(label.strip()):
            return None
        label = header_above(text, line_start) or ""
    line_end = text.find("\n", start)
    nxt_end = text.find("\n", line_end + 1) if line_end >= 0 else -1
    if line_end >= 0:
        nxt = text[line_end + 1 : nxt_end if nxt_end >= 0 else len(text)]
        if (
            nxt.strip()
            and not any(ch.isdigit() for ch in nxt)
            and nxt.strip()[0].islower()
            and len(nxt) < 80
        ):
            label += " " + nxt.strip()  # a row label wrapped onto the next line
    return label, line_start


DATE_IN_LABEL = re.compile(
    r"\(?\b(?:(?:at|on|to|in)\s+)?(?:\d{1,2}\s+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+)?"
    r"(?:19|20)\d\d(?:[/–-]\d\d(?:\d\d)?)?\b\)?"
)
"""A date inside a row label or a header cell ("(Dec 2018)", "at 31 March 2019", "Wales
2022"): it dates the row or the column, and names nothing."""
_AGE_BAND = re.compile(r"[Aa]ged (?:under )?\d{1,2}(?:\s?(?:to|-|–)\s?\d{1,2}|\+| and (?:over|above|under))?")
_GROUP_ROWS = {"boys": "MALE", "men": "MALE", "males": "MALE"}
"""Row labels that are a group alone ("Boys    85%"): in prose the word names whom a share
is of, but a row of its own states the share that belongs to the group."""


def _group_row(label: str) -> str | None:
    """The concept a row label standing for a group states: boys or men, an age band."""
    words = label.lower().strip(" :–-").split()
    if len(words) == 1 and words[0] in _GROUP_ROWS:
        return _GROUP_ROWS[words[0]]
    return "AGED" if words and words[0] == "aged" and any(w[:1].isdigit() for w in words) else None


def column_header(text: str, start: int) -> str | None:
    """The header cell above the column of the table cell at `start` ("Wirral   England"
    over "81%   85%"): the cell of the table's header whose span is nearest the figure's;
    None when the header has fewer than two cells."""
    line_start = text.rfind("\n", 0, start) + 1
    cells = header_cells(text, line_start)
    if not cells:
        return None
    column = start - line_start
    return min(cells, key=lambda c: min(abs(c[0] - column), abs(c[1] - column)))[2]


def header_cells(text: str, line_start: int) -> list[tuple[int, int, str]]:
    """The cells of the header above the table row at `line_start`, as (start, end, words)
    by column: a header may take two lines ("Hackney" over "Nov 2022", "England and" over
    "Wales 2022"), read as one cell per column of its lowest line. Rows of figures between
    are the table's other rows; [] when there is no header of two cells or more."""
    block: list[str] = []
    for line in lines_above(text, line_start, 8):
        stripped = line.strip()
        if stripped and _HEADER_LINE.fullmatch(stripped) and CELL_GAP.search(stripped):
            block.append(line)
        elif block or (stripped and not any("0" <= ch <= "9" for ch in stripped)):
            break  # the header ends, or a line of prose: no header above
    if not block:
        return []
    bottom = _cells(block[0])
    if len(bottom) < 2:
        return []
    merged = []
    for a, b, words in bottom:
        above = [w for line in block[1:] for a2, b2, w in _cells(line) if a2 < b + 2 and b2 > a - 2]
        merged.append((a, b, " ".join([*reversed(above), words])))
    return merged


def _cells(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _HEADER_CELL.finditer(line)]


_HEADER_CELL = re.compile(r"\S+(?: \S+)*")
"""A header cell: words separated by single spaces (two or more end the cell)."""
_HEADER_LINE = re.compile(r"(?:[^\d%]|(?<!\d)(?:19|20)\d\d(?:[/–-]\d\d(?:\d\d)?)?(?!\d)|\([nN] ?= ?\d[\d,]*\))+")
"""A header line: words, and digits only as years or year ranges ("2024/25") or a column's
sample size ("(n=40)"), never a %."""
