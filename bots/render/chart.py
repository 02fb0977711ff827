"""A measure's history as a PNG line chart, one series per body (for /trend).

Uses matplotlib's object API with the Agg canvas directly: no pyplot, no global state, no
display needed, safe to call from a worker thread.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bots.render.document import one_line
from bots.render.history import HistoryRow, series

_MARKERS = "osD^v<>ph*"


_TEXT = {"title": 16, "label": 14, "ticks": 13, "legend": 13}
"""Point sizes: a chart is read on a phone at about half its width, so its text is at least
as large as the caption's."""


def chartable(rows: Sequence[HistoryRow]) -> bool:
    """Worth a chart: some body has two or more dated values (one value is said in text)."""
    return any(len(v) >= 2 for v in series(rows).values())


def trend_png(label: str, rows: Sequence[HistoryRow], *, unit: str = "") -> bytes:
    """PNG bytes of the dated values in `rows`: one line per body (a PDU's values never
    join the country's), the y-axis from zero for shares and counts."""
    by_body = series(rows)
    fig = Figure(figsize=(6, 4.5), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for i, (body, points) in enumerate(by_body.items()):
        ax.plot(
            [r.published for r in points], [_plotted(r) for r in points],
            marker=_MARKERS[i % len(_MARKERS)], markersize=8, linewidth=2, label=body,
        )  # fmt: skip
    if by_body:
        ax.legend(loc="best", fontsize=_TEXT["legend"])
    else:
        ax.text(0.5, 0.5, "no dated values", ha="center", va="center", transform=ax.transAxes,
                fontsize=_TEXT["label"])
    shown_unit = unit or _unit([r for v in by_body.values() for r in v])
    if shown_unit in ("percent", "count", "currency") or any(r.of for v in by_body.values() for r in v):
        ax.set_ylim(bottom=0, top=100 if shown_unit == "percent" else None)
    ax.set_title(one_line(label, 60), fontsize=_TEXT["title"])
    ax.set_ylabel("per cent" if shown_unit == "percent" else one_line(shown_unit, 20), fontsize=_TEXT["label"])
    ax.tick_params(labelsize=_TEXT["ticks"])
    ax.grid(True, alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _plotted(r: HistoryRow) -> float:
    """Percentages as shares when a count has its base ("19 of 52" plots as 36.5)."""
    if r.unit != "percent" and r.of:
        return round(100.0 * r.value / r.of, 1)
    return float(r.value)


def _unit(rows: Sequence[HistoryRow]) -> str:
    return rows[-1].unit if rows else ""
