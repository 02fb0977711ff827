"""/measures and /topics: what can be followed, grouped, every entry a button (Telegram
runs a tapped "/figure" without its argument, so arguments travel on buttons)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bots import measures
from bots.render.document import one_line
from bots.telegram_bot.callbacks import Callbacks
from bots.telegram_bot.choices import Choice, keyboard
from bots.telegram_bot.replies import edit, reply
from bots.telegram_bot.services import services
from bots.telegram_bot.words import plural

PER_ROW = 2


def group_keyboard(cb: Callbacks) -> InlineKeyboardMarkup:
    groups = measures.groups(measures.all_measures())
    buttons = [
        InlineKeyboardButton(
            f"{name.capitalize()} ({len(ms)})", callback_data=cb.encode("group", name)
        )
        for name, ms in sorted(groups.items())
    ]
    return InlineKeyboardMarkup([buttons[i : i + PER_ROW] for i in range(0, len(buttons), PER_ROW)])


def groups_text() -> str:
    groups = measures.groups(measures.all_measures())
    total = sum(len(v) for v in groups.values())
    return (
        f"{plural(total, 'measure')} in {plural(len(groups), 'group')}. "
        "Pick a group, then a measure to see its history."
    )


def measure_keyboard(cb: Callbacks, group: str) -> InlineKeyboardMarkup | None:
    found = measures.groups(measures.all_measures()).get(group)
    if not found:
        return None
    rows = [
        [InlineKeyboardButton(one_line(m.label, 60), callback_data=cb.encode("fig", m.key))]
        for m in found
    ]
    rows.append([InlineKeyboardButton("« All groups", callback_data=cb.encode("measures"))])
    return InlineKeyboardMarkup(rows)


async def measures_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The measures, grouped by topic; each opens its history."""
    await reply(update, context, groups_text(), buttons=group_keyboard(services(context).callbacks))


async def topics_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Topics to follow, one button each."""
    groups = measures.groups(measures.all_measures())
    choices = [
        Choice("topic", name, f"{name.capitalize()} ({plural(len(ms), 'measure')})")
        for name, ms in sorted(groups.items())
    ]
    await reply(
        update,
        context,
        f"{plural(len(choices), 'topic')} to follow. Tap one to receive its digests here; "
        "/measures shows the measures inside each.",
        buttons=keyboard(services(context).callbacks, "sub", choices),
    )


async def on_group_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: str, fields: tuple[str, ...]
) -> None:
    """A group (show its measures) or "all groups" was pressed: edit the list in place."""
    query = update.callback_query
    cb = services(context).callbacks
    if action == "measures":
        await query.answer()
        await edit(update, context, groups_text(), buttons=group_keyboard(cb))
        return
    markup = measure_keyboard(cb, fields[0]) if len(fields) == 1 else None
    if markup is None:
        await query.answer("That group no longer exists; send /measures again.")
        return
    await query.answer()
    count = len(markup.inline_keyboard) - 1
    await edit(
        update,
        context,
        f"{fields[0].capitalize()}: {plural(count, 'measure')}. Tap one for its history.",
        buttons=markup,
    )
