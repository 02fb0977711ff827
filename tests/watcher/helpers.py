"""Watcher test helpers: configs pointing at the local feed server, a sink that stores
documents the way the pipeline does, and small builders for feeds and pages."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape
from typing import Any

from state import Store
from state import documents as documents_repo
from state import sources as sources_repo
from state.documents import DocumentRecord
from watcher.config import Config, FetchSettings, parse
from watcher.entries import FetchedEntry
from watcher.sources.base import SourceOptions

NOW = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)

FAST_FETCH = {
    "connect_timeout": "2s",
    "read_timeout": "2s",
    "deadline": "5s",
    "max_page_bytes": 2 * 1024 * 1024,
    "max_pdf_bytes": 4 * 1024 * 1024,
}


def make_config(sources: Iterable[dict[str, Any]], **fetch: Any) -> Config:
    """A validated Config with these sources and quick fetch limits (test-sized). The fetch
    section is validated on its own so sub-second timeouts ("0.3s") stay exact."""
    config = parse({"delivery": {"backfill": "3d"}, "sources": list(sources)}, environ={})
    settings = FetchSettings.model_validate({**FAST_FETCH, **fetch})
    return config.model_copy(update={"fetch": settings})


class StoreSink:
    """Stores each entry with state.documents.save, as the pipeline does (no figures),
    and remembers every call. Thread-safe."""

    def __init__(self, store: Store, fail_on: set[str] | None = None) -> None:
        self.store = store
        self.calls: list[tuple[str, FetchedEntry, str]] = []
        self.fail_on = fail_on or set()
        self._lock = threading.Lock()

    def __call__(self, options: SourceOptions, entry: FetchedEntry) -> str:
        if entry.entry_key in self.fail_on:
            raise RuntimeError("disk full")
        with self.store.transaction() as s:
            src = sources_repo.get(s, options.name)
            assert src is not None
            doc = entry.document
            _row, status = documents_repo.save(
                s,
                src.id,
                DocumentRecord(
                    entry_key=entry.entry_key,
                    ref=doc.ref,
                    title=doc.title,
                    body=doc.body,
                    content_hash=entry.content_hash,
                    url=doc.url,
                    published=doc.published,
                    kind=doc.kind,
                    comments=doc.comments,
                    entry_hash=entry.entry_hash,
                ),
                [],
                [],
            )
        with self._lock:
            self.calls.append((options.name, entry, status))
        return status

    def entries(self, source: str | None = None) -> list[FetchedEntry]:
        return [e for name, e, _ in self.calls if source is None or name == source]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()


# ---------------------------------------------------------------- builders


def rss(
    items: Iterable[dict[str, str]], title: str = "Test feed", link: str = "http://example.invalid/"
) -> str:
    """An RSS 2.0 feed; each item may have title, link, guid, pubDate, description, content."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{escape(title)}</title><link>{escape(link)}</link>",
        "<description>test</description>",
    ]
    for it in items:
        parts.append("<item>")
        for tag in ("title", "link", "guid", "pubDate", "description"):
            if tag in it:
                parts.append(f"<{tag}>{escape(it[tag])}</{tag}>")
        if "content" in it:
            parts.append(f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)


def atom(entries: Iterable[dict[str, str]], title: str = "Test blog") -> str:
    """An Atom feed in Blogger's shape; entries take id, title, link, published, updated, content."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<id>tag:blogger.com,1999:blog-1</id><title>{escape(title)}</title>",
        "<updated>2026-10-20T08:00:00Z</updated>",
    ]
    for e in entries:
        parts.append("<entry>")
        if "id" in e:
            parts.append(f"<id>{escape(e['id'])}</id>")
        if "title" in e:
            parts.append(f"<title type='text'>{escape(e['title'])}</title>")
        for tag in ("published", "updated"):
            if tag in e:
                parts.append(f"<{tag}>{e[tag]}</{tag}>")
        if "link" in e:
            parts.append(f"<link rel='alternate' type='text/html' href='{escape(e['link'])}'/>")
        if "content" in e:
            parts.append(f"<content type='html'>{escape(e['content'])}</content>")
        parts.append("</entry>")
    parts.append("</feed>")
    return "\n".join(parts)


def article(
    title: str, paragraphs: Iterable[str], *, published: str | None = None, extra: str = ""
) -> str:
    """A plain article page on an unknown site, with navigation and a footer around it."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{escape(title)} | Site</title>{meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news/'>News 2026</a></nav>"
        f"<main><article><h1>{escape(title)}</h1>{body}{extra}</article></main>"
        "<footer>Copyright 2026. 12 Example Street.</footer></body></html>"
    )
