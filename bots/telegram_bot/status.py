"""/sources (anyone) and /stats (the bot's admins only)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import ContextTypes

from bots.render.document import DocBuilder, one_line
from bots.telegram_bot.guards import is_bot_admin
from bots.telegram_bot.replies import reply
from bots.telegram_bot.services import run_db
from state import chats, deliveries, digests, entry_failures, sources


async def sources_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What is watched and whether each source is healthy."""
    await reply(update, await run_db(context, _sources))


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Counts for the bot's admins: chats, subscriptions, digests, the outbox."""
    if not is_bot_admin(update, context):
        return await reply(update, "This command is for the bot's administrators.")
    await reply(update, await run_db(context, _stats))


def _sources(session: Session):
    b = DocBuilder()
    rows = [s for s in sources.all_sources(session) if s.name not in ("seed", "replay")]
    if not rows:
        b.paragraph().add("No sources are configured yet.")
        return b.build()
    b.paragraph().add("Watched sources", bold=True)
    failing = entry_failures.failing_counts(session)
    for s in rows:
        healthy = not s.consecutive_failures and not failing[s.name]
        b.paragraph().add("✅ " if healthy else "⚠️ ").link(one_line(s.name, 80), s.url, bold=True)
        if s.last_success_at:
            b.line().add(f"last read {s.last_success_at:%d %b %Y %H:%M} UTC", italic=True)
        elif s.initialised is False:
            b.line().add("not read yet", italic=True)
        if s.consecutive_failures:
            b.line().add(
                f"{s.consecutive_failures} failure(s) in a row: {one_line(s.last_error, 200)}"
            )
        if failing[s.name]:
            _failing_entries(b, entry_failures.failing_entries(session, s.name))
    return b.build()


def _failing_entries(b: DocBuilder, entries: list[entry_failures.FailingEntry]) -> None:
    """How many entries of a source cannot be read, and the first few with why."""
    b.line().add(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} failing")
    for e in entries[:3]:
        b.line().add(f"{one_line(e.url, 120)}: {one_line(e.last_error, 150)}", italic=True)


def _stats(session: Session):
    c = chats.stats(session)
    d = deliveries.counts(session)
    age = deliveries.oldest_pending_age(session, datetime.now(UTC))
    entries = entry_failures.failing_counts(session)
    failing = [
        s.name for s in sources.all_sources(session) if s.consecutive_failures or entries[s.name]
    ]
    b = DocBuilder()
    b.paragraph().add("inspectwatch stats", bold=True)
    b.line().add(f"Chats: {c['active']} active ({c.get('active_private', 0)} private, "
                 f"{c.get('active_group', 0) + c.get('active_supergroup', 0)} groups, "
                 f"{c.get('active_channel', 0)} channels), {c['inactive']} inactive; "
                 f"{c['daily']} in daily mode")  # fmt: skip
    b.line().add(f"Subscriptions: {c['subscriptions']}")
    b.line().add(f"Digests: {digests.count(session)}")
    b.line().add(
        f"Outbox: {d['pending']} pending (oldest {age:.0f}s), {d['sent']} sent, "
        f"{d['failed']} failed, {d.get('batched', 0)} folded into daily messages"
    )
    b.line().add("Failing sources: " + (", ".join(failing) if failing else "none"))
    for f in deliveries.recent_failures(session, 3):
        b.line().add(f"Recent failure #{f.id}: {one_line(f.last_error, 150)}", italic=True)
    return b.build()
