"""/sources (anyone), /stats and /poll (the bot's admins only).

Sources are shown by name and host only: a source URL may carry credentials or query
secrets (issue 15, item 8), and error texts are cut the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bots.render.document import DocBuilder, one_line
from bots.telegram_bot.guards import argument, is_bot_admin
from bots.telegram_bot.receiving import chat_zone
from bots.telegram_bot.replies import reply
from bots.telegram_bot.services import ChatRef, run_db, services
from bots.telegram_bot.words import (
    LOCAL_KINDS,
    host_of,
    page_address,
    plural,
    when,
    without_secrets,
)
from state import chats, deliveries, digests, entry_failures, sources
from state.models import Source

ADMINS = "This command is for the bot's administrators."


def failing(s: Source, failing_entries: int = 0) -> bool:
    """A source is not healthy while its last poll failed, it was never read, or entries
    of it cannot be read."""
    return (
        bool(s.consecutive_failures)
        or (s.last_error is not None and not s.last_success_at and not s.last_error.startswith("warning:"))
        or failing_entries > 0
    )


async def sources_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What is watched and whether each source is healthy."""
    svc = services(context)
    await reply(update, context, await run_db(context, _sources, ChatRef.of(update), svc.timezone))


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Counts for the bot's admins: chats, subscriptions, digests, the outbox, failures."""
    if not is_bot_admin(update, context):
        return await reply(update, context, ADMINS)
    svc = services(context)
    doc, names = await run_db(context, _stats, ChatRef.of(update), svc.timezone)
    await reply(update, context, doc, buttons=poll_buttons(context, names))


