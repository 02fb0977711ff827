"""JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1), read into the same feedparser-like
entries as RSS and Atom, so one path identifies, cleans and dates every item."""

from __future__ import annotations

import json
from typing import Any

from watcher.errors import ParseError
from watcher.sources.prescan import skip_prolog

_MARK = b"jsonfeed.org/version/"


def looks_like_json_feed(body: bytes, content_type: str) -> bool:
    head = body[:4096]
    start = skip_prolog(head)
    if head[start : start + 1] != b"{":
        return False
    return _MARK in head or "feed+json" in content_type


def _author(item: dict) -> str:
    authors = item.get("authors") or (
        [item["author"]] if isinstance(item.get("author"), dict) else []
    )
    names = [
        a.get("name") for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)
    ]
    return ", ".join(names)


def _entry(item: Any) -> dict | None:
    """One JSON Feed item as the keys `entry_from` reads from a feedparser entry."""
    if not isinstance(item, dict):
        return None
    ident = item.get("id")
    html, text = item.get("content_html"), item.get("content_text")
    content = html if isinstance(html, str) else ""
    if not content and isinstance(text, str):
        content = text
    out = {
        "id": str(ident) if isinstance(ident, str | int) and not isinstance(ident, bool) else "",
        "link": item.get("url") if isinstance(item.get("url"), str) else None,
        "title": item.get("title") if isinstance(item.get("title"), str) else "",
        "summary": item.get("summary") if isinstance(item.get("summary"), str) else "",
        "content": [{"value": content}] if content else [],
        "published": item.get("date_published")
        if isinstance(item.get("date_published"), str)
        else None,
        "updated": item.get("date_modified")
        if isinstance(item.get("date_modified"), str)
        else None,
        "author": _author(item),
    }
    if not out["link"] and isinstance(item.get("external_url"), str):
        out["link"] = item["external_url"]
    return out


def parse_json_feed(body: bytes) -> tuple[list[dict], list[str]]:
    """The items of a JSON Feed, and warnings. ParseError when it is no JSON Feed."""
    try:
        data = json.loads(body.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"not a JSON Feed: {str(exc).splitlines()[0][:200]}") from None
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, str) or "jsonfeed.org/version/" not in version:
        raise ParseError("not a JSON Feed: no jsonfeed.org version")
    items = data.get("items")
    if not isinstance(items, list):
        raise ParseError("not a JSON Feed: it has no list of items")
    entries, warnings = [], []
    for item in items:
        e = _entry(item)
        if e is None:
            warnings.append("a JSON Feed item is not an object; left out")
        else:
            entries.append(e)
    return entries, warnings
