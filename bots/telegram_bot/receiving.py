"""How this chat receives: /mode (instant, daily or weekly at the chat's time), /timezone,
/mute and /unmute (sent silently), /pause and /resume (subscriptions kept), /previews."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bots.daily import WEEKDAYS, DailySchedule, parse_time, zone_or_none
from bots.telegram_bot.guards import ArgumentTooLong, argument, may_manage
from bots.telegram_bot.replies import edit, reply
from bots.telegram_bot.services import CHANNEL, ChatRef, ensure_chat, run_db, services
from bots.telegram_bot.subscriptions import ADMINS_ONLY
from bots.telegram_bot.words import when
from state import chat_settings, chats
from state.clock import utcnow
from state.models import Chat

MODE_CHOICES = (
    "The choices: /mode instant (a message per report), /mode daily 08:00 (one message a day "
    "at that time), /mode weekly friday 17:00 (one message a week). Times are in this chat's "
    "time zone (/timezone)."
)
FLAGS = {
    "mute": ("muted", True, "Muted: digests arrive silently, without a notification."),
    "unmute": ("muted", False, "Unmuted: digests arrive with a notification."),
    "pause": ("paused", True, "Paused: nothing is sent until /resume. Subscriptions are kept."),
    "resume": ("paused", False, "Resumed: new digests will arrive again."),
}


def delivery_words(chat: Chat, daily_time: str, timezone: str) -> str:
    """How and when this chat receives, in one sentence or two."""
    schedule = DailySchedule.parse(daily_time, timezone).for_chat(chat)
    at = f"{schedule.at:%H:%M} ({schedule.timezone.key})"
    if chat.mode == "weekly":
        how = f"Once a week, on {WEEKDAYS[schedule.weekday or 0].title()}s at {at}."
    elif chat.mode == "daily":
        how = f"Once a day at {at}, in one message."
    else:
        how = "As soon as each report is read."
    nxt = ""
    if chat.mode != "instant":
        nxt = f" Next: {when(schedule.next_boundary(utcnow()), schedule.timezone)}."
    extra = [s for s, on in (("paused", chat.paused), ("muted", chat.muted)) if on]
    state = f" This chat is {' and '.join(extra)}." if extra else ""
    return how + nxt + state + " /mode changes that."


async def mode(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """instant, daily [HH:MM] or weekly [day] [HH:MM]."""
    try:
        words = argument(context).lower().split()
    except ArgumentTooLong as exc:
        return await reply(update, context, str(exc))
    svc = services(context)
    if not words:
        text = await run_db(context, _current, ChatRef.of(update), svc.daily_time, svc.timezone)
        return await reply(
            update, context, f"{text}\n\n{MODE_CHOICES}", buttons=_mode_buttons(context)
        )
    try:
        wanted, at, weekday = _read_mode(words)
    except ValueError as exc:
        return await reply(update, context, f"{exc} {MODE_CHOICES}")
    if not await may_manage(update, context):
        return await reply(update, context, ADMINS_ONLY)
    text = await run_db(
        context, _set_mode, ChatRef.of(update), wanted, at, weekday, svc.daily_time, svc.timezone
    )
    await reply(update, context, text)


def _read_mode(words: list[str]) -> tuple[str, str | None, int | None]:
    wanted, rest = words[0], words[1:]
    if wanted not in chats.MODES:
        raise ValueError(f"“{wanted}” is not a delivery mode.")
    if wanted == "instant" and rest:
        raise ValueError("Instant mode takes no time.")
    weekday = None
    if wanted == "weekly" and rest and rest[0].rstrip("s") in WEEKDAYS:
        weekday = WEEKDAYS.index(rest.pop(0).rstrip("s"))
    elif wanted == "weekly" and rest and any(d.startswith(rest[0][:3]) for d in WEEKDAYS):
        weekday = next(i for i, d in enumerate(WEEKDAYS) if d.startswith(rest.pop(0)[:3]))
    at = None
    if rest:
        try:
            at = f"{parse_time(rest.pop(0)):%H:%M}"
        except ValueError:
            raise ValueError("That time is not like 08:00.") from None
    if rest:
        raise ValueError(f"I did not understand “{' '.join(rest)}”.")
    return wanted, at, weekday


def _mode_buttons(context: ContextTypes.DEFAULT_TYPE) -> InlineKeyboardMarkup:
    cb = services(context).callbacks
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(m.title(), callback_data=cb.encode("mode", m)) for m in chats.MODES]]
    )


async def on_mode_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, fields: tuple[str, ...]
) -> None:
    query = update.callback_query
    if len(fields) != 1 or fields[0] not in chats.MODES:
        await query.answer("This button is not valid; send /mode again.")
        return
    if not await may_manage(update, context):
        await query.answer(ADMINS_ONLY, show_alert=True)
        return
    svc = services(context)
    text = await run_db(
        context, _set_mode, ChatRef.of(update), fields[0], None, None, svc.daily_time, svc.timezone
    )
    await query.answer()
    await edit(update, context, text)


async def flag(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mute, /unmute, /pause, /resume."""
    command = (update.effective_message.text or "").split()[0].lstrip("/").split("@")[0].lower()
    name, value, said = FLAGS[command]
    if not await may_manage(update, context):
        return await reply(update, context, ADMINS_ONLY)
    await run_db(context, _set_flag, ChatRef.of(update), name, value)
    await reply(update, context, said)


