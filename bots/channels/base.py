"""The channel interface every destination implements, and the registry by `kind`.

A new chat service is one module with `class X(Channel, kind="x")` and an `Options`
model whose `kind` is `Literal["x"]`, imported once in `bots/channels/__init__.py`.

A channel renders an item (digest, daily digest, notice) into the parts it sends, sends
one part and returns the service's message id, and raises one of `bots.channels.errors`
when that fails. The delivery worker owns retries, rate limits and the outbox.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, field_validator

from bots.channels.messages import DailyItem, DigestItem, Item, NoticeItem, Part
from bots.ratelimit import Limit

if TYPE_CHECKING:  # rendering is imported when used: the config loads this module
    from bots.render.document import Doc

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class ChannelOptions(BaseModel):
    """Options every `[[channels]]` entry has."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: str
    # What this destination receives: every digest by default, or only these.
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not _NAME.match(v):
            raise ValueError("use 1-64 letters, digits, dots, dashes or underscores")
        return v


class Channel:
    """Base of channel kinds; subclasses register themselves by kind."""

    registry: ClassVar[dict[str, type[Channel]]] = {}
    kind: ClassVar[str]
    Options: ClassVar[type[ChannelOptions]] = ChannelOptions

    def __init_subclass__(cls, kind: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if kind is None:
            return
        if kind in Channel.registry:
            raise TypeError(f"channel kind {kind!r} registered twice")
        cls.kind = kind
        Channel.registry[kind] = cls

    def __init__(self, options: ChannelOptions, *, max_figures: int = 6) -> None:
        self.options = options
        self.max_figures = max_figures

    @property
    def name(self) -> str:
        return self.options.name

    @property
    def key(self) -> str:
        """How chats and the worker name this destination: "apprise:team-slack"."""
        return f"{self.kind}:{self.name}"

    def document(self, item: Item) -> Doc:
        """The channel-independent document for an item."""
        from bots.render.digest import daily_doc, digest_doc, notice_doc

        if isinstance(item, DigestItem):
            return digest_doc(item.digest, max_figures=self.max_figures)
        if isinstance(item, DailyItem):
            return daily_doc(item.day, item.digests)
        if isinstance(item, NoticeItem):
            return notice_doc(item.text)
        raise TypeError(f"cannot render {type(item).__name__}")

    def render(self, item: Item) -> list[Part]:
        """The parts to send, in order. Pure: the same item always gives the same parts."""
        raise NotImplementedError

    async def send_part(self, address: str, part: Part, chat_type: str = "private") -> str:
        """Send one part; returns the message id. Raises a `DeliveryError` subclass."""
        raise NotImplementedError

    async def send(self, address: str, message: Part | Item, chat_type: str = "private") -> str:
        """Send a rendered part, or render an item and send all its parts; the last id."""
        parts = [message] if isinstance(message, Part) else self.render(message)
        message_id = ""
        for part in parts:
            message_id = await self.send_part(address, part, chat_type)
        return message_id

    def rate_limits(self, address: str, chat_type: str) -> list[Limit]:
        """Limits a send to this address must respect (none unless the service has some)."""
        return []

    async def start(self) -> None:
        """Open connections; sending also works without it."""

    async def close(self) -> None:
        """Release connections."""
