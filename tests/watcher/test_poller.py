"""The poller end to end against the local server and a real database: first poll and
backfill, conditional GET, updates, backoff, alerts, concurrency, and bad sources."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest

from state import sources as sources_repo
from tests.fakes.feed_server import FeedServer
from tests.fakes.pdf import make_pdf
from tests.watcher.helpers import NOW, StoreSink, article, make_config, rss
from watcher.errors import UserError
from watcher.hosts import run_bounded
from watcher.poller import (
    EntryError,
    PollOutcome,
    backoff_delay,
    due_sources,
    next_due_at,
    poll_sources,
    should_deliver,
)
from watcher.preflight import check_extractors


def feed_items(server: FeedServer, prefix: str, dates: list[str]) -> list[dict[str, str]]:
    return [
        {
            "title": f"{prefix} report {i}",
            "link": server.url(f"/{prefix}/{i}"),
            "guid": server.url(f"/?p={prefix}{i}"),
            "pubDate": d,
            "description": f"Summary {i}.",
        }
        for i, d in enumerate(dates)
    ]


def serve_feed(server: FeedServer, prefix: str, dates: list[str]) -> str:
    for i in range(len(dates)):
        server.page(
            f"/{prefix}/{i}",
            article(
                f"{prefix} report {i}", [f"Inspectors found {30 + i} per cent of cases were good."]
            ),
        )
    server.feed(f"/{prefix}/feed/", rss(feed_items(server, prefix, dates)))
    return server.url(f"/{prefix}/feed/")


def row(store, name):
    with store.transaction() as s:
        r = sources_repo.get(s, name)
        s.expunge(r)
        return r


RECENT = "Mon, 19 Oct 2026 10:00:00 GMT"  # within the 3-day backfill of NOW
OLD = "Mon, 01 Jun 2026 10:00:00 GMT"


def test_first_poll_reads_everything_but_delivers_only_the_backfill(server, store) -> None:
    url = serve_feed(server, "hmi", [RECENT, OLD])
    server.feed(
        "/hmi/feed/",
        rss(
            feed_items(server, "hmi", [RECENT, OLD])
            + [{"title": "Undated", "guid": "urn:undated", "description": "Text without any date."}]
        ),
    )
    config = make_config([{"name": "hmi", "kind": "feed", "url": url}])
    sink = StoreSink(store)
    (out,) = poll_sources(store, config, sink, now=NOW)
    assert (out.status, out.new, out.entry_errors) == ("ok", 3, ())
    by_title = {e.document.title: e for e in sink.entries()}
    assert by_title["hmi report 0"].deliver is True
    assert by_title["hmi report 1"].deliver is False
    assert by_title["Undated"].deliver is False  # undated on a first poll: not delivered
    assert by_title["Undated"].document.published is None  # and never given today's date
    doc = by_title["hmi report 0"].document
    assert doc.published == date(2026, 10, 19) and "30 per cent" in doc.body
    assert doc.url == server.url("/hmi/0") and doc.ref == doc.url and doc.source == "hmi"
    # digests go out oldest first
    assert [e.document.title for e in sink.entries()][:2] == ["hmi report 1", "hmi report 0"]
    r = row(store, "hmi")
    assert r.initialised and r.etag and r.next_due_at == NOW + timedelta(minutes=30)

    # later polls deliver whatever is new, old date or not
    server.feed(
        "/hmi/feed/",
        rss(feed_items(server, "hmi", [RECENT, OLD]) + feed_items(server, "late", [OLD])),
    )
    server.page("/late/0", article("late", ["A late entry with an old date in it."]))
    sink.clear()
    (out,) = poll_sources(store, config, sink, now=NOW + timedelta(hours=1))
    assert (out.new, out.unchanged) == (1, 2)
    assert [e.deliver for e in sink.entries()] == [True]


def test_not_modified_and_known_entries_are_not_fetched_again(server, sqlite_store) -> None:
    url = serve_feed(server, "a", [RECENT, RECENT])
    config = make_config([{"name": "a", "kind": "feed", "url": url}])
    sink = StoreSink(sqlite_store)
    poll_sources(sqlite_store, config, sink, now=NOW)
    assert server.count("/a/0") == 1
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(minutes=30))
    assert out.status == "not_modified" and out.line == "a: not modified"
    feed_hits = server.hits("/a/feed/")
    assert feed_hits[-1].status == 304 and feed_hits[-1].headers["if-none-match"]
    # a changed feed (new entry) is read; the known entries are not fetched again
    server.feed(
        "/a/feed/",
        rss(feed_items(server, "a", [RECENT, RECENT]) + feed_items(server, "b", [RECENT])),
    )
    server.page("/b/0", article("b", ["New text of a new entry here."]))
    sink.clear()
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=1))
    assert (out.status, out.new, out.unchanged) == ("ok", 1, 2)
    assert server.count("/a/0") == 1 and server.count("/b/0") == 1


def test_changed_entry_is_read_again_and_is_updated(server, sqlite_store) -> None:
    url = serve_feed(server, "u", [RECENT])
    config = make_config([{"name": "u", "kind": "feed", "url": url}])
    sink = StoreSink(sqlite_store)
    poll_sources(sqlite_store, config, sink, now=NOW)
    items = feed_items(server, "u", [RECENT])
    items[0]["description"] = "Corrected summary."
    server.feed("/u/feed/", rss(items))
    server.page("/u/0", article("u report 0", ["Inspectors corrected the figure to 33 per cent."]))
    sink.clear()
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=1))
    assert (out.new, out.updated) == (0, 1) and out.line == "u: 1 updated"
    assert "33 per cent" in sink.entries()[0].document.body
    # an entry the feed re-describes but whose text is the same stays unchanged
    items[0]["description"] = "Reworded summary only."
    server.feed("/u/feed/", rss(items))
    sink.clear()
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=2))
    assert (out.new, out.updated, out.unchanged) == (0, 0, 1)


def test_page_source_with_report_pdf(server, sqlite_store) -> None:
    server.page(
        "/news/",
        """<html><body><nav><a href="/about/">About us</a></nav><ul class="news">
        <li><a href="/news/report-one/">Report one published</a> <time datetime="2026-10-19">19 October 2026</time></li>
        <li><a href="/news/report-two/?utm_source=x">Report two published</a> 1 June 2026</li>
        </ul></body></html>""",
    )
    server.page(
        "/news/report-one/",
        article(
            "Report one published",
            ["The Chief Inspector said today that services must improve."],
            extra='<p><a href="/files/report-one.pdf">Read the report (PDF, 751 kB)</a></p>',
        ),
    )
    server.pdf(
        "/files/report-one.pdf",
        make_pdf(
            [
                ["# Foreword", "Only 28 per cent of cases had a sufficient risk assessment."],
                ["# Findings", "Staff vacancies stood at 615 posts."],
            ],
            title="An inspection of Testshire",
        ),
    )
    server.page("/news/report-two/", article("Report two", ["A second page about another report."]))
    config = make_config(
        [
            {
                "name": "news",
                "kind": "page",
                "url": server.url("/news/"),
                "selector": "ul.news a",
                "link_pattern": "/news/report-",
            }
        ]
    )
    sink = StoreSink(sqlite_store)
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW)
    assert (out.status, out.new) == ("ok", 2), out
    docs = {e.entry_key: e for e in sink.entries()}
    one = docs[server.url("/news/report-one/")]
    assert one.document.kind == "report" and one.deliver
    body = one.document.body
    assert body.index("services must improve") < body.index("Report: An inspection of Testshire")
    assert "28 per cent" in body and "615 posts" in body
    two = docs[server.url("/news/report-two/")]
    assert two.document.published == date(2026, 6, 1) and not two.deliver
    assert server.count("/about/") == 0


def test_feed_content_used_when_the_page_fails(server, sqlite_store) -> None:
    items = [
        {
            "title": "Gone",
            "link": server.url("/gone"),
            "guid": "urn:gone",
            "pubDate": RECENT,
            "content": "<p>Full text: 45 per cent.</p>",
        },
        {
            "title": "Flaky",
            "link": server.url("/flaky"),
            "guid": "urn:flaky",
            "pubDate": RECENT,
            "content": "<p>Flaky feed text.</p>",
        },
        {
            "title": "Nothing",
            "link": server.url("/nothing"),
            "guid": "urn:nothing",
            "pubDate": RECENT,
        },
        {
            "title": "No link",
            "guid": "urn:nolink",
            "pubDate": RECENT,
            "content": "<p>Only in the feed.</p>",
        },
    ]
    server.feed("/f/", rss(items))
    server.fail("/gone", 404)
    server.fail("/flaky", 503)
    server.fail("/nothing", 404)
    config = make_config([{"name": "f", "kind": "feed", "url": server.url("/f/")}])
    sink = StoreSink(sqlite_store)
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW)
    assert out.status == "ok" and out.new == 3
    assert sorted((e.entry, e.message, e.attempts) for e in out.entry_errors) == [
        (
            server.url("/flaky"),
            f"stored from what could be read; {server.url('/flaky')}: HTTP 503 Service Unavailable",
            1,
        ),
        (server.url("/nothing"), f"{server.url('/nothing')}: HTTP 404 Not Found", 1),
    ]
    docs = {e.entry_key: e for e in sink.entries()}
    assert docs["urn:gone"].document.body == "Full text: 45 per cent."
    assert docs["urn:nolink"].document.ref == server.url("/f/#urn:nolink")
    assert docs["urn:flaky"].entry_hash == ""  # a 503 may pass: read again
    assert docs["urn:gone"].entry_hash  # a 404 will not
    assert any("HTTP 503" in w for w in out.warnings)
    # The failing entries have their own records: the feed keeps its validators.
    assert row(sqlite_store, "f").etag is not None
    assert {f.url for f in failing(sqlite_store)} == {server.url("/flaky"), server.url("/nothing")}
    server.page("/flaky", article("Flaky", ["Flaky page text, 12 per cent."]))
    server.page("/nothing", article("Nothing", ["Now there is text on this page."]))
    sink.clear()
    # Their next try has come (one interval later): the feed is fetched in full once, and
    # only what failed is fetched again.
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=1))
    assert (out.new, out.updated, out.unchanged, out.entry_errors) == (1, 1, 2, ())
    assert server.count("/gone") == 1 and server.count("/flaky") == 2
    assert row(sqlite_store, "f").etag is not None and failing(sqlite_store) == []
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=2))
    assert out.status == "not_modified"


def failing(store):
    from state import entry_failures

    with store.transaction() as s:
        return entry_failures.failing_entries(s)


def test_failed_first_poll_entries_keep_first_poll_rules(server, sqlite_store) -> None:
    items = feed_items(server, "p", [OLD, OLD])
    server.feed("/p/feed/", rss(items))
    server.page("/p/0", article("p0", ["Text of the first old entry."]))
    server.fail("/p/1", 404)
    items[1].pop("description")
    server.feed("/p/feed/", rss(items))
    config = make_config([{"name": "p", "kind": "feed", "url": server.url("/p/feed/")}])
    sink = StoreSink(sqlite_store)
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW)
    # The source is initialised; the failing entry keeps its first poll's rules in its record.
    assert len(out.entry_errors) == 1 and row(sqlite_store, "p").initialised
    server.page("/p/1", article("p1", ["Now this page can be read."]))
    sink.clear()
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=1))
    assert out.new == 1 and sink.entries()[0].deliver is False  # still an old entry
    assert row(sqlite_store, "p").initialised


def test_sink_failure_is_an_entry_error_and_is_retried(server, sqlite_store) -> None:
    url = serve_feed(server, "s", [RECENT, RECENT])
    config = make_config([{"name": "s", "kind": "feed", "url": url}])
    key = server.url("/?p=s1")
    sink = StoreSink(sqlite_store, fail_on={key})
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW)
    assert (
        out.new == 1
        and out.entry_errors[0].message == "could not be stored: RuntimeError: disk full"
    )
    sink.fail_on.clear()
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=1))
    assert (out.new, out.unchanged) == (1, 1)


def test_backoff_retry_after_and_alerts(server, sqlite_store) -> None:
    url = serve_feed(server, "b", [RECENT])
    config = make_config([{"name": "b", "kind": "feed", "url": url, "interval": "10m"}])
    sink = StoreSink(sqlite_store)
    server.fail("/b/feed/", 500)
    outcomes: list[PollOutcome] = []
    for i in range(6):
        (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=i))
        outcomes.append(out)
    assert [o.status for o in outcomes] == ["error"] * 6
    assert outcomes[0].error == "HTTP 500 Internal Server Error"
    assert [o.consecutive_failures for o in outcomes] == [1, 2, 3, 4, 5, 6]
    assert [o.next_due_at - (NOW + timedelta(hours=i)) for i, o in enumerate(outcomes)] == [
        timedelta(minutes=10 * 2**i) for i in range(6)
    ]
    assert [o.alert for o in outcomes] == [None, None, None, None, "failing", None]
    r = row(sqlite_store, "b")
    assert r.last_error == "HTTP 500 Internal Server Error" and r.failure_alerted

    server.fail("/b/feed/", 503, retry_after=900)
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=7))
    assert out.next_due_at == NOW + timedelta(hours=7, seconds=900) and out.alert is None

    serve_feed(server, "b", [RECENT])
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=8))
    assert (out.status, out.alert, out.new) == ("ok", "recovered", 1)
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=9))
    assert out.alert is None
    r = row(sqlite_store, "b")
    assert r.consecutive_failures == 0 and r.last_error is None and not r.failure_alerted


def test_backoff_policy() -> None:
    ten = timedelta(minutes=10)
    assert backoff_delay(ten, 1) == ten
    assert backoff_delay(ten, 3) == 4 * ten
    assert backoff_delay(ten, 40) == timedelta(days=1)
    assert backoff_delay(ten, 1, status=429, retry_after=30) == timedelta(seconds=30)
    assert backoff_delay(ten, 1, status=503, retry_after=10**9) == timedelta(days=1)
    assert backoff_delay(ten, 1, status=503, retry_after=0) == timedelta(seconds=1)
    assert backoff_delay(ten, 2, status=500, retry_after=30) == 2 * ten  # only 429/503
    assert should_deliver(None, first_poll=False, now=NOW, backfill=ten)
    assert not should_deliver(None, first_poll=True, now=NOW, backfill=ten)
    assert should_deliver(NOW.date(), first_poll=True, now=NOW, backfill=ten)


BAD = {
    "http_500": (lambda s: s.fail("/bad", 500), "HTTP 500 Internal Server Error"),
    "http_503_retry_after": (
        lambda s: s.fail("/bad", 503, retry_after=120),
        "HTTP 503 Service Unavailable (retry after 120s)",
    ),
    "never_answers": (lambda s: s.hang("/bad"), "no answer within 0.4s"),
    "body_60_mb": (lambda s: s.endless("/bad"), "body too large: more than 2 MB"),
    "random_bytes": (
        lambda s: s.add("/bad", bytes(range(256)) * 40, content_type="application/rss+xml"),
        "not a feed: ",
    ),
    "html_not_feed": (
        lambda s: s.page("/bad", "<!doctype html><html><body><p>Home</p></body></html>"),
        "expected a feed but got an HTML page (text/html)",
    ),
    "nested_entities": (
        lambda s: s.feed(
            "/bad",
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "x"><!ENTITY b "&a;&a;&a;&a;">]>'
            '<rss version="2.0"><channel><title>&b;</title></channel></rss>',
        ),
        "the feed defines XML entities through other entities",
    ),
    "redirect_loop": (
        lambda s: (s.redirect("/bad", "/bad2"), s.redirect("/bad2", "/bad")),
        "redirect loop: ",
    ),
    "truncated": (
        lambda s: s.truncated("/bad", b"<rss version='2.0'><channel>", 9000),
        "truncated body",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_source_is_its_own_error_and_the_others_go_through(
    server, sqlite_store, case
) -> None:
    setup, message = BAD[case]
    setup(server)
    good = serve_feed(server, "good", [RECENT])
    config = make_config(
        [
            {"name": "bad", "kind": "feed", "url": server.url("/bad")},
            {"name": "good", "kind": "feed", "url": good},
        ],
        read_timeout="0.4s",
    )
    sink = StoreSink(sqlite_store)
    bad, ok = poll_sources(sqlite_store, config, sink, now=NOW)
    assert bad.status == "error" and bad.error.startswith(message), bad.error
    assert bad.line == f"bad: error: {bad.error}"
    assert (ok.status, ok.new) == ("ok", 1)
    assert [e.document.source for e in sink.entries()] == ["good"]
    r = row(sqlite_store, "bad")
    assert r.consecutive_failures == 1 and r.last_error == bad.error and not r.initialised
    with sqlite_store.transaction() as s:
        from state import documents as documents_repo

        assert documents_repo.entry_keys(s, r.id) == {}  # nothing half-written


def test_entries_with_markup_no_link_no_date(server, sqlite_store) -> None:
    server.feed(
        "/m/",
        rss(
            [
                {
                    "title": "<i>Emphasis</i> <script>alert(1)</script>title",
                    "guid": "urn:m1",
                    "description": "<p>Body <script>bad()</script>text.</p>",
                },
                {"guid": "urn:m2", "description": "No title at all, only text."},
                {"description": ""},
            ]
        ),
    )
    config = make_config([{"name": "m", "kind": "feed", "url": server.url("/m/")}])
    sink = StoreSink(sqlite_store)
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW)
    docs = {e.entry_key: e.document for e in sink.entries()}
    assert docs["urn:m1"].title == "Emphasis title" and docs["urn:m1"].body == "Body text."
    assert docs["urn:m2"].title == "(untitled)" and docs["urn:m2"].published is None
    (err,) = out.entry_errors  # the empty item is listed (readers show it) but has no text
    assert err.entry.startswith("untitled entry ") and "no content in the feed" in err.message


def test_concurrency_is_bounded_per_host_and_overall(server, sqlite_store) -> None:
    """Six sources on one host, per_host=2: the server never sees more than two requests
    at once from it; another host name runs alongside."""
    sources = []
    for i in range(6):
        server.add(f"/slow{i}/feed/", rss([]), content_type="application/rss+xml", delay=0.1)
        sources.append({"name": f"slow{i}", "kind": "feed", "url": server.url(f"/slow{i}/feed/")})
    for i in range(3):
        server.add(f"/other{i}/feed/", rss([]), content_type="application/rss+xml", delay=0.1)
        sources.append(
            {
                "name": f"other{i}",
                "kind": "feed",
                "url": server.url(f"/other{i}/feed/", host="localhost"),
            }
        )
    config = make_config(sources, per_host=2, concurrency=3)
    outs = poll_sources(sqlite_store, config, StoreSink(sqlite_store), now=NOW)
    assert all(o.status == "ok" for o in outs)
    assert server.max_in_flight("127.0.0.1") == 2
    assert server.max_in_flight("localhost") <= 2
    assert server.max_in_flight() == 3  # concurrency
    hosts_seen_while_busy = {h.host for h in server.hits()[:3]}
    assert hosts_seen_while_busy == {"127.0.0.1", "localhost"}  # hosts interleaved


def test_a_hanging_source_does_not_delay_the_others(server, sqlite_store) -> None:
    server.hang("/hang/feed/")
    sources = [{"name": "hang", "kind": "feed", "url": server.url("/hang/feed/", host="localhost")}]
    for i in range(4):
        sources.append(
            {"name": f"ok{i}", "kind": "feed", "url": serve_feed(server, f"ok{i}", [RECENT])}
        )
    # 2s: the others' pages are extracted in worker processes, whose fork server this
    # test process may be starting
    config = make_config(sources, read_timeout="2s", concurrency=2)
    check_extractors()  # as `run` and `poll` do at start: the first page pays no import
    finished: list[str] = []
    lock = threading.Lock()

    def heard(outcome: PollOutcome) -> None:
        with lock:
            finished.append(outcome.source)

    outs = poll_sources(sqlite_store, config, StoreSink(sqlite_store), now=NOW, on_outcome=heard)
    assert finished[-1] == "hang" and sorted(finished[:-1]) == ["ok0", "ok1", "ok2", "ok3"]
    assert [o.source for o in outs] == ["hang", "ok0", "ok1", "ok2", "ok3"]  # config order
    assert outs[0].error == "no answer within 2s"


def test_due_sources_and_next_due(server, sqlite_store) -> None:
    a = serve_feed(server, "d1", [RECENT])
    b = serve_feed(server, "d2", [RECENT])
    config = make_config(
        [
            {"name": "d1", "kind": "feed", "url": a, "interval": "10m"},
            {"name": "d2", "kind": "feed", "url": b, "interval": "1h"},
            {"name": "off", "kind": "feed", "url": b, "enabled": False},
        ]
    )
    assert [o.name for o in due_sources(sqlite_store, config, NOW)] == ["d1", "d2"]
    assert next_due_at(sqlite_store, config) is None
    poll_sources(sqlite_store, config, StoreSink(sqlite_store), now=NOW)
    assert due_sources(sqlite_store, config, NOW + timedelta(minutes=5)) == []
    assert [o.name for o in due_sources(sqlite_store, config, NOW + timedelta(minutes=10))] == [
        "d1"
    ]
    assert next_due_at(sqlite_store, config) == NOW + timedelta(minutes=10)


def test_only_names_sources_and_rejects_unknown(server, sqlite_store) -> None:
    url = serve_feed(server, "o", [RECENT])
    config = make_config(
        [
            {"name": "o", "kind": "feed", "url": url},
            {"name": "off", "kind": "feed", "url": url, "enabled": False},
        ]
    )
    outs = poll_sources(sqlite_store, config, StoreSink(sqlite_store), now=NOW, only=["off"])
    assert [o.source for o in outs] == ["off"]
    with pytest.raises(UserError, match="no source named 'nope'; configured: o, off"):
        poll_sources(sqlite_store, config, StoreSink(sqlite_store), now=NOW, only=["nope"])


def test_run_bounded_keeps_order_and_bounds() -> None:
    running: dict[str, int] = {"a": 0, "b": 0}
    peak: dict[str, int] = {"a": 0, "b": 0}
    lock = threading.Lock()
    gate = threading.Barrier(2, timeout=5)

    def job(host: str, i: int):
        def run() -> int:
            with lock:
                running[host] += 1
                peak[host] = max(peak[host], running[host])
            if i < 2:
                gate.wait()  # the first a-job and the first b-job meet: hosts run side by side
            with lock:
                running[host] -= 1
            return i

        return run

    jobs = [("a", job("a", 0)), ("b", job("b", 1))] + [
        (h, job(h, i)) for i, h in enumerate("aabbab", start=2)
    ]
    assert run_bounded(jobs, concurrency=4, per_host=1) == list(range(8))
    assert peak == {"a": 1, "b": 1}


def test_blogger_feed_with_post_page_comments(server, sqlite_store) -> None:
    from tests.watcher.helpers import atom

    page = (
        Path(__file__).resolve().parent.parent / "data" / "watcher" / "blogger_post.html"
    ).read_text()
    server.page("/2026/10/northshire-under-strain.html", page)
    server.feed(
        "/feeds/posts/default",
        atom(
            [
                {
                    "id": "tag:blogger.com,1999:blog-1.post-1234567890",
                    "title": "Northshire Under Strain",
                    "link": server.url("/2026/10/northshire-under-strain.html?m=1"),
                    "published": "2026-10-15T08:12:00.000+01:00",
                    "updated": "2026-10-15T08:12:00.000+01:00",
                    "content": "<div>Short feed copy.</div>",
                }
            ]
        ),
        gzip=True,
    )
    config = make_config(
        [{"name": "blog", "kind": "feed", "url": server.url("/feeds/posts/default")}]
    )
    sink = StoreSink(sqlite_store)
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW)
    assert out.new == 1, out
    (entry,) = sink.entries()
    doc = entry.document
    assert entry.entry_key == "tag:blogger.com,1999:blog-1.post-1234567890"
    assert doc.kind == "post" and doc.published == date(2026, 10, 15)
    assert "43 per cent" in doc.body and "7 out of 10" in doc.comments
    assert "7 out of 10" not in doc.body and "Blog Archive" not in doc.body
    assert server.hits("/feeds/posts/default")[0].headers["accept-encoding"].count("gzip")


def test_follow_links_off_uses_the_feed_and_a_pdf_entry_is_read(server, sqlite_store) -> None:
    server.pdf(
        "/files/thematic.pdf",
        make_pdf([["# Thematic inspection", "Only 28 per cent of people were seen weekly."]]),
    )
    items = [
        {
            "title": "In feed",
            "link": server.url("/in-feed"),
            "guid": "urn:f",
            "pubDate": RECENT,
            "content": "<p>Text from the feed itself, 61 per cent.</p>",
        },
        {
            "title": "A PDF",
            "link": server.url("/files/thematic.pdf"),
            "guid": "urn:pdf",
            "pubDate": RECENT,
        },
    ]
    server.feed("/feed/", rss(items))
    config = make_config(
        [
            {
                "name": "nofollow",
                "kind": "feed",
                "url": server.url("/feed/"),
                "follow_links": False,
            },
            {
                "name": "follow",
                "kind": "feed",
                "url": server.url("/feed/?all"),
                "fetch_pdfs": False,
            },
        ]
    )
    server.feed("/feed/?all", rss(items[1:]))
    sink = StoreSink(sqlite_store)
    outs = poll_sources(sqlite_store, config, sink, now=NOW)
    assert [(o.status, o.new) for o in outs] == [("ok", 1), ("ok", 1)], outs
    assert outs[0].entry_errors[0].message == (
        "links are not followed (follow_links = false) and the feed has no content"
    )
    docs = {(e.document.source, e.entry_key): e.document for e in sink.entries()}
    assert docs[("nofollow", "urn:f")].body == "Text from the feed itself, 61 per cent."
    assert server.count("/in-feed") == 0
    pdf = docs[("follow", "urn:pdf")]
    assert pdf.kind == "pdf" and "28 per cent" in pdf.body  # the entry is the report itself


def test_a_moved_source_sends_no_old_validators(server, sqlite_store) -> None:
    url = serve_feed(server, "old", [RECENT])
    sink = StoreSink(sqlite_store)
    poll_sources(
        sqlite_store, make_config([{"name": "s", "kind": "feed", "url": url}]), sink, now=NOW
    )
    server.feed("/new/feed/", rss(feed_items(server, "old", [RECENT])))
    moved = make_config([{"name": "s", "kind": "feed", "url": server.url("/new/feed/")}])
    (out,) = poll_sources(sqlite_store, moved, sink, now=NOW + timedelta(hours=1))
    assert out.status == "ok" and out.unchanged == 1
    assert "if-none-match" not in server.hits("/new/feed/")[0].headers
    assert row(sqlite_store, "s").url == server.url("/new/feed/")


def test_a_source_whose_pages_do_not_answer_stops_after_three(server, sqlite_store) -> None:
    items = [
        {
            "title": f"E{i}",
            "link": server.url(f"/slow/{i}", host="localhost"),
            "guid": f"urn:s{i}",
            "pubDate": RECENT,
        }
        for i in range(6)
    ]
    server.feed("/slowfeed/", rss(items))
    for i in range(6):
        server.hang(f"/slow/{i}")
    config = make_config(
        [{"name": "slow", "kind": "feed", "url": server.url("/slowfeed/")}],
        read_timeout="0.3s",
        allow_private=[server.url("/", host="localhost")],  # the pages are on another host
    )
    sink = StoreSink(sqlite_store)
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW)
    assert out.status == "ok" and out.new == 0
    assert [e.message for e in out.entry_errors][:3] == [
        f"{server.url(f'/slow/{i}', host='localhost')}: no answer within 0.3s" for i in (5, 4, 3)
    ]
    assert out.entry_errors[3] == EntryError(
        "3 more entries",
        "not read: the last 3 entry pages could not be fetched; trying again next poll",
    )
    assert server.count("/slow/2") == 0
    for i in range(6):
        server.page(f"/slow/{i}", article(f"E{i}", [f"Entry {i} can now be read in full."]))
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(hours=1))
    assert (out.new, out.entry_errors) == (6, ())
