"""One poll of 200 sources on local servers: first poll (every entry new), all unchanged
(every feed answers 304), and all changed (every feed has a new entry to fetch and read).

The servers run in child processes (so they do not compete with the poller for the
interpreter lock). Sources are spread over ten loopback addresses (ten "hosts", so the per-host bound of 2
applies as it would in the wild); where only 127.0.0.1 can be bound, over one host with
per_host raised to the overall concurrency. Documents go into a scratch SQLite database
through a sink that stores them as the pipeline does (without the summariser, which has
its own benchmark). Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import resource
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import Result

SOURCES = 200
ENTRIES = 5
TARGET_UNCHANGED = 2.0


def _hosts(n: int) -> list[str]:
    """Loopback addresses this machine lets us bind (127.0.0.1 at least)."""
    out = ["127.0.0.1"]
    for i in range(2, n + 1):
        addr = f"127.0.0.{i}"
        try:
            with socket.socket() as s:
                s.bind((addr, 0))
        except OSError:
            break
        out.append(addr)
    return out


def _page(title: str, n: int) -> str:
    paras = "".join(
        f"<p>Inspectors examined {40 + n} cases; in {30 + (n * 7) % 60} per cent of them the "
        f"assessment of risk of harm was sufficient, and the unit had {n % 25} vacancies. "
        "Leaders had a clear vision but too few practitioners were in post to deliver it.</p>"
        for _ in range(12)
    )
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2026-10-19T09:00:00+00:00"></head>'
        "<body><nav><a href='/'>Home</a><a href='/news/'>News</a></nav>"
        f"<main><article><h1>{title}</h1>{paras}</article></main>"
        "<footer>Crown copyright 2026</footer></body></html>"
    )


def _feed(server, i: int, entries: list[int]) -> str:
    from tests.watcher.helpers import rss

    return rss(
        [
            {
                "title": f"Source {i} report {k}",
                "link": server.url(f"/s{i}/{k}"),
                "guid": server.url(f"/?p={i}-{k}"),
                "pubDate": "Mon, 19 Oct 2026 09:00:00 GMT",
                "description": f"Summary of report {k}.",
            }
            for k in entries
        ]
    )


def _max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def run(quick: bool = False) -> list[Result]:
    from state import Store
    from tests.fakes.feed_server import FeedServerProcess
    from tests.watcher.helpers import StoreSink, make_config
    from watcher.poller import poll_sources

    n_sources = 50 if quick else SOURCES
    hosts = _hosts(10)
    servers = [FeedServerProcess(h).start() for h in hosts]
    try:
        sources = []
        for i in range(n_sources):
            server = servers[i % len(servers)]
            for k in range(ENTRIES + 1):
                server.page(f"/s{i}/{k}", _page(f"Source {i} report {k}", i + k))
            server.feed(f"/s{i}/feed/", _feed(server, i, list(range(ENTRIES))))
            sources.append(
                {"name": f"source-{i:03d}", "kind": "feed", "url": server.url(f"/s{i}/feed/")}
            )
        per_host = 2 if len(hosts) > 1 else 16
        config = make_config(
            sources, per_host=per_host, concurrency=16, read_timeout="10s", deadline="30s"
        )
        with tempfile.TemporaryDirectory(prefix="iw-bench-poll-") as tmp:
            store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
            store.upgrade()
            sink = StoreSink(store)
            now = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)

            def timed(at: datetime) -> tuple[float, list]:
                started = time.perf_counter()
                outs = poll_sources(store, config, sink, now=at)
                return time.perf_counter() - started, outs

            first, outs = timed(now)
            assert all(o.status == "ok" and o.new == ENTRIES for o in outs), outs[:3]
            unchanged, outs = timed(now + timedelta(hours=1))
            assert all(o.status == "not_modified" for o in outs), outs[:3]
            for i in range(n_sources):  # every feed gains an entry
                server = servers[i % len(servers)]
                server.feed(f"/s{i}/feed/", _feed(server, i, list(range(ENTRIES + 1))))
            changed, outs = timed(now + timedelta(hours=2))
            assert all(o.status == "ok" and o.new == 1 for o in outs), outs[:3]
            store.dispose()
    finally:
        for s in servers:
            s.stop()
    hosts_note = f"{n_sources} sources on {len(hosts)} hosts, per_host {per_host}, concurrency 16"
    return [
        Result(
            f"poll_{n_sources}_first_all_new",
            round(first, 3),
            "s",
            better="lower",
            note=f"{n_sources * ENTRIES} pages fetched and extracted; {hosts_note}",
        ),
        Result(
            f"poll_{n_sources}_unchanged_304",
            round(unchanged, 3),
            "s",
            TARGET_UNCHANGED,
            "lower",
            note=hosts_note,
        ),
        Result(
            f"poll_{n_sources}_changed",
            round(changed, 3),
            "s",
            better="lower",
            note=f"each feed re-read, one new page each; {hosts_note}",
        ),
        Result(
            "poll_peak_rss",
            round(_max_rss_mb(), 1),
            "MB",
            better="lower",
            note="the polling process's maximum resident set (servers run apart)",
        ),
    ]


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv):
        print(r.line())
