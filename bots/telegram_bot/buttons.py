"""Every button press lands here: verified (bots.telegram_bot.callbacks), then routed by
action; anything unknown, forged or expired is refused *and answered*, so the client's
spinner stops and the user is told."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ContextTypes

from bots.telegram_bot import discovery, reading, receiving, status, subscriptions
from bots.telegram_bot.services import services

log = logging.getLogger("bots.telegram_bot")
EXPIRED = "This button is no longer valid. Send the command again."


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Route a pressed button by its verified action."""
    query = update.callback_query
    decoded = services(context).callbacks.decode(query.data)
    if decoded is None:
        log.info(
            "refused button data from chat %s",
            update.effective_chat.id if update.effective_chat else "?",
        )
        await query.answer(EXPIRED)
        return
    action, fields = decoded
    if action in ("sub", "unsub"):
        await subscriptions.on_sub_button(update, context, action, fields)
    elif action in ("fig", "trend"):
        await reading.on_measure_button(update, context, action, fields)
    elif action in ("group", "measures"):
        await discovery.on_group_button(update, context, action, fields)
    elif action == "mode":
        await receiving.on_mode_button(update, context, fields)
    elif action == "poll":
        await status.on_poll_button(update, context, fields)
    else:
        await query.answer(EXPIRED)
