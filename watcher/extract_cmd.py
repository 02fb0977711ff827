"""`inspectwatch extract PATH... [--format json|text]`: the figures of local documents.

Each file (or every .txt/.html/.htm/.pdf under a folder, sorted) is read with the same
extraction the poller uses, then analysed by the summariser; one JSON object per document
per line, in the shape ARCHITECTURE.md fixes. A file that fails is one line on stderr
naming it; the others still run. Exit 0, 1 if any file failed, 2 if no path was usable.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from summariser.models import Analysis, Document
from watcher.errors import UserError
from watcher.extract import SUFFIXES, load_path


def collect(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The files to read, and one error per path that gave none."""
    files: list[Path] = []
    errors: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                errors.append(f"{p}: no .txt, .html or .pdf files in this folder")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        elif p.exists():
            errors.append(f"{p}: not a file or folder")
        else:
            errors.append(f"{p}: no such file or folder")
    return files, errors


def record(doc: Document, analysis: Analysis) -> dict[str, Any]:
    """The contract's JSON object for one document."""
    return {
        "document": doc.ref,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "rating": analysis.rating,
        "figures": [f.to_json() for f in analysis.figures],
    }


def _text(rec: dict[str, Any]) -> str:
    lines = [
        rec["document"],
        f"  title: {rec['title']}",
        f"  published: {rec['published'] or 'undated'}",
        f"  rating: {rec['rating'] or '-'}",
        f"  figures: {len(rec['figures'])}",
    ]
    for f in rec["figures"]:
        where = " (comment)" if f.get("in_comments") else ""
        lines.append(f"    {f['text']!r} -> {f['value']:g} {f['unit']} {f['metric']}{where}")
    return "\n".join(lines)


def extract_command(
    paths: list[str], fmt: str = "json", out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    files, errors = collect(paths)
    for e in errors:
        print(f"inspectwatch: {e}", file=err)
    if not files:
        return 2
    from summariser import analyse

    failed = bool(errors)
    for path in files:
        try:
            doc = load_path(path)
            analysis = analyse(doc, summary=False)  # extract prints no summary
        except UserError as exc:
            print(f"inspectwatch: {exc}", file=err)
            failed = True
            continue
        except Exception as exc:  # one bad file never stops the others
            print(f"inspectwatch: {path}: {type(exc).__name__}: {exc}", file=err)
            failed = True
            continue
        rec = record(doc, analysis)
        if fmt == "text":
            print(_text(rec), file=out)
        else:
            print(json.dumps(rec, ensure_ascii=False), file=out)
        out.flush()
    return 1 if failed else 0
