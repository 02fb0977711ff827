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
from summariser.table_cells import header_cells, row_label

_PERIOD = re.compile(r"(?P<year>(?:19|20)\d\d)(?:\s?[/–-]\s?(?:\d\d){1,2})?")


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
        own = [c for c, (_p, national) in enumerate(periods) if not national]
        if column not in own or not own:
            continue  # the country's column: a comparator of the same period, no quotation
        latest = max(own, key=lambda c: periods[c][0])
        if column != latest:
            period = periods[column][0]
            out[k] = replace(f, quotes=Quote(period[:4], period))
    return out


def _periods_above(text: str, line_start: int) -> list[tuple[str, bool]]:
    """(period, whether the column is the country's) for each column of the header above,
    when every column names a period ("2021  2023", "Hackney Nov 2022  England 2022"); a
    leading label cell is no column. [] when some column names none."""
    cells = [words for _a, _b, words in header_cells(text, line_start)]
    if len(cells) > 2 and not _PERIOD.search(cells[0]):
        cells = cells[1:]
    found = [_PERIOD.search(c) for c in cells]
    if len(cells) < 2 or not all(found):
        return []
    return [(m.group(), bool(_NATIONAL.search(c))) for m, c in zip(found, cells, strict=True)]  # type: ignore[union-attr]


_NATIONAL = re.compile(r"\b(?:England|Wales|national|nationally|all (?:PDUs|CRCs|services|regions))\b", re.I)
