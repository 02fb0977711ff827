"""Chats changing under the bot: a group upgraded to a supergroup, the bot removed or added."""

from __future__ import annotations

from sqlalchemy.orm import Session
from telegram import ChatMember, Update
from telegram.ext import ContextTypes

from bots.telegram_bot.services import CHANNEL, ChatRef, ensure_chat, run_db
from state import chats, deliveries


async def migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The group became a supergroup: move its chat row and pending deliveries."""
    message = update.effective_message
    if message is None or not message.migrate_to_chat_id:
        return
    await run_db(context, _migrate, str(message.chat.id), str(message.migrate_to_chat_id))


async def membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was removed from a chat (stop sending) or added to one (remember it)."""
    change = update.my_chat_member
    if change is None:
        return
    status = change.new_chat_member.status
    if status in (ChatMember.LEFT, ChatMember.BANNED):
        await run_db(context, _removed, str(change.chat.id), f"bot {status} from the chat")
    elif status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR):
        await run_db(context, ensure_chat, ChatRef.of(update))


def _migrate(session: Session, old: str, new: str) -> None:
    chat = chats.get(session, CHANNEL, old)
    if chat is None:
        return
    target = chats.migrate(session, chat, new)
    session.flush()
    if target.id != chat.id:
        deliveries.move_pending(session, chat.id, target.id)


def _removed(session: Session, address: str, reason: str) -> None:
    chat = chats.get(session, CHANNEL, address)
    if chat is not None and chat.active:
        chats.deactivate(session, chat, reason)
        deliveries.fail_pending_for_chat(session, chat.id, f"chat deactivated: {reason}")
