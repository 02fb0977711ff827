"""Copy all of state from one database to another (SQLite to PostgreSQL, or a backup).

Rows are copied table by table in foreign-key order, in one transaction on the target,
which must be empty (migrated or not). PostgreSQL id sequences are moved past the copied
ids so new rows do not collide.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select, text

from state.db import StateError, Store
from state.models import Base

BATCH = 1000


def copy_state(
    source: Store, target: Store, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    source.upgrade()
    target.upgrade()
    tables = Base.metadata.sorted_tables
    with target.engine.begin() as dst:
        for table in tables:
            if dst.execute(select(func.count()).select_from(table)).scalar():
                raise StateError(
                    f"target database is not empty (table {table.name} has rows); "
                    "copy into a fresh database"
                )
    copied: dict[str, int] = {}
    with source.engine.connect() as src, target.engine.begin() as dst:
        for table in tables:
            n = 0
            result = src.execution_options(stream_results=True).execute(select(table))
            while rows := result.fetchmany(BATCH):
                dst.execute(table.insert(), [dict(r._mapping) for r in rows])
                n += len(rows)
            copied[table.name] = n
            if progress:
                progress(table.name, n)
        if target.engine.dialect.name == "postgresql":
            for table in tables:
                pk = list(table.primary_key.columns)
                if (
                    len(pk) == 1
                    and pk[0].autoincrement is not False
                    and pk[0].type.python_type is int
                ):
                    dst.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "  # noqa: S608 - names from our own schema
                            f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                        )
                    )
    return copied
