"""The outbox as the delivery worker sees it: claim what is due, record what happened."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from state.clock import utcnow
from state.models import Chat, Delivery

PENDING, SENT, FAILED = "pending", "sent", "failed"


def due(
    session: Session, now: datetime | None = None, limit: int = 100, channel: str | None = None
) -> list[Delivery]:
    """Pending deliveries whose time has come, oldest first, to active chats."""
    now = now or utcnow()
    q = (
        select(Delivery)
        .join(Chat, Delivery.chat_id == Chat.id)
        .where(Delivery.status == PENDING, Delivery.next_try_at <= now, Chat.active.is_(True))
        .options(joinedload(Delivery.chat), joinedload(Delivery.digest))
        .order_by(Delivery.next_try_at, Delivery.id)
        .limit(limit)
    )
    if channel is not None:
        q = q.where(Chat.channel == channel)
    return list(session.scalars(q))


def mark_sent(
    session: Session, delivery_id: int, message_id: str | None, now: datetime | None = None
) -> None:
    row = session.get(Delivery, delivery_id)
    if row is None:
        return
    row.status, row.message_id, row.sent_at = SENT, message_id, now or utcnow()
    row.attempts = (row.attempts or 0) + 1
    row.last_error = None


def mark_retry(
    session: Session, delivery_id: int, error: str, delay: timedelta, now: datetime | None = None
) -> None:
    row = session.get(Delivery, delivery_id)
    if row is None:
        return
    row.attempts = (row.attempts or 0) + 1
    row.last_error = error[:2000]
    row.next_try_at = (now or utcnow()) + delay


def mark_failed(session: Session, delivery_id: int, error: str) -> None:
    row = session.get(Delivery, delivery_id)
    if row is None:
        return
    row.status = FAILED
    row.attempts = (row.attempts or 0) + 1
    row.last_error = error[:2000]


def counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Delivery.status, func.count()).group_by(Delivery.status))
    out = {PENDING: 0, SENT: 0, FAILED: 0}
    out.update({s: n for s, n in rows})
    return out


def oldest_pending_age(session: Session, now: datetime | None = None) -> float:
    """Seconds since the oldest pending delivery was created (0 when none)."""
    oldest = session.scalar(select(func.min(Delivery.created_at)).where(Delivery.status == PENDING))
    if oldest is None:
        return 0.0
    from state.models import UTCDateTime  # noqa: F401  (oldest comes back naive on some backends)

    if oldest.tzinfo is None:
        from datetime import UTC

        oldest = oldest.replace(tzinfo=UTC)
    return max(0.0, ((now or utcnow()) - oldest).total_seconds())
