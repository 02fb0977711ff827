"""The outbox as the delivery worker sees it: what is due, and what happened to each send.

Statuses: `pending` (to send; `message_id` collects the ids of parts already sent, so a
long message resumes where it stopped), `sent`, `failed` (with the reason), and `batched`
(a digest for a chat in daily mode, folded into that chat's `daily` delivery).

A digest delivery to a chat in daily mode is *held*: not due until
`state.chat_settings.fold_scheduled` folds it into the chat's combined message at its time.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import and_, func, not_, select
from sqlalchemy.orm import Session, joinedload

from state.clock import utcnow
from state.models import Chat, Delivery

PENDING, SENT, FAILED, BATCHED = "pending", "sent", "failed", "batched"
DIGEST, NOTICE, DAILY = "digest", "notice", "daily"

_HELD = and_(Delivery.kind == DIGEST, Chat.mode.in_(("daily", "weekly")))


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
    out = {PENDING: 0, SENT: 0, FAILED: 0}  # and BATCHED when daily mode folded any
    out.update({s: n for s, n in rows})
    return out


def oldest_pending_age(session: Session, now: datetime | None = None) -> float:
    """Seconds since the oldest delivery that should have gone was created (0 when none).
    Digests held for a daily-mode chat and deliveries to inactive chats do not count."""
    oldest = session.scalar(
        select(func.min(Delivery.created_at))
        .join(Chat, Delivery.chat_id == Chat.id)
        .where(Delivery.status == PENDING, Chat.active.is_(True), not_(_HELD))
    )
    if oldest is None:
        return 0.0
    from state.models import UTCDateTime  # noqa: F401  (oldest comes back naive on some backends)

    if oldest.tzinfo is None:
        from datetime import UTC

        oldest = oldest.replace(tzinfo=UTC)
    return max(0.0, ((now or utcnow()) - oldest).total_seconds())


# ---------------------------------------------------------------- the delivery worker's view


def _heads(channels: Collection[str], exclude_chats: Collection[int] = ()):
    """Each chat's oldest sendable delivery: chats receive in order, one message at a time."""
    q = (
        select(func.min(Delivery.id))
        .join(Chat, Delivery.chat_id == Chat.id)
        .where(
            Delivery.status == PENDING,
            Chat.active.is_(True),
            Chat.channel.in_(list(channels)),
            not_(_HELD),
        )
        .group_by(Delivery.chat_id)
    )
    if exclude_chats:
        q = q.where(Delivery.chat_id.not_in(list(exclude_chats)))
    return q


def due_heads(
    session: Session,
    channels: Collection[str],
    now: datetime | None = None,
    limit: int = 100,
    exclude_chats: Collection[int] = (),
) -> list[Delivery]:
    """For each chat on these channels, its oldest pending delivery if that one is due now;
    soonest first. A chat's later deliveries wait behind an earlier one in backoff."""
    if not channels:
        return []
    now = now or utcnow()
    q = (
        select(Delivery)
        .where(Delivery.id.in_(_heads(channels, exclude_chats)), Delivery.next_try_at <= now)
        .options(joinedload(Delivery.chat), joinedload(Delivery.digest))
        .order_by(Delivery.next_try_at, Delivery.id)
        .limit(limit)
    )
    return list(session.scalars(q))


def next_due(
    session: Session, channels: Collection[str], exclude_chats: Collection[int] = ()
) -> datetime | None:
    """When the soonest chat head becomes due (None when nothing is pending)."""
    if not channels:
        return None
    return session.scalar(
        select(func.min(Delivery.next_try_at)).where(
            Delivery.id.in_(_heads(channels, exclude_chats))
        )
    )


def get(session: Session, delivery_id: int) -> Delivery | None:
    return session.get(Delivery, delivery_id)


def record_part(
    session: Session,
    delivery_id: int,
    message_id: str,
    *,
    last: bool,
    now: datetime | None = None,
) -> bool:
    """One part acknowledged by the service. The last part makes the delivery `sent`.
    Returns False when the row is gone or no longer pending."""
    row = session.get(Delivery, delivery_id)
    if row is None or row.status != PENDING:
        return False
    ids = [i for i in (row.message_id or "").split(",") if i]
    ids.append(str(message_id))
    row.message_id = ",".join(ids)
    if last:
        row.status, row.sent_at = SENT, now or utcnow()
        row.attempts = (row.attempts or 0) + 1
        row.last_error = None
    return True


def postpone(
    session: Session,
    delivery_id: int,
    error: str,
    delay: timedelta,
    *,
    count_attempt: bool = True,
    now: datetime | None = None,
) -> int:
    """Try again after `delay`; returns the attempts so far. Flood waits do not count."""
    row = session.get(Delivery, delivery_id)
    if row is None or row.status != PENDING:
        return 0
    if count_attempt:
        row.attempts = (row.attempts or 0) + 1
    row.last_error = error[:2000]
    row.next_try_at = (now or utcnow()) + delay
    return row.attempts or 0


def fail(session: Session, delivery_id: int, error: str) -> None:
    """Give up on this delivery, keeping the reason."""
    row = session.get(Delivery, delivery_id)
    if row is None or row.status != PENDING:
        return
    row.status = FAILED
    row.attempts = (row.attempts or 0) + 1
    row.last_error = error[:2000]


def fail_pending_for_chat(session: Session, chat_id: int, reason: str) -> int:
    """Every pending delivery to a chat that can no longer receive, failed with the reason."""
    rows = session.scalars(
        select(Delivery).where(Delivery.chat_id == chat_id, Delivery.status == PENDING)
    )
    n = 0
    for row in rows:
        row.status, row.last_error = FAILED, reason[:2000]
        n += 1
    return n


def move_pending(
    session: Session, from_chat_id: int, to_chat_id: int, now: datetime | None = None
) -> int:
    """A chat moved (group -> supergroup, merged into a known chat): its pending deliveries
    follow it, due now. One already queued for the target is failed as a duplicate."""
    if from_chat_id == to_chat_id:
        return 0
    now = now or utcnow()
    queued = set(
        session.scalars(
            select(Delivery.digest_id).where(
                Delivery.chat_id == to_chat_id, Delivery.digest_id.is_not(None)
            )
        )
    )
    moved = 0
    rows = session.scalars(
        select(Delivery).where(Delivery.chat_id == from_chat_id, Delivery.status == PENDING)
    )
    for row in list(rows):
        if row.digest_id is not None and row.digest_id in queued:
            row.status, row.last_error = FAILED, "already queued for the chat it moved to"
            continue
        row.chat_id, row.next_try_at = to_chat_id, now
        moved += 1
    session.flush()
    return moved


def due_now(session: Session, delivery_id: int, now: datetime | None = None) -> None:
    row = session.get(Delivery, delivery_id)
    if row is not None and row.status == PENDING:
        row.next_try_at = now or utcnow()


def enqueue_notice(
    session: Session, chat: Chat, text: str, now: datetime | None = None
) -> Delivery:
    """A notice (not a digest) for one chat, e.g. an admin alert."""
    now = now or utcnow()
    row = Delivery(
        digest_id=None,
        chat_id=chat.id,
        kind=NOTICE,
        payload=text,
        status=PENDING,
        attempts=0,
        next_try_at=now,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def recent_failures(session: Session, limit: int = 5) -> list[Delivery]:
    return list(
        session.scalars(
            select(Delivery)
            .where(Delivery.status == FAILED)
            .order_by(Delivery.id.desc())
            .limit(limit)
        )
    )
