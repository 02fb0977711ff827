"""A web page to its publication text: the first site profile that recognises the page
extracts it (inspectorate, Blogger, WordPress, then the generic fallback)."""

from __future__ import annotations

import dataclasses

from watcher.extract.htmltext import check_depth, parse_html
from watcher.extract.meta import canonical_url, feed_links
from watcher.extract.page import PageText
from watcher.extract.profiles import PROFILES


def extract_html(
    markup: bytes | str, url: str | None = None, *, encoding: str | None = None
) -> PageText:
    """Title, main text, comments, date and report links of one page. Pure: no I/O.
    A page with no readable text gives a PageText whose body is empty; one nested absurdly
    deep is a ParseError. Without `url` (a
    saved page), the page's own canonical address stands in for it."""
    soup = parse_html(markup, encoding)
    check_depth(soup)
    url = url or canonical_url(soup)
    feeds = feed_links(soup, url)
    for profile in PROFILES:
        if not profile.matches(soup, url):
            continue
        result = profile.extract(soup, url, markup)
        if result is not None and result.body:
            return dataclasses.replace(result, feeds=feeds, url=url)
        soup = parse_html(markup, encoding)  # the profile may have pruned it before giving up
    return PageText(title="", body="", feeds=feeds, url=url)
