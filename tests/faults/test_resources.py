"""A long-running service must not grow with every poll. The service keeps one Fetcher for
its lifetime while polls run on threads that come and go: a session (and its open
keep-alive connection) left behind per poll thread would leak memory and file descriptors
without bound."""

from __future__ import annotations

import os
import threading

from tests.fakes.feed_server import FeedServer
from tests.watcher.helpers import make_config, rss
from watcher.http import Fetcher


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_a_shared_fetcher_keeps_no_session_of_threads_that_have_ended(
    feed_server: FeedServer,
) -> None:
    feed_server.feed("/feed/", rss([{"title": "A", "guid": "urn:a"}]))
    fetcher = Fetcher(make_config([]).fetch)
    url = feed_server.url("/feed/")

    def poll_once() -> None:
        assert fetcher.get(url, accept="feed").body

    try:
        poll_once()  # warm up (the first thread's session and connection)
        before = open_fds()
        for _ in range(60):  # sixty polls, each on a thread of its own, as the service's are
            t = threading.Thread(target=poll_once)
            t.start()
            t.join(10)
        assert feed_server.count("/feed/") == 61
        assert open_fds() - before <= 3  # not one kept-alive connection per poll
        assert len(fetcher._sessions) <= 2  # the caller's and the last thread's at most
    finally:
        fetcher.close()
