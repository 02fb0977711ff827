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
from summariser.table_cells import CELL_GAP, lines_above, row_label

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
    """The periods of the nearest line above (over the table's other rows) whose last cells
    are years or year ranges: all of them when every cell but one label is a period, else
    [] (a header that mixes periods with other columns)."""
    for line in lines_above(text, line_start, _HEADER_ROWS_ABOVE):
        cells = [c.strip() for c in CELL_GAP.split(line.strip()) if c.strip()]
        if len(cells) < 2 or not all(_PERIOD.fullmatch(c) for c in cells[-2:]):
            continue
        periods = cells[1:] if not _PERIOD.fullmatch(cells[0]) else cells
        return periods if all(_PERIOD.fullmatch(c) for c in periods) else []
    return []
