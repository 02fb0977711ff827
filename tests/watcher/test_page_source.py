"""The page kind's parsing (pure): links picked by selector and pattern, dates beside them,
and bodies that are no listing page."""

from __future__ import annotations

from datetime import date

import pytest

from watcher.config import ConfigError, parse
from watcher.errors import ParseError
from watcher.sources.page import parse_listing

URL = "https://hmiprobation.justiceinspectorates.gov.uk/news/"
LISTING = """<!doctype html><html><head><title>News</title></head><body>
<nav><a href="/">Home</a><a href="/about/">About</a></nav>
<main><ul class="news">
  <li><a href="/news/eastmoor-inadequate/">Eastmoor PDU rated Inadequate</a>
      <time datetime="2026-09-09T09:00:00+00:00">9 September 2026</time></li>
  <li><a href="https://hmiprobation.justiceinspectorates.gov.uk/news/westshire-good/?utm_source=home#top">Westshire PDU rated <em>Good</em></a>
      <span>2 October 2026</span></li>
  <li><a href="/news/eastmoor-inadequate/">Eastmoor again (same link)</a></li>
  <li><a href="/document/annual-report-2026/">Annual report</a></li>
  <li><a href="mailto:press@example.org">Press office</a></li>
</ul></main>
<footer><a href="/privacy/">Privacy</a></footer></body></html>"""


def parse_page(selector: str = "ul.news a", pattern: str | None = None, body: str = LISTING, **kw):
    headers = kw.pop("headers", {"content-type": "text/html; charset=utf-8"})
    return parse_listing(body.encode(), headers, URL, selector, pattern, kw.pop("max_entries", 50))


def test_links_by_selector_normalised_and_deduplicated() -> None:
    listing = parse_page()
    assert [e.key for e in listing.entries] == [
        "https://hmiprobation.justiceinspectorates.gov.uk/news/eastmoor-inadequate/",
        "https://hmiprobation.justiceinspectorates.gov.uk/news/westshire-good/",
        "https://hmiprobation.justiceinspectorates.gov.uk/document/annual-report-2026/",
    ]
    first, second, third = listing.entries
    assert (first.title, first.published) == ("Eastmoor PDU rated Inadequate", date(2026, 9, 9))
    assert (second.title, second.published) == ("Westshire PDU rated Good", date(2026, 10, 2))
    assert third.published is None
    assert first.link == first.key and len({e.hash for e in listing.entries}) == 3


def test_link_pattern_and_container_selectors() -> None:
    listing = parse_page("ul.news li", pattern=r"/news/")
    assert [e.title for e in listing.entries] == [
        "Eastmoor PDU rated Inadequate",
        "Westshire PDU rated Good",
    ]
    assert len(parse_page(max_entries=1).entries) == 1


def test_nothing_matched_is_a_warning_not_an_error() -> None:
    assert parse_page("ol.missing a").warnings == (
        "the selector 'ol.missing a' matched no links on the page",
    )
    assert parse_page(pattern=r"/nowhere/").warnings == (
        "no link on the page matched link_pattern '/nowhere/'",
    )


@pytest.mark.parametrize(
    ("body", "ctype", "message"),
    [
        (
            "<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>",
            "application/rss+xml",
            "got a feed",
        ),
        ("%PDF-1.4 ...", "application/pdf", "got a PDF"),
        ("", "text/html", "not an HTML page"),
    ],
)
def test_bodies_that_are_no_listing(body: str, ctype: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_page(body=body, headers={"content-type": ctype})


def test_bad_selector_or_pattern_stops_the_config() -> None:
    with pytest.raises(ConfigError) as info:
        parse(
            {
                "sources": [
                    {"name": "a", "kind": "page", "url": URL, "selector": "ul[[news"},
                    {"name": "b", "kind": "page", "url": URL, "link_pattern": "(unclosed"},
                    {"name": "c", "kind": "rss", "url": URL},
                ]
            },
            environ={},
        )
    problems = info.value.problems
    assert problems[0].startswith("sources[0].selector: not a valid CSS selector")
    assert problems[1].startswith("sources[1].link_pattern: not a valid regular expression")
    assert problems[2] == "sources[2]: unknown kind 'rss'; valid kinds: feed, page"
