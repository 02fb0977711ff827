"""Sending answers: everything through the Telegram HTML renderer, split to the limits, and
through the same rate limiter as digests (issue 14, item 6).

A reply takes a slot in the limits the delivery worker uses for that chat (overall, per
chat, per group) and waits for it; a 429 from Telegram pauses that chat's limit for
`retry_after` and the reply is sent again, so a subscriber typing quickly gets every
answer, later, rather than errors.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import RetryAfter
from telegram.ext import ContextTypes

from bots.channels.telegram import telegram_limits
from bots.render.document import Doc, DocBuilder
from bots.render.telegram_html import to_html
from bots.telegram_bot.services import services

log = logging.getLogger("bots.telegram_bot")
T = TypeVar("T")
TRIES = 5  # 429s in a row before a reply is given up (logged)
MAX_WAIT = 120.0  # seconds a reply may wait for a slot


def text_doc(*paragraphs: str, bold_first: bool = False) -> Doc:
    """Plain paragraphs (escaped like any value); optionally the first in bold."""
    b = DocBuilder()
    for i, p in enumerate(paragraphs):
        b.paragraph().add(p, bold=bold_first and i == 0)
    return b.build()


async def limited(
    context: ContextTypes.DEFAULT_TYPE, update: Update, call: Callable[[], Awaitable[T]]
) -> T:
    """Run one Bot API send for this update's chat inside the shared rate limits."""
    svc = services(context)
    chat = update.effective_chat
    limits = telegram_limits(svc.settings, str(chat.id), chat.type) if chat else []
    for attempt in range(TRIES):
        grant = svc.limiter.try_acquire(limits)
        waited = 0.0
        while grant.wait > 0 and waited < MAX_WAIT:
            await asyncio.sleep(grant.wait)
            waited += grant.wait
            grant = svc.limiter.try_acquire(limits)
        try:
            return await call()
        except RetryAfter as exc:
            seconds = _seconds(exc.retry_after)
            for lim in limits:
                if not lim.shared:
                    svc.limiter.pause(lim.key, seconds)
            log.info("reply flood-limited, waiting %.0fs (try %d)", seconds, attempt + 1)
            if attempt == TRIES - 1:
                raise
        finally:
            if grant.at is not None:
                svc.limiter.settle(limits, grant.at)
    raise AssertionError("unreachable")


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def reply(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    content: Doc | str,
    *,
    buttons: InlineKeyboardMarkup | None = None,
    preview: bool = False,
) -> None:
    """Answer in the chat (and forum topic) the update came from; buttons on the last part."""
    message = update.effective_message
    if message is None:
        return
    doc = text_doc(content) if isinstance(content, str) else content
    parts = to_html(doc)
    for i, part in enumerate(parts):

        async def send(part: str = part, last: bool = i == len(parts) - 1) -> object:
            return await message.reply_text(
                part,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=not preview),
                reply_markup=buttons if last else None,
                do_quote=False,
            )

        await limited(context, update, send)


async def edit(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    text: str,
    *,
    buttons: InlineKeyboardMarkup | None = None,
) -> None:
    """Replace the text of the message whose button was pressed (plain text, escaped by
    Telegram's own rules: no parse mode), inside the chat's rate limits."""
    query = update.callback_query
    await limited(context, update, lambda: query.edit_message_text(text, reply_markup=buttons))
