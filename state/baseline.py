"""The shipped seed baseline: figures derived from the seed corpus (never its text),
loaded into state as documents of the pseudo-source "seed-corpus".

Built by `inspectwatch baseline build ../shared/seeds`; loaded on first start and again
whenever the shipped file changes.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from state import documents, sources
from state.models import Document, Figure, Meta

SEED_SOURCE = "seed-corpus"
BASELINE_FILE = "seed_baseline.json"
_META_KEY = "baseline_sha256"


def baseline_path() -> Path:
    return Path(str(files("state").joinpath("baseline", BASELINE_FILE)))


def read_baseline(path: Path | None = None) -> tuple[dict[str, Any] | None, str]:
    path = path or baseline_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, ""
    return json.loads(raw), hashlib.sha256(raw).hexdigest()


def ensure_baseline(session: Session, path: Path | None = None) -> bool:
    """Load the baseline unless this exact file is already loaded. Returns True when it loaded."""
    data, digest = read_baseline(path)
    if data is None:
        return False
    meta = session.get(Meta, _META_KEY)
    if meta is not None and meta.value == digest:
        return False
    src = sources.ensure(session, SEED_SOURCE, "seed", "")
    session.execute(delete(Document).where(Document.source_id == src.id))
    session.flush()
    now = datetime.now(UTC)
    for doc in data.get("documents", []):
        record = documents.DocumentRecord(
            entry_key=doc["entry_key"],
            ref=doc["ref"],
            title=doc.get("title", ""),
            body="",
            content_hash=doc["content_hash"],
            url=doc.get("url"),
            published=date.fromisoformat(doc["published"]) if doc.get("published") else None,
            kind=doc.get("kind", "post"),
            rating=doc.get("rating"),
            scope=doc.get("scope"),
        )
        figures = [
            {
                k: f.get(k)
                for k in ("value", "unit", "qualifier", "of", "text", "metric", "label", "scope")
            }
            | {"sentence": "", "in_comments": bool(f.get("in_comments"))}
            for f in doc.get("figures", [])
        ]
        ratings = [
            {
                "subject": r.get("subject", "overall"),
                "scope": r.get("scope"),
                "value": r["value"],
                "text": "",
            }
            for r in doc.get("ratings", [])
        ]
        documents.save(session, src.id, record, figures, ratings, now=now)
    if meta is None:
        session.add(Meta(key=_META_KEY, value=digest))
    else:
        meta.value = digest
    src.initialised = True
    return True


def summary(session: Session) -> tuple[int, int]:
    """(documents, figures) of the seed baseline in state."""
    src = sources.get(session, SEED_SOURCE)
    if src is None:
        return 0, 0
    docs = (
        session.scalar(
            select(func.count()).select_from(Document).where(Document.source_id == src.id)
        )
        or 0
    )
    figs = (
        session.scalar(
            select(func.count())
            .select_from(Figure)
            .join(Document)
            .where(Document.source_id == src.id)
        )
        or 0
    )
    return docs, figs
