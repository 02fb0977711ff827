"""`inspectwatch run`: the long-lived service, on one event loop.

- APScheduler's asyncio scheduler ticks; each tick starts a poll of every source that is
  due and not already being polled. Polls run in a thread pool (requests is blocking), one
  source per task, so a slow source delays nobody else; the shared Fetcher keeps the
  per-host bound across them.
- The delivery worker drains the outbox, woken as soon as a poll stores a digest.
- The Telegram bot answers commands (long polling, or a webhook) when a token is set.
- aiohttp serves /healthz, /metrics and /digests.atom.
- One active instance per database (state.lock): SQLite refuses a second instance;
  PostgreSQL keeps it waiting as a hot standby that takes over when the first dies.
- SIGTERM/SIGINT: stop taking work, let what is in flight finish or persist, exit 0
  within `service.shutdown_grace`. Every write is a transaction, so an abandoned poll
  leaves nothing half-written.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bots.admins import notify_admins
from bots.destinations import close_channels
from state import Store
from state import sources as sources_repo
from state.lock import InstanceLock
from watcher import logs
from watcher.config import Config
from watcher.context import Context
from watcher.delivering import Destinations
from watcher.entries import FetchedEntry, Outcome
from watcher.http import Fetcher
from watcher.metrics import Metrics
from watcher.pipeline import Pipeline
from watcher.poller import PollOutcome, due_sources, log_outcome, poll_sources
from watcher.sources.base import SourceOptions
from watcher.web import Health, make_app, start_web

log = logging.getLogger("inspectwatch.service")

# How often the active instance on PostgreSQL checks it still holds the lock. A standby
# retries every second, so this bounds how long two instances could both be working.
LOCK_CHECK_SECONDS = 1.0


def tick_seconds(config: Config) -> float:
    """How often the scheduler looks for due sources: often enough for the shortest
    interval, never more than every second or less than every 30 seconds."""
    shortest = min((s.interval.total_seconds() for s in config.sources if s.enabled), default=60.0)
    return max(1.0, min(30.0, shortest / 4))


class Service:
    def __init__(self, config: Config, store: Store, environ=None) -> None:
        self.config = config
        self.store = store
        self.environ = environ
        self.health = Health(stall_after=max(300.0, 10 * tick_seconds(config)))
        self.metrics = Metrics(store, role=lambda: self.health.role)
        self.stop = asyncio.Event()
        self.lock = InstanceLock(store)
        self.executor = ThreadPoolExecutor(
            max_workers=config.fetch.concurrency, thread_name_prefix="poll"
        )
        self.fetcher: Fetcher | None = None
        self.pipeline = Pipeline(store, max_figures=config.delivery.max_figures)
        self.in_flight: dict[str, asyncio.Future] = {}
        self.dest: Destinations | None = None
        self.worker = None
        self.bot = None
        self._standby_stop = threading.Event()
        self.loop: asyncio.AbstractEventLoop | None = None

    # ------------------------------------------------------------ lifecycle

    async def run(self) -> int:
        loop = self.loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self._request_stop, sig)
        base = f"http://{self.config.service.listen}"
        app = make_app(
            self.store,
            self.metrics,
            self.health,
            lambda: [s.name for s in self.config.sources],
            base,
        )
        runner = await start_web(app, self.config.service.listen)
        log.info("listening on %s (/healthz, /metrics, /digests.atom)", base)
        try:
            if not await self._become_active():
                return 0
            return await self._serve()
        finally:
            await runner.cleanup()
            self.lock.release()
            self.executor.shutdown(wait=False, cancel_futures=True)

    def _request_stop(self, sig: signal.Signals) -> None:
        log.info("%s received: stopping", sig.name)
        self.health.role = "stopping"
        self.stop.set()
        self._standby_stop.set()

    async def _become_active(self) -> bool:
        if self.store.is_sqlite:
            self.lock.acquire()  # raises InstanceLocked, reported by the CLI
        else:
            self.health.role = "standby"
            got = await asyncio.to_thread(self.lock.acquire, wait=True, stop=self._standby_stop)
            if not got:
                return False
            log.info("holding the database: this instance is active")
        self.health.role = "active"
        return True

    async def _serve(self) -> int:
        from bots.telegram_bot import build_application, start_bot, stop_bot

        self.dest = await asyncio.to_thread(
            Destinations.open, self.config, self.store, self.environ
        )
        self.worker = self.dest.worker(on_event=self._delivery_event)
        self.fetcher = Fetcher(self.config.fetch)
        if self.dest.token:
            tags = tuple(sorted({t for s in self.config.sources for t in s.tags}))
            self.bot = build_application(
                self.dest.token,
                self.config.telegram,
                self.store,
                daily_time=self.config.delivery.daily_time,
                timezone=self.config.delivery.timezone,
                known_tags=tags,
                max_figures=self.config.delivery.max_figures,
            )
            await start_bot(self.bot)
            log.info("Telegram bot started (%s)", self.config.telegram.updates)
        worker_stop = asyncio.Event()
        worker_task = asyncio.create_task(self.worker.run(worker_stop), name="delivery")
        scheduler = AsyncIOScheduler(timezone=UTC)
        scheduler.add_job(
            self.tick,
            "interval",
            seconds=tick_seconds(self.config),
            next_run_time=datetime.now(UTC),
            max_instances=1,
            coalesce=True,
            id="tick",
        )
        scheduler.start()
        exit_code = 0
        try:
            if not self.store.is_sqlite:
                exit_code = await self._watch_lock()
            else:
                await self.stop.wait()
        finally:
            scheduler.shutdown(wait=False)
            exit_code = await self._shutdown(worker_stop, worker_task, stop_bot) or exit_code
        return exit_code

    async def _watch_lock(self) -> int:
        """PostgreSQL: if the connection holding the lock dies, another instance may take
        over; stop at once (and exit non-zero, so a supervisor restarts us as standby)."""
        while not self.stop.is_set():
            try:
                await asyncio.wait_for(self.stop.wait(), timeout=LOCK_CHECK_SECONDS)
            except TimeoutError:
                if not await asyncio.to_thread(self.lock.still_held):
                    log.error("lost the database lock; stopping so another instance can be active")
                    self.stop.set()
                    return 1
        return 0

    async def _shutdown(
        self, worker_stop: asyncio.Event, worker_task: asyncio.Task, stop_bot
    ) -> int:
        grace = self.config.service.shutdown_grace.total_seconds()
        deadline = asyncio.get_running_loop().time() + grace
        if self.bot is not None:
            try:
                await asyncio.wait_for(stop_bot(self.bot), timeout=max(0.5, grace / 3))
            except Exception:
                log.warning("the Telegram bot did not stop cleanly", exc_info=True)
        worker_stop.set()
        polls = list(self.in_flight.values())
        remaining = max(0.1, deadline - asyncio.get_running_loop().time())
        done, pending = await asyncio.wait([worker_task, *polls], timeout=remaining)
        if pending:
            log.warning(
                "%d task(s) still running at the end of the grace period; abandoned "
                "(their writes are transactions: nothing is half-written)",
                len(pending),
            )
        if self.dest is not None:
            await close_channels(self.dest.channels)
        if self.fetcher is not None:
            self.fetcher.close()
        log.info("stopped")
        return 0

    # ------------------------------------------------------------ polling

    async def tick(self) -> None:
        """Start a poll of every due source not already being polled."""
        self.health.beat()
        if self.stop.is_set():
            return
        try:
            due = await asyncio.to_thread(due_sources, self.store, self.config)
        except asyncio.CancelledError:
            return  # shutting down mid-tick: nothing was started
        except Exception:
            log.exception("cannot read which sources are due")
            return
        for source in due:
            if source.name in self.in_flight:
                continue
            fut = asyncio.get_running_loop().run_in_executor(self.executor, self._poll_one, source)
            self.in_flight[source.name] = fut
            fut.add_done_callback(lambda f, name=source.name: self._polled(name, f))

    def _poll_one(self, source: SourceOptions) -> list[PollOutcome]:
        """In a pool thread: poll, then spread the next due time and raise alerts (both write)."""
        outcomes = poll_sources(
            self.store, self.config, self._sink, only=[source.name], fetcher=self.fetcher
        )
        for o in outcomes:
            self._jitter(o)
            self._alert(o)
        return outcomes

    def _polled(self, name: str, fut: asyncio.Future) -> None:
        self.in_flight.pop(name, None)
        try:
            outcomes = fut.result()
        except Exception:
            log.exception("poll crashed", extra={"source": name})
            self.metrics.polls.labels(name, "error").inc()
            return
        for o in outcomes:
            self.metrics.polls.labels(o.source, o.status).inc()
            self.metrics.poll_seconds.labels(o.source).observe(o.seconds)
            log_outcome(o, log)
            if o.status == "error":
                self.metrics.fetch_errors.labels(o.source).inc()
            if o.entry_errors:
                self.metrics.fetch_errors.labels(o.source).inc(len(o.entry_errors))
        if self.worker is not None:
            self.worker.wake()

    def _jitter(self, outcome: PollOutcome) -> None:
        """Spread polls: add up to `service.jitter` of the interval to a successful poll's
        next due time, so sources configured alike do not all fire at once."""
        share = self.config.service.jitter
        interval = next((s.interval for s in self.config.sources if s.name == outcome.source), None)
        if (
            not share
            or interval is None
            or outcome.status == "error"
            or outcome.next_due_at is None
        ):
            return
        extra = timedelta(seconds=random.uniform(0, share * interval.total_seconds()))  # noqa: S311
        with self.store.transaction() as s:
            row = sources_repo.get(s, outcome.source)
            if row is not None:
                row.next_due_at = outcome.next_due_at + extra

    def _alert(self, outcome: PollOutcome) -> None:
        for text in outcome.alert_texts():
            log.warning("alert: %s", text, extra={"source": outcome.source, "url": outcome.url})
            if self.dest is not None and self.dest.token and self.config.telegram.admins:
                notify_admins(self.store, text, self.config.telegram.admins)

    def _sink(self, source: SourceOptions, entry: FetchedEntry) -> Outcome:
        result = self.pipeline.process(
            source.name, entry, source_kind=source.kind, source_url=source.url, tags=source.tags
        )
        if result.outcome != "unchanged":
            self.metrics.documents.labels(source.name, result.outcome).inc()
            if result.digest is not None:
                self.metrics.digests.inc()
                self.metrics.figures_shown.inc(len(result.digest.figures))
            self.metrics.figures.inc(result.figures)
            if result.deliveries and self.worker is not None and self.loop is not None:
                self.loop.call_soon_threadsafe(self.worker.wake)
        return result.outcome

    def _delivery_event(self, event: str, channel: str) -> None:
        if event == "sent":
            self.metrics.sent.labels(channel).inc()
        elif event == "failed":
            self.metrics.failed.labels(channel).inc()
        elif event in ("retried", "rate_limited"):
            self.metrics.retried.labels(channel).inc()


def run_service(args: argparse.Namespace) -> int:
    ctx = Context(args.config)
    config = ctx.config
    if not (args.verbose or args.quiet or args.log_format):
        logs.setup(config.service.log_level, config.service.log_format, explicit=False)
    store = ctx.store()
    service = Service(config, store, ctx.environ)
    try:
        code = asyncio.run(service.run())
    finally:
        store.dispose()
    if any(not f.done() for f in service.in_flight.values()):
        # A poll thread is still inside a request; its writes are transactions, so leave now
        # rather than wait for its deadline.
        logging.shutdown()
        os._exit(code)
    return code
