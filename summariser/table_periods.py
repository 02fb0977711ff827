"""A table whose columns are periods ("2021   2023   2025") states one measure at several
dates: only the latest column is the document's own finding. The cells of earlier columns
are earlier findings stated again, marked as quotations with their column's period, so no
comparison mistakes them for this document's level or for a later one's prior.

Pure: takes the document's figures and text, returns new figures.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from summariser.models import Figure, Quote
from summariser.table_cells import CELL_GAP, row_label

_PERIOD = re.compile(r"(?P<year>(?:19|20)\d\d)(?:\s?[/–-]\s?(?:\d\d){1,2})?")
_HEADER_ROWS_ABOVE = 8


def mark_earlier_columns(figures: list[Figure], text: str) -> list[Figure]:
    """Cells of a row under a header of periods, in any column but the latest, quote the
    period of their column."""
    starts = [f.start for f in figures]
    out = list(figures)
    for k, f in enumerate(figures):
        if f.quotes is not None or f.in_comments or row_label(text, f.start) is None:
            continue
        line_start = text.rfind("\n", 0, f.start) + 1
        line_end = text.find("\n", f.start)
        line_end = len(text) if line_end < 0 else line_end
        periods = _periods_above(text, line_start)
        if len(periods) < 2:
            continue
        cells = [i for i in range(bisect_left(starts, line_start), bisect_left(starts, line_end))
                 if not figures[i].in_comments]  # fmt: skip
        if len(cells) != len(periods):
            continue  # the row does not line up with the header: read nothing into it
        column = cells.index(k)
        latest = max(range(len(periods)), key=lambda c: periods[c])
        if column != latest:
            out[k] = replace(f, quotes=Quote(periods[column][:4], periods[column]))
    return out


def _periods_above(text: str, line_start: int) -> list[str]:
    """The periods named by the nearest header row above (every cell after an optional
    label a year or a year range), nearest rows first; [] when there is none."""
    pos = line_start
    for _ in range(_HEADER_ROWS_ABOVE):
        if pos <= 0:
            return []
        above = text.rfind("\n", 0, pos - 1) + 1
        line = text[above : pos - 1].strip()
        pos = above
        if not line:
            continue
        cells = [c.strip() for c in CELL_GAP.split(line) if c.strip()]
        if len(cells) >= 2 and all(_PERIOD.fullmatch(c) for c in cells[-2:]):
            return [c for c in cells if _PERIOD.fullmatch(c)] if _only_periods_after_label(cells) else []
    return []


def _only_periods_after_label(cells: list[str]) -> bool:
    """The header's cells are periods, but for one label cell first ("Measure", "Year")."""
    rest = cells[1:] if not _PERIOD.fullmatch(cells[0]) else cells
    return all(_PERIOD.fullmatch(c) for c in rest)
