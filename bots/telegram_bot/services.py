"""What handlers need, passed explicitly: the store, settings and a few plain values.

Stored once in `application.bot_data`; handlers reach it through `services(context)`.
Blocking database work goes to a thread through `run_db`, so the event loop stays free.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import ContextTypes

from bots.channels.telegram import TelegramSettings
from bots.ratelimit import RateLimiter
from bots.redaction import Redactor
from bots.telegram_bot.callbacks import Callbacks
from state import Store

T = TypeVar("T")
KEY = "inspectwatch"
CHANNEL = "telegram"

PollNow = Callable[[str], Awaitable[str]]  # source name -> what happened, in words


@dataclass
class BotServices:
    store: Store
    settings: TelegramSettings
    callbacks: Callbacks
    daily_time: str = "08:00"
    timezone: str = "Europe/London"
    known_tags: tuple[str, ...] = ()
    max_figures: int = 6
    redactor: Redactor | None = None
    limiter: RateLimiter = field(default_factory=RateLimiter)  # shared with delivery
    poll_now: PollNow | None = None  # set by the service; None: /poll says it cannot

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admins


def services(context: ContextTypes.DEFAULT_TYPE) -> BotServices:
    return context.application.bot_data[KEY]


async def run_db(context: ContextTypes.DEFAULT_TYPE, fn: Callable[..., T], *args: Any) -> T:
    """Run `fn(session, *args)` in one transaction, in a worker thread."""
    store = services(context).store

    def work() -> T:
        with store.transaction() as session:
            return fn(session, *args)

    return await asyncio.to_thread(work)


@dataclass(frozen=True)
class ChatRef:
    """The chat an update came from, as state names it; `thread_id` is its forum topic."""

    address: str
    chat_type: str
    title: str
    thread_id: int | None = None

    @classmethod
    def of(cls, update: Update) -> ChatRef:
        chat = update.effective_chat
        assert chat is not None
        title = chat.title or chat.full_name or chat.username or ""
        message = update.effective_message
        thread = None
        if message is not None and getattr(message, "is_topic_message", False):
            thread = message.message_thread_id
        return cls(str(chat.id), chat.type, title[:200], thread)

    @property
    def is_group(self) -> bool:
        return self.chat_type in ("group", "supergroup")


def ensure_chat(session: Session, ref: ChatRef):
    from state import chats

    return chats.ensure(session, CHANNEL, ref.address, chat_type=ref.chat_type, title=ref.title)
