"""A feed entry as a document in its own right: its own content (full or summary) when the
page it links to cannot be read, and for saved feeds that `replay` reads."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from summariser.models import Document
from watcher.extract import chrome
from watcher.extract.dates import find_published
from watcher.extract.htmltext import block_text, inline_text, parse_html
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
        strip_chrome(soup)
        text = block_text(soup)
    else:
        text = fragment
    return chrome.clean_text(text, header=False)


def entry_date(entry: Any) -> date | None:
    """The entry's published (else updated) date as the feed states it."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def document_from_feed_entry(entry: Any, ref_prefix: str = "", index: int = 0) -> Document:
    """The document an entry's own content makes: title, text, date (from the entry, else
    from the text, else undated), the link as url and ref (else `ref_prefix#id`)."""
    title = inline_text(entry.get("title"))[:300]
    body = html_fragment_text(entry_content_html(entry))
    published = entry_date(entry)
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
