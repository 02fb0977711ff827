"""The channel interface every destination implements, and the registry by `kind`.

A new chat service is one module with `class X(Channel, kind="x")` and an `Options`
model whose `kind` is `Literal["x"]`, imported once in `bots/channels/__init__.py`.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, field_validator

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

    def __init__(self, options: ChannelOptions) -> None:
        self.options = options

    @property
    def name(self) -> str:
        return self.options.name
