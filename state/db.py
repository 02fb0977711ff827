"""Engine and transactions: SQLite (WAL, foreign keys) by default, PostgreSQL by URL.

Everything else reaches the database through `Store.transaction()` and the repository
modules beside this one; no SQL lives outside `state/`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from state.errors import NotInitialised, StateError  # noqa: F401 - re-exported
from state.urls import DEFAULT_URL, normalise_url, resolve_sqlite, sqlite_file  # noqa: F401

log = logging.getLogger(__name__)


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StateError(f"state.url: not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; issue it ourselves so that a
        # transaction that reads then writes holds its lock from the start.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    except Exception as exc:  # missing driver, bad options
        raise StateError(
            f"state.url: cannot use {parsed.render_as_string(hide_password=True)}: {exc}"
        ) from exc


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if database.startswith("file:"):
        return None
    return Path(database).expanduser().resolve()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # let the "begin" listener issue BEGIN IMMEDIATE
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


class Store:
    """The database handle passed explicitly to whoever needs state (no global)."""

    def __init__(self, url: str = DEFAULT_URL) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._file = _sqlite_file(self.url)
        self._identity: tuple[int, int] | None = None
        if self._file is not None:
            event.listen(self.engine, "connect", lambda _c, _r: self._remember_file())

    def _remember_file(self) -> None:
        if self._identity is None and self._file is not None:
            try:
                st = os.stat(self._file)
            except OSError:
                return
            self._identity = (st.st_dev, st.st_ino)

    def file_problem(self) -> str | None:
        """SQLite: the database file this store opened is gone or was replaced (a process
        holding a deleted file goes on writing to it, and all of it is lost at restart)."""
        if self._file is None or self._identity is None:
            return None
        try:
            st = os.stat(self._file)
        except FileNotFoundError:
            return f"the database file {self._file} is gone (deleted or moved while open)"
        except OSError as exc:
            return f"cannot look at the database file {self._file}: {exc.strerror or exc}"
        if (st.st_dev, st.st_ino) != self._identity:
            return f"the database file {self._file} was replaced while open"
        return None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def display_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back whole on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def upgrade(self) -> list[str]:
        """Apply pending migrations; returns the revisions applied."""
        from state.migrate import upgrade

        return upgrade(self.engine)

    @classmethod
    def existing(cls, url: str = DEFAULT_URL) -> Store:
        """Open a database for reading only: never created, never migrated. Raises
        NotInitialised when it does not exist yet or needs `inspectwatch db upgrade`."""
        from state.migrate import current_revision, head_revision

        path = sqlite_file(url)
        if path is not None and not path.exists():
            raise NotInitialised(
                f"{path} has not been initialised (no such file); "
                "create it with `inspectwatch init` or `inspectwatch db upgrade`"
            )
        store = cls(url)
        try:
            current, head = current_revision(store.engine), head_revision()
        except Exception:
            store.dispose()
            raise
        if current != head:
            store.dispose()
            what = "has not been initialised" if current is None else f"is at revision {current}, not {head}"
            raise NotInitialised(f"{store.display_url} {what}; run `inspectwatch db upgrade`")
        return store

    def ping(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except OperationalError:
            return False

    def dispose(self) -> None:
        self.engine.dispose()
