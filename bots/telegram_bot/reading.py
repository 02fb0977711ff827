"""/latest, /figure and /trend: reading what the bot already knows."""

from __future__ import annotations

import asyncio

from sqlalchemy.orm import Session
from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bots import measures
from bots.render.digest import brief_doc
from bots.render.history import history_doc, trend_caption_doc
from bots.render.telegram_html import to_caption
from bots.telegram_bot.guards import ArgumentTooLong, argument
from bots.telegram_bot.replies import reply
from bots.telegram_bot.services import run_db
from state import digests, history
from summariser.models import digest_from_json

LATEST_DEFAULT, LATEST_MAX = 3, 10


async def latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The last few digests, newest first."""
    try:
        arg = argument(context)
    except ArgumentTooLong as exc:
        return await reply(update, str(exc))
    if arg and not (arg.isdigit() and 1 <= int(arg) <= LATEST_MAX):
        return await reply(update, f"Use /latest or /latest <n> with n from 1 to {LATEST_MAX}.")
    n = int(arg) if arg else LATEST_DEFAULT
    found = await run_db(context, _latest, n)
    if not found:
        return await reply(update, "No digests yet. New reports appear here as they are read.")
    await reply(
        update, brief_doc(found, f"The latest {len(found)} digest{'s' if len(found) != 1 else ''}")
    )


async def figure(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The history of a measure: values, dates and sources."""
    found = await _measure_for(update, context, "figure")
    if found is None:
        return
    info, rows, others = found
    await reply(
        update, history_doc(info.label, info.key, rows, see_also=[f"/figure {k}" for k in others])
    )


async def trend(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A chart of a measure's history, sources marked."""
    found = await _measure_for(update, context, "trend")
    if found is None:
        return
    info, rows, _others = found
    if not any(r.published for r in rows):
        return await reply(update, f"No dated figures for “{info.label}” yet: nothing to draw.")
    from bots.render.chart import trend_png  # matplotlib: ~40 MB, loaded on the first chart

    png = await asyncio.to_thread(trend_png, info.label, rows, unit=info.unit)
    caption = to_caption(trend_caption_doc(info.label, info.key, rows))
    await update.effective_message.reply_photo(
        photo=png, caption=caption, parse_mode=ParseMode.HTML, do_quote=False
    )


async def _measure_for(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str):
    try:
        query = argument(context)
    except ArgumentTooLong as exc:
        await reply(update, str(exc))
        return None
    if not query:
        await reply(
            update,
            f"Which measure? For example: /{command} caseloads, or /{command} risk of harm assessment.",
        )
        return None
    info, rows, others = await run_db(context, _history, query)
    if info is None:
        await reply(
            update,
            f"No measure matches “{query}”. Try other words, e.g. “domestic abuse assessment”.",
        )
        return None
    return info, rows, others


def _latest(session: Session, n: int):
    return [digest_from_json(digests.payload(d)) for d in digests.latest(session, n)]


def _history(session: Session, query: str):
    found = measures.find(session, query, limit=4)
    if not found:
        return None, [], []
    # Prefer the best match that has figures in state.
    for info in found:
        rows = history.figure_history(session, [info.key])
        if rows:
            return info, rows, [m.key for m in found if m.key != info.key][:3]
    return found[0], [], [m.key for m in found[1:]][:3]
