"""Checks before a handler acts: argument length, group admins, bot admins, and whether a
command was meant for this bot at all."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bots.telegram_bot.services import ChatRef, services

log = logging.getLogger(__name__)

MAX_ARGUMENT = 100  # characters after the command; longer input is refused, not truncated
ANONYMOUS_ADMIN_BOT = 1087968824  # Telegram's "GroupAnonymousBot" user id


class ArgumentTooLong(ValueError):
    pass


def argument(context: ContextTypes.DEFAULT_TYPE) -> str:
    """The words after the command, whitespace normalised; ArgumentTooLong past the cap."""
    text = " ".join(context.args or [])
    if len(text) > MAX_ARGUMENT:
        raise ArgumentTooLong(f"Please keep it under {MAX_ARGUMENT} characters.")
    return text


def addressed_elsewhere(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """`/cmd@otherbot` in a group: another bot's command, not ours to answer."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message is not None else ""
    if not text.startswith("/"):
        return False
    command = text.split(maxsplit=1)[0]
    _, at, name = command.partition("@")
    return bool(at) and name.lower() != (context.bot.username or "").lower()


async def may_manage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """In a private chat anyone; in a group only its administrators (asked of Telegram)."""
    ref = ChatRef.of(update)
    if ref.chat_type == "private":
        return True
    if not ref.is_group:
        return False  # channels are configured in [telegram].channels, not by command
    message = update.effective_message
    if (
        update.callback_query is None
        and message is not None
        and message.sender_chat is not None
        and message.sender_chat.id == update.effective_chat.id
    ):
        return True  # an anonymous admin posting as the group
    user = update.effective_user
    if user is None or user.id == ANONYMOUS_ADMIN_BOT:
        return False
    try:
        member = await context.bot.get_chat_member(update.effective_chat.id, user.id)
    except TelegramError as exc:
        log.warning("could not check group admin: %s", exc)
        return False
    return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)


def is_bot_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    return services(context).is_admin(user.id if user else None)
