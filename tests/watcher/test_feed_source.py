"""The feed kind's parsing (pure): dialects, identity, hashes, and every bad body."""

from __future__ import annotations

import os
import time
from datetime import date

import pytest

from tests.watcher.helpers import atom, rss
from watcher.errors import ParseError
from watcher.sources.feed import defuse, parse_feed

URL = "https://hmiprobation.justiceinspectorates.gov.uk/feed/"
RSS_HEADERS = {"content-type": "application/rss+xml; charset=UTF-8"}


def parse(body: str | bytes, headers: dict | None = None, max_entries: int = 100):
    data = body.encode() if isinstance(body, str) else body
    return parse_feed(data, headers or RSS_HEADERS, URL, max_entries)


def test_wordpress_rss_entries_with_guid_date_and_content() -> None:
    listing = parse(
        rss(
            [
                {
                    "title": "An inspection of probation services in Northshire PDU",
                    "link": "https://hmiprobation.justiceinspectorates.gov.uk/document/northshire-pdu-2026/?utm_source=rss",
                    "guid": "https://hmiprobation.justiceinspectorates.gov.uk/?p=4321",
                    "pubDate": "Wed, 14 Oct 2026 09:30:00 +0000",
                    "description": "Inspectors rated the PDU Requires improvement.",
                    "content": "<p>Inspectors found that only <b>42%</b> of cases were well assessed.</p>",
                }
            ]
        )
    )
    assert listing.warnings == () and listing.rejected == ()
    (e,) = listing.entries
    assert e.key == "https://hmiprobation.justiceinspectorates.gov.uk/?p=4321"
    assert e.link.endswith("/document/northshire-pdu-2026/?utm_source=rss")
    assert e.title == "An inspection of probation services in Northshire PDU"
    assert e.published == date(2026, 10, 14)
    assert "<b>42%</b>" in e.content_html  # the fuller content wins over the description
    assert len(e.hash) == 64


def test_blogger_atom_and_rss1() -> None:
    listing = parse(
        atom(
            [
                {
                    "id": "tag:blogger.com,1999:blog-1.post-99",
                    "title": "Another Inspection",
                    "link": "https://probationmatters.blogspot.com/2026/10/another-inspection.html",
                    "published": "2026-10-13T08:12:00.000+01:00",
                    "updated": "2026-10-13T09:00:00.000+01:00",
                    "content": "<div>Post body with 3 figures.</div>",
                }
            ]
        ),
        {"content-type": "application/atom+xml"},
    )
    (e,) = listing.entries
    assert e.key == "tag:blogger.com,1999:blog-1.post-99"
    assert e.published == date(2026, 10, 13)
    rdf = (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="https://x.org/"><title>T</title><link>https://x.org/</link></channel>'
        '<item rdf:about="https://x.org/a"><title>A</title><link>https://x.org/a</link>'
        "<dc:date>2026-10-01</dc:date></item></rdf:RDF>"
    )
    (r,) = parse(rdf).entries
    assert r.link == "https://x.org/a" and r.published == date(2026, 10, 1)


def test_entry_identity_falls_back_to_normalised_link_then_content_hash() -> None:
    listing = parse(
        rss(
            [
                {"title": "No guid", "link": "https://Example.org/post/?utm_medium=feed#top"},
                {"title": "Neither guid nor link", "description": "Text only."},
                {"description": "Only a description, as RSS 2.0 allows."},
                {"title": "Neither guid nor link", "description": "Other text."},
            ]
        )
    )
    keys = [e.key for e in listing.entries]
    assert keys[0] == "https://example.org/post/"
    assert all(k.startswith("content:") for k in keys[1:]) and len(set(keys)) == 4
    assert listing.entries[2].content_html == "Only a description, as RSS 2.0 allows."
    assert listing.rejected == ()


def test_entry_hash_follows_what_the_feed_says() -> None:
    item = {
        "title": "T",
        "link": "https://x.org/a",
        "guid": "https://x.org/?p=1",
        "description": "v1",
    }
    h1 = parse(rss([item])).entries[0].hash
    assert parse(rss([item])).entries[0].hash == h1  # stable
    h2 = parse(rss([{**item, "description": "v2"}])).entries[0].hash
    h3 = parse(rss([{**item, "title": "T2"}])).entries[0].hash
    assert len({h1, h2, h3}) == 3


