"""Replay of 1,000 generated documents end to end: files loaded with `watcher.replay`
(load_inputs with a manifest), each through the pipeline (analyse, compare with every
earlier document in state, digest, outbox rows for the subscribed chats) into state, in
publication order. Documents per second into SQLite (target 50), and into PostgreSQL
when a server is reachable (for information).

The corpus (bench/corpus.py) is generated from templates with a seeded generator: reports,
press releases and blog posts with comments, several measures each, dated over 2014-2026.
State starts with the seed baseline and ten subscribed chats, as a small deployment would.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path

from bench import Result

DOCUMENTS = 1000
QUICK_DOCUMENTS = 100
CHATS = 10
TARGET = 50.0
PG_URL = os.environ.get(
    "INSPECTWATCH_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _prepare(store) -> None:
    from datetime import UTC, datetime

    from state import chats
    from state.baseline import ensure_baseline

    store.upgrade()
    now = datetime.now(UTC)
    with store.transaction() as s:
        ensure_baseline(s)
        for c in range(CHATS):
            chat = chats.ensure(s, "telegram", str(50_000 + c), now=now)
            chats.subscribe(s, chat, now=now)


def _replay(store, folder: Path, manifest_path: Path) -> tuple[float, int, int, int]:
    """Seconds, documents loaded, digests made, load errors."""
    from state import deliveries, digests
    from watcher.replay import load_inputs, read_manifest, replay_documents

    started = time.perf_counter()
    docs, errors = load_inputs([str(folder)], read_manifest(str(manifest_path)))
    made = sum(1 for _ in replay_documents(store, docs, deliver=True))
    elapsed = time.perf_counter() - started
    with store.transaction() as s:
        assert digests.count(s) == made, "a digest went missing on its way into state"
        queued = deliveries.counts(s)["pending"]
    assert queued == made * CHATS, (queued, made)
    return elapsed, len(docs), made, len(errors)


def _pg_schema_url() -> tuple[str, str] | None:
    try:
        import psycopg
    except ImportError:
        return None
    dsn = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(dsn, connect_timeout=3, autocommit=True) as conn:
            schema = "iwbench_" + uuid.uuid4().hex[:10]
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except Exception:
        return None
    sep = "&" if "?" in PG_URL else "?"
    return schema, f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


def _drop_schema(schema: str) -> None:
    import psycopg

    dsn = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def run(quick: bool = False) -> list[Result]:
    import json

    from bench.corpus import generate, write
    from state import Store

    n = QUICK_DOCUMENTS if quick else DOCUMENTS
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="iw-bench-replay-") as tmp:
        folder = Path(tmp) / "docs"
        manifest = write(generate(n), folder)
        manifest_path = Path(tmp) / "manifest.json"
        manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

        store = Store(f"sqlite:///{Path(tmp) / 'replay.db'}")
        _prepare(store)
        try:
            seconds, loaded, made, errors = _replay(store, folder, manifest_path)
        finally:
            store.dispose()
        assert loaded == n and errors == 0, (loaded, errors)
        results.append(
            Result(
                f"replay_{n}_docs_sqlite",
                round(loaded / seconds, 1),
                "docs/s",
                TARGET,
                note=f"{loaded} documents in {seconds:.1f}s, {made} digests, "
                f"{made * CHATS} outbox rows",
            )
        )

        pg = _pg_schema_url()
        if pg is None:
            results.append(
                Result(f"replay_{n}_docs_postgres", 0, "docs/s", note="no PostgreSQL: skipped")
            )
        else:
            schema, url = pg
            store = Store(url)
            try:
                _prepare(store)
                seconds, loaded, made, _errors = _replay(store, folder, manifest_path)
            finally:
                store.dispose()
                _drop_schema(schema)
            results.append(
                Result(
                    f"replay_{n}_docs_postgres",
                    round(loaded / seconds, 1),
                    "docs/s",
                    note=f"{loaded} documents in {seconds:.1f}s (information)",
                )
            )
    return results


if __name__ == "__main__":
    import sys

    for r in run(quick="--quick" in sys.argv):
        print(r.line())
