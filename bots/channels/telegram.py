"""Telegram through python-telegram-bot; configured by the `[telegram]` section."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bots.channels.base import Channel, ChannelOptions

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


class TelegramOptions(ChannelOptions):
    kind: Literal["telegram"] = "telegram"


class TelegramChannel(Channel, kind="telegram"):
    Options = TelegramOptions
