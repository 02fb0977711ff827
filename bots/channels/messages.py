"""What the worker asks a channel to deliver, and the parts a channel sends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # annotations only: the config loads this module, keep it light
    from summariser.models import Digest


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One digest, sent as soon as it is due."""

    digest: Digest


@dataclass(frozen=True, slots=True)
class DailyItem:
    """The day's digests for a chat in daily mode, in one message."""

    day: date
    digests: tuple[Digest, ...]


@dataclass(frozen=True, slots=True)
class NoticeItem:
    """A short operator notice (a source failing or recovered) for an admin."""

    text: str


Item = DigestItem | DailyItem | NoticeItem


@dataclass(frozen=True, slots=True)
class Part:
    """One message as a channel sends it: already rendered for that channel."""

    text: str
    format: Literal["html", "markdown", "text"] = "text"
    title: str = ""
    preview: bool = False  # link previews (off for digests)
    photo: bytes | None = None  # when set, `text` is the caption
    links: tuple[tuple[str, str], ...] = ()  # (label, URL) buttons under the message
