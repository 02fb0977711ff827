"""Telegram through python-telegram-bot; configured by the `[telegram]` section."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bots.channels.base import Channel, ChannelOptions
from bots.channels.errors import DeliveryError, TemporaryFailure
from bots.channels.messages import DigestItem, Item, Part
from bots.ratelimit import Limit
from bots.redaction import protect, redact

# python-telegram-bot and the renderers are imported when a channel is built or sends, not
# when the config (which validates TelegramSettings) loads: `inspectwatch check` stays quick.
if TYPE_CHECKING:
    from telegram import Bot, InlineKeyboardMarkup

TELEGRAM_API = "https://api.telegram.org"
_CHAT = re.compile(r"^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$")


class TelegramSettings(BaseModel):
    """The `[telegram]` section. The token is never here: TELEGRAM_BOT_TOKEN or `token_file`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api_base_url: str = TELEGRAM_API  # a self-hosted Bot API server, or a local fake in tests
    token_file: str | None = None
    channels: tuple[str, ...] = ()  # chats or @channels that receive every digest
    admins: tuple[int, ...] = ()  # user ids allowed /stats and told about failing sources
    updates: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1:8443"
    rate_overall: float = Field(default=30.0, gt=0)  # messages per second, all chats
    rate_per_chat: float = Field(default=1.0, gt=0)  # messages per second, one chat
    rate_per_group: float = Field(default=20.0, gt=0)  # messages per minute, one group
    request_timeout: float = Field(default=20.0, gt=0)  # seconds for one Bot API call
    poll_timeout: float = Field(default=30.0, ge=0)  # getUpdates long-poll seconds

    @field_validator("api_base_url")
    @classmethod
    def _base(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError(f"must be an http(s) URL, got {v!r}")
        return v.rstrip("/")

    @field_validator("channels")
    @classmethod
    def _channels(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for c in v:
            if not _CHAT.match(str(c)):
                raise ValueError(f"{c!r} is not a chat id or @channelname")
        return tuple(str(c) for c in v)

    @property
    def bot_base_url(self) -> str:
        """What python-telegram-bot's `base_url` takes (it appends the token)."""
        return f"{self.api_base_url}/bot"

    @property
    def bot_file_url(self) -> str:
        return f"{self.api_base_url}/file/bot"


class TelegramOptions(ChannelOptions):
    kind: Literal["telegram"] = "telegram"


def chat_id(address: str) -> int | str:
    """Numeric ids as int, @channelnames as they are."""
    return int(address) if address.lstrip("-").isdigit() else address


def make_bot(token: str, settings: TelegramSettings, *, pool: int = 8) -> Bot:
    """A Bot on `api_base_url` with bounded timeouts; the token registered for redaction."""
    from telegram import Bot
    from telegram.request import HTTPXRequest

    protect(token)
    request = HTTPXRequest(
        connection_pool_size=pool,
        connect_timeout=min(10.0, settings.request_timeout),
        read_timeout=settings.request_timeout,
        write_timeout=settings.request_timeout,
        pool_timeout=settings.request_timeout,
    )
    return Bot(
        token,
        base_url=settings.bot_base_url,
        base_file_url=settings.bot_file_url,
        request=request,
    )


def telegram_limits(s: TelegramSettings, address: str, chat_type: str) -> list[Limit]:
    """The limits one send to `address` respects; digests and command replies share them."""
    limits = [
        Limit.rate("telegram", s.rate_overall, shared=True),
        Limit.rate(f"telegram:{address}", s.rate_per_chat),
    ]
    if chat_type in ("group", "supergroup", "channel"):
        count = max(1, math.floor(s.rate_per_group))
        limits.append(Limit(f"telegram:{address}:minute", count, 60.0 * count / s.rate_per_group))
    return limits


def report_links(item: Item) -> tuple[tuple[str, str], ...]:
    """ "Read the report" (the digest's URL) and "PDF" when the document read was a PDF
    elsewhere; only http(s) URLs, which Telegram accepts on a button."""
    if not isinstance(item, DigestItem):
        return ()
    digest = item.digest
    out: list[tuple[str, str]] = []
    if _web(digest.url):
        out.append(("Read the report", digest.url))
    pdf = _web(digest.document) and urlsplit(digest.document).path.lower().endswith(".pdf")
    if pdf and digest.document != digest.url:
        out.append(("PDF", digest.document))
    return tuple(out)


def _web(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme in ("http", "https") and len(url) <= 2000


def link_buttons(links: tuple[tuple[str, str], ...]) -> InlineKeyboardMarkup | None:
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup

    if not links:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, url=url) for label, url in links]])


