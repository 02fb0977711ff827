"""Documents with their figures and ratings, written whole in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from state.clock import utcnow
from state.models import Document, Figure, Rating

SaveStatus = Literal["new", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """What the watcher hands to state: plain values, no summariser types."""

    entry_key: str
    ref: str
    title: str
    body: str
    content_hash: str
    url: str | None = None
    published: date | None = None
    kind: str = "page"
    comments: str = ""
    rating: str | None = None
    scope: str | None = None
    entry_hash: str | None = None


def scope_key(scope: str | None) -> str:
    """How figures are grouped by body: case and surrounding spaces do not make a new body."""
    return (scope or "").strip().lower()


def find(session: Session, source_id: int, entry_key: str) -> Document | None:
    return session.scalar(
        select(Document).where(Document.source_id == source_id, Document.entry_key == entry_key)
    )


def same_content_or_ref(session: Session, content_hash: str, ref: str) -> list[tuple[int, bool]]:
    """(id, same content) of every document with this content or this ref: the copies of a
    document a comparison must leave out, and whether its content is already held."""
    rows = session.execute(
        select(Document.id, Document.content_hash).where(
            or_(Document.content_hash == content_hash, Document.ref == ref)
        )
    )
    return [(i, h == content_hash) for i, h in rows]


def find_by_hash(session: Session, content_hash: str) -> Document | None:
    return session.scalar(select(Document).where(Document.content_hash == content_hash).limit(1))


def save(
    session: Session,
    source_id: int,
    record: DocumentRecord,
    figures: list[dict[str, Any]],
    ratings: list[dict[str, Any]],
    now: datetime | None = None,
) -> tuple[Document, SaveStatus]:
    """Insert a new document or replace an updated one (same entry, different content hash).

    `figures` and `ratings` are dicts of the columns of `Figure` and `Rating`.
    """
    now = now or utcnow()
    row = find(session, source_id, record.entry_key)
    if row is not None and row.content_hash == record.content_hash:
        # Same report; keep what may change around it without making it "updated".
        row.comments, row.entry_hash = record.comments, record.entry_hash or row.entry_hash
        return row, "unchanged"
    status: SaveStatus = "new" if row is None else "updated"
    if row is None:
        row = Document(source_id=source_id, entry_key=record.entry_key, version=1)
        session.add(row)
    else:
        row.version = (row.version or 1) + 1
        session.execute(delete(Figure).where(Figure.document_id == row.id))
        session.execute(delete(Rating).where(Rating.document_id == row.id))
        session.expire(row, ["figures", "ratings"])
    for name in (
        "ref",
        "url",
        "title",
        "published",
        "kind",
        "body",
        "comments",
        "content_hash",
        "rating",
        "scope",
        "entry_hash",  # what the feed said: a poll skips the entry while this is unchanged
    ):
        setattr(row, name, getattr(record, name))
    row.fetched_at = now
    session.flush()  # the document's id, for its figures and ratings
    # Bulk inserts: a report has dozens of figures, and the unit of work's per-object
    # bookkeeping would cost more than the rows themselves.
    if figures:
        session.execute(
            insert(Figure),
            [
                {
                    "document_id": row.id,
                    "position": i,
                    "published": record.published,
                    "scope_key": scope_key(f.get("scope")),
                    **f,
                }
                for i, f in enumerate(figures)
            ],
        )
    if ratings:
        session.execute(
            insert(Rating),
            [{"document_id": row.id, "published": record.published, **r} for r in ratings],
        )
    session.expire(row, ["figures", "ratings"])
    session.flush()
    return row, status


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Document)) or 0


def entry_keys(session: Session, source_id: int) -> dict[str, str | None]:
    """entry_key -> entry_hash for one source: what a poll already knows."""
    rows = session.execute(
        select(Document.entry_key, Document.entry_hash).where(Document.source_id == source_id)
    )
    return {k: h for k, h in rows}
