"""`inspectwatch db upgrade|current`: migrations, by hand."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from watcher.context import Context


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "db", help="database migrations", description="Apply or inspect database migrations."
    )
    dsub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = dsub.add_parser("upgrade", help="apply pending migrations and load the seed baseline")
    up.add_argument("--url", help="database URL (default from config)")
    up.set_defaults(handler=upgrade)
    cur = dsub.add_parser("current", help="print the applied and the latest revision")
    cur.add_argument("--url", help="database URL (default from config)")
    cur.set_defaults(handler=current)
    cp = dsub.add_parser("copy", help="copy all state into another (empty) database, e.g. SQLite to PostgreSQL",
                         description="Copy every table into an empty database: move from SQLite to "
                         "PostgreSQL, or take a consistent backup. Stop the service first.")
    cp.add_argument("target", metavar="TARGET_URL", help="e.g. postgresql+psycopg://iw@db/iw or sqlite:///backup.db")
    cp.add_argument("--url", help="source database URL (default from config)")
    cp.set_defaults(handler=copy)


def _url(args: argparse.Namespace, ctx: Context) -> str:
    return args.url or ctx.config.state.url


def upgrade(args: argparse.Namespace) -> int:
    from state import Store
    from state.baseline import ensure_baseline
    from watcher.context import Context

    ctx = Context(args.config)
    store = Store(_url(args, ctx))
    applied = store.upgrade()
    with store.transaction() as session:
        loaded = ensure_baseline(session)
    print(
        f"{store.display_url}: "
        + (f"applied {', '.join(applied)}" if applied else "already up to date")
        + ("; seed baseline loaded" if loaded else "")
    )
    store.dispose()
    return 0


def current(args: argparse.Namespace) -> int:
    """Read-only: a database that does not exist yet is reported, not created."""
    from state import Store
    from state.db import sqlite_file
    from state.migrate import current_revision, head_revision
    from watcher.context import Context

    ctx = Context(args.config)
    url = _url(args, ctx)
    path = sqlite_file(url)
    if path is not None and not path.exists():
        print(f"current: none (not initialised: no database at {path})  latest: {head_revision()}")
        return 0
    store = Store(url)
    try:
        rev = current_revision(store.engine)
    finally:
        store.dispose()
    print(f"current: {rev or 'none (not initialised)'}  latest: {head_revision()}")
    return 0


def copy(args: argparse.Namespace) -> int:
    from state import Store
    from state.copy import copy_state
    from watcher.context import Context

    ctx = Context(args.config)
    source, target = Store(_url(args, ctx)), Store(args.target)
    try:
        counts = copy_state(source, target, lambda table, n: print(f"  {table}: {n} rows"))
    finally:
        source.dispose()
        target.dispose()
    print(f"copied {sum(counts.values())} rows from {source.display_url} to {target.display_url}")
    return 0
