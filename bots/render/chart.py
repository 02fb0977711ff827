"""A measure's history as a PNG line chart, each source with its own marker (for /trend).

Uses matplotlib's object API with the Agg canvas directly: no pyplot, no global state, no
display needed, safe to call from a worker thread.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bots.render.document import one_line
from bots.render.history import HistoryRow, source_label

_MARKERS = "osD^v<>ph*"


def trend_png(label: str, rows: Sequence[HistoryRow], *, unit: str = "") -> bytes:
    """PNG bytes of the dated values in `rows` (oldest first), one marker style per source."""
    dated = [r for r in rows if r.published is not None]
    fig = Figure(figsize=(7, 4), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    values = [_plotted(r) for r in dated]
    if dated:
        ax.plot([r.published for r in dated], values, color="#888888", linewidth=1, zorder=1)
        sources = sorted({r.source or "unknown" for r in dated})
        for i, source in enumerate(sources):
            points = [
                (r.published, v)
                for r, v in zip(dated, values, strict=True)
                if (r.source or "unknown") == source
            ]
            ax.scatter(
                [p[0] for p in points], [p[1] for p in points],
                marker=_MARKERS[i % len(_MARKERS)], s=40, zorder=2, label=source_label(source),
            )  # fmt: skip
        ax.legend(loc="best", fontsize=8)
    else:
        ax.text(0.5, 0.5, "no dated values", ha="center", va="center", transform=ax.transAxes)
    ax.set_title(one_line(label, 80), fontsize=11)
    ax.set_ylabel(
        "per cent" if (unit or _unit(dated)) == "percent" else one_line(unit or _unit(dated), 20)
    )
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
