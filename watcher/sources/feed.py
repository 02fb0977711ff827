"""RSS 0.9x/1.0/2.0 and Atom feeds: fetched with requests, parsed by feedparser from bytes.

A malformed feed is data (feedparser's `bozo`): what can be read is read and the problem
reported. A body that is no feed at all (an HTML page, random bytes) is a ParseError.
Entity declarations are removed before parsing, so nested entities cannot expand; every
step before feedparser is linear in the body's size (watcher/sources/prescan.py). JSON Feed
is read too (watcher/sources/jsonfeed.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

import feedparser
from pydantic import Field

from state.clock import utcnow
from watcher.entries import entry_hash
from watcher.errors import ParseError
from watcher.extract.cleantext import clean_text
from watcher.extract.dates import find_published, plausible
from watcher.extract.feedentry import entry_content_html, entry_date, html_fragment_text
from watcher.extract.htmltext import inline_text
from watcher.links import is_http, normalise_link
from watcher.sources.base import Entry, Listing, Source, SourceOptions
from watcher.sources.jsonfeed import looks_like_json_feed, parse_json_feed
from watcher.sources.prescan import cut_entries, defuse, safe_charrefs, skip_prolog

MAX_KEY = 1000
_HTML_OPENERS = (b"<!doctype html", b"<html", b"<head", b"<body")

__all__ = ["FeedOptions", "FeedSource", "defuse", "entry_from", "parse_feed"]


class FeedOptions(SourceOptions):
    kind: Literal["feed"] = "feed"
    follow_links: bool = True  # fetch each entry's page for the full text
    fetch_pdfs: bool = True  # and the report PDF it links to
    use_feed_content: bool = True  # use full content in the feed when a page cannot be read
    max_entries: int = Field(default=100, ge=1, le=1000)


def looks_like_html(body: bytes, headers: Mapping[str, str]) -> bool:
    ctype = headers.get("content-type", "").lower()
    head = body[:4096]
    start = skip_prolog(head)
    return "html" in ctype or head[start : start + 14].lower().startswith(_HTML_OPENERS)


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


def entry_from(
    parsed: Any, zone: str | None = None, today: date | None = None
) -> tuple[Entry, str | None]:
    """One feed entry as an Entry, and a note on its date when one had to be dropped.
    Identified by its GUID, else its link, else a hash of its title, description and
    date, so an RSS item with only a description is read too. ValueError when empty."""
    link = _link(parsed)
    ident = clean_text(parsed.get("id") or "").strip()
    title = inline_text(clean_text(parsed.get("title")))[:300]
    content = clean_text(entry_content_html(parsed))
    stamp = clean_text(parsed.get("published") or parsed.get("updated") or "")
    if ident:
        key = ident
    elif link:
        key = normalise_link(link)
    elif title or content.strip() or stamp:
        key = "content:" + _sha("\x1f".join((title, content, stamp)))
    elif parsed:  # only an enclosure, an author, a place...: still an item readers show
        key = "content:" + _sha(json.dumps(parsed, sort_keys=True, default=str))
    else:
        raise ValueError("entry is empty: no id, link, title, description or anything else")
    published, note = entry_date(parsed, zone)
    if published is not None and today is not None:
        published, note = plausible(published, today)
    if published is None and content:
        try:
            published, _ = find_published(html_fragment_text(content).split("\n"))
        except ParseError:  # absurd markup: reading the entry will say so
            published = None
        if published is not None and today is not None:
            published, _ = plausible(published, today)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    entry = Entry(
        key=key[:MAX_KEY],
        hash=entry_hash(key, link, title, stamp, digest),
        link=link,
        title=title,
        published=published,
        content_html=content,
    )
    return entry, note


def _sha(text: str) -> str:
    return hashlib.sha256(clean_text(text).encode("utf-8")).hexdigest()


def _bozo_text(exc: object) -> str:
    """feedparser's complaint without the parser's "<unknown>:" file name."""
    text = str(exc).removeprefix("<unknown>:")
    parts = text.split(":", 2)
    if len(parts) == 3 and parts[0].isdigit() and parts[1].isdigit():
        text = f"line {parts[0]}, column {parts[1]}:{parts[2]}"
    return clean_text(text)[:300]


def _read_xml(body: bytes, hdrs: dict[str, str], url: str, max_entries: int) -> tuple[Any, list[str]]:
    """feedparser over the defused, cut body: the parsed feed and what was wrong with it."""
    body, warnings = defuse(body)
    body, bad = safe_charrefs(body)
    if bad:
        warnings.append(f"{bad} character reference(s) to no character were replaced")
    body, _cut = cut_entries(body, max_entries)
    try:
        parsed = feedparser.parse(body, response_headers=hdrs)
    except Exception as exc:  # a library failure on odd input: this feed only, one line
        raise ParseError(f"the feed could not be parsed: {type(exc).__name__}: {exc}") from None
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        if looks_like_html(body, hdrs):
            raise _html_error(body, hdrs, url)
        start = skip_prolog(body[:4096])
        if body[start : start + 1] in (b"{", b"["):
            raise ParseError("not a feed: the body is JSON, but not a JSON Feed")
        reason = parsed.get("bozo_exception")
        raise ParseError(f"not a feed: {_bozo_text(reason) if reason else 'no RSS or Atom found'}")
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        if not isinstance(exc, feedparser.CharacterEncodingOverride):
            warnings.append(f"malformed feed, read what could be read: {_bozo_text(exc)}")
    return parsed.entries, warnings


def parse_feed(
    body: bytes,
    headers: Mapping[str, str],
    url: str,
    max_entries: int,
    *,
    zone: str | None = None,
    today: date | None = None,
) -> Listing:
    """Pure: the entries of a feed body (newest first as the feed lists them), at most
    `max_entries`, cut before parsing. Dates more than a day after `today` are dropped."""
    hdrs = {k.lower(): v for k, v in headers.items()}
    hdrs.setdefault("content-location", url)
    if looks_like_json_feed(body, hdrs.get("content-type", "").lower()):
        raw_entries, warnings = parse_json_feed(body)
    else:
        raw_entries, warnings = _read_xml(body, hdrs, url, max_entries)
    entries: list[Entry] = []
    rejected: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_entries[:max_entries]):
        try:
            entry, note = entry_from(raw, zone, today)
        except ValueError as exc:
            rejected.append((f"entry {i + 1}", str(exc)))
            continue
        except Exception as exc:  # one odd item is reported against that item only
            rejected.append((f"entry {i + 1}", f"unreadable: {type(exc).__name__}: {exc}"[:300]))
            continue
        if note:
            warnings.append(f"{entry.label}: {note}")
        if entry.key in seen:
            continue
        seen.add(entry.key)
        entries.append(entry)
    if raw_entries and not entries and rejected:
        warnings.append("no entry of the feed could be identified")
    return Listing(tuple(entries), tuple(warnings), tuple(rejected))


class FeedSource(Source, kind="feed"):
    Options = FeedOptions
    accept = "feed"

    def parse(self, body: bytes, headers: Mapping[str, str], url: str) -> Listing:
        assert isinstance(self.options, FeedOptions)
        o = self.options
        return parse_feed(
            body, headers, url, o.max_entries, zone=o.timezone, today=utcnow().date()
        )
