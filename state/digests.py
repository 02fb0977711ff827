"""Digests, written in the same transaction as their outbox rows."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from state import chats as chats_repo
from state.clock import utcnow
from state.models import Chat, Delivery, Digest


def create(
    session: Session,
    document_id: int,
    payload: dict[str, Any],
    *,
    source: str,
    title: str,
    published: date | None,
    message: str,
    updated: bool = False,
    tags: Iterable[str] = (),
    topics: Iterable[str] = (),
    deliver: bool = True,
    now: datetime | None = None,
) -> tuple[Digest, list[Chat]]:
    """Store a digest and, when `deliver`, one pending delivery per matching active chat;
    returns the digest and the chats it was queued for."""
    now = now or utcnow()
    digest = Digest(
        document_id=document_id,
        created_at=now,
        source=source,
        title=title,
        published=published,
        updated=updated,
        payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
        message=message,
    )
    session.add(digest)
    session.flush()
    recipients = chats_repo.recipients(session, source, tags, topics, payload) if deliver else []
    if recipients:  # one multi-row insert: a digest may go to thousands of chats
        session.execute(
            insert(Delivery),
            [
                {
                    "digest_id": digest.id,
                    "chat_id": chat.id,
                    "kind": "digest",
                    "status": "pending",
                    "attempts": 0,
                    "next_try_at": now,
                    "created_at": now,
                }
                for chat in recipients
            ],
        )
    return digest, recipients


def enqueue(session: Session, digest: Digest, chat: Chat, now: datetime | None = None) -> Delivery:
    now = now or utcnow()
    row = Delivery(
        digest_id=digest.id,
        chat_id=chat.id,
        kind="digest",
        status="pending",
        attempts=0,
        next_try_at=now,
        created_at=now,
    )
    session.add(row)
    return row


def latest(session: Session, n: int = 5, source: str | None = None) -> list[Digest]:
    q = select(Digest).order_by(Digest.published.desc().nulls_last(), Digest.id.desc()).limit(n)
    if source:
        q = q.where(Digest.source == source)
    return list(session.scalars(q))


def get(session: Session, digest_id: int) -> Digest | None:
    return session.get(Digest, digest_id)


def payload(digest: Digest) -> dict[str, Any]:
    return json.loads(digest.payload)


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Digest)) or 0