class TelegramChannel(Channel, kind="telegram"):
    """Sends to Telegram chats by id or @channelname, in HTML parse mode."""

    Options = TelegramOptions

    def __init__(
        self,
        settings: TelegramSettings,
        token: str,
        *,
        max_figures: int = 6,
        bot: Bot | None = None,
    ) -> None:
        super().__init__(TelegramOptions(name="telegram"), max_figures=max_figures)
        self.settings = settings
        self.bot = bot or make_bot(token, settings)
        self._ready = False

    @property
    def key(self) -> str:
        return "telegram"

    def render(self, item: Item) -> list[Part]:
        from bots.render.telegram_html import to_html

        doc = self.document(item)
        texts = to_html(doc)
        links = report_links(item)
        return [
            Part(
                text,
                format="html",
                title=doc.title,
                preview=doc.preview,
                links=links if i == len(texts) - 1 else (),
            )
            for i, text in enumerate(texts)
        ]

    def photo(self, png: bytes, caption_doc) -> Part:
        from bots.render.telegram_html import to_caption

        return Part(to_caption(caption_doc), format="html", photo=png)

    def rate_limits(self, address: str, chat_type: str) -> list[Limit]:
        return telegram_limits(self.settings, address, chat_type)

    async def start(self) -> None:
        if self._ready:
            return
        from telegram.error import TelegramError

        from bots.channels.telegram_errors import classify

        failure: DeliveryError | None = None
        try:
            await self.bot.initialize()
        except TelegramError as exc:
            failure = classify(exc)
        except Exception as exc:  # anything the HTTP stack throws is transient
            failure = TemporaryFailure(redact(f"cannot reach Telegram: {exc!r}"))
        if failure is not None:
            raise failure  # outside the except: no __context__ holding the token
        self._ready = True

    async def close(self) -> None:
        if self._ready:
            self._ready = False
            await self.bot.shutdown()

    async def send_part(
        self,
        address: str,
        part: Part,
        chat_type: str = "private",
        *,
        silent: bool = False,
        preview: bool | None = None,
        thread_id: int | None = None,
    ) -> str:
        """One part; `silent` (a muted chat), `preview` (the chat's link previews, else the
        part's), `thread_id` (a forum topic) come from the chat's settings."""
        await self.start()
        from telegram import LinkPreviewOptions
        from telegram.constants import ParseMode
        from telegram.error import TelegramError

        from bots.channels.telegram_errors import classify

        mode = ParseMode.HTML if part.format == "html" else None
        common = {
            "parse_mode": mode,
            "disable_notification": silent or None,
            "message_thread_id": thread_id,
            "reply_markup": link_buttons(part.links),
        }
        failure: DeliveryError | None = None
        try:
            if part.photo is not None:
                message = await self.bot.send_photo(
                    chat_id(address), photo=part.photo, caption=part.text or None, **common
                )
            else:
                shown = part.preview if preview is None else preview
                message = await self.bot.send_message(
                    chat_id(address),
                    part.text,
                    link_preview_options=LinkPreviewOptions(is_disabled=not shown),
                    **common,
                )
        except TelegramError as exc:
            failure = classify(exc, chat_type)
        if failure is not None:
            raise failure
        return str(message.message_id)
