"""RSS 0.9x/1.0/2.0 and Atom feeds: fetched with requests, parsed by feedparser from bytes.

A malformed feed is data (feedparser's `bozo`): what can be read is read and the problem
reported. A body that is no feed at all (an HTML page, random bytes) is a ParseError.
Entity declarations are removed before parsing, so nested entities cannot expand.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any, Literal

import feedparser
from pydantic import Field

from watcher.entries import entry_hash
from watcher.errors import ParseError
from watcher.extract.dates import find_published
from watcher.extract.feedentry import entry_content_html, entry_date, html_fragment_text
from watcher.extract.htmltext import inline_text
from watcher.links import is_http, normalise_link
from watcher.sources.base import Entry, Listing, Source, SourceOptions

_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.S | re.I)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_ENTITY_VALUE = re.compile(rb"<!ENTITY\s+%?\s*[\w.:-]+\s+(?:\"([^\"]*)\"|'([^']*)')", re.I)
_ENTITY_REF = re.compile(rb"[&%]([\w.:-]+);")
_PREDEFINED = {b"amp", b"lt", b"gt", b"quot", b"apos"}
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body)", re.I | re.S)
MAX_KEY = 1000


class FeedOptions(SourceOptions):
    kind: Literal["feed"] = "feed"
    follow_links: bool = True  # fetch each entry's page for the full text
    fetch_pdfs: bool = True  # and the report PDF it links to
    use_feed_content: bool = True  # use full content in the feed when a page cannot be read
    max_entries: int = Field(default=100, ge=1, le=1000)


def defuse(body: bytes) -> tuple[bytes, list[str]]:
    """Entity declarations in a feed's DOCTYPE: entities defined through other entities
    (the "billion laughs" attack) make the feed refused (ParseError); plain ones are
    removed with the subset and reported, so nothing can expand whatever the parser
    underneath does."""
    head = body[:65536]
    if not _ENTITY_DECL.search(head):
        return body, []
    for double, single in _ENTITY_VALUE.findall(body[:1_000_000]):
        refs = {m.group(1).lower() for m in _ENTITY_REF.finditer(double or single)}
        if refs - _PREDEFINED:
            raise ParseError(
                "the feed defines XML entities through other entities "
                "(an entity-expansion attack); refused"
            )
    cleaned, n = _DOCTYPE_SUBSET.subn(b"", body, count=1)
    if n == 0:  # declarations outside a well-formed subset
        raise ParseError("the feed declares XML entities outside a well-formed DOCTYPE; refused")
    return cleaned, ["the feed declares XML entities; they were ignored"]


def looks_like_html(body: bytes, headers: Mapping[str, str]) -> bool:
    ctype = headers.get("content-type", "").lower()
    return "html" in ctype or bool(_HTML_START.match(body[:4096]))


def _html_error(body: bytes, headers: Mapping[str, str], url: str) -> ParseError:
    from watcher.extract.htmltext import parse_html
    from watcher.extract.meta import feed_links

    ctype = headers.get("content-type", "").split(";")[0].strip() or "no content type"
    feeds = feed_links(parse_html(body[:200_000]), url)
    hint = f"; the page names a feed at {feeds[0]}" if feeds else ""
    return ParseError(f"expected a feed but got an HTML page ({ctype}){hint}")


def _link(entry: Any) -> str | None:
    candidates = [entry.get("link")]
    candidates += [
        lk.get("href")
        for lk in entry.get("links") or []
        if lk.get("rel", "alternate") == "alternate"
    ]
    for c in candidates:
        if isinstance(c, str) and c.strip() and is_http(c.strip()):
            return c.strip()
    return None


def entry_from(parsed: Any) -> Entry:
    """One feedparser entry as an Entry. ValueError when it has nothing to identify it."""
    link = _link(parsed)
    ident = (parsed.get("id") or "").strip()
    title = inline_text(parsed.get("title"))[:300]
    content = entry_content_html(parsed)
    if ident:
        key = ident
    elif link:
        key = normalise_link(link)
    elif title:
        key = "title:" + hashlib.sha256(title.lower().encode()).hexdigest()[:32]
    else:
        raise ValueError("entry has no id, link or title")
    published = entry_date(parsed)
    if published is None and content:
        published, _ = find_published(html_fragment_text(content).split("\n"))
    digest = hashlib.sha256(content.encode("utf-8", "replace")).hexdigest()
    return Entry(
        key=key[:MAX_KEY],
        hash=entry_hash(key, link, title, parsed.get("updated") or parsed.get("published"), digest),
        link=link,
        title=title,
        published=published,
        content_html=content,
    )


def parse_feed(body: bytes, headers: Mapping[str, str], url: str, max_entries: int) -> Listing:
    """Pure: the entries of a feed body (newest first as the feed lists them)."""
    body, warnings = defuse(body)
    hdrs = {k.lower(): v for k, v in headers.items()}
    hdrs.setdefault("content-location", url)
    parsed = feedparser.parse(body, response_headers=hdrs)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        if looks_like_html(body, hdrs):
            raise _html_error(body, hdrs, url)
        reason = parsed.get("bozo_exception")
        raise ParseError(f"not a feed: {reason or 'no RSS or Atom found'}")
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        if not isinstance(exc, feedparser.CharacterEncodingOverride):
            warnings.append(f"malformed feed, read what could be read: {exc}")
    entries: list[Entry] = []
    rejected: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, raw in enumerate(parsed.entries[:max_entries]):
        try:
            entry = entry_from(raw)
        except ValueError as exc:
            rejected.append((f"entry {i + 1}", str(exc)))
            continue
        if entry.key in seen:
            continue
        seen.add(entry.key)
        entries.append(entry)
    if parsed.entries and not entries and rejected:
        warnings.append("no entry of the feed could be identified")
    return Listing(tuple(entries), tuple(warnings), tuple(rejected))


class FeedSource(Source, kind="feed"):
    Options = FeedOptions
    accept = "feed"

    def parse(self, body: bytes, headers: Mapping[str, str], url: str) -> Listing:
        assert isinstance(self.options, FeedOptions)
        return parse_feed(body, headers, url, self.options.max_entries)
