"""What handlers need, passed explicitly: the store, settings and a few plain values.

Stored once in `application.bot_data`; handlers reach it through `services(context)`.
Blocking database work goes to a thread through `run_db`, so the event loop stays free.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import ContextTypes

from bots.channels.telegram import TelegramSettings
from bots.redaction import Redactor
from state import Store

T = TypeVar("T")
KEY = "inspectwatch"
CHANNEL = "telegram"


@dataclass
class BotServices:
    store: Store
    settings: TelegramSettings
    daily_time: str = "08:00"
    timezone: str = "Europe/London"
    known_tags: tuple[str, ...] = ()
    max_figures: int = 6
    redactor: Redactor | None = None
    choices: dict[str, tuple[str, str]] = field(default_factory=dict)  # long button data

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
    """The chat an update came from, as state names it."""

    address: str
    chat_type: str
    title: str

    @classmethod
    def of(cls, update: Update) -> ChatRef:
        chat = update.effective_chat
        assert chat is not None
        title = chat.title or chat.full_name or chat.username or ""
        return cls(str(chat.id), chat.type, title[:200])

    @property
    def is_group(self) -> bool:
        return self.chat_type in ("group", "supergroup")


def ensure_chat(session: Session, ref: ChatRef):
    from state import chats

    return chats.ensure(session, CHANNEL, ref.address, chat_type=ref.chat_type, title=ref.title)
