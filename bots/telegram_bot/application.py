"""One place that builds the Telegram Application and registers every handler."""

from __future__ import annotations

import hashlib
import logging

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bots.channels.telegram import TelegramSettings
from bots.channels.telegram_errors import classify
from bots.ratelimit import RateLimiter
from bots.redaction import SECRETS, Redactor, protect, redact
from bots.telegram_bot import (
    buttons,
    data,
    discovery,
    errors,
    membership,
    reading,
    receiving,
    status,
    subscriptions,
    welcome,
)
from bots.telegram_bot.callbacks import Callbacks
from bots.telegram_bot.processor import PerChatUpdateProcessor
from bots.telegram_bot.services import KEY, BotServices, PollNow
from state import Store

log = logging.getLogger("bots.telegram_bot")

COMMANDS = (
    BotCommand("start", "What this bot does"),
    BotCommand("measures", "What can be followed, grouped"),
    BotCommand("topics", "Topics to follow, one tap each"),
    BotCommand("subscribe", "Follow everything, or a source, topic, measure or place"),
    BotCommand("unsubscribe", "Stop digests: everything, or one subscription"),
    BotCommand("list", "What this chat receives, and how"),
    BotCommand("latest", "The last digests"),
    BotCommand("figure", "The history of a measure, or figures about a place"),
    BotCommand("trend", "A chart of a measure's history"),
    BotCommand("sources", "What is watched, and whether it works"),
    BotCommand("mode", "Instant, daily or weekly delivery"),
    BotCommand("timezone", "This chat's time zone"),
    BotCommand("mute", "Digests arrive silently"),
    BotCommand("unmute", "Digests arrive with a notification"),
    BotCommand("pause", "Stop sending; subscriptions kept"),
    BotCommand("resume", "Start sending again"),
    BotCommand("previews", "Link previews on or off"),
    BotCommand("export", "This chat's subscriptions as a file"),
    BotCommand("import", "Restore subscriptions from an exported file"),
    BotCommand("help", "All commands, with examples"),
)
ADMIN_COMMANDS = (
    *COMMANDS,
    BotCommand("stats", "Counts, failing sources and the outbox (admins)"),
    BotCommand("poll", "Poll one source now (admins)"),
)
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]


class BotStartError(RuntimeError):
    """Telegram could not be reached or refused the token (message redacted)."""


def build_application(
    token: str,
    settings: TelegramSettings,
    store: Store,
    *,
    daily_time: str = "08:00",
    timezone: str = "Europe/London",
    known_tags: tuple[str, ...] = (),
    max_figures: int = 6,
    redactor: Redactor = SECRETS,
    limiter: RateLimiter | None = None,
    poll_now: PollNow | None = None,
) -> Application:
    """The bot, talking to `settings.api_base_url`, with every handler registered.
    `limiter` is the delivery worker's, so replies and digests share one budget."""
    protect(token, redactor)
    app = (
        ApplicationBuilder()
        .token(token)
        .concurrent_updates(PerChatUpdateProcessor())
        .base_url(settings.bot_base_url)
        .base_file_url(settings.bot_file_url)
        .connect_timeout(min(10.0, settings.request_timeout))
        .read_timeout(settings.request_timeout)
        .write_timeout(settings.request_timeout)
        .pool_timeout(settings.request_timeout)
        .get_updates_read_timeout(settings.poll_timeout + 10.0)
        .build()
    )
    app.bot_data[KEY] = BotServices(
        store=store,
        settings=settings,
        daily_time=daily_time,
        timezone=timezone,
        known_tags=tuple(known_tags),
        max_figures=max_figures,
        redactor=redactor,
        callbacks=Callbacks(token),
        limiter=limiter or RateLimiter(),
        poll_now=poll_now,
    )
    register(app)
    return app


def register(app: Application) -> None:
    commands = {
        "start": welcome.start,
        "help": welcome.help_command,
        "measures": discovery.measures_command,
        "topics": discovery.topics_command,
        "subscribe": subscriptions.subscribe,
        "unsubscribe": subscriptions.unsubscribe,
        "list": subscriptions.list_subscriptions,
        "latest": reading.latest,
        "figure": reading.figure,
        "trend": reading.trend,
        "sources": status.sources_command,
        "mode": receiving.mode,
        "timezone": receiving.timezone,
        "previews": receiving.previews,
        "mute": receiving.flag,
        "unmute": receiving.flag,
        "pause": receiving.flag,
        "resume": receiving.flag,
        "export": data.export,
        "import": data.import_,
        "stats": status.stats,
        "poll": status.poll,
    }
    for name, handler in commands.items():
        app.add_handler(CommandHandler(name, handler))
    app.add_handler(
        MessageHandler(
            filters.Document.ALL & filters.CaptionRegex(r"^/import(@\w+)?\b"), data.import_
        )
    )
    app.add_handler(CallbackQueryHandler(buttons.on_button))  # every press, forged ones too
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, membership.migrated))
    app.add_handler(ChatMemberHandler(membership.membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.COMMAND, errors.unknown))
    app.add_handler(
        MessageHandler(
            filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, errors.not_a_command
        )
    )
    app.add_error_handler(errors.on_error)


async def set_commands(app: Application) -> None:
    """The command menu for everyone, and with /stats for each admin's private chat."""
    await app.bot.set_my_commands(list(COMMANDS))
    config: TelegramSettings = app.bot_data[KEY].settings
    for admin in config.admins:
        try:
            await app.bot.set_my_commands(list(ADMIN_COMMANDS), scope=BotCommandScopeChat(admin))
        except TelegramError as exc:  # an admin who never wrote to the bot
            log.info("no admin command menu for %s: %s", admin, redact(exc))


def webhook_secret(token: str) -> str:
    """A stable secret for Telegram's X-Telegram-Bot-Api-Secret-Token, derived, not the token."""
    return hashlib.sha256(f"inspectwatch-webhook:{token}".encode()).hexdigest()[:48]


async def start_bot(app: Application, *, drop_pending_updates: bool = False) -> None:
    """Initialise, set the command menu, start handlers, then poll (or serve the webhook)."""
    settings: TelegramSettings = app.bot_data[KEY].settings
    failure: BotStartError
    try:
        await app.initialize()
        await set_commands(app)
        await app.start()
        if settings.updates == "webhook":
            host, _, port = settings.webhook_listen.rpartition(":")
            await app.updater.start_webhook(
                listen=host,
                port=int(port),
                url_path="telegram",
                webhook_url=settings.webhook_url,
                secret_token=webhook_secret(app.bot.token),
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=drop_pending_updates,
            )
        else:
            await app.updater.start_polling(
                timeout=settings.poll_timeout,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=drop_pending_updates,
            )
    except TelegramError as exc:
        failure = BotStartError(f"Telegram bot could not start: {classify(exc).reason}")
    except RuntimeError as exc:  # e.g. webhooks without python-telegram-bot[webhooks]
        failure = BotStartError(redact(f"Telegram bot could not start: {exc}"))
    else:
        return
    raise failure  # outside the except: no __context__ holding the token


async def stop_bot(app: Application) -> None:
    """Stop polling, then handlers, then release connections; safe to call twice."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
