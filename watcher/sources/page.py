"""An HTML listing page whose links (picked by a CSS selector, optionally filtered by a
regular expression) are the publications: for a site whose feed is missing or incomplete."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from bs4 import Tag
from pydantic import Field, field_validator

from watcher.entries import entry_hash
from watcher.errors import ParseError
from watcher.extract.dates import parse_date
from watcher.extract.htmltext import inline_text, parse_html
from watcher.links import is_http, normalise_link
from watcher.sources.base import Entry, Listing, Source, SourceOptions
from watcher.sources.prescan import skip_prolog

_CONTAINERS = ["li", "article", "tr", "dt", "dd", "section"]
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:RDF")


class PageOptions(SourceOptions):
    kind: Literal["page"] = "page"
    selector: str = "a[href]"  # CSS selector for links to publications
    link_pattern: str | None = None  # regular expression the link URL must match
    fetch_pdfs: bool = True
    max_entries: int = Field(default=50, ge=1, le=1000)

    @field_validator("selector")
    @classmethod
    def _selector(cls, v: str) -> str:
        import soupsieve

        try:
            soupsieve.compile(v)
        except (soupsieve.SelectorSyntaxError, ValueError, TypeError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ValueError(f"not a valid CSS selector: {first}") from None
        return v

    @field_validator("link_pattern")
    @classmethod
    def _pattern(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            re.compile(v)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from None
        return v


def _is_xml_feed(head: bytes) -> bool:
    """Whether the body opens as an RSS, Atom or RDF feed (a linear scan of its prolog)."""
    start = skip_prolog(head)
    return any(
        head.startswith(root, start) and head[start + len(root) : start + len(root) + 1] in b" \t\r\n>/"
        for root in _FEED_ROOTS
    )


def _date_near(el: Tag):
    """A date next to the link: a <time datetime> in its list item or row, else a short
    date written there ("14 October 2026")."""
    box = el if el.name != "a" else (el.find_parent(_CONTAINERS) or el.parent)
    if not isinstance(box, Tag):
        return None
    for t in box.find_all("time"):
        d = parse_date(str(t.get("datetime") or "")) or parse_date(t.get_text(" "))
        if d:
            return d
    text = box.get_text(" ")
    return parse_date(text) if len(text) < 400 else None


def parse_listing(
    body: bytes,
    headers: Mapping[str, str],
    url: str,
    selector: str,
    link_pattern: str | None,
    max_entries: int,
) -> Listing:
    """Pure: the publications a listing page links to, in page order."""
    ctype = {k.lower(): v for k, v in headers.items()}.get("content-type", "").lower()
    if "pdf" in ctype or body[:5] == b"%PDF-":
        raise ParseError("expected an HTML listing page but got a PDF")
    if _is_xml_feed(body[:4096]):
        raise ParseError('expected an HTML listing page but got a feed; use kind = "feed"')
    charset = re.search(r"charset=([\w-]+)", ctype)
    soup = parse_html(body, charset.group(1) if charset else None)
    if soup.find(True) is None:
        raise ParseError("not an HTML page: no markup found")
    pattern = re.compile(link_pattern) if link_pattern else None
    entries: list[Entry] = []
    seen: set[str] = set()
    matched = 0
    for el in soup.select(selector):
        a = el if el.name == "a" and el.get("href") else el.find("a", href=True)
        if not isinstance(a, Tag):
            continue
        matched += 1
        link = normalise_link(str(a.get("href", "")), base=url)
        if not is_http(link) or link in seen:
            continue
        if pattern is not None and not pattern.search(link):
            continue
        seen.add(link)
        title = inline_text(a.get_text(" ")) or inline_text(str(a.get("title") or ""))
        published = _date_near(el)
        entries.append(
            Entry(
                key=link,
                hash=entry_hash(link, title, published.isoformat() if published else None),
                link=link,
                title=title[:300],
                published=published,
            )
        )
        if len(entries) >= max_entries:
            break
    warnings = []
    if not matched:
        warnings.append(f"the selector {selector!r} matched no links on the page")
    elif not entries and pattern is not None:
        warnings.append(f"no link on the page matched link_pattern {link_pattern!r}")
    return Listing(tuple(entries), tuple(warnings))


class PageSource(Source, kind="page"):
    Options = PageOptions
    accept = "page"

    def parse(self, body: bytes, headers: Mapping[str, str], url: str) -> Listing:
        o = self.options
        assert isinstance(o, PageOptions)
        return parse_listing(body, headers, url, o.selector, o.link_pattern, o.max_entries)