async def previews(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/previews on|off: link previews under digests."""
    wanted = " ".join(context.args or []).lower()
    if wanted not in ("on", "off"):
        return await reply(update, context, "Use /previews on or /previews off.")
    if not await may_manage(update, context):
        return await reply(update, context, ADMINS_ONLY)
    await run_db(context, _set_flag, ChatRef.of(update), "previews", wanted == "on")
    await reply(update, context, f"Link previews {wanted} for digests in this chat.")


async def timezone(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timezone Europe/Paris: times shown and daily/weekly messages in that zone."""
    try:
        name = argument(context)
    except ArgumentTooLong as exc:
        return await reply(update, context, str(exc))
    svc = services(context)
    if not name:
        current = await run_db(context, _zone, ChatRef.of(update)) or svc.timezone
        return await reply(
            update,
            context,
            f"This chat's time zone is {current}. Change it with a name such as "
            "/timezone Europe/London, /timezone Europe/Dublin or /timezone UTC.",
        )
    zone = zone_or_none(name) or zone_or_none(name.replace(" ", "_").title())
    if zone is None:
        return await reply(
            update, context, f"“{name}” is not a time zone I know. Try Europe/London or UTC."
        )
    if not await may_manage(update, context):
        return await reply(update, context, ADMINS_ONLY)
    await run_db(context, _set_zone, ChatRef.of(update), zone.key)
    await reply(update, context, f"Time zone set to {zone.key}: it is {when(utcnow(), zone)}.")


def chat_zone(session: Session, ref: ChatRef, default: str) -> ZoneInfo:
    """The zone this chat's times are shown in."""
    chat = chats.get(session, CHANNEL, ref.address)
    return zone_or_none(chat.timezone if chat else None) or ZoneInfo(default)


# ---------------------------------------------------------------- state (in a thread)


def _current(session: Session, ref: ChatRef, daily_time: str, timezone: str) -> str:
    chat = chats.get(session, CHANNEL, ref.address)
    if chat is None:
        return "This chat is in instant mode."
    return f"This chat is in {chat.mode} mode. " + delivery_words(chat, daily_time, timezone)


def _set_mode(session: Session, ref: ChatRef, wanted: str, at, weekday, daily_time, timezone):
    chat = ensure_chat(session, ref)
    chat_settings.set_schedule(chat, wanted, at=at, weekday=weekday)
    return f"{wanted.title()} mode. " + delivery_words(chat, daily_time, timezone)


def _set_flag(session: Session, ref: ChatRef, name: str, value: bool) -> None:
    chat_settings.set_flag(ensure_chat(session, ref), name, value)


def _zone(session: Session, ref: ChatRef) -> str | None:
    chat = chats.get(session, CHANNEL, ref.address)
    return chat.timezone if chat else None


def _set_zone(session: Session, ref: ChatRef, name: str) -> None:
    chat_settings.set_timezone(ensure_chat(session, ref), name)
