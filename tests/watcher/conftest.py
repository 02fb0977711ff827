"""Watcher fixtures: the local feed server (from tests/fakes) and a migrated SQLite store."""

from __future__ import annotations

import pytest

from state import Store
from tests.fakes.feed_server import FeedServer, feed_server  # noqa: F401  (the fixture)


@pytest.fixture
def sqlite_store(sqlite_url: str):
    s = Store(sqlite_url)
    s.upgrade()
    yield s
    s.dispose()


@pytest.fixture
def server(feed_server: FeedServer) -> FeedServer:  # noqa: F811
    return feed_server
