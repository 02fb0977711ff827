"""Links found in content reach public addresses only (or the source's own origin, or what
`fetch.allow_private` lists), and the deadline covers the whole request, headers included.

A canary server on another loopback port plays the internal service an attacker aims at:
it must never see a request that came from a feed's links."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests.fakes.feed_server import FeedServer
from tests.watcher.helpers import NOW, StoreSink, article, make_config, rss
from watcher.errors import FetchError, LinkRefused
from watcher.hosts import refused_reason
from watcher.http import Fetcher, without_credentials
from watcher.poller import poll_sources

RECENT = "Mon, 19 Oct 2026 09:00:00 +0000"


@pytest.fixture
def canary() -> Iterator[FeedServer]:
    with FeedServer() as server:
        server.page("/admin", article("Internal", ["Secret internal page with 99 per cent."]))
        yield server


def _feed(server: FeedServer, links: list[str]) -> str:
    items = [
        {"title": f"E{i}", "link": link, "guid": f"urn:e{i}", "pubDate": RECENT}
        for i, link in enumerate(links)
    ]
    server.feed("/feed/", rss(items))
    return server.url("/feed/")


def test_links_to_a_private_address_are_refused_and_the_canary_sees_nothing(
    server: FeedServer, canary: FeedServer, sqlite_store
) -> None:
    port = canary.port
    server.redirect("/bounce", canary.url("/admin"))
    server.page(
        "/with-pdf",
        article(
            "Report page", ["See the report."], extra=f'<a href="{canary.url("/r.pdf")}">PDF</a>'
        ),
    )
    links = [
        canary.url("/admin"),
        f"http://localhost:{port}/admin",
        f"http://127.1:{port}/admin",
        f"http://2130706433:{port}/admin",
        f"http://0x7f000001:{port}/admin",
        f"http://[::ffff:127.0.0.1]:{port}/admin",
        f"http://user:secret@127.0.0.1:{port}/admin",
        server.url("/bounce"),  # same origin, redirected to the canary
        server.url("/with-pdf"),  # same origin, its PDF link on the canary
    ]
    url = _feed(server, links)
    config = make_config([{"name": "s", "kind": "feed", "url": url}])
    (out,) = poll_sources(sqlite_store, config, StoreSink(sqlite_store), now=NOW)
    assert canary.count() == 0
    refused = [e for e in out.entry_errors if "refused" in e.message]
    assert len(refused) == len(links) - 1, out.entry_errors
    assert any("loopback address" in e.message for e in refused)
    assert any(f"report {canary.url('/r.pdf')}: refused" in w for w in out.warnings), out.warnings


def test_refusals_are_not_retried_as_transient(
    server: FeedServer, canary: FeedServer, sqlite_store
) -> None:
    url = _feed(server, [canary.url(f"/admin?{i}") for i in range(5)])
    config = make_config([{"name": "s", "kind": "feed", "url": url}])
    (out,) = poll_sources(sqlite_store, config, StoreSink(sqlite_store), now=NOW)
    assert len(out.entry_errors) == 5  # each its own error; not "the last 3 pages failed"
    assert canary.count() == 0


def test_an_origin_the_operator_trusts_is_fetched(
    server: FeedServer, canary: FeedServer, sqlite_store
) -> None:
    url = _feed(server, [canary.url("/admin"), server.url("/own")])
    server.page("/own", article("Own page", ["A page on the source's own site."]))
    config = make_config(
        [{"name": "s", "kind": "feed", "url": url}], allow_private=[canary.url("/")]
    )
    (out,) = poll_sources(sqlite_store, config, StoreSink(sqlite_store), now=NOW)
    assert (out.new, out.entry_errors) == (2, ())
    assert canary.count("/admin") == 1


def test_credentials_in_a_content_link_are_never_sent(server: FeedServer) -> None:
    server.page("/p", "x")
    link = server.url("/p").replace("http://", "http://me:pw@")
    with Fetcher(make_config([]).fetch) as f:
        f.get(link, origin=server.url("/feed/"))
        f.get(link)  # the operator's own URL keeps its credentials
    first, second = server.hits("/p")
    assert "authorization" not in first.headers
    assert "authorization" in second.headers
    assert without_credentials("https://a:b@h.example/x?y=1") == "https://h.example/x?y=1"


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("100.64.0.1", "shared (CGNAT)"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),  # noqa: S104 - a test value
        ("::1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fd00::1", "private"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_which_addresses_are_refused(address: str, reason: str | None) -> None:
    assert refused_reason(address) == reason


def test_a_metadata_address_is_refused_before_connecting() -> None:
    with Fetcher(make_config([]).fetch) as f, pytest.raises(LinkRefused, match="link-local"):
        # the loopback guard of the test suite fails the test if anything connects
        f.get("http://169.254.169.254/latest/meta-data/", origin="http://127.0.0.1:9/feed")


@pytest.fixture
def dripping_headers() -> Iterator[str]:
    """A server that sends its status line and headers one byte every 50 ms, for 20 s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                head = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 400 + b"\r\n\r\nok"
                for byte in head:
                    if stop.wait(0.05):
                        return
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:
                        break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    stop.set()
    listener.close()


def test_the_deadline_covers_headers_sent_one_byte_at_a_time(dripping_headers: str) -> None:
    settings = make_config([], read_timeout="2s", deadline="1s").fetch
    started = time.monotonic()
    with Fetcher(settings) as f, pytest.raises(FetchError, match="deadline of 1s passed"):
        f.get(dripping_headers)
    assert time.monotonic() - started < 5


def test_the_checked_address_is_the_one_connected_to(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that resolves once to a public address and then to loopback (DNS rebinding):
    one lookup, and the connection goes to what was checked (the suite's loopback guard
    names it), never to a second answer."""
    real = socket.getaddrinfo
    answers = iter(["93.184.216.34", "127.0.0.1"])
    lookups = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "rebind.test":
            lookups.append(host)
            return real(next(answers), port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with Fetcher(make_config([]).fetch) as f, pytest.raises(AssertionError, match="93.184.216.34"):
        f.get("http://rebind.test/admin", origin="http://127.0.0.1:9/feed")
    assert lookups == ["rebind.test"]


def test_the_source_urls_own_redirects_are_checked_too(
    server: FeedServer, canary: FeedServer
) -> None:
    server.redirect("/moved", canary.url("/admin"))
    server.redirect("/here", server.url("/feed/"))
    server.feed("/feed/", rss([]))
    with Fetcher(make_config([]).fetch) as f:
        assert f.get(server.url("/here"), accept="feed").status == 200  # same origin
        with pytest.raises(LinkRefused, match="loopback"):
            f.get(server.url("/moved"), accept="feed")
    assert canary.count() == 0
