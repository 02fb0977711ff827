"""How one chat receives: pause, mute, previews, time zone, its own daily or weekly time,
the forum topic of each digest, notices told once, and the chat's subscriptions as data
(for /export and /import).

Daily and weekly chats have their held digests folded into one message at their own
boundary (`fold_scheduled`); the boundary is computed by the caller (bots.daily), so no
clock or time-zone rule lives here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from state import chats as chats_repo
from state.clock import utcnow
from state.matching import DigestFacts, words_of
from state.models import Chat, ChatNotice, Delivery, Subscription

EXPORT_VERSION = 1
HELD_MODES = ("daily", "weekly")


# ---------------------------------------------------------------- settings


def set_flag(chat: Chat, name: str, value: bool) -> bool:
    """paused / muted / previews; True when it changed."""
    if name not in ("paused", "muted", "previews"):
        raise ValueError(f"unknown chat setting {name!r}")
    changed = bool(getattr(chat, name)) != value
    setattr(chat, name, value)
    return changed


def set_schedule(
    chat: Chat, mode: str, *, at: str | None = None, weekday: int | None = None
) -> None:
    """instant, or daily/weekly at `at` ("HH:MM", None = the service's time) on `weekday`."""
    if mode not in chats_repo.MODES:
        raise ValueError(f"unknown mode {mode!r}; valid: {', '.join(chats_repo.MODES)}")
    chat.mode = mode
    chat.deliver_at = at
    chat.weekday = weekday if mode == "weekly" else None


def set_timezone(chat: Chat, name: str | None) -> None:
    chat.timezone = name


# ---------------------------------------------------------------- sending


def send_options(session: Session, delivery: Delivery) -> dict[str, Any]:
    """What a channel needs besides the text: silent, previews, and the forum topic (the
    first matching subscription that names one)."""
    chat = delivery.chat
    options: dict[str, Any] = {}
    if chat.channel != "telegram":
        return options
    if chat.muted:
        options["silent"] = True
    if chat.previews:
        options["preview"] = True
    thread = _thread_for(session, chat, delivery)
    if thread is not None:
        options["thread_id"] = thread
    return options


def _thread_for(session: Session, chat: Chat, delivery: Delivery) -> int | None:
    subs = [s for s in chat.subscriptions if s.thread_id is not None]
    if not subs:
        return None
    digest = delivery.digest
    if digest is None:  # notices and daily messages: the first topic any subscription names
        return subs[0].thread_id
    payload = json.loads(digest.payload or "{}")
    facts = DigestFacts.of(
        digest.source, payload.get("tags", []), payload.get("topics", []), payload
    )
    for sub in subs:
        if chats_repo.matches(sub, facts):
            return sub.thread_id
    return None


def fold_scheduled(
    session: Session,
    boundary_of: Callable[[Chat], tuple[datetime, date] | None],
    now: datetime | None = None,
) -> list[Delivery]:
    """For each daily/weekly chat, fold its digests held since before its last boundary
    into one `daily` delivery, each chat at its own time.
    `boundary_of(chat)` gives (boundary, day) or None when the chat is not due."""
    now = now or utcnow()
    held = session.scalars(
        select(Delivery)
        .join(Chat, Delivery.chat_id == Chat.id)
        .where(
            Delivery.status == "pending",
            Delivery.kind == "digest",
            Chat.active.is_(True),
            Chat.mode.in_(HELD_MODES),
        )
        .order_by(Delivery.chat_id, Delivery.id)
    )
    by_chat: dict[int, list[Delivery]] = {}
    for row in held:
        by_chat.setdefault(row.chat_id, []).append(row)
    created: list[Delivery] = []
    for rows in by_chat.values():
        when = boundary_of(rows[0].chat)
        if when is None:
            continue
        boundary, day = when
        due = [r for r in rows if r.created_at < boundary]
        if due:
            created.append(_fold(session, due, day, now))
    session.flush()
    return created


def _fold(session: Session, rows: list[Delivery], day: date, now: datetime) -> Delivery:
    daily = Delivery(
        digest_id=None,
        chat_id=rows[0].chat_id,
        kind="daily",
        payload=json.dumps(
            {"day": day.isoformat(), "digests": [r.digest_id for r in rows if r.digest_id]}
        ),
        status="pending",
        attempts=0,
        next_try_at=now,
        created_at=now,
    )
    session.add(daily)
    session.flush()
    for r in rows:
        r.status, r.message_id, r.sent_at = "batched", f"daily:{daily.id}", now
    return daily


# ---------------------------------------------------------------- told once


def tell_once(session: Session, chat: Chat, key: str, now: datetime | None = None) -> bool:
    """Record that `chat` was told `key`; False when it had been told already."""
    found = session.scalar(
        select(ChatNotice).where(ChatNotice.chat_id == chat.id, ChatNotice.key == key)
    )
    if found is not None:
        return False
    session.add(ChatNotice(chat_id=chat.id, key=key[:300], created_at=now or utcnow()))
    session.flush()
    return True


def forget(session: Session, chat: Chat, key: str) -> bool:
    """Drop a told-once record (the source recovered); True when there was one."""
    found = session.scalar(
        select(ChatNotice).where(ChatNotice.chat_id == chat.id, ChatNotice.key == key)
    )
    if found is None:
        return False
    session.delete(found)
    return True


def followers(session: Session, source: str) -> list[Chat]:
    """Active chats with a subscription to this source by name."""
    return list(
        session.scalars(
            select(Chat)
            .join(Subscription, Subscription.chat_id == Chat.id)
            .where(
                Chat.active.is_(True),
                Subscription.filter_kind == "source",
                Subscription.filter_value == source.lower(),
            )
            .distinct()
            .order_by(Chat.id)
        )
    )


# ---------------------------------------------------------------- export / import


def export(chat: Chat) -> dict[str, Any]:
    """The chat's subscriptions and settings as plain data (what /export sends)."""
    subs = sorted(chat.subscriptions, key=lambda s: (s.filter_kind, s.filter_value))
    return {
        "inspectwatch": EXPORT_VERSION,
        "settings": {
            "mode": chat.mode,
            "deliver_at": chat.deliver_at,
            "weekday": chat.weekday,
            "timezone": chat.timezone,
            "muted": bool(chat.muted),
            "paused": bool(chat.paused),
            "previews": bool(chat.previews),
        },
        "subscriptions": [
            {
                "kind": s.filter_kind,
                "value": s.filter_value,
                "include": words_of(s.include),
                "exclude": words_of(s.exclude),
                "worse_only": bool(s.worse_only),
                "thread_id": s.thread_id,
            }
            for s in subs
        ],
    }


class ImportError_(ValueError):
    """An /import file this service cannot read; the message says where."""


def import_(session: Session, chat: Chat, data: Any) -> int:
    """Add the subscriptions (and settings) of an exported file; returns how many were new.
    Everything is checked first: a bad file changes nothing."""
    subs, settings = _checked(data)
    new = 0
    for s in subs:
        _row, created = chats_repo.subscribe(
            session, chat, s["kind"], s["value"], include=s["include"],
            exclude=s["exclude"], worse_only=s["worse_only"], thread_id=s["thread_id"],
        )  # fmt: skip
        new += int(created)
    for name in ("muted", "paused", "previews"):
        if name in settings:
            set_flag(chat, name, settings[name])
    if "mode" in settings:
        set_schedule(
            chat, settings["mode"], at=settings.get("deliver_at"), weekday=settings.get("weekday")
        )
    if "timezone" in settings:
        set_timezone(chat, settings["timezone"])
    return new


def _checked(data: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    if not isinstance(data, dict) or data.get("inspectwatch") != EXPORT_VERSION:
        raise ImportError_("not an inspectwatch export (version 1)")
    raw = data.get("subscriptions")
    if not isinstance(raw, list) or len(raw) > 200:
        raise ImportError_("subscriptions: a list of at most 200 is expected")
    subs = [_sub(i, s) for i, s in enumerate(raw)]
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise ImportError_("settings: an object is expected")
    out: dict[str, Any] = {}
    for name in ("muted", "paused", "previews"):
        if name in settings:
            if not isinstance(settings[name], bool):
                raise ImportError_(f"settings.{name}: true or false")
            out[name] = settings[name]
    if settings.get("mode") is not None:
        if settings["mode"] not in chats_repo.MODES:
            raise ImportError_(f"settings.mode: one of {', '.join(chats_repo.MODES)}")
        out["mode"] = settings["mode"]
        out["deliver_at"] = _str_or_none(settings.get("deliver_at"), "deliver_at", 5)
        weekday = settings.get("weekday")
        if weekday is not None and (not isinstance(weekday, int) or not 0 <= weekday <= 6):
            raise ImportError_("settings.weekday: 0 (Monday) to 6")
        out["weekday"] = weekday
    if "timezone" in settings:
        out["timezone"] = _str_or_none(settings["timezone"], "timezone", 64)
    return subs, out


def _sub(i: int, s: Any) -> dict[str, Any]:
    where = f"subscriptions[{i}]"
    if not isinstance(s, dict) or s.get("kind") not in chats_repo.FILTER_KINDS:
        raise ImportError_(f"{where}.kind: one of {', '.join(chats_repo.FILTER_KINDS)}")
    value = s.get("value", "")
    if not isinstance(value, str) or len(value) > 200:
        raise ImportError_(f"{where}.value: text of at most 200 characters")
    lists = {}
    for name in ("include", "exclude"):
        words = s.get(name) or []
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ImportError_(f"{where}.{name}: a list of words")
        lists[name] = [w[:100] for w in words[:20]]
    thread = s.get("thread_id")
    if thread is not None and not isinstance(thread, int):
        raise ImportError_(f"{where}.thread_id: a number or null")
    return {"kind": s["kind"], "value": value, "worse_only": bool(s.get("worse_only")),
            "thread_id": thread, **lists}  # fmt: skip


def _str_or_none(value: Any, name: str, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise ImportError_(f"settings.{name}: text of at most {limit} characters")
    return value
