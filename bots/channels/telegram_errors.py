"""python-telegram-bot's exceptions, translated into what the delivery worker does next."""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram import error as tg

from bots.channels.errors import (
    ChatGone,
    ChatMoved,
    DeliveryError,
    MessageRejected,
    RateLimited,
    TemporaryFailure,
)
from bots.redaction import redact

# 400 answers that mean "this chat cannot receive from the bot", not "this message is wrong".
_GONE_400 = (
    "chat not found",
    "user not found",
    "peer_id_invalid",
    "chat_write_forbidden",
    "have no rights to send",
    "not enough rights to send",
    "need administrator rights",
    "user is deactivated",
    "group chat was deactivated",
    "chat_restricted",
    "bot is not a member",
)


def retry_after_seconds(exc: tg.RetryAfter) -> float:
    value = getattr(exc, "_retry_after", None)
    if value is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def classify(exc: Exception, chat_type: str = "private") -> DeliveryError:
    """The worker's view of a failed Bot API call; every message redacted."""
    text = redact(getattr(exc, "message", None) or str(exc) or type(exc).__name__)
    if isinstance(exc, tg.RetryAfter):
        seconds = retry_after_seconds(exc)
        # Telegram does not say which limit a 429 is about. We keep the overall 30/s
        # ourselves, so the wait is that chat's: pausing every chat for one private chat's
        # 429 brought the bot down to about one message a second. Were the bot as a whole
        # too fast, each chat's own 429 would pause that chat in turn.
        return RateLimited(f"429 flood control: retry after {seconds:g}s", seconds, "chat")
    if isinstance(exc, tg.ChatMigrated):
        return ChatMoved(f"group moved to supergroup {exc.new_chat_id}", str(exc.new_chat_id))
    if isinstance(exc, tg.InvalidToken):
        return TemporaryFailure(f"the bot token was rejected: {text}")
    if isinstance(exc, tg.Forbidden):
        return ChatGone(f"403 {text}")
    if isinstance(exc, tg.BadRequest):
        if any(marker in text.lower() for marker in _GONE_400):
            return ChatGone(f"400 {text}")
        return MessageRejected(f"400 {text}")
    if isinstance(exc, tg.TimedOut):
        return TemporaryFailure(f"timed out: {text}")
    if isinstance(exc, tg.NetworkError):
        return TemporaryFailure(f"network: {text}")
    return TemporaryFailure(f"{type(exc).__name__}: {text}")
