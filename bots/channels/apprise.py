"""Any service Apprise speaks (Slack, Discord, Matrix, e-mail, ntfy, ...) by its URL."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from bots.channels.base import Channel, ChannelOptions


class AppriseOptions(ChannelOptions):
    kind: Literal["apprise"] = "apprise"
    url: str  # an Apprise URL, e.g. "slack://T000/B000/XXXX" or "ntfys://topic"; may hold secrets
    format: Literal["markdown", "text", "html"] = "markdown"

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        if "://" not in v:
            raise ValueError("must be an Apprise URL such as 'slack://...' or 'mailto://...'")
        return v.strip()


class AppriseChannel(Channel, kind="apprise"):
    Options = AppriseOptions
