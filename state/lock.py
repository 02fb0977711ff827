"""One active instance per database.

SQLite: an exclusive `flock` on a file beside the database; a second instance is refused
with a message naming the holder. PostgreSQL: a session-level advisory lock held on a
dedicated connection; a second instance waits as a hot standby and takes over the moment
the first one's connection goes away (crash, kill -9, network loss), with no home-made
lease to get wrong.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection, make_url

from state.db import StateError, Store

log = logging.getLogger(__name__)

# An arbitrary constant: "iw" in ASCII and a version, so other applications sharing the
# database are unlikely to collide with it.
ADVISORY_KEY = 0x6977_0001


class InstanceLocked(StateError):
    """Another instance holds the lock (SQLite): this one must not run."""


class InstanceLock:
    """Acquire with `acquire(wait=...)`, release with `release()` (or use as a context manager)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._fd: int | None = None
        self._conn: Connection | None = None
        self.path: Path | None = None
        if store.is_sqlite:
            database = make_url(store.url).database or ""
            if database in ("", ":memory:"):
                self.path = None
            else:
                self.path = (
                    Path(database).expanduser().resolve().with_name(Path(database).name + ".lock")
                )

    @property
    def held(self) -> bool:
        return self._fd is not None or self._conn is not None

    def acquire(
        self, *, wait: bool = False, stop: threading.Event | None = None, poll: float = 1.0
    ) -> bool:
        """Take the lock. SQLite never waits: a held lock raises InstanceLocked. PostgreSQL
        waits (as a standby) when `wait`, until it gets the lock or `stop` is set."""
        if self.store.is_sqlite:
            self._acquire_file()
            return True
        return self._acquire_advisory(wait=wait, stop=stop, poll=poll)

    def _acquire_file(self) -> None:
        if self.path is None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise InstanceLocked(
                f"another inspectwatch (pid {holder}) is already running on {self.store.display_url}; "
                f"stop it first (lock: {self.path})"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd

    def _acquire_advisory(self, *, wait: bool, stop: threading.Event | None, poll: float) -> bool:
        conn = self.store.engine.connect()
        try:
            announced = False
            while True:
                got = conn.execute(
                    text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}
                ).scalar()
                conn.commit()
                if got:
                    self._conn = conn
                    return True
                if not wait:
                    conn.close()
                    return False
                if not announced:
                    log.warning("another instance holds the database; waiting as a hot standby")
                    announced = True
                if stop is not None and stop.wait(poll):
                    conn.close()
                    return False
                if stop is None:
                    threading.Event().wait(poll)
        except Exception:
            conn.close()
            raise

    def still_held(self) -> bool:
        """PostgreSQL: is the connection holding the lock still alive? (SQLite: always.)"""
        if self._conn is None:
            return self._fd is not None or self.path is None
        try:
            self._conn.execute(text("SELECT 1")).scalar()
            self._conn.commit()
            return True
        except Exception:
            return False

    def release(self) -> None:
        if self._fd is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                self._conn.commit()
            except Exception:  # the connection is gone: so is the lock
                pass
            finally:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