def test_markup_and_scripts_in_titles_are_plain_text() -> None:
    listing = parse(
        rss(
            [
                {
                    "title": "<b>Bold</b> claim <script>alert('x')</script>&amp; more",
                    "link": "https://x.org/a",
                    "description": "<script>steal()</script><p onclick='x()'>Hello</p>",
                }
            ]
        )
    )
    (e,) = listing.entries
    assert e.title == "Bold claim & more"
    assert "steal" not in e.content_html  # feedparser's sanitiser removed it


def test_entries_without_date_or_link() -> None:
    listing = parse(rss([{"title": "Undated", "guid": "urn:x:1", "description": "Body."}]))
    (e,) = listing.entries
    assert e.published is None and e.link is None and e.key == "urn:x:1"


def test_date_found_in_content_when_the_entry_has_none() -> None:
    listing = parse(
        rss(
            [
                {
                    "title": "A",
                    "guid": "urn:a",
                    "content": "<p>Published: 14 October 2026</p><p>x</p>",
                }
            ]
        )
    )
    assert listing.entries[0].published == date(2026, 10, 14)


def test_max_entries_and_duplicates() -> None:
    items = [
        {"title": f"E{i}", "link": f"https://x.org/{i}", "guid": f"urn:{i % 5}"} for i in range(10)
    ]
    listing = parse(rss(items), max_entries=8)
    assert [e.key for e in listing.entries] == [f"urn:{i}" for i in range(5)]
    assert len(parse(rss(items), max_entries=3).entries) == 3


def test_malformed_feed_is_data_with_a_warning() -> None:
    body = rss([{"title": "One", "link": "https://x.org/1", "guid": "urn:1"}]).replace(
        "</channel>", "<broken></channel>"
    )
    listing = parse(body)
    assert [e.key for e in listing.entries] == ["urn:1"]
    assert listing.warnings and listing.warnings[0].startswith(
        "malformed feed, read what could be read"
    )


def test_truncated_feed_keeps_what_came_through() -> None:
    full = rss(
        [{"title": f"E{i}", "link": f"https://x.org/{i}", "guid": f"urn:{i}"} for i in range(3)]
    )
    cut = full[: full.index("<guid>urn:2")]
    listing = parse(cut)
    assert [e.key for e in listing.entries][:2] == ["urn:0", "urn:1"]
    assert listing.warnings


def test_html_page_instead_of_a_feed_says_so_and_names_the_real_feed() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Home</title>"
        '<link rel="alternate" type="application/rss+xml" href="/feed/"></head>'
        "<body><p>Welcome</p></body></html>"
    )
    with pytest.raises(ParseError) as info:
        parse(page, {"content-type": "text/html; charset=utf-8"})
    assert str(info.value) == (
        "expected a feed but got an HTML page (text/html); the page names a feed at "
        "https://hmiprobation.justiceinspectorates.gov.uk/feed/"
    )
    with pytest.raises(ParseError, match="expected a feed but got an HTML page"):
        parse(page, {"content-type": "application/rss+xml"})  # mislabelled


@pytest.mark.parametrize(
    "body",
    [os.urandom(4096), b"", b"\x00\x01\x02", b'{"json": true}', b"%PDF-1.4 not a feed"],
    ids=["random", "empty", "binary", "json", "pdf"],
)
def test_bodies_that_are_no_feed(body: bytes) -> None:
    with pytest.raises(ParseError, match="not a feed"):
        parse(body, {"content-type": "application/octet-stream"})


def test_nested_entities_are_refused_quickly() -> None:
    levels = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n'
        + levels
        + ']>\n<rss version="2.0"><channel><title>&lol9;</title>'
        "<item><title>Boom &lol9;</title><link>https://x.org/a</link><guid>urn:a</guid>"
        "<description>&lol9;</description></item></channel></rss>"
    )
    started = time.monotonic()
    with pytest.raises(ParseError, match="entity-expansion attack"):
        parse(bomb)
    assert time.monotonic() - started < 1


def test_plain_entity_declarations_are_ignored_not_expanded() -> None:
    body = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY org "HMI &amp; Probation">'
        '<!ENTITY ext SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>T</title>'
        "<item><title>About &org; and &ext;</title><guid>urn:e</guid></item></channel></rss>"
    )
    listing = parse(body)
    assert listing.warnings[0] == "the feed declares XML entities; they were ignored"
    (e,) = listing.entries
    assert "root:" not in e.title and "HMI & Probation" not in e.title


def test_defuse_leaves_ordinary_feeds_alone() -> None:
    body = rss([{"title": "A", "link": "https://x.org/a"}]).encode()
    assert defuse(body) == (body, [])
