"""Earlier values of measures and ratings: what a new document is compared with."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from state.models import Document, Figure, Rating, Source


@dataclass(frozen=True, slots=True)
class FigureRow:
    metric: str
    label: str
    value: float
    unit: str
    of: float | None
    qualifier: str | None
    scope: str | None
    published: date | None
    ref: str
    title: str
    url: str | None
    source: str
    text: str
    document_id: int


@dataclass(frozen=True, slots=True)
class RatingRow:
    value: str
    subject: str
    scope: str | None
    published: date | None
    ref: str
    title: str


def figure_history(
    session: Session,
    metrics: Iterable[str] | None = None,
    *,
    before: date | None = None,
    exclude_hash: str | None = None,
    include_undated: bool = False,
) -> list[FigureRow]:
    """Report figures (never reader comments) of the given measures, oldest first.

    `before` keeps only documents published strictly earlier; `exclude_hash` leaves out
    the document being compared (a re-read or replayed copy of itself).
    """
    q = (
        select(
            Figure, Document.ref, Document.title, Document.url, Source.name, Document.content_hash
        )
        .join(Document, Figure.document_id == Document.id)
        .join(Source, Document.source_id == Source.id)
        .where(Figure.in_comments.is_(False))
    )
    if metrics is not None:
        metrics = list(metrics)
        if not metrics:
            return []
        q = q.where(Figure.metric.in_(metrics))
    if before is not None:
        q = q.where(Figure.published < before)
    elif not include_undated:
        q = q.where(Figure.published.is_not(None))
    if exclude_hash:
        q = q.where(Document.content_hash != exclude_hash)
    q = q.order_by(Figure.published, Figure.document_id, Figure.position)
    return [
        FigureRow(
            metric=f.metric,
            label=f.label,
            value=f.value,
            unit=f.unit,
            of=f.of,
            qualifier=f.qualifier,
            scope=f.scope,
            published=f.published,
            ref=ref,
            title=title,
            url=url,
            source=src,
            text=f.text,
            document_id=f.document_id,
        )
        for f, ref, title, url, src, _h in session.execute(q)
    ]


def rating_history(
    session: Session, *, before: date | None = None, exclude_hash: str | None = None
) -> list[RatingRow]:
    q = select(Rating, Document.ref, Document.title).join(
        Document, Rating.document_id == Document.id
    )
    if before is not None:
        q = q.where(Rating.published < before)
    if exclude_hash:
        q = q.where(Document.content_hash != exclude_hash)
    q = q.order_by(Rating.published, Rating.id)
    return [
        RatingRow(
            value=r.value,
            subject=r.subject,
            scope=r.scope,
            published=r.published,
            ref=ref,
            title=title,
        )
        for r, ref, title in session.execute(q)
    ]


def metrics_in_use(session: Session) -> list[tuple[str, str, int]]:
    """(metric, label, number of report figures) for every measure in state."""
    from sqlalchemy import func

    q = (
        select(Figure.metric, func.max(Figure.label), func.count())
        .where(Figure.in_comments.is_(False))
        .group_by(Figure.metric)
        .order_by(Figure.metric)
    )
    return [(m, lbl or "", n) for m, lbl, n in session.execute(q)]
