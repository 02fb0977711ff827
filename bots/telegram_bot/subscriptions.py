"""/subscribe, /unsubscribe, /list and the buttons that choose a subscription."""

from __future__ import annotations

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import ContextTypes

from bots import measures
from bots.render.document import DocBuilder
from bots.telegram_bot.choices import Choice, decode, keyboard, resolve
from bots.telegram_bot.guards import ArgumentTooLong, argument, may_manage
from bots.telegram_bot.replies import reply
from bots.telegram_bot.services import CHANNEL, ChatRef, ensure_chat, run_db, services
from state import chats, digests, sources

ADMINS_ONLY = "Only an administrator of this group can change what it receives."


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Subscribe to everything, or to what the argument names (buttons when it is unclear)."""
    try:
        query = argument(context)
    except ArgumentTooLong as exc:
        return await reply(update, str(exc))
    if not await may_manage(update, context):
        return await reply(update, ADMINS_ONLY)
    tags = services(context).known_tags
    choices, certain = await run_db(context, _resolve, query, tags)
    if not choices:
        return await reply(
            update,
            f"Nothing matches “{query}”. Try a source from /sources, or words such as "
            "“domestic abuse” or “caseloads”. /subscribe alone gives you everything.",
        )
    if certain:
        return await reply(
            update, await run_db(context, _subscribe, ChatRef.of(update), choices[0])
        )
    markup = keyboard("sub", choices, services(context).choices)
    await reply(update, "Which do you mean?", buttons=markup)


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop everything, or the one subscription the argument names."""
    try:
        query = argument(context)
    except ArgumentTooLong as exc:
        return await reply(update, str(exc))
    if not await may_manage(update, context):
        return await reply(update, ADMINS_ONLY)
    text, options = await run_db(context, _unsubscribe, ChatRef.of(update), query)
    markup = keyboard("unsub", options, services(context).choices) if options else None
    await reply(update, text, buttons=markup)


async def list_subscriptions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say what this chat receives, and how."""
    svc = services(context)
    await reply(
        update, await run_db(context, _describe, ChatRef.of(update), svc.daily_time, svc.timezone)
    )


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A subscribe/unsubscribe button was pressed."""
    query = update.callback_query
    decoded = decode(query.data or "", services(context).choices)
    if decoded is None:
        await query.answer("This button has expired; send the command again.")
        return
    if not await may_manage(update, context):
        await query.answer(ADMINS_ONLY, show_alert=True)
        return
    action, kind, value = decoded
    choice = Choice(kind, value, value)
    if action == "sub":
        text = await run_db(context, _subscribe, ChatRef.of(update), choice)
    else:
        text = await run_db(context, _remove, ChatRef.of(update), kind, value)
    await query.answer()
    await query.edit_message_text(text)


# ---------------------------------------------------------------- state (in a thread)


def _resolve(session: Session, query: str, tags: tuple[str, ...]) -> tuple[list[Choice], bool]:
    names = [s.name for s in sources.all_sources(session) if s.name not in ("seed", "replay")]
    known_tags = set(tags)
    for d in digests.latest(session, 50):
        known_tags.update(digests.payload(d).get("tags", []))
    found = measures.find(session, query) if query else []
    return resolve(query, names, known_tags, found)


def describe_filter(session: Session, kind: str, value: str) -> str:
    if kind == "all":
        return "every digest"
    if kind == "topic":
        m = measures.describe(session, value)
        return f"the measure “{m.label}”" if m else f"the topic “{value}”"
    return f"the {kind} “{value}”"


def _subscribe(session: Session, ref: ChatRef, choice: Choice) -> str:
    chat = ensure_chat(session, ref)
    _row, created = chats.subscribe(session, chat, choice.kind, choice.value)
    what = describe_filter(session, choice.kind, choice.value)
    return f"Subscribed to {what}." if created else f"Already subscribed to {what}."


def _remove(session: Session, ref: ChatRef, kind: str, value: str) -> str:
    chat = chats.get(session, CHANNEL, ref.address)
    if chat is None:
        return "This chat has no subscriptions."
    n = chats.unsubscribe(session, chat, kind, value)
    what = describe_filter(session, kind, value)
    return f"Unsubscribed from {what}." if n else f"This chat was not subscribed to {what}."


def _unsubscribe(session: Session, ref: ChatRef, query: str) -> tuple[str, list[Choice]]:
    chat = chats.get(session, CHANNEL, ref.address)
    subs = list(chat.subscriptions) if chat is not None else []
    if not subs:
        return "This chat has no subscriptions.", []
    if not query:
        n = chats.unsubscribe(session, chat)
        return f"Unsubscribed from everything ({n} subscription{'s' if n != 1 else ''}).", []
    q = query.strip().lower()
    for sub in subs:
        label = describe_filter(session, sub.filter_kind, sub.filter_value).lower()
        if q == sub.filter_value or (q == "all" and sub.filter_kind == "all") or q in label:
            chats.unsubscribe(session, chat, sub.filter_kind, sub.filter_value)
            return (
                f"Unsubscribed from {describe_filter(session, sub.filter_kind, sub.filter_value)}.",
                [],
            )
    options = [
        Choice(
            s.filter_kind, s.filter_value, describe_filter(session, s.filter_kind, s.filter_value)
        )
        for s in subs
    ]
    return f"No subscription matches “{query}”. Which one should stop?", options


def _describe(session: Session, ref: ChatRef, daily_time: str, timezone: str):
    chat = chats.get(session, CHANNEL, ref.address)
    b = DocBuilder()
    subs = list(chat.subscriptions) if chat is not None and chat.active else []
    if not subs:
        b.paragraph().add(
            "This chat receives nothing yet. Send /subscribe to receive every digest."
        )
        return b.build()
    b.paragraph().add("This chat receives", bold=True)
    for sub in sorted(subs, key=lambda s: (s.filter_kind, s.filter_value)):
        b.line().add("• " + describe_filter(session, sub.filter_kind, sub.filter_value))
    if chat.mode == "daily":
        b.paragraph().add(
            f"Once a day at {daily_time} ({timezone}), in one message. /mode instant changes that."
        )
    else:
        b.paragraph().add("As soon as each report is read. /mode daily gives one message a day.")
    return b.build()
