"""Earlier values of measures and ratings: what a new document is compared with."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from state.documents import scope_key
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


# The columns of a FigureRow: plain columns, not ORM objects (a row costs a tuple, not an
# identity in the session).
_COLUMNS = (
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


def figure_history(
    session: Session,
    metrics: Iterable[str] | None = None,
    *,
    before: date | None = None,
    exclude_hash: str | None = None,
    exclude_ref: str | None = None,
    exclude_ids: Iterable[int] | None = None,
    include_undated: bool = False,
) -> list[FigureRow]:
    """Report figures (never reader comments) of the given measures, oldest first.

    `before` keeps only documents published strictly earlier; `exclude_hash` leaves out
    the document being compared (a re-read or replayed copy of itself), `exclude_ref` any
    document with that ref. A comparison wants `latest_figures`, which reads only what it
    can pick from.
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
    left_out = _excluded(session, exclude_hash, exclude_ref, exclude_ids)
    if left_out:
        on_figures.append(Figure.document_id.not_in(left_out))
    q = (
        select(*_COLUMNS)
        .join(Document, Figure.document_id == Document.id)
        .join(Source, Document.source_id == Source.id)
        .where(*on_figures)
        .order_by(Figure.published, Figure.document_id, Figure.position)
    )
    return [FigureRow(**row._mapping) for row in session.execute(q)]


# The comparison's two statements, built once: a digest is made for every document read,
# and building them anew each time cost more than running them.
_SHARED = or_(Figure.of.is_(None), Figure.of == 0)  # a share of a total is its own kind


def _latest_dates(any_body: bool):
    """The latest date per (measure, body, unit, kind); of the given bodies, or of all."""
    on = [
        Figure.in_comments.is_(False),
        Figure.metric.in_(bindparam("metrics", expanding=True)),
        Figure.published < bindparam("before"),
        Figure.document_id.not_in(bindparam("left_out", expanding=True)),
    ]
    if not any_body:
        on.append(Figure.scope_key.in_(bindparam("scopes", expanding=True)))
    return (
        select(Figure.metric, Figure.scope_key, Figure.unit, _SHARED, func.max(Figure.published))
        .where(*on)
        .group_by(Figure.metric, Figure.scope_key, Figure.unit, _SHARED)
    )


_LATEST_DATES = {False: _latest_dates(False), True: _latest_dates(True)}
_FIGURES_OF_DATES = (
    select(*_COLUMNS)
    .join(Document, Figure.document_id == Document.id)
    .join(Source, Document.source_id == Source.id)
    .where(
        Figure.in_comments.is_(False),
        Figure.metric.in_(bindparam("metrics", expanding=True)),
        Figure.scope_key.in_(bindparam("scopes", expanding=True)),
        Figure.unit.in_(bindparam("units", expanding=True)),
        Figure.published.in_(bindparam("dates", expanding=True)),
        Figure.document_id.not_in(bindparam("left_out", expanding=True)),
    )
    .order_by(Figure.published, Figure.document_id, Figure.position)
)


def latest_figures(
    session: Session,
    metrics: Iterable[str],
    scopes: Iterable[str] | None,
    *,
    before: date | None = None,
    exclude_ids: Iterable[int] = (),
) -> list[FigureRow]:
    """For each (measure, body, unit, kind) among `metrics` x `scopes` (every body when
    `scopes` is None), the report figures of the latest date before `before` (any dated
    one when None): all a comparison can pick from. Two index searches
    (ix_figures_history): the latest dates, then those figures."""
    metrics = sorted(set(metrics))
    bodies = None if scopes is None else sorted(set(scopes))
    left_out = sorted(set(exclude_ids))
    if not metrics or bodies == []:
        return []
    params = {"metrics": metrics, "before": before or date.max, "left_out": left_out}
    if bodies is not None:
        params["scopes"] = bodies
    groups = session.execute(_LATEST_DATES[bodies is None], params).all()
    latest = {(m, sc, u, bool(sh)): d for m, sc, u, sh, d in groups if d is not None}
    if not latest:
        return []
    rows = session.execute(
        _FIGURES_OF_DATES,
        {
            "metrics": sorted({k[0] for k in latest}),
            "scopes": sorted({k[1] for k in latest}),
            "units": sorted({k[2] for k in latest}),
            "dates": sorted(set(latest.values())),
            "left_out": left_out,
        },
    )
    out = []
    for row in rows:
        r = FigureRow(**row._mapping)
        if latest.get((r.metric, scope_key(r.scope), r.unit, not r.of)) == r.published:
            out.append(r)
    return out


def left_out_ids(session: Session, exclude_hash: str | None, exclude_ref: str | None) -> list[int]:
    """Ids of the documents a comparison must leave out, looked up once through the
    indexes on content_hash and ref (never a scan of the documents table)."""
    either = []
    if exclude_hash:
        either.append(Document.content_hash == exclude_hash)
    if exclude_ref is not None:
        either.append(Document.ref == exclude_ref)
    if not either:
        return []
    return sorted(session.scalars(select(Document.id).where(or_(*either))))


def _excluded(
    session: Session,
    exclude_hash: str | None,
    exclude_ref: str | None,
    exclude_ids: Iterable[int] | None,
) -> list[int]:
    if exclude_ids is not None:
        return sorted(exclude_ids)
    return left_out_ids(session, exclude_hash, exclude_ref)


def rating_history(
    session: Session,
    *,
    before: date | None = None,
    exclude_hash: str | None = None,
    exclude_ref: str | None = None,
    exclude_ids: Iterable[int] | None = None,
    latest_only: bool = False,
    scopes: Iterable[str] | None = None,
) -> list[RatingRow]:
    """Ratings of earlier documents, oldest first (filters as `figure_history`);
    `latest_only` keeps, for each subject and body, the ratings of the latest date only."""
    on_ratings = []
    if before is not None:
        on_ratings.append(Rating.published < before)
    if scopes is not None:
        on_ratings.append(
            func.lower(func.trim(func.coalesce(Rating.scope, ""))).in_(sorted(scopes))
        )
    left_out = _excluded(session, exclude_hash, exclude_ref, exclude_ids)
    if left_out:
        on_ratings.append(Rating.document_id.not_in(left_out))
    q = (
        select(Rating, Document.ref, Document.title)
        .join(Document, Rating.document_id == Document.id)
        .where(*on_ratings)
    )
    q = q.order_by(Rating.published, Rating.id)
    rows = [
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
    if latest_only:  # few rows per body: the latest date per subject and body, in Python
        last: dict[tuple, date | None] = {}
        for r in rows:
            last[(r.subject, r.scope)] = r.published
        rows = [r for r in rows if last[(r.subject, r.scope)] == r.published]
    return rows


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


def document_figures(session: Session, document_id: int) -> list[FigureRow]:
    """The stored report figures of one document (the version before an update), in order."""
    q = (
        select(*_COLUMNS)
        .join(Document, Figure.document_id == Document.id)
        .join(Source, Document.source_id == Source.id)
        .where(Figure.document_id == document_id, Figure.in_comments.is_(False))
        .order_by(Figure.position)
    )
    return [FigureRow(**row._mapping) for row in session.execute(q)]
