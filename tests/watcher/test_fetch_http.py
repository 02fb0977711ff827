"""The fetcher against a real local server: politeness, conditional GET, bounds, failures."""

from __future__ import annotations

import gzip
import threading
from datetime import UTC, datetime, timedelta

import pytest

from tests.fakes.feed_server import FeedServer, http_date
from tests.watcher.helpers import make_config
from watcher.config import FetchSettings
from watcher.errors import FetchError
from watcher.hosts import HostLimiter, host_of
from watcher.http import Fetcher, parse_retry_after, user_agent


def fetcher(**fetch) -> Fetcher:
    return Fetcher(make_config([], **fetch).fetch, version="9.9")


def test_user_agent_names_tool_version_and_contact(server: FeedServer) -> None:
    server.add("/", "hello")
    with fetcher(user_agent_contact="https://example.org/iw") as f:
        f.get(server.url("/"))
    ua = server.hits("/")[0].headers["user-agent"]
    assert ua == "inspectwatch/9.9 (+https://example.org/iw)"
    assert user_agent("x").startswith("inspectwatch/")


def test_conditional_get_with_etag_then_last_modified(server: FeedServer) -> None:
    server.add("/feed", "<rss/>", etag=True)
    with fetcher() as f:
        first = f.get(server.url("/feed"))
        assert first.status == 200 and first.body == b"<rss/>" and first.etag
        again = f.get(server.url("/feed"), etag=first.etag)
        assert again.not_modified and again.body == b""
        server.add("/feed", "<rss>changed</rss>")  # a new ETag
        changed = f.get(server.url("/feed"), etag=first.etag)
        assert changed.status == 200 and changed.body == b"<rss>changed</rss>"

        stamp = datetime(2026, 10, 1, tzinfo=UTC).timestamp()
        server.add("/lm", "x", etag=False, last_modified=stamp)
        lm = f.get(server.url("/lm")).last_modified
        assert lm == http_date(stamp)
        assert f.get(server.url("/lm"), last_modified=lm).not_modified
    sent = server.hits("/feed")[1].headers
    assert sent["if-none-match"] == first.etag
    assert server.hits("/lm")[1].headers["if-modified-since"] == lm


def test_gzip_is_asked_for_and_decoded(server: FeedServer) -> None:
    body = b"<p>" + b"probation " * 5000 + b"</p>"
    server.add("/gz", body, gzip=True)
    with fetcher() as f:
        r = f.get(server.url("/gz"))
    assert r.body == body
    assert "gzip" in server.hits("/gz")[0].headers["accept-encoding"]


def test_size_cap_announced_and_while_streaming(server: FeedServer) -> None:
    cap = 1024 * 1024
    server.add("/big", b"x" * (cap + 1))
    server.endless("/endless")
    bomb = gzip.compress(b"\0" * (cap * 8))  # small on the wire, large decoded
    server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"}, content_type="text/html")
    with fetcher(max_page_bytes=cap) as f:
        with pytest.raises(FetchError, match="body too large: 1 MB announced"):
            f.get(server.url("/big"))
        with pytest.raises(FetchError, match="body too large: more than 1 MB"):
            f.get(server.url("/endless"))
        with pytest.raises(FetchError, match="body too large"):
            f.get(server.url("/bomb"))


def test_default_caps_refuse_a_60_mb_feed_before_reading_it(server: FeedServer) -> None:
    server.add("/huge", b"x" * (60 * 1024 * 1024), content_type="application/rss+xml")
    with Fetcher(FetchSettings()) as f, pytest.raises(FetchError) as info:
        f.get(server.url("/huge"), accept="feed")
    assert str(info.value) == "body too large: 60 MB announced, limit 20 MB"


def test_pdfs_get_their_own_larger_cap(server: FeedServer) -> None:
    server.pdf("/r.pdf", b"%PDF-1.4\n" + b"0" * (1536 * 1024))
    with fetcher(max_page_bytes=1024 * 1024, max_pdf_bytes=2 * 1024 * 1024) as f:
        assert f.get(server.url("/r.pdf"), accept="pdf").is_pdf
        server.add("/page", b"x" * (1536 * 1024))
        with pytest.raises(FetchError, match="too large"):
            f.get(server.url("/page"))


def test_server_that_never_answers_times_out(server: FeedServer) -> None:
    server.hang("/hang")
    with (
        fetcher(read_timeout="0.3s") as f,
        pytest.raises(FetchError, match="no answer within 0.3s"),
    ):
        f.get(server.url("/hang"))


