"""An HTML listing page whose links (picked by a CSS selector) are the new publications."""

from __future__ import annotations

from typing import Literal

from watcher.sources.base import Source, SourceOptions


class PageOptions(SourceOptions):
    kind: Literal["page"] = "page"
    selector: str = "a[href]"  # CSS selector for links to publications
    link_pattern: str | None = None  # regular expression the link URL must match
    fetch_pdfs: bool = True
    max_entries: int = 50


class PageSource(Source, kind="page"):
    Options = PageOptions
