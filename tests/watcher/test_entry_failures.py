"""Per-entry failure records: a dead report page does not cost its source the conditional
GET, is retried with backoff (not on every poll), and is reported to admins with its URL
after `max_failures_before_alert` attempts, and again when it reads."""

from __future__ import annotations

from datetime import timedelta

from state import entry_failures
from state import sources as sources_repo
from tests.fakes.feed_server import FeedServer
from tests.watcher.helpers import NOW, StoreSink, article, make_config, rss
from watcher.poller import poll_sources

RECENT = "Mon, 19 Oct 2026 10:00:00 GMT"


def _feed(server: FeedServer) -> str:
    items = [
        {
            "title": f"Report {i}",
            "link": server.url(f"/r/{i}"),
            "guid": f"urn:r{i}",
            "pubDate": RECENT,
        }
        for i in range(2)
    ]
    server.feed("/feed/", rss(items))
    server.page("/r/0", article("Report 0", ["Inspectors found 40 per cent of cases good."]))
    server.fail("/r/1", 404)
    return server.url("/feed/")


def _failing(store):
    with store.transaction() as s:
        return entry_failures.failing_entries(s)


def _etag(store, name):
    with store.transaction() as s:
        return sources_repo.get(s, name).etag


def test_a_dead_entry_keeps_the_conditional_get_backs_off_and_alerts_once(
    feed_server: FeedServer, sqlite_store
) -> None:
    url = _feed(feed_server)
    dead = feed_server.url("/r/1")
    config = make_config(
        [{"name": "hmi", "kind": "feed", "url": url, "interval": "10m"}],
        max_failures_before_alert=3,
    )
    sink = StoreSink(sqlite_store)
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW)
    assert out.new == 1 and [(e.entry, e.attempts) for e in out.entry_errors] == [(dead, 1)]
    assert _etag(sqlite_store, "hmi") is not None
    (rec,) = _failing(sqlite_store)
    assert (rec.source, rec.url, rec.attempts) == ("hmi", dead, 1)
    assert rec.next_try_at == NOW + timedelta(minutes=10) and "404" in rec.last_error

    # Before its next try: a 304, the dead page untouched, still counted as failing.
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(minutes=5))
    assert out.status == "not_modified" and out.waiting == 1 and "1 entry failing" in out.line
    assert feed_server.count("/r/1") == 1

    # Each further try doubles the wait: 10m, 20m, 40m...; the third attempt alerts once.
    times, t = [], NOW
    for wait in (10, 20):
        t += timedelta(minutes=wait)
        (out,) = poll_sources(sqlite_store, config, sink, now=t)
        times.append(t)
        assert out.entry_errors[0].attempts == len(times) + 1
    assert feed_server.count("/r/1") == 3
    (alert,) = out.entry_alerts
    assert (alert.kind, alert.url, alert.attempts) == ("failing", dead, 3)
    assert out.alert_texts() == [f"Source hmi: {dead} has failed 3 times: {dead}: HTTP 404 Not Found"]
    (rec,) = _failing(sqlite_store)
    assert rec.next_try_at == t + timedelta(minutes=40) and rec.alerted
    # The source itself is fine: its own failure count is untouched throughout.
    with sqlite_store.transaction() as s:
        assert sources_repo.get(s, "hmi").consecutive_failures == 0

    (out,) = poll_sources(sqlite_store, config, sink, now=t + timedelta(minutes=40))
    assert out.entry_alerts == ()  # told once
    feed_server.page("/r/1", article("Report 1", ["Now it reads: 55 per cent."]))
    (out,) = poll_sources(sqlite_store, config, sink, now=t + timedelta(hours=3))
    assert out.new == 1 and out.entry_errors == ()
    assert [a.kind for a in out.entry_alerts] == ["recovered"]
    assert out.alert_texts() == [f"Source hmi: {dead} can be read again."]
    assert _failing(sqlite_store) == []


def test_a_failing_entry_no_longer_listed_is_forgotten(feed_server: FeedServer, sqlite_store) -> None:
    url = _feed(feed_server)
    config = make_config([{"name": "hmi", "kind": "feed", "url": url, "interval": "10m"}])
    sink = StoreSink(sqlite_store)
    poll_sources(sqlite_store, config, sink, now=NOW)
    assert len(_failing(sqlite_store)) == 1
    feed_server.feed(
        "/feed/",
        rss([{"title": "Report 0", "link": feed_server.url("/r/0"), "guid": "urn:r0", "pubDate": RECENT}]),
    )
    (out,) = poll_sources(sqlite_store, config, sink, now=NOW + timedelta(minutes=10))
    assert out.entry_errors == () and _failing(sqlite_store) == []


def test_failing_counts_per_source(feed_server: FeedServer, sqlite_store) -> None:
    url = _feed(feed_server)
    config = make_config([{"name": "hmi", "kind": "feed", "url": url}])
    poll_sources(sqlite_store, config, StoreSink(sqlite_store), now=NOW)
    with sqlite_store.transaction() as s:
        assert entry_failures.failing_counts(s) == {"hmi": 1}
        assert entry_failures.failing_entries(s, "other") == []
