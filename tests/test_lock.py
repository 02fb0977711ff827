"""One active instance per database: refused on SQLite, hot standby on PostgreSQL."""

from __future__ import annotations

import threading

import pytest

from state import Store
from state.lock import InstanceLock, InstanceLocked


def test_sqlite_second_instance_is_refused_with_a_clear_message(sqlite_url: str) -> None:
    first, second = Store(sqlite_url), Store(sqlite_url)
    lock = InstanceLock(first)
    lock.acquire()
    try:
        with pytest.raises(InstanceLocked) as info:
            InstanceLock(second).acquire()
        assert "already running" in str(info.value) and "pid" in str(info.value)
    finally:
        lock.release()
    again = InstanceLock(second)
    again.acquire()  # free once the first released it
    again.release()


def test_postgres_standby_takes_over_when_the_first_goes_away(pg_url: str) -> None:
    first, second = Store(pg_url), Store(pg_url)
    active = InstanceLock(first)
    assert active.acquire()
    standby = InstanceLock(second)
    assert standby.acquire(wait=False) is False
    got = threading.Event()
    stop = threading.Event()

    def wait_for_lock() -> None:
        if standby.acquire(wait=True, stop=stop, poll=0.05):
            got.set()

    t = threading.Thread(target=wait_for_lock)
    t.start()
    try:
        assert not got.wait(0.3)  # still held by the first
        # The first instance dies: its connection closes without unlocking.
        active._conn.invalidate()
        active._conn = None
        assert got.wait(10), "standby did not take over"
        assert standby.still_held()
    finally:
        stop.set()
        t.join(10)
        standby.release()
        first.dispose()
        second.dispose()
