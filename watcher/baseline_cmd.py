"""`inspectwatch baseline build SEEDS_DIR`: derive the shipped seed baseline.

The output holds facts derived from the seed corpus (values, units, measures, scopes,
dates, titles, ratings) and no seed text: a figure's `text` is re-rendered from its
value, sentences are not kept, and reader-comment figures are left out (they never
become findings). Re-run it whenever extraction changes; the file's hash tells every
database to reload it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import summariser
from state.baseline import baseline_path
from summariser.models import Figure
from summariser.policy import history_metric
from watcher.entries import content_hash
from watcher.errors import UserError
from watcher.replay import load_inputs, read_manifest

_UNIT_SUFFIX = {
    "percent": "%",
    "days": " days",
    "weeks": " weeks",
    "months": " months",
    "hours": " hours",
    "years": " years",
}


def figure_text(f: Figure) -> str:
    """A neutral rendering of the figure ("less than 66.7%", "19 of 52"), not the seed's words."""
    value = f"{f.value:g}"
    if f.unit == "currency":
        value = f"£{f.value:,.0f}"
    elif f.of:
        value = f"{value} of {f.of:g}"
    else:
        value += _UNIT_SUFFIX.get(f.unit, "")
    return f"{f.qualifier} {value}" if f.qualifier else value


def build(seeds: Path, manifest: Path | None) -> dict:
    if not seeds.is_dir():
        raise UserError(f"{seeds}: not a folder")
    docs, errors = load_inputs([str(seeds)], read_manifest(str(manifest)) if manifest else None)
    if errors:
        raise UserError("; ".join(errors), exit_code=1)
    out = []
    for doc in docs:
        analysis = summariser.analyse(doc)
        name = Path(doc.ref).name
        out.append(
            {
                "entry_key": f"seed:{name}",
                "ref": name,
                "title": doc.title,
                "url": doc.url,
                "published": doc.published.isoformat() if doc.published else None,
                "kind": "post",
                "content_hash": content_hash(doc.title, doc.body),
                "rating": analysis.rating,
                "scope": analysis.scope,
                "figures": [
                    {
                        "value": f.value,
                        "unit": f.unit,
                        "qualifier": f.qualifier,
                        "of": f.of,
                        "text": figure_text(f),
                        "metric": history_metric(f),
                        "label": f.label,
                        "scope": f.scope,
                    }
                    for f in analysis.findings
                ],
                "ratings": [
                    {"subject": r.subject, "scope": r.scope, "value": r.value}
                    for r in analysis.ratings
                ],
            }
        )
    return {
        "about": "Figures derived from the seed corpus by `inspectwatch baseline build`; no seed text.",
        "documents": out,
    }


def build_baseline_command(args: argparse.Namespace) -> int:
    default_manifest = baseline_path().with_name("seed_manifest.json")
    manifest = (
        Path(args.manifest)
        if args.manifest
        else (default_manifest if default_manifest.exists() else None)
    )
    data = build(Path(args.seeds), manifest)
    target = Path(args.output) if args.output else baseline_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    figures = sum(len(d["figures"]) for d in data["documents"])
    print(f"wrote {target}: {len(data['documents'])} documents, {figures} figures")
    return 0
