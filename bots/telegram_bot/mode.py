"""/mode instant|daily: one message per report, or one combined message a day."""

from __future__ import annotations

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import ContextTypes

from bots.telegram_bot.guards import ArgumentTooLong, argument, may_manage
from bots.telegram_bot.replies import reply
from bots.telegram_bot.services import ChatRef, ensure_chat, run_db, services
from bots.telegram_bot.subscriptions import ADMINS_ONLY
from state import chats


async def mode(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Switch between instant and daily delivery."""
    svc = services(context)
    try:
        wanted = argument(context).lower()
    except ArgumentTooLong as exc:
        return await reply(update, str(exc))
    if wanted not in chats.MODES:
        current = await run_db(context, _current, ChatRef.of(update))
        return await reply(
            update,
            f"This chat is in {current} mode. Use /mode instant (a message per report) or "
            f"/mode daily (one message at {svc.daily_time}, {svc.timezone}).",
        )
    if not await may_manage(update, context):
        return await reply(update, ADMINS_ONLY)
    await run_db(context, _set, ChatRef.of(update), wanted)
    if wanted == "daily":
        await reply(update, f"Daily mode: one message a day at {svc.daily_time} ({svc.timezone}).")
    else:
        await reply(update, "Instant mode: a message as soon as each report is read.")


def _current(session: Session, ref: ChatRef) -> str:
    chat = chats.get(session, "telegram", ref.address)
    return chat.mode if chat is not None else "instant"


def _set(session: Session, ref: ChatRef, wanted: str) -> None:
    chats.set_mode(session, ensure_chat(session, ref), wanted)
