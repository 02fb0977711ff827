"""Places and services figures are about (PDUs, regions, youth justice services), as the
documents name them: what "/subscribe Essex North" and "/figure Essex North" look up."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from state.history import _COLUMNS, FigureRow
from state.models import Document, Figure, Rating, Source


def bodies_in_use(session: Session, limit: int = 500) -> list[tuple[str, int]]:
    """(name as most often written, number of report figures) per body, most figures first."""
    q = (
        select(func.max(Figure.scope), func.count())
        .where(Figure.in_comments.is_(False), Figure.scope_key != "")
        .group_by(Figure.scope_key)
        .order_by(func.count().desc(), Figure.scope_key)
        .limit(limit)
    )
    found = {name: n for name, n in session.execute(q) if name}
    for (scope,) in session.execute(
        select(Rating.scope).where(Rating.scope.is_not(None)).distinct().limit(limit)
    ):
        key = scope.strip()
        if key and not any(key.lower() == k.lower() for k in found):
            found[key] = 0
    return sorted(found.items(), key=lambda kv: (-kv[1], kv[0].lower()))


def body_figures(session: Session, body_key: str, limit: int = 60) -> list[FigureRow]:
    """Report figures about one body (its scope written in any case), newest first."""
    q = (
        select(*_COLUMNS)
        .join(Document, Figure.document_id == Document.id)
        .join(Source, Document.source_id == Source.id)
        .where(Figure.in_comments.is_(False), Figure.scope_key == body_key.strip().lower())
        .order_by(Figure.published.desc(), Figure.document_id.desc(), Figure.position)
        .limit(limit)
    )
    return [FigureRow(**row._mapping) for row in session.execute(q)]
