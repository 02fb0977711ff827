"""Earlier values of measures and ratings: what a new document is compared with."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
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
    exclude_ref: str | None = None,
    include_undated: bool = False,
    latest_only: bool = False,
) -> list[FigureRow]:
    """Report figures (never reader comments) of the given measures, oldest first.

    `before` keeps only documents published strictly earlier; `exclude_hash` leaves out
    the document being compared (a re-read or replayed copy of itself), `exclude_ref` any
    document with that ref. `latest_only` keeps, for each measure, body (scope), unit and
    kind (a share of a total or not), only the figures of the latest date: all a comparison
    can pick from, since it takes the latest earlier value of the closest body. It keeps
    the comparison's cost flat however many documents state holds.
    """
    on_figures = [Figure.in_comments.is_(False)]
    if metrics is not None:
        metrics = list(metrics)
        if not metrics:
            return []
        on_figures.append(Figure.metric.in_(metrics))
    if before is not None:
        on_figures.append(Figure.published < before)
    elif not include_undated:
        on_figures.append(Figure.published.is_not(None))
    left_out = []  # the documents to leave out
    if exclude_hash:
        left_out.append(Document.content_hash == exclude_hash)
    if exclude_ref is not None:
        left_out.append(Document.ref == exclude_ref)
    if left_out:
        on_figures.append(Figure.document_id.not_in(select(Document.id).where(or_(*left_out))))
    if latest_only:
        # Rank the figures table alone, then read whole rows for the winners only.
        shared = or_(Figure.of.is_(None), Figure.of == 0)
        rank = func.dense_rank().over(
            partition_by=(Figure.metric, Figure.scope, Figure.unit, shared),
            order_by=Figure.published.desc().nulls_last(),
        )
        ranked = select(Figure.id, rank.label("latest_rank")).where(*on_figures).subquery()
        on_figures = [Figure.id.in_(select(ranked.c.id).where(ranked.c.latest_rank == 1))]
    q = (
        select(  # plain columns, not ORM objects: a row costs a tuple, not an identity
            Figure.metric,
            Figure.label,
            Figure.value,
            Figure.unit,
            Figure.of,
            Figure.qualifier,
            Figure.scope,
            Figure.published,
            Document.ref,
            Document.title,
            Document.url,
            Source.name.label("source"),
            Figure.text,
            Figure.document_id,
        )
        .join(Document, Figure.document_id == Document.id)
        .join(Source, Document.source_id == Source.id)
        .where(*on_figures)
        .order_by(Figure.published, Figure.document_id, Figure.position)
    )
    return [FigureRow(**row._mapping) for row in session.execute(q)]


def rating_history(
    session: Session,
    *,
    before: date | None = None,
    exclude_hash: str | None = None,
    exclude_ref: str | None = None,
    latest_only: bool = False,
) -> list[RatingRow]:
    """Ratings of earlier documents, oldest first (filters as `figure_history`);
    `latest_only` keeps, for each subject and body, the ratings of the latest date only."""
    q = select(Rating, Document.ref, Document.title).join(
        Document, Rating.document_id == Document.id
    )
    if before is not None:
        q = q.where(Rating.published < before)
    if exclude_hash:
        q = q.where(Document.content_hash != exclude_hash)
    if exclude_ref is not None:
        q = q.where(Document.ref != exclude_ref)
    if latest_only:
        rank = func.dense_rank().over(
            partition_by=(Rating.subject, Rating.scope),
            order_by=Rating.published.desc().nulls_last(),
        )
        ranked = q.with_only_columns(Rating.id, rank.label("latest_rank")).subquery()
        q = q.where(Rating.id.in_(select(ranked.c.id).where(ranked.c.latest_rank == 1)))
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
