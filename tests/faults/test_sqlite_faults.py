"""SQLite under stress, through the real poller and pipeline: another connection holding
the write lock, and a disk that fills up mid-write. A writer waits then succeeds, or fails
cleanly; nothing is half-written (no document without its figures, digest and outbox rows);
the failure is reported against the source's entry and the next poll stores it once."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, text

from state import Store, chats
from state import sources as sources_repo
from tests.fakes.feed_server import RSS, FeedServer
from tests.integration.site import Report, rss
from tests.watcher.helpers import make_config
from watcher.pipeline import Pipeline, make_sink
from watcher.poller import poll_sources

NOW = datetime.now(UTC)
CHATS = 3


def tables(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()  # noqa: S608 - fixed names
            for t in ("documents", "figures", "digests", "deliveries")
        }


def reports(n: int, start: int = 0) -> list[Report]:
    return [
        Report(
            f"pdu-{i}",
            f"An inspection of probation services in: Town {i} PDU",
            date.today() - timedelta(days=1),
            "Good",
            40 + i,
            3 + i,
        )
        for i in range(start, start + n)
    ]


def publish(server: FeedServer, items: list[Report]) -> None:
    base = server.url("").rstrip("/")
    for r in items:
        server.page(f"/document/{r.slug}", r.html())
    server.feed("/feed/", rss(base, items), content_type=RSS)


@pytest.fixture
def setup(tmp_path: Path, feed_server: FeedServer):
    store = Store(f"sqlite:///{tmp_path / 'state.db'}")
    store.upgrade()
    with store.transaction() as s:
        sources_repo.ensure(s, "hmi", "feed", feed_server.url("/feed/"), now=NOW)
        for c in range(CHATS):
            chats.subscribe(s, chats.ensure(s, "telegram", str(900 + c), now=NOW), now=NOW)
    config = make_config(
        [{"name": "hmi", "kind": "feed", "url": feed_server.url("/feed/")}], read_timeout="5s"
    )
    yield store, config, tmp_path / "state.db"
    store.dispose()


def poll(store: Store, config, sink=None):
    (outcome,) = poll_sources(store, config, sink or make_sink(Pipeline(store)))
    return outcome


def assert_whole(store: Store, documents: int) -> None:
    """Each stored document has its figures, one digest and one delivery per chat."""
    counts = tables(store)
    assert counts["documents"] == documents and counts["digests"] == documents, counts
    assert counts["deliveries"] == documents * CHATS, counts
    with store.engine.connect() as conn:
        bare = conn.execute(
            text(
                "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                "(SELECT 1 FROM figures f WHERE f.document_id = d.id)"
            )
        ).scalar()
    assert bare == 0


@contextmanager
def write_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's view: a connection holding SQLite's write lock until the block ends."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def short_busy_timeout(store: Store, ms: int) -> None:
    """Wait at most `ms` for a lock (the service waits 30 s; a test need not)."""

    @event.listens_for(store.engine, "connect")
    def _busy(dbapi_conn, _record) -> None:
        dbapi_conn.execute(f"PRAGMA busy_timeout={ms}")

    store.engine.dispose()


def test_a_writer_waits_for_the_lock_then_succeeds(setup, feed_server: FeedServer) -> None:
    store, config, path = setup
    publish(feed_server, reports(2))
    beginning = threading.Event()

    @event.listens_for(store.engine, "before_cursor_execute")
    def _seen(conn, cursor, statement, *args) -> None:
        if statement.startswith("BEGIN IMMEDIATE"):
            beginning.set()

    result: list = []
    with write_lock(path):
        worker = threading.Thread(target=lambda: result.append(poll(store, config)))
        worker.start()
        assert beginning.wait(10), "the poll never tried to write"
        assert worker.is_alive()  # it waits for the lock rather than failing
    worker.join(30)
    (outcome,) = result
    assert (outcome.status, outcome.new, outcome.entry_errors) == ("ok", 2, ())
    assert_whole(store, 2)


def test_a_lock_held_too_long_fails_the_entry_cleanly_and_the_next_poll_stores_it(
    setup, feed_server: FeedServer
) -> None:
    store, config, path = setup
    publish(feed_server, reports(2))
    short_busy_timeout(store, 200)
    pipeline_sink = make_sink(Pipeline(store))
    seen: list[str] = []

    def sink_behind_a_lock(options, entry):
        """Another writer takes the lock just as the pipeline wants to store the entry."""
        seen.append(entry.entry_key)
        if len(seen) == 1:
            with write_lock(path):
                return pipeline_sink(options, entry)
        return pipeline_sink(options, entry)

    outcome = poll(store, config, sink_behind_a_lock)
    assert outcome.status == "ok" and outcome.new == 1
    (error,) = outcome.entry_errors
    assert "could not be stored" in error.message and "database is locked" in error.message
    assert_whole(store, 1)

    again = poll(store, config)  # the validators were dropped: the listing is read again
    assert again.status == "ok" and again.new == 1 and not again.entry_errors
    assert_whole(store, 2)
    assert poll(store, config).new == 0


def test_a_poll_that_cannot_even_start_says_so_and_the_next_one_works(
    setup, feed_server: FeedServer
) -> None:
    store, config, path = setup
    publish(feed_server, reports(1))
    short_busy_timeout(store, 200)
    with write_lock(path), pytest.raises(Exception, match="database is locked"):
        poll(store, config)
    assert_whole(store, 0)
    outcome = poll(store, config)
    assert outcome.new == 1
    assert_whole(store, 1)


def fill_disk(store: Store):
    """The database may not grow by a single page more: the next insert that needs one
    fails with SQLITE_FULL ("database or disk is full")."""

    @event.listens_for(store.engine, "connect")
    def _full(dbapi_conn, _record) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    store.engine.dispose()
    return _full


def fail_commits_with_a_digest(store: Store):
    """The disk fills at the last moment: COMMIT of any transaction that wrote a digest fails."""
    wrote: set[int] = set()

    def _insert(conn, cursor, statement, *args) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO DIGESTS"):
            wrote.add(id(conn))

    def _commit(conn) -> None:
        if id(conn) in wrote:
            wrote.discard(id(conn))
            raise sqlite3.OperationalError("database or disk is full")

    event.listen(store.engine, "before_cursor_execute", _insert)
    event.listen(store.engine, "commit", _commit)
    return _insert, _commit


@pytest.mark.parametrize("how", ["no_free_page", "commit_fails"])
def test_disk_full_leaves_nothing_half_written_and_the_next_poll_retries(
    setup, feed_server: FeedServer, how: str
) -> None:
    store, config, _path = setup
    publish(feed_server, reports(2))
    assert poll(store, config).new == 2
    assert_whole(store, 2)
    publish(feed_server, reports(4))  # two more, while the disk is full
    full = fill_disk if how == "no_free_page" else fail_commits_with_a_digest
    listener = full(store)

    outcome = poll(store, config)
    assert outcome.status == "ok" and outcome.new == 0
    assert len(outcome.entry_errors) == 2
    for e in outcome.entry_errors:
        assert "could not be stored" in e.message and "disk is full" in e.message, e.message
    assert_whole(store, 2)  # not a row of the two new documents

    if how == "no_free_page":  # space again
        event.remove(store.engine, "connect", listener)
        store.engine.dispose()
    else:
        event.remove(store.engine, "before_cursor_execute", listener[0])
        event.remove(store.engine, "commit", listener[1])
    outcome = poll(store, config)
    assert outcome.new == 2 and not outcome.entry_errors
    assert_whole(store, 4)
    assert poll(store, config).new == 0  # stored once
