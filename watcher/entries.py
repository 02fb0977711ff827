"""What the poller hands to the pipeline for each entry it read, and the hashes that tell
a new entry from an updated one from one already known."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the sources import this module: a type-only import breaks the cycle
    from summariser.models import Document  # and the config loads it: keep it light
    from watcher.sources.base import SourceOptions

Outcome = Literal["new", "updated", "unchanged"]
_WS = re.compile(r"\s+")


def content_hash(title: str, body: str) -> str:
    """Hash of what the document says: title and main text, whitespace-normalised.
    Reader comments are left out on purpose: a new comment is not an updated report."""
    norm = _WS.sub(" ", f"{title}\n{body}").strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def entry_hash(*parts: str | None) -> str:
    """Hash of what a feed or listing says about an entry (id, link, title, updated, summary),
    so a known entry whose hash is unchanged need not be fetched again."""
    return hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class FetchedEntry:
    entry_key: str  # GUID/id, else the normalised link
    entry_hash: str
    document: Document  # ref and url are the entry's link
    content_hash: str
    deliver: bool = True  # False: read silently into state (first poll, older than the backfill)


Sink = Callable[["SourceOptions", FetchedEntry], Outcome]
"""The pipeline as the poller sees it: store, digest and queue one entry; say what it was.
Called from worker threads; must be thread-safe (it opens its own transaction)."""
