"""What every source kind shares: its options model and the registry by `kind`.

A new kind is one module with `class X(Source, kind="x")` and an `Options` model whose
`kind` is `Literal["x"]`, imported once in `watcher/sources/__init__.py`. The poller
fetches `options.url` (conditional GET) and hands the body to `parse`, a pure function
that says which entries the source lists now; reading each entry is the poller's job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar, Literal

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
    timezone: str = "Europe/London"  # where a timestamp written in UTC is given its date

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, v: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {v!r}; use an IANA name such as 'Europe/London'") from None
        return v

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


@dataclass(frozen=True, slots=True)
class Entry:
    """One publication as a feed or listing page announces it."""

    key: str  # GUID/id, else the normalised link
    hash: str  # of what the source says about it: unchanged hash -> not fetched again
    link: str | None
    title: str = ""
    published: date | None = None
    content_html: str = ""  # the feed's own content (full text or summary), if any

    @property
    def label(self) -> str:
        """How errors name this entry: its link, else its id, else its title (an entry known
        by a content hash is named by a short form of it when untitled)."""
        if self.link:
            return self.link
        if self.key.startswith("content:"):
            return self.title or f"untitled entry {self.key[8:20]}"
        return self.key or self.title or "(entry)"


@dataclass(frozen=True, slots=True)
class Listing:
    """What one poll found: entries newest first as the source lists them, problems with
    the source that did not stop it being read (a malformed feed), and entries that had
    to be left out, each with why."""

    entries: tuple[Entry, ...]
    warnings: tuple[str, ...] = ()
    rejected: tuple[tuple[str, str], ...] = ()  # (entry label, reason)


class Source:
    """Base of source kinds; subclasses register themselves by kind."""

    registry: ClassVar[dict[str, type[Source]]] = {}
    kind: ClassVar[str]
    Options: ClassVar[type[SourceOptions]] = SourceOptions
    accept: ClassVar[Literal["feed", "page", "pdf"]] = "page"  # what the listing URL serves

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

    def parse(self, body: bytes, headers: Mapping[str, str], url: str) -> Listing:
        """The entries the fetched listing holds. Pure. Raises ParseError when the body is
        not what this kind reads (an HTML page where a feed was expected)."""
        raise NotImplementedError
