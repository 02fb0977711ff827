"""What every source kind shares: its options model and the registry by `kind`.

A new kind is one module with `class X(Source, kind="x")` and an `Options` model whose
`kind` is `Literal["x"]`, imported once in `watcher/sources/__init__.py`.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from watcher.durations import Duration

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}$")


def check_http_url(value: str) -> str:
    from urllib.parse import urlsplit

    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"must be an http(s) URL, got {value!r}")
    if not parts.hostname:
        raise ValueError(f"has no host: {value!r}")
    return value


class SourceOptions(BaseModel):
    """Options every source has. Kind-specific options are declared in the kind's module."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: str
    url: str
    interval: Duration = Field(default=timedelta(minutes=30))
    tags: tuple[str, ...] = ()
    enabled: bool = True

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not _NAME.match(v):
            raise ValueError("use 1-80 letters, digits, spaces, dots, dashes or underscores")
        return v

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return check_http_url(v)

    @field_validator("interval")
    @classmethod
    def _interval(cls, v: timedelta) -> timedelta:
        if v.total_seconds() < 1:
            raise ValueError("must be at least one second")
        return v

    @field_validator("tags")
    @classmethod
    def _tags(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(t.strip().lower() for t in v if t.strip())


class Source:
    """Base of source kinds; subclasses register themselves by kind."""

    registry: ClassVar[dict[str, type[Source]]] = {}
    kind: ClassVar[str]
    Options: ClassVar[type[SourceOptions]] = SourceOptions

    def __init_subclass__(cls, kind: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if kind is None:
            return
        if kind in Source.registry:
            raise TypeError(f"source kind {kind!r} registered twice")
        cls.kind = kind
        Source.registry[kind] = cls

    def __init__(self, options: SourceOptions) -> None:
        self.options = options

    @property
    def name(self) -> str:
        return self.options.name
