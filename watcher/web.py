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
from state import entry_failures as failures_repo
from state import sources as sources_repo
from state.probe import write_problem
from watcher import __version__
from watcher.metrics import Metrics

log = logging.getLogger(__name__)


@dataclass
class Health:
    """What the service knows about itself, updated by the scheduler, the lock and the bot."""

    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    role: str = "starting"  # starting | active | standby | stopping
    heartbeat: datetime | None = None  # last tick of the scheduler loop (shown)
    beat_at: float | None = None  # the same on the monotonic clock (judged)
    stall_after: float = 300.0  # seconds without a tick before the service calls itself unhealthy
    channels: dict[str, str] = field(default_factory=dict)  # e.g. {"telegram": "down: ..."}

    def beat(self, now: datetime | None = None) -> None:
        self.heartbeat = now or datetime.now(UTC)
        self.beat_at = time.monotonic()


def _source_health(row, failing: int) -> str:
    if row is None or row.last_polled_at is None:
        return "never polled"
    if row.consecutive_failures or failing:
        return "failing"
    return "ok"


def source_report(store: Store, source_names: list[str]) -> list[dict]:
    """Each configured source's health: its listing and its entries that keep failing."""
    with store.transaction() as s:
        rows = {x.name: x for x in sources_repo.all_sources(s)}
        failing = failures_repo.failing_counts(s)
    out = []
    for name in source_names:
        row = rows.get(name)
        out.append({
            "name": name,
            "status": _source_health(row, failing[name]),
            "last_attempt": row.last_polled_at.isoformat() if row and row.last_polled_at else None,
            "last_success": row.last_success_at.isoformat() if row and row.last_success_at else None,
            "consecutive_failures": row.consecutive_failures if row else 0,
            "failing_entries": failing[name],
            "last_error": row.last_error if row else None,
        })  # fmt: skip
    return out


def health_report(store: Store, health: Health, source_names: list[str], now: datetime) -> tuple[int, dict]:
    """200 "ok"; 200 "degraded" while a source or channel fails (the service itself works:
    no restart would help); 503 "unhealthy" when the database cannot be written (a write
    probe, not SELECT 1: a read-only or full disk, or a deleted SQLite file, reads fine) or
    the scheduler is gone."""
    problem = write_problem(store)
    db_ok = problem is None
    readable = db_ok or store.ping()
    sources = source_report(store, source_names) if readable else []
    stalled = (  # monotonic: a wall clock stepped either way is not a stall
        health.role == "active" and health.beat_at is not None
        and time.monotonic() - health.beat_at > health.stall_after
    )
    ok = db_ok and not stalled and health.role in ("active", "standby", "starting")
    failing = [s["name"] for s in sources if s["status"] == "failing"]
    down = [k for k, v in health.channels.items() if v != "up"]
    status = "unhealthy" if not ok else "degraded" if failing or down else "ok"
    body = {
        "status": status,
        "version": __version__,
        "role": health.role,
        "database": "ok" if db_ok else f"{'cannot write' if readable else 'unreachable'}: {problem}",
        "scheduler": "stalled" if stalled else "ok",
        "heartbeat": health.heartbeat.isoformat() if health.heartbeat else None,
        "channels": dict(health.channels),
        "failing_sources": failing,
        "sources": sources,
    }
    return (200 if ok else 503), body


def atom_feed(store: Store, base_url: str, limit: int = 50) -> tuple[bytes, datetime]:
    """The latest digests as Atom (RFC 4287: id, title, updated and author on the feed,
    an alternate link on every entry), for people who follow by feed reader. Links and ids
    are built from `service.base_url`. Returns the document and its last change."""
    from feedgen.feed import FeedGenerator

    with store.transaction() as s:
        rows = digests_repo.latest(s, limit)
        items = [(d.id, d.title, d.created_at, d.message, digests_repo.payload(d)) for d in rows]
    updated = max((c for _, _, c, _, _ in items), default=datetime(2015, 1, 1, tzinfo=UTC))
    fg = FeedGenerator()
    fg.id(f"{base_url}/digests.atom")
    fg.title("inspectwatch digests")
    fg.subtitle("Key figures of new probation inspection reports, compared with earlier ones")
    fg.author({"name": "inspectwatch", "uri": base_url})
    fg.link(href=f"{base_url}/digests.atom", rel="self", type="application/atom+xml")
    fg.link(href=f"{base_url}/", rel="alternate")
    fg.updated(updated)
    fg.generator("inspectwatch", __version__)
    for digest_id, title, created, message, payload in reversed(items):
        fe = fg.add_entry()
        fe.id(f"{base_url}/digests/{digest_id}")
        fe.title(title or "(untitled)")
        fe.updated(created)
        if payload.get("published"):
            fe.published(datetime.fromisoformat(payload["published"]).replace(tzinfo=UTC))
        # The report itself when known, else the feed: every entry needs an alternate link.
        fe.link(href=payload.get("url") or f"{base_url}/digests.atom", rel="alternate")
        fe.content(message, type="text")
        if payload.get("source"):
            fe.category(term=payload["source"])
    return fg.atom_str(pretty=True), updated


def _conditional(request: web.Request, body: bytes, updated: datetime) -> web.Response:
    """ETag and Last-Modified on the feed; a reader that has it gets 304."""
    import hashlib
    from email.utils import format_datetime

    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(updated.astimezone(UTC), usegmt=True),
        "Cache-Control": "max-age=60",
    }
    if etag in request.headers.get("If-None-Match", ""):
        return web.Response(status=304, headers=headers)
    return web.Response(body=body, content_type="application/atom+xml", charset="utf-8", headers=headers)


def make_app(store: Store, metrics: Metrics, health: Health, source_names: Callable[[], list[str]],
             base_url: str) -> web.Application:
    async def healthz(_req: web.Request) -> web.Response:
        status, body = await asyncio.to_thread(health_report, store, health, source_names(), datetime.now(UTC))
        return web.json_response(body, status=status, dumps=lambda o: json.dumps(o, indent=1))

    async def metrics_view(_req: web.Request) -> web.Response:
        data = await asyncio.to_thread(metrics.render)
        return web.Response(body=data, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def atom(req: web.Request) -> web.Response:
        data, updated = await asyncio.to_thread(atom_feed, store, base_url)
        return _conditional(req, data, updated)

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
