"""Can the database take a write now? `SELECT 1` answers from a read-only file, a full disk
or a deleted SQLite file alike; only a committed write (and, for SQLite, a look at the file
itself) tells those apart from a database that works."""

from __future__ import annotations

from state.clock import utcnow
from state.db import Store
from state.models import Meta

PROBE_KEY = "write_probe"


def write_problem(store: Store) -> str | None:
    """None when a small write commits; else why the database cannot be written."""
    problem = store.file_problem()
    if problem is not None:
        return problem
    try:
        with store.transaction() as session:
            row = session.get(Meta, PROBE_KEY)
            stamp = utcnow().isoformat()
            if row is None:
                session.add(Meta(key=PROBE_KEY, value=stamp))
            else:
                row.value = stamp
    except Exception as exc:  # any failure to commit is the answer
        return write_error(exc)
    return None


def write_error(exc: BaseException) -> str:
    """The driver's own words for a failed write, one line: "attempt to write a readonly
    database", "database or disk is full"."""
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).strip().splitlines()[0] if str(inner).strip() else type(inner).__name__
    return text[:200]
