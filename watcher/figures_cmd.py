"""`inspectwatch figures`: what state knows about each measure, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from state import history
from watcher.context import Context
from watcher.errors import UserError


def resolve_metric(query: str, known: list[str]) -> list[str]:
    """A metric key as given, else the measures whose words match (taxonomy first)."""
    if query in known:
        return [query]
    from summariser.measures import find_measures

    found = [m.key for m in find_measures(query, limit=5)]
    in_state = [k for k in found if k in known]
    if in_state:
        return in_state[:1]
    words = query.lower().split()
    return [k for k in known if all(w in k.replace("_", " ") for w in words)][:1]


def figures_command(args: argparse.Namespace) -> int:
    ctx = Context(args.config)
    store = ctx.existing_store()
    try:
        with store.transaction() as session:
            in_use = history.metrics_in_use(session)
            if not args.metric:
                rows = [{"metric": m, "label": label, "values": n} for m, label, n in in_use]
                _print(rows, ["metric", "label", "values"], args.format)
                return 0
            metrics = resolve_metric(args.metric, [m for m, _, _ in in_use])
            if not metrics:
                raise UserError(
                    f"no measure in state matches {args.metric!r}; `inspectwatch figures` lists them",
                    1,
                )
            found = history.figure_history(session, metrics, include_undated=True)
    finally:
        store.dispose()
    rows = [
        {
            "metric": r.metric,
            "label": r.label,
            "published": r.published.isoformat() if r.published else None,
            "value": r.value,
            "unit": r.unit,
            "of": r.of,
            "qualifier": r.qualifier,
            "scope": r.scope,
            "text": r.text,
            "title": r.title,
            "source": r.source,
            "document": r.ref,
            "url": r.url,
        }
        for r in found
    ]
    _print(
        rows,
        ["published", "value", "unit", "of", "qualifier", "scope", "source", "title"],
        args.format,
        heading=f"{metrics[0]}: {rows[0]['label'] if rows else ''}",
    )
    return 0


def _print(rows: list[dict], columns: list[str], fmt: str, heading: str = "") -> None:
    out = sys.stdout
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "csv":
        keys = list(rows[0].keys()) if rows else columns
        writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    if heading:
        out.write(heading + "\n")
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [
        min(60, max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(columns)
    ]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
    for row in cells:
        out.write(
            "  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n"
        )


def _cell(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)