def test_total_deadline_stops_a_dripping_body(server: FeedServer) -> None:
    server.drip("/drip", b"x" * 1000, interval=0.02)
    with (
        fetcher(read_timeout="1s", deadline="0.3s") as f,
        pytest.raises(FetchError, match="deadline of 0.3s passed while reading the body"),
    ):
        f.get(server.url("/drip"))


def test_truncated_body_is_an_error(server: FeedServer) -> None:
    server.truncated("/t", b"<rss>" + b"x" * 100, claimed_length=5000)
    with fetcher() as f, pytest.raises(FetchError, match="truncated body"):
        f.get(server.url("/t"))


def test_redirects_followed_up_to_five(server: FeedServer) -> None:
    server.add("/final", "done")
    for i in range(5):
        server.redirect(f"/r{i}", f"/r{i + 1}" if i < 4 else "/final")
    with fetcher() as f:
        r = f.get(server.url("/r0"))
        assert r.body == b"done" and r.url == server.url("/final")
        server.redirect("/r-1", "/r0")  # six hops
        with pytest.raises(FetchError, match="too many redirects"):
            f.get(server.url("/r-1"))


def test_redirect_loop_and_bad_scheme(server: FeedServer) -> None:
    server.redirect("/a", "/b")
    server.redirect("/b", "/a")
    server.redirect("/ftp", "ftp://example.org/file")
    server.redirect("/file", "file:///etc/passwd")
    with fetcher() as f:
        with pytest.raises(FetchError, match=r"redirect loop: .*/a -> .*/b -> .*/a"):
            f.get(server.url("/a"))
        with pytest.raises(FetchError, match="unsupported address scheme 'ftp'"):
            f.get(server.url("/ftp"))
        with pytest.raises(FetchError, match="unsupported address scheme 'file'"):
            f.get(server.url("/file"))
        with pytest.raises(FetchError, match="unsupported address scheme"):
            f.get("gopher://example.org/")


@pytest.mark.parametrize(
    ("status", "retry_after", "expect"),
    [(500, None, None), (503, "120", 120.0), (429, "7", 7.0), (404, None, None)],
)
def test_http_errors_carry_status_and_retry_after(
    server: FeedServer, status: int, retry_after: str | None, expect: float | None
) -> None:
    server.fail("/x", status, retry_after=retry_after)
    with fetcher() as f, pytest.raises(FetchError) as info:
        f.get(server.url("/x"))
    assert info.value.status == status and info.value.retry_after == expect
    assert str(info.value).startswith(f"HTTP {status}")


def test_connection_refused_is_a_fetch_error() -> None:
    free = FeedServer().start()
    url = free.url("/")
    free.stop()
    with fetcher(connect_timeout="1s") as f, pytest.raises(FetchError, match="cannot connect"):
        f.get(url)


def test_retry_after_seconds_and_http_dates() -> None:
    now = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120.0
    later = (now + timedelta(minutes=5)).timestamp()
    assert parse_retry_after(http_date(later), now) == 300.0
    assert parse_retry_after(http_date((now - timedelta(hours=1)).timestamp()), now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_per_host_bound_holds_across_threads(server: FeedServer) -> None:
    """Eight threads fetch a slow path on one host: the server never sees more than two
    at once, and requests to another host name are not held up by them."""
    server.add("/slow", "x", delay=0.15)
    server.add("/quick", "y")
    with fetcher(per_host=2) as f:
        threads = [threading.Thread(target=f.get, args=(server.url("/slow"),)) for _ in range(8)]
        for t in threads:
            t.start()
        assert server.wait_for(lambda s: s.in_flight("127.0.0.1") == 2)
        # the other host name gets through while 127.0.0.1 is saturated
        assert f.get(server.url("/quick", host="localhost")).body == b"y"
        for t in threads:
            t.join()
    assert server.max_in_flight("127.0.0.1") == 2
    assert server.count("/slow") == 8
    (quick,) = server.hits("/quick")
    assert quick.started < max(h.ended for h in server.hits("/slow"))


def test_host_limiter() -> None:
    lim = HostLimiter(1)
    with lim.slot("a"), pytest.raises(TimeoutError), lim.slot("a", timeout=0.01):
        pass
    with lim.slot("a"), lim.slot("b"):
        pass
    assert host_of("https://WWW.Example.org:8443/x") == "www.example.org"
    assert host_of("not a url") == ""
