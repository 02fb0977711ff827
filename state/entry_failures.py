"""Entries that could not be read, each with its attempts, next try and last error.

A failing entry is its own record, so its source's poll state (validators, failures in a
row) stays about the listing alone, and an entry that never reads (a dead report page)
is retried with backoff and reported, not fetched in full on every poll.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from state.clock import utcnow
from state.models import EntryFailure, Source

MAX_ERROR = 2000


@dataclass(frozen=True, slots=True)
class FailingEntry:
    """A failing entry as other packages see it (no ORM object leaves `state/`)."""

    source: str
    entry_key: str
    url: str
    attempts: int
    first_failed_at: datetime
    last_failed_at: datetime
    next_try_at: datetime
    last_error: str
    alerted: bool


def _view(row: EntryFailure, source: str) -> FailingEntry:
    return FailingEntry(
        source=source,
        entry_key=row.entry_key,
        url=row.url,
        attempts=row.attempts,
        first_failed_at=row.first_failed_at,
        last_failed_at=row.last_failed_at,
        next_try_at=row.next_try_at,
        last_error=row.last_error,
        alerted=row.alerted,
    )


def for_source(session: Session, source_id: int) -> dict[str, EntryFailure]:
    """The source's records by entry key (failing and not-yet-tried alike)."""
    rows = session.scalars(select(EntryFailure).where(EntryFailure.source_id == source_id))
    return {r.entry_key: r for r in rows}


def record(
    session: Session,
    source: Source,
    entry_key: str,
    url: str,
    error: str,
    *,
    next_try_at: datetime,
    now: datetime | None = None,
    attempt: bool = True,
    first_poll: bool = False,
) -> EntryFailure:
    """One more failed attempt at an entry (or, with `attempt=False`, an entry left for
    later without being tried). Returns the record, its `attempts` counted."""
    now = now or utcnow()
    row = session.scalar(
        select(EntryFailure).where(
            EntryFailure.source_id == source.id, EntryFailure.entry_key == entry_key
        )
    )
    if row is None:
        row = EntryFailure(
            source_id=source.id,
            entry_key=entry_key,
            attempts=0,
            first_failed_at=now,
            alerted=False,
            first_poll=first_poll,
        )
        session.add(row)
    row.url = url or entry_key
    row.attempts = (row.attempts or 0) + (1 if attempt else 0)
    row.last_failed_at = now
    row.next_try_at = next_try_at
    row.last_error = error[:MAX_ERROR]
    session.flush()
    return row


def clear(session: Session, source: Source, entry_key: str) -> FailingEntry | None:
    """The entry was read: drop its record. Returns what it was, if there was one."""
    row = session.scalar(
        select(EntryFailure).where(
            EntryFailure.source_id == source.id, EntryFailure.entry_key == entry_key
        )
    )
    if row is None:
        return None
    view = _view(row, source.name)
    session.delete(row)
    return view


def forget_unlisted(session: Session, source: Source, listed: set[str]) -> int:
    """Drop the records of entries the source no longer lists (nothing left to retry)."""
    stmt = delete(EntryFailure).where(EntryFailure.source_id == source.id)
    if listed:
        stmt = stmt.where(EntryFailure.entry_key.not_in(listed))
    return session.execute(stmt).rowcount or 0


def failing_entries(session: Session, source: str | None = None) -> list[FailingEntry]:
    """Every entry that has failed at least once, by source then URL (optionally of one
    source). What `/sources`, `/healthz` and admins' reports show."""
    stmt = (
        select(EntryFailure, Source.name)
        .join(Source, Source.id == EntryFailure.source_id)
        .where(EntryFailure.attempts > 0)
        .order_by(Source.name, EntryFailure.url)
    )
    if source is not None:
        stmt = stmt.where(Source.name == source)
    return [_view(row, name) for row, name in session.execute(stmt)]


def failing_counts(session: Session) -> Counter[str]:
    """Failing entries per source name (sources without any are absent)."""
    stmt = (
        select(Source.name, func.count(EntryFailure.id))
        .join(Source, Source.id == EntryFailure.source_id)
        .where(EntryFailure.attempts > 0)
        .group_by(Source.name)
    )
    return Counter({name: n for name, n in session.execute(stmt)})


def due_for_retry(session: Session, source_id: int, now: datetime) -> bool:
    """Has the source an entry whose next try has come? Then its listing is fetched in
    full (no validators) so the entry is seen again."""
    stmt = select(func.count(EntryFailure.id)).where(
        EntryFailure.source_id == source_id, EntryFailure.next_try_at <= now
    )
    return bool(session.scalar(stmt))
