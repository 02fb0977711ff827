"""Destinations and what each one subscribes to."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from state.clock import utcnow
from state.matching import DigestFacts, words_of
from state.matching import matches as _filter_matches
from state.models import Chat, Subscription

FILTER_KINDS = ("all", "source", "tag", "topic", "body")


def get(session: Session, channel: str, address: str) -> Chat | None:
    return session.scalar(select(Chat).where(Chat.channel == channel, Chat.address == address))


def ensure(
    session: Session,
    channel: str,
    address: str,
    *,
    chat_type: str = "private",
    title: str = "",
    from_config: bool = False,
    now: datetime | None = None,
) -> Chat:
    row = get(session, channel, address)
    if row is None:
        row = Chat(
            channel=channel,
            address=address,
            chat_type=chat_type,
            title=title,
            mode="instant",
            from_config=from_config,
            active=True,
            created_at=now or utcnow(),
        )
        session.add(row)
        session.flush()
    else:
        if title:
            row.title = title
        if from_config:
            row.from_config = True
    return row


def subscribe(
    session: Session,
    chat: Chat,
    filter_kind: str = "all",
    filter_value: str = "",
    now: datetime | None = None,
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    worse_only: bool = False,
    thread_id: int | None = None,
) -> tuple[Subscription, bool]:
    """Add a subscription; returns (row, created). Re-activates an inactive chat.
    Subscribing again to the same thing replaces its filters (and forum topic) when given."""
    if filter_kind not in FILTER_KINDS:
        raise ValueError(f"unknown filter kind {filter_kind!r}; valid: {', '.join(FILTER_KINDS)}")
    filter_value = filter_value.strip().lower() if filter_kind != "all" else ""
    chat.active, chat.deactivated_reason = True, None
    existing = session.scalar(
        select(Subscription).where(
            Subscription.chat_id == chat.id,
            Subscription.filter_kind == filter_kind,
            Subscription.filter_value == filter_value,
        )
    )
    filters = _filters(include, exclude, worse_only, thread_id)
    if existing is not None:
        changed = any(getattr(existing, k) != v for k, v in filters.items())
        for k, v in filters.items():
            setattr(existing, k, v)
        return existing, changed
    row = Subscription(
        chat_id=chat.id,
        filter_kind=filter_kind,
        filter_value=filter_value,
        created_at=now or utcnow(),
        **filters,
    )
    session.add(row)
    session.flush()
    return row, True


def _filters(include, exclude, worse_only: bool, thread_id: int | None) -> dict:
    clean = [" ".join(w.lower().split()) for w in include if w.strip()]
    drop = [" ".join(w.lower().split()) for w in exclude if w.strip()]
    return {
        "include": json.dumps(clean) if clean else "",
        "exclude": json.dumps(drop) if drop else "",
        "worse_only": bool(worse_only),
        "thread_id": thread_id,
    }


def unsubscribe(
    session: Session, chat: Chat, filter_kind: str | None = None, filter_value: str = ""
) -> int:
    """Remove one subscription, or all of them when `filter_kind` is None; returns how many."""
    removed = 0
    for sub in list(chat.subscriptions):
        if filter_kind is None or (
            sub.filter_kind == filter_kind and sub.filter_value == filter_value.strip().lower()
        ):
            session.delete(sub)
            removed += 1
    session.flush()
    session.expire(chat, ["subscriptions"])
    return removed


def deactivate(session: Session, chat: Chat, reason: str) -> None:
    chat.active = False
    chat.deactivated_reason = reason[:500]


def migrate(session: Session, chat: Chat, new_address: str) -> Chat:
    """A Telegram group became a supergroup: move the chat (and its subscriptions) to the new id."""
    other = get(session, chat.channel, new_address)
    if other is not None and other.id != chat.id:
        for sub in list(chat.subscriptions):
            subscribe(
                session, other, sub.filter_kind, sub.filter_value,
                include=words_of(sub.include), exclude=words_of(sub.exclude),
                worse_only=sub.worse_only, thread_id=sub.thread_id,
            )  # fmt: skip
        deactivate(session, chat, f"migrated to {new_address}")
        return other
    chat.address = new_address
    chat.chat_type = "supergroup"
    return chat


def active_chats(session: Session, channel: str | None = None) -> list[Chat]:
    q = (
        select(Chat)
        .where(Chat.active.is_(True))
        .options(selectinload(Chat.subscriptions))
        .order_by(Chat.id)
    )
    if channel is not None:
        q = q.where(Chat.channel == channel)
    return list(session.scalars(q))


def matches(sub: Subscription, facts: DigestFacts) -> bool:
    """Does a digest with these facts fall under this subscription (kind and filters)?"""
    return _filter_matches(
        sub.filter_kind,
        sub.filter_value,
        facts,
        include=words_of(sub.include),
        exclude=words_of(sub.exclude),
        worse_only=sub.worse_only,
    )


def recipients(
    session: Session,
    source: str,
    tags: Iterable[str],
    topics: Iterable[str],
    payload: Mapping[str, Any] | None = None,
) -> list[Chat]:
    """Active, unpaused chats with at least one subscription matching the digest (one query).
    `payload` (the digest's JSON) lets body, keyword and "worse only" filters be read."""
    facts = DigestFacts.of(source, tags, topics, payload)
    rows = session.execute(
        select(Chat, Subscription)
        .join(Subscription, Subscription.chat_id == Chat.id)
        .where(Chat.active.is_(True), Chat.paused.is_not(True))
        .order_by(Chat.id)
    )
    chosen: dict[int, Chat] = {}
    for chat, sub in rows:
        if chat.id not in chosen and matches(sub, facts):
            chosen[chat.id] = chat
    return list(chosen.values())


MODES = ("instant", "daily", "weekly")


def set_mode(session: Session, chat: Chat, mode: str) -> None:
    """instant: one message per digest; daily/weekly: one combined message at the chat's time."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; valid: {', '.join(MODES)}")
    chat.mode = mode


def set_subscriptions(
    session: Session, chat: Chat, wanted: Iterable[tuple[str, str]], now: datetime | None = None
) -> bool:
    """Make the chat's subscriptions exactly `wanted` (kind, value); True when anything changed.
    Re-activates the chat (a configured destination is meant to receive)."""
    target = {(k, v.strip().lower() if k != "all" else "") for k, v in wanted}
    changed = False
    for sub in list(chat.subscriptions):
        if (sub.filter_kind, sub.filter_value) not in target:
            session.delete(sub)
            changed = True
    session.flush()
    session.expire(chat, ["subscriptions"])
    for kind, value in sorted(target):
        _row, created = subscribe(session, chat, kind, value, now=now)
        changed = changed or created
    if not chat.active:
        chat.active, chat.deactivated_reason = True, None
        changed = True
    return changed


def config_chats(session: Session) -> list[Chat]:
    """Chats that exist because the config names them."""
    return list(session.scalars(select(Chat).where(Chat.from_config.is_(True)).order_by(Chat.id)))


def by_id(session: Session, chat_id: int) -> Chat | None:
    return session.get(Chat, chat_id)


def stats(session: Session) -> dict[str, int]:
    """Counts for /stats and metrics: chats by state and type, subscriptions, daily chats."""
    from sqlalchemy import func

    out: dict[str, int] = {"active": 0, "inactive": 0, "daily": 0, "subscriptions": 0}
    for active, chat_type, mode, n in session.execute(
        select(Chat.active, Chat.chat_type, Chat.mode, func.count()).group_by(
            Chat.active, Chat.chat_type, Chat.mode
        )
    ):
        out["active" if active else "inactive"] += n
        if active:
            out[f"active_{chat_type}"] = out.get(f"active_{chat_type}", 0) + n
            if mode == "daily":
                out["daily"] += n
    out["subscriptions"] = session.scalar(select(func.count()).select_from(Subscription)) or 0
    return out
