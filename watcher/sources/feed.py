"""RSS 0.9x/1.0/2.0 and Atom feeds: fetched with requests, parsed by feedparser from bytes."""

from __future__ import annotations

from typing import Literal

from watcher.sources.base import Source, SourceOptions


class FeedOptions(SourceOptions):
    kind: Literal["feed"] = "feed"
    follow_links: bool = True  # fetch each entry's page for the full text
    fetch_pdfs: bool = True  # and the report PDF it links to
    use_feed_content: bool = True  # use full content in the feed when a page cannot be read
    max_entries: int = 100


class FeedSource(Source, kind="feed"):
    Options = FeedOptions
