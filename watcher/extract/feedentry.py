"""A feed entry as a document in its own right: its own content (full or summary) when the
page it links to cannot be read, and for saved feeds that `replay` reads."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from summariser.models import Document
from watcher.extract import chrome
from watcher.extract.cleantext import clean_text
from watcher.extract.dates import Impossible, find_published, timestamp_date
from watcher.extract.htmltext import block_text, check_depth, inline_text, parse_html
from watcher.links import is_http


def entry_content_html(entry: Any) -> str:
    """The fullest text a feed gives for an entry: the longest content, else the summary."""
    best = ""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if len(value) > len(best):
            best = value
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def html_fragment_text(fragment: str) -> str:
    """Feed content (HTML, or plain text) as tidy paragraphs without share/related chrome."""
    if not fragment.strip():
        return ""
    if "<" in fragment:
        from watcher.extract.page import strip_chrome

        soup = parse_html(fragment)
        check_depth(soup)
        strip_chrome(soup)
        text = block_text(soup)
    else:
        text = fragment
    return chrome.clean_text(text, header=False)


def entry_date(entry: Any, zone: str | None = None) -> tuple[date | None, str | None]:
    """The entry's published (else updated) date as its publisher's calendar shows it: the
    timestamp read in its own offset (see `timestamp_date`), feedparser's UTC reading only
    for forms we do not know. An impossible date is missing, with a note saying so."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        try:
            found = timestamp_date(raw.strip(), zone)
        except Impossible:
            return None, f"impossible date {raw.strip()[:60]!r}; treated as undated"
        if found is not None:
            return found, None
        value = entry.get(f"{key}_parsed")
        if isinstance(value, time.struct_time):
            try:
                return _utc_in_zone(value, zone), None
            except (ValueError, OverflowError):
                continue
    return None, None


def _utc_in_zone(value: time.struct_time, zone: str | None) -> date:
    from datetime import UTC, datetime

    from watcher.extract.dates import _zone

    stamp = datetime(*value[:6], tzinfo=UTC)
    return stamp.astimezone(_zone(zone)).date()


def document_from_feed_entry(entry: Any, ref_prefix: str = "", index: int = 0) -> Document:
    """The document an entry's own content makes: title, text, date (from the entry, else
    from the text, else undated), the link as url and ref (else `ref_prefix#id`)."""
    title = inline_text(clean_text(entry.get("title")))[:300]
    body = html_fragment_text(clean_text(entry_content_html(entry)))
    published, _ = entry_date(entry)
    if published is None and body:
        published, _ = find_published(body.split("\n"))
    link = (entry.get("link") or "").strip() or None
    if link and not is_http(link):
        link = None  # an RSS guid taken for a permalink ("urn:...")
    ident = (entry.get("id") or "").strip() or str(index)
    return Document(
        ref=link or f"{ref_prefix}#{ident}",
        title=title,
        body=body,
        url=link,
        published=published,
        kind="post",
    )
