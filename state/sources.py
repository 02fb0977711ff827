"""Sources and their poll state: conditional-GET validators, failures, backoff, due time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from state.clock import utcnow
from state.models import Source


def get(session: Session, name: str) -> Source | None:
    return session.scalar(select(Source).where(Source.name == name))


def ensure(
    session: Session, name: str, kind: str, url: str = "", now: datetime | None = None
) -> Source:
    """The row for a configured source, created on first sight; kind and URL follow the config."""
    row = get(session, name)
    if row is None:
        row = Source(
            name=name, kind=kind, url=url, created_at=now or utcnow(), consecutive_failures=0
        )
        session.add(row)
        session.flush()
    elif row.kind != kind or row.url != url:
        row.kind, row.url = kind, url
    return row


def all_sources(session: Session) -> list[Source]:
    return list(session.scalars(select(Source).order_by(Source.name)))


def record_success(
    session: Session,
    source: Source,
    *,
    etag: str | None,
    last_modified: str | None,
    next_due_at: datetime | None,
    now: datetime | None = None,
    warning: str | None = None,
) -> bool:
    """Mark a good poll. Returns True when the source was failing and has now recovered.
    `warning` (a malformed feed read anyway, a PDF cut at the page cap) is kept in
    last_error, prefixed "warning: ", while consecutive_failures stays 0."""
    now = now or utcnow()
    recovered = source.failure_alerted
    source.etag, source.last_modified = etag, last_modified
    source.last_polled_at = source.last_success_at = now
    source.last_error = f"warning: {warning}"[:2000] if warning else None
    source.consecutive_failures = 0
    source.failure_alerted = False
    source.initialised = True
    source.next_due_at = next_due_at
    return recovered


def record_failure(
    session: Session,
    source: Source,
    error: str,
    *,
    next_due_at: datetime | None,
    now: datetime | None = None,
) -> int:
    """Mark a failed poll; returns the number of failures in a row."""
    source.last_polled_at = now or utcnow()
    source.last_error = error[:2000]
    source.consecutive_failures = (source.consecutive_failures or 0) + 1
    source.next_due_at = next_due_at
    return source.consecutive_failures
