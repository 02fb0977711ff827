"""/export and /import: the chat's subscriptions and settings as a file it can keep, and an
OPML list of the sources it follows (by name and host only: no credentials or queries)."""

from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr

from sqlalchemy.orm import Session
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bots.telegram_bot.guards import may_manage
from bots.telegram_bot.replies import limited, reply
from bots.telegram_bot.services import CHANNEL, ChatRef, ensure_chat, run_db
from bots.telegram_bot.subscriptions import ADMINS_ONLY
from bots.telegram_bot.words import LOCAL_KINDS, host_of, plural
from state import chat_settings, chats, sources

MAX_IMPORT = 64 * 1024  # bytes: an export of 200 subscriptions is well under this
EXPORT_NAME = "inspectwatch-subscriptions.json"


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the chat's subscriptions as JSON, and the followed sources as OPML."""
    data, opml = await run_db(context, _export, ChatRef.of(update))
    if data is None:
        return await reply(update, context, "This chat has no subscriptions to export.")
    message = update.effective_message
    body = json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")
    caption = (
        f"{plural(len(data['subscriptions']), 'subscription')} and this chat's settings. "
        "Send this file back with the caption /import to restore them."
    )
    await limited(
        context,
        update,
        lambda: message.reply_document(body, filename=EXPORT_NAME, caption=caption, do_quote=False),
    )
    await limited(
        context,
        update,
        lambda: message.reply_document(
            opml.encode("utf-8"),
            filename="inspectwatch-sources.opml",
            caption="The sources this chat follows, as OPML (names and hosts).",
            do_quote=False,
        ),
    )


async def import_(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file sent with the caption /import (or /import in reply to one): add what it holds."""
    message = update.effective_message
    document = message.document or (
        message.reply_to_message.document if message.reply_to_message else None
    )
    if document is None:
        return await reply(
            update,
            context,
            f"Send the {EXPORT_NAME} file that /export gave you, with /import as its caption.",
        )
    if not await may_manage(update, context):
        return await reply(update, context, ADMINS_ONLY)
    if (document.file_size or 0) > MAX_IMPORT:
        return await reply(
            update, context, f"That file is too large (the limit is {MAX_IMPORT // 1024} KB)."
        )
    try:
        file = await document.get_file()
        raw = bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        return await reply(
            update, context, f"I could not fetch that file from Telegram: {exc.message}"
        )
    try:
        data = json.loads(raw[: MAX_IMPORT + 1].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return await reply(update, context, "That file is not JSON; nothing was changed.")
    try:
        new = await run_db(context, _import, ChatRef.of(update), data)
    except chat_settings.ImportError_ as exc:
        return await reply(
            update, context, f"That file cannot be imported ({exc}); nothing was changed."
        )
    await reply(
        update,
        context,
        f"Imported: {plural(new, 'new subscription')}, settings restored. /list shows them.",
    )


# ---------------------------------------------------------------- state (in a thread)


def _export(session: Session, ref: ChatRef):
    chat = chats.get(session, CHANNEL, ref.address)
    if chat is None or not chat.subscriptions:
        return None, ""
    data = chat_settings.export(chat)
    followed = {s.filter_value for s in chat.subscriptions if s.filter_kind == "source"}
    everything = any(s.filter_kind == "all" for s in chat.subscriptions)
    rows = [
        s
        for s in sources.all_sources(session)
        if s.kind not in LOCAL_KINDS and (everything or s.name.lower() in followed)
    ]
    return data, opml(rows)


def opml(rows) -> str:
    outlines = "\n".join(
        f'    <outline type="rss" text={quoteattr(s.name)} title={quoteattr(s.name)}'
        f" htmlUrl={quoteattr('https://' + host_of(s.url) + '/')} />"
        for s in rows
        if host_of(s.url)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n'
        "  <head><title>inspectwatch sources</title></head>\n"
        f"  <body>\n{outlines}\n  </body>\n</opml>\n"
    )


def _import(session: Session, ref: ChatRef, data) -> int:
    return chat_settings.import_(session, ensure_chat(session, ref), data)