async def poll(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/poll <source>: poll one source now (admins)."""
    if not is_bot_admin(update, context):
        return await reply(update, context, ADMINS)
    name = argument(context)
    names = await run_db(context, _names)
    if name not in names:
        return await reply(
            update,
            context,
            "Which source? Tap one to poll it now.",
            buttons=poll_buttons(context, names),
        )
    await reply(update, context, await poll_now(context, name))


async def on_poll_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, fields: tuple[str, ...]
) -> None:
    query = update.callback_query
    if not is_bot_admin(update, context):
        await query.answer(ADMINS, show_alert=True)
        return
    names = await run_db(context, _names)
    if len(fields) != 1 or fields[0] not in names:
        await query.answer("That source is no longer configured.")
        return
    await query.answer(f"Polling {fields[0]}…")
    await reply(update, context, await poll_now(context, fields[0]))


async def poll_now(context: ContextTypes.DEFAULT_TYPE, name: str) -> str:
    hook = services(context).poll_now
    if hook is None:
        return "Polling from Telegram needs the running service (inspectwatch run)."
    return without_secrets(await hook(name))  # errors quote URLs


def poll_buttons(
    context: ContextTypes.DEFAULT_TYPE, names: list[str]
) -> InlineKeyboardMarkup | None:
    if not names:
        return None
    cb = services(context).callbacks
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"Poll {one_line(n, 40)} now", callback_data=cb.encode("poll", n)
                )
            ]
            for n in names[:10]
        ]
    )


# ---------------------------------------------------------------- state (in a thread)


def _watched(session: Session) -> list[Source]:
    return [s for s in sources.all_sources(session) if s.kind not in LOCAL_KINDS]


def _names(session: Session) -> list[str]:
    return [s.name for s in _watched(session)]


def _sources(session: Session, ref: ChatRef, default_zone: str):
    zone = chat_zone(session, ref, default_zone)
    b = DocBuilder()
    rows = _watched(session)
    if not rows:
        b.paragraph().add("No sources are configured yet.")
        return b.build()
    entries = entry_failures.failing_counts(session)
    bad = [s for s in rows if failing(s, entries[s.name])]
    b.paragraph().add(
        f"Watched sources ({plural(len(rows), 'source')}, {len(bad)} failing)", bold=True
    )
    for s in rows:
        mark = "⚠️ failing: " if failing(s, entries[s.name]) else "✅ working: "
        b.paragraph().add(mark).add(one_line(s.name, 80), bold=True)
        host = host_of(s.url)
        if host:
            b.add(f" ({host})")
        if s.last_success_at:
            b.line().add(f"last read {when(s.last_success_at, zone)}", italic=True)
        elif not s.initialised:
            b.line().add("not read yet", italic=True)
        if s.consecutive_failures or (s.last_error and not s.last_success_at and not s.last_error.startswith("warning:")):
            b.line().add(
                f"{plural(s.consecutive_failures or 1, 'failure')} in a row: "
                f"{one_line(without_secrets(s.last_error), 200)}"
            )
        elif (s.last_error or "").startswith("warning:"):
            b.line().add(one_line(without_secrets(s.last_error), 200), italic=True)
        if entries[s.name]:
            _failing_entries(b, entry_failures.failing_entries(session, s.name))
    return b.build()


def _failing_entries(b: DocBuilder, entries: list[entry_failures.FailingEntry]) -> None:
    """How many entries of a source cannot be read, and the first few with why (hosts
    only: an entry's address may carry a secret too)."""
    b.line().add(plural(len(entries), "entry") + " failing")
    for e in entries[:3]:
        b.line().add(f"{one_line(page_address(e.url), 120)}: {one_line(without_secrets(e.last_error), 150)}", italic=True)


def _stats(session: Session, ref: ChatRef, default_zone: str):
    zone = chat_zone(session, ref, default_zone)
    now = datetime.now(UTC)
    c = chats.stats(session)
    d = deliveries.counts(session)
    age = deliveries.oldest_pending_age(session, now)
    entries = entry_failures.failing_counts(session)
    bad = [s for s in _watched(session) if failing(s, entries[s.name])]
    groups = c.get("active_group", 0) + c.get("active_supergroup", 0)
    b = DocBuilder()
    b.paragraph().add("inspectwatch stats", bold=True)
    b.line().add(
        f"Chats: {c['active']} active ({c.get('active_private', 0)} private, "
        f"{plural(groups, 'group')}, {plural(c.get('active_channel', 0), 'channel')}), "
        f"{c['inactive']} inactive; {c['daily']} in daily or weekly mode"
    )
    b.line().add(f"Subscriptions: {c['subscriptions']}")
    b.line().add(f"Digests: {digests.count(session)}")
    b.line().add(
        f"Outbox: {d['pending']} pending, {d['sent']} sent, {d['failed']} failed, "
        f"{d.get('batched', 0)} folded into daily or weekly messages"
    )
    if age:
        since = when(now - timedelta(seconds=age), zone)
        b.line().add(f"Oldest pending message: waiting since {since} ({_ago(age)})")
    b.paragraph().add(f"Failing sources: {len(bad) or 'none'}", bold=bool(bad))
    for s in bad:
        b.line().add(f"• {one_line(s.name, 60)} ({host_of(s.url)}): ")
        if entries[s.name]:
            b.add(f"{plural(entries[s.name], 'entry')} failing; ")
        b.add(f"{plural(s.consecutive_failures, 'failure')} in a row, last: ")
        b.add(one_line(without_secrets(s.last_error or "none"), 150), italic=True)
    for f in deliveries.recent_failures(session, 3):
        b.line().add(
            f"Recent failed send #{f.id}: {one_line(without_secrets(f.last_error), 150)}",
            italic=True,
        )
    b.paragraph().add("Poll one source now with the buttons below or /poll <name>.", italic=True)
    return b.build(), [s.name for s in (bad or _watched(session))]


def _ago(seconds: float) -> str:
    if seconds < 120:
        return plural(int(seconds), "second") + " ago"
    if seconds < 7200:
        return plural(int(seconds // 60), "minute") + " ago"
    return plural(int(seconds // 3600), "hour") + " ago"
