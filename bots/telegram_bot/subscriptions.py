"""/subscribe, /unsubscribe, /list and the buttons that choose a subscription."""

from __future__ import annotations

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import ContextTypes

from bots import measures
from bots.render.document import DocBuilder, one_line
from bots.telegram_bot.choices import Choice, Filters, keyboard, parse, read_sub, resolve
from bots.telegram_bot.guards import ArgumentTooLong, argument, may_manage
from bots.telegram_bot.replies import edit, reply
from bots.telegram_bot.services import CHANNEL, ChatRef, ensure_chat, run_db, services
from bots.telegram_bot.words import LOCAL_KINDS, plural
from state import bodies, chats, digests, sources
from state.matching import words_of

ADMINS_ONLY = "Only an administrator of this group can change what it receives."


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Follow everything, or what the argument names; near matches are offered, not taken."""
    try:
        query, filters = parse(argument(context))
    except ArgumentTooLong as exc:
        return await reply(update, context, str(exc))
    if not await may_manage(update, context):
        return await reply(update, context, ADMINS_ONLY)
    svc = services(context)
    found = await run_db(context, _resolve, query, svc.known_tags)
    if found.certain:
        text = await run_db(context, _subscribe, ChatRef.of(update), found.choices[0], filters)
        return await reply(update, context, text)
    text = (
        f"No source, topic, place or measure is called “{one_line(query, 60)}”. "
        "Nearest matches (tap one to follow it):"
    )
    markup = keyboard(svc.callbacks, "sub", found.choices, filters)
    await reply(update, context, text, buttons=markup)


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop everything, or the one subscription the argument names."""
    try:
        query = argument(context)
    except ArgumentTooLong as exc:
        return await reply(update, context, str(exc))
    if not await may_manage(update, context):
        return await reply(update, context, ADMINS_ONLY)
    text, options = await run_db(context, _unsubscribe, ChatRef.of(update), query)
    markup = keyboard(services(context).callbacks, "unsub", options) if options else None
    await reply(update, context, text, buttons=markup)


async def list_subscriptions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say what this chat receives, and how."""
    svc = services(context)
    doc = await run_db(context, _describe, ChatRef.of(update), svc.daily_time, svc.timezone)
    await reply(update, context, doc)


async def on_sub_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: str, fields: tuple[str, ...]
) -> None:
    """A verified subscribe/unsubscribe button was pressed."""
    query = update.callback_query
    read = read_sub(fields)
    if read is None:
        await query.answer("This button is not valid; send the command again.")
        return
    if not await may_manage(update, context):
        await query.answer(ADMINS_ONLY, show_alert=True)
        return
    choice, filters = read
    ref = ChatRef.of(update)
    if action == "sub":
        text = await run_db(context, _subscribe, ref, choice, filters)
    else:
        text = await run_db(context, _remove, ref, choice.kind, choice.value)
    await query.answer()
    await edit(update, context, text)


# ---------------------------------------------------------------- state (in a thread)


def source_names(session: Session) -> list[str]:
    return [s.name for s in sources.all_sources(session) if s.kind not in LOCAL_KINDS]


def _resolve(session: Session, query: str, tags: tuple[str, ...]):
    known_tags = set(tags)
    for d in digests.latest(session, 50):
        known_tags.update(digests.payload(d).get("tags", []))
    topics = [m.group for m in measures.all_measures()]
    places = [name for name, _n in bodies.bodies_in_use(session)]
    found = measures.lookup(session, query) if query else None
    return resolve(query, source_names(session), known_tags, topics, places, found)


def describe_filter(session: Session, kind: str, value: str) -> str:
    if kind == "all":
        return "every digest"
    if kind == "topic":
        m = measures.describe(session, value)
        return f"the measure “{m.label}”" if m else f"the topic “{value}”"
    if kind == "body":
        return f"the place “{value.title()}”"
    return f"the {kind} “{value}”"


def describe_sub(session: Session, sub) -> str:
    what = describe_filter(session, sub.filter_kind, sub.filter_value)
    extra = Filters(
        tuple(words_of(sub.include)), tuple(words_of(sub.exclude)), bool(sub.worse_only)
    ).describe()
    topic = f" (in forum topic {sub.thread_id})" if sub.thread_id else ""
    return what + (f", {extra}" if extra else "") + topic


def _subscribe(session: Session, ref: ChatRef, choice: Choice, filters: Filters) -> str:
    chat = ensure_chat(session, ref)
    row, changed = chats.subscribe(
        session, chat, choice.kind, choice.value, include=filters.include,
        exclude=filters.exclude, worse_only=filters.worse_only, thread_id=ref.thread_id,
    )  # fmt: skip
    what = describe_sub(session, row)
    if not changed:
        return f"Already subscribed to {what}."
    paused = " This chat is paused: /resume to receive again." if chat.paused else ""
    return f"Subscribed to {what}.{paused}"


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
        return f"Unsubscribed from everything ({plural(n, 'subscription')}).", []
    q = query.strip().lower()
    for sub in subs:
        label = describe_filter(session, sub.filter_kind, sub.filter_value).lower()
        if q == sub.filter_value or (q == "all" and sub.filter_kind == "all") or q in label:
            chats.unsubscribe(session, chat, sub.filter_kind, sub.filter_value)
            what = describe_filter(session, sub.filter_kind, sub.filter_value)
            return f"Unsubscribed from {what}.", []
    options = [
        Choice(
            s.filter_kind, s.filter_value, describe_filter(session, s.filter_kind, s.filter_value)
        )
        for s in subs
    ]
    return f"No subscription matches “{query}”. Which one should stop?", options


def _describe(session: Session, ref: ChatRef, daily_time: str, timezone: str):
    from bots.telegram_bot.receiving import delivery_words

    chat = chats.get(session, CHANNEL, ref.address)
    b = DocBuilder()
    subs = list(chat.subscriptions) if chat is not None and chat.active else []
    if not subs:
        b.paragraph().add(
            "This chat receives nothing yet. Send /subscribe to receive every digest, "
            "or /topics to pick a topic."
        )
        return b.build()
    b.paragraph().add(f"This chat receives ({plural(len(subs), 'subscription')})", bold=True)
    for sub in sorted(subs, key=lambda s: (s.filter_kind, s.filter_value)):
        b.line().add("• " + describe_sub(session, sub))
    b.paragraph().add(delivery_words(chat, daily_time, timezone))
    return b.build()
