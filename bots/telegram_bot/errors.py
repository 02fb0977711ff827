"""The one error handler, and the answer to commands the bot does not know."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from telegram import Update
from telegram.ext import ContextTypes

from bots.admins import notify_admins
from bots.redaction import redact
from bots.telegram_bot.guards import addressed_elsewhere
from bots.telegram_bot.replies import reply
from bots.telegram_bot.services import services
from bots.telegram_bot.words import without_secrets

log = logging.getLogger("bots.telegram_bot")

ALERT_EVERY = 600.0  # seconds between admin alerts about the same kind of error


class AlertThrottle:
    """Tell admins about an error kind at most once per `every` seconds."""

    def __init__(self, every: float = ALERT_EVERY, clock=time.monotonic) -> None:
        self.every, self.clock = every, clock
        self._last: dict[str, float] = {}

    def due(self, key: str) -> bool:
        now = self.clock()
        if now - self._last.get(key, -1e18) < self.every:
            return False
        self._last[key] = now
        return True


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error with its traceback (redacted), tell admins, apologise to the user."""
    error = context.error
    where = ""
    if isinstance(update, Update) and update.effective_chat is not None:
        where = f" in chat {update.effective_chat.id}"
    log.error("handler failed%s", where, exc_info=error)
    svc = services(context)
    throttle: AlertThrottle = context.application.bot_data.setdefault("alerts", AlertThrottle())
    kind = type(error).__name__ if error else "error"
    if svc.settings.admins and throttle.due(kind):
        text = without_secrets(redact(f"Bot error{where}: {kind}: {error}"))[:1000]
        try:
            await asyncio.to_thread(notify_admins, svc.store, text, svc.settings.admins)
        except Exception:
            log.exception("could not queue the admin alert")
    if isinstance(update, Update) and update.effective_message is not None:
        with contextlib.suppress(Exception):  # the chat may be the problem; the log has it
            await reply(update, context, "Sorry, something went wrong. The admins have been told.")
    if isinstance(update, Update) and update.callback_query is not None:
        with contextlib.suppress(Exception):  # stop the client's spinner
            await update.callback_query.answer("Sorry, something went wrong.")


async def unknown(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command this bot does not have; a command for another bot (/cmd@other) is ignored."""
    if addressed_elsewhere(update, context):
        return
    await reply(update, context, "I don't know that command. /help lists the ones I do.")


async def not_a_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plain text in a private chat: point at /help."""
    await reply(update, context, "I answer commands only. /help lists them.")
