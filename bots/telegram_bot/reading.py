"""/latest, /figure and /trend: reading what the bot already knows.

/figure and /trend answer only for a measure (or place) the query names; otherwise they say
so and offer the nearest as buttons.
"""

from __future__ import annotations

import asyncio

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bots import measures
from bots.render.digest import brief_doc
from bots.render.document import DocBuilder, one_line
from bots.render.history import history_doc, trend_caption_doc
from bots.render.numbers import day, value_text
from bots.render.telegram_html import to_caption
from bots.telegram_bot.callbacks import Callbacks
from bots.telegram_bot.choices import KIND_CODES, body_names
from bots.telegram_bot.discovery import group_keyboard
from bots.telegram_bot.guards import ArgumentTooLong, argument
from bots.telegram_bot.replies import limited, reply
from bots.telegram_bot.services import run_db, services
from bots.telegram_bot.words import plural
from state import bodies, digests, history
from summariser.models_json import digest_from_json

LATEST_DEFAULT, LATEST_MAX = 3, 10


async def latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The last few digests, newest first."""
    try:
        arg = argument(context)
    except ArgumentTooLong as exc:
        return await reply(update, context, str(exc))
    if arg and not (arg.isdigit() and 1 <= int(arg) <= LATEST_MAX):
        return await reply(update, context, f"Use /latest or /latest 5 (1 to {LATEST_MAX}).")
    n = int(arg) if arg else LATEST_DEFAULT
    found = await run_db(context, _latest, n)
    if not found:
        return await reply(
            update, context, "No digests yet. New reports appear here as they are read."
        )
    title = "The latest digest" if len(found) == 1 else f"The latest {len(found)} digests"
    await reply(update, context, brief_doc(found, title))


async def figure(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The history of a measure, or the latest figures about a place."""
    await _answer(update, context, "fig")


async def trend(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A chart of a measure's history, sources marked."""
    await _answer(update, context, "trend")


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE, action: str) -> None:
    command = "/figure" if action == "fig" else "/trend"
    cb = services(context).callbacks
    try:
        query = argument(context)
    except ArgumentTooLong as exc:
        return await reply(update, context, str(exc))
    if not query:
        return await reply(
            update,
            context,
            f"Which measure? Pick a group below, or type it after the command, "
            f"e.g. {command} average caseload.",
            buttons=group_keyboard(cb),
        )
    found, place = await run_db(context, _find, query)
    if found.exact is not None:
        return await show(update, context, action, found.exact.key)
    if place is not None and action == "fig":
        return await reply(update, context, await run_db(context, _place_doc, place))
    near = list(found.nearest)
    if not near:
        return await reply(
            update,
            context,
            f"No measure or place is called “{one_line(query, 60)}”. /measures lists them all.",
        )
    names = ", ".join(f"“{m.label}”" for m in near[:3])
    await reply(
        update,
        context,
        f"No measure is called “{one_line(query, 60)}”. Nearest: {names}. Tap one:",
        buttons=measure_buttons(cb, action, near),
    )


def measure_buttons(cb: Callbacks, action: str, found) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(one_line(m.label, 60), callback_data=cb.encode(action, m.key))]
            for m in found[:3]
        ]
    )


async def show(update: Update, context: ContextTypes.DEFAULT_TYPE, action: str, key: str) -> None:
    """The history (or chart) of the measure with this key, with Chart/Follow buttons."""
    info, rows = await run_db(context, _history, key)
    cb = services(context).callbacks
    if info is None:
        return await reply(
            update, context, "That measure is no longer known. /measures lists them."
        )
    follow = InlineKeyboardButton(
        "Follow", callback_data=cb.encode("sub", KIND_CODES["topic"], key)
    )
    if action == "fig":
        buttons = [follow]
        if any(r.published for r in rows):
            buttons.insert(0, InlineKeyboardButton("Chart", callback_data=cb.encode("trend", key)))
        doc = history_doc(info.label, info.key, rows)
        return await reply(update, context, doc, buttons=InlineKeyboardMarkup([buttons]))
    if not any(r.published for r in rows):
        return await reply(
            update, context, f"No dated figures for “{info.label}” yet: nothing to draw."
        )
    from bots.render.chart import chartable, trend_png  # matplotlib: ~40 MB, loaded on first use

    if not chartable(rows):  # one value per body: a chart of single points says less than text
        doc = history_doc(info.label, info.key, rows)
        return await reply(update, context, doc, buttons=InlineKeyboardMarkup([[follow]]))

    png = await asyncio.to_thread(trend_png, info.label, rows, unit=info.unit)
    caption = to_caption(trend_caption_doc(info.label, info.key, rows))
    message = update.effective_message
    await limited(
        context,
        update,
        lambda: message.reply_photo(
            photo=png,
            caption=caption,
            parse_mode=ParseMode.HTML,
            do_quote=False,
            reply_markup=InlineKeyboardMarkup([[follow]]),
        ),
    )


async def on_measure_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: str, fields: tuple[str, ...]
) -> None:
    query = update.callback_query
    if len(fields) != 1:
        await query.answer("This button is not valid; send the command again.")
        return
    await query.answer()
    await show(update, context, action, fields[0])


# ---------------------------------------------------------------- state (in a thread)


def _latest(session: Session, n: int):
    return [digest_from_json(digests.payload(d)) for d in digests.latest(session, n)]


def _find(session: Session, query: str):
    found = measures.lookup(session, query, limit=5)
    q = measures.norm(query)
    place = next(
        (name for name, _n in bodies.bodies_in_use(session) if q in body_names(name)), None
    )
    return found, place


def _history(session: Session, key: str):
    info = measures.describe(session, key)
    return info, history.figure_history(session, [key]) if info else []


def _place_doc(session: Session, place: str):
    rows = bodies.body_figures(session, place)
    latest = {}
    for r in rows:  # newest first: the first row of each measure is its latest value
        latest.setdefault(r.metric, r)
    b = DocBuilder()
    b.paragraph().add(place, bold=True)
    b.add(f" (the latest value of {plural(len(latest), 'measure')})", italic=True)
    for r in latest.values():
        info = measures.describe(session, r.metric)
        label = info.label if info else (r.label or "Other figure")
        b.line().add(f"{label}: ").add(value_text(r.value, r.unit, of=r.of), bold=True)
        b.add(f" ({day(r.published)}, ").link(one_line(r.title, 80) or "report", r.url).add(")")
    b.paragraph().add(f"Follow this place with /subscribe {place}.", italic=True)
    return b.build(title=place)
