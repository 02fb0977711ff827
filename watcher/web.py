"""The service's HTTP face: /healthz, /metrics and /digests.atom (aiohttp, same event loop).

Database reads run in a thread so a slow database never blocks the loop.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from state import Store
from state import digests as digests_repo
from state import sources as sources_repo
from state.probe import write_problem
from watcher import __version__
from watcher.metrics import Metrics

log = logging.getLogger(__name__)


@dataclass
class Health:
    """What the service knows about itself, updated by the scheduler and the lock."""

    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    role: str = "starting"  # starting | active | standby | stopping
    heartbeat: datetime | None = None  # last tick of the scheduler loop (shown)
    beat_at: float | None = None  # the same on the monotonic clock (judged)
    stall_after: float = 300.0  # seconds without a tick before the service calls itself unhealthy

    def beat(self, now: datetime | None = None) -> None:
        self.heartbeat = now or datetime.now(UTC)
        self.beat_at = time.monotonic()


def health_report(store: Store, health: Health, source_names: list[str], now: datetime) -> tuple[int, dict]:
    # A write probe, not SELECT 1: a read-only or full disk, or a deleted SQLite file, reads fine.
    problem = write_problem(store)
    db_ok = problem is None
    readable = db_ok or store.ping()
    sources: list[dict] = []
    if readable:
        with store.transaction() as s:
            rows = {x.name: x for x in sources_repo.all_sources(s)}
        for name in source_names:
            row = rows.get(name)
            sources.append({
                "name": name,
                "last_success": row.last_success_at.isoformat() if row and row.last_success_at else None,
                "consecutive_failures": row.consecutive_failures if row else 0,
                "last_error": row.last_error if row else None,
            })
    stalled = (  # monotonic: a wall clock stepped either way is not a stall
        health.role == "active" and health.beat_at is not None
        and time.monotonic() - health.beat_at > health.stall_after
    )
    ok = db_ok and not stalled and health.role in ("active", "standby", "starting")
    body = {
        "status": "ok" if ok else "unhealthy",
        "version": __version__,
        "role": health.role,
        "database": "ok" if db_ok else f"{'cannot write' if readable else 'unreachable'}: {problem}",
        "scheduler": "stalled" if stalled else "ok",
        "heartbeat": health.heartbeat.isoformat() if health.heartbeat else None,
        "sources": sources,
    }
    return (200 if ok else 503), body


def atom_feed(store: Store, base_url: str, limit: int = 50) -> bytes:
    """The latest digests as Atom, for people who follow by feed reader."""
    from feedgen.feed import FeedGenerator

    with store.transaction() as s:
        rows = digests_repo.latest(s, limit)
        items = [(d.id, d.title, d.created_at, d.message, digests_repo.payload(d)) for d in rows]
    fg = FeedGenerator()
    fg.id(f"{base_url}/digests.atom")
    fg.title("inspectwatch digests")
    fg.subtitle("Key figures of new probation inspection reports, compared with earlier ones")
    fg.link(href=f"{base_url}/digests.atom", rel="self")
    fg.updated(max((c for _, _, c, _, _ in items), default=datetime(2015, 1, 1, tzinfo=UTC)))
    fg.generator("inspectwatch", __version__)
    for digest_id, title, created, message, payload in reversed(items):
        fe = fg.add_entry()
        fe.id(f"{base_url}/digests/{digest_id}")
        fe.title(title or "(untitled)")
        fe.updated(created)
        if payload.get("published"):
            fe.published(datetime.fromisoformat(payload["published"]).replace(tzinfo=UTC))
        if payload.get("url"):
            fe.link(href=payload["url"])
        fe.content(message, type="text")
        if payload.get("source"):
            fe.category(term=payload["source"])
    return fg.atom_str(pretty=True)


def make_app(store: Store, metrics: Metrics, health: Health, source_names: Callable[[], list[str]],
             base_url: str) -> web.Application:
    async def healthz(_req: web.Request) -> web.Response:
        status, body = await asyncio.to_thread(health_report, store, health, source_names(), datetime.now(UTC))
        return web.json_response(body, status=status, dumps=lambda o: json.dumps(o, indent=1))

    async def metrics_view(_req: web.Request) -> web.Response:
        data = await asyncio.to_thread(metrics.render)
        return web.Response(body=data, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def atom(_req: web.Request) -> web.Response:
        data = await asyncio.to_thread(atom_feed, store, base_url)
        return web.Response(body=data, content_type="application/atom+xml", charset="utf-8")

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_view)
    app.router.add_get("/digests.atom", atom)
    return app


async def start_web(app: web.Application, listen: str) -> web.AppRunner:
    host, _, port = listen.rpartition(":")
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host.strip("[]"), int(port))
    await site.start()
    return runner
