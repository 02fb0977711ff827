"""`inspectwatch run`: the long-lived service, on one event loop.

- A ticker on the loop's monotonic clock starts a poll of every source that is due (by
  `watcher.schedule`, monotonic too, so wall-clock steps either way change nothing) and
  not already being polled. Polls run in a thread pool (requests is blocking), one
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
import contextlib
import logging
import os
import random
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from bots.admins import notify_admins
from bots.destinations import close_channels
from bots.source_alerts import tell_followers
from state import Store
from state import sources as sources_repo
from state.clock import utcnow
from state.lock import InstanceLock
from watcher import logs
from watcher.botstart import keep_starting
from watcher.config import Config, ConfigError, channel_problems
from watcher.context import Context
from watcher.delivering import Destinations
from watcher.entries import FetchedEntry, Outcome
from watcher.http import Fetcher
from watcher.metrics import Metrics
from watcher.pipeline import Pipeline
from watcher.poller import PollOutcome, log_outcome, poll_sources
from watcher.preflight import check_extractors
from watcher.schedule import Schedule
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
    def __init__(self, config: Config, store: Store, environ=None, config_path=None) -> None:
        self.config = config
        self.config_path = config_path
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
        self.schedule = Schedule()
        self.dest: Destinations | None = None
        self.worker = None
        self.bot = None
        self.bot_task: asyncio.Task | None = None
        self.worker_stop = asyncio.Event()
        self.worker_task: asyncio.Task | None = None
        self._standby_stop = threading.Event()
        self.loop: asyncio.AbstractEventLoop | None = None

    # ------------------------------------------------------------ lifecycle

    async def run(self) -> int:
        loop = self.loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self._request_stop, sig)
        loop.add_signal_handler(signal.SIGHUP, self._request_reload)
        if self.store.is_sqlite:
            # Before binding any port: a second instance is told who holds the database,
            # not that the port is taken.
            self.lock.acquire()  # raises InstanceLocked, reported by the CLI
        app = make_app(
            self.store,
            self.metrics,
            self.health,
            lambda: [s.name for s in self.config.sources],
            self.config.service.public_url,
        )
        runner = await start_web(app, self.config.service.listen)
        log.info(
            "listening on http://%s (/healthz, /metrics, /digests.atom)", self.config.service.listen
        )
        try:
            if not await self._become_active():
                return 0
            return await self._serve()
        finally:
            await runner.cleanup()
            self.lock.release()
            self.executor.shutdown(wait=False, cancel_futures=True)

    def _request_reload(self) -> None:
        if self.loop is not None and not self.stop.is_set():
            self.loop.create_task(self.reload(), name="reload")

    async def reload(self) -> bool:
        """SIGHUP: apply a valid new config, refuse an invalid one (see watcher.reload)."""
        from watcher import reload as rl

        if self.config_path is None:
            log.warning("SIGHUP: no config file to read again")
            return False
        try:
            new = await asyncio.to_thread(rl.read_new, self.config_path, self.environ)
        except ConfigError as exc:
            for problem in exc.problems:
                log.error("config not reloaded: %s", problem)
            log.error("SIGHUP: %s refused; the running config is kept", self.config_path)
            return False
        old = self.config
        for what in rl.restart_only(old, new):
            log.warning("SIGHUP: %s changed; it takes effect after a restart", what)
        new = rl.merge(old, new)
        self.config = new
        self.pipeline = Pipeline(self.store, max_figures=new.delivery.max_figures)
        self.health.stall_after = max(300.0, 10 * tick_seconds(new))
        # the ticker reads tick_seconds(self.config) at every tick: nothing to reschedule
        if rl.delivery_changed(old, new) and self.dest is not None:
            await self._reopen_delivery()
        log.info(
            "config reloaded from %s: %d sources, %d channels",
            self.config_path,
            len(new.sources),
            len(new.channels),
        )
        return True

    async def _reopen_delivery(self) -> None:
        """Stop the worker, close the channels, open them again from the new config."""
        self.worker_stop.set()
        if self.worker_task is not None:
            await asyncio.wait([self.worker_task], timeout=5)
        if self.dest is not None:
            await close_channels(self.dest.channels)
        for key in [k for k in self.health.channels if k != "telegram"]:
            del self.health.channels[key]
        await self._open_delivery()

    def _request_stop(self, sig: signal.Signals) -> None:
        log.info("%s received: stopping", sig.name)
        self.health.role = "stopping"
        self.stop.set()
        self._standby_stop.set()

    async def _become_active(self) -> bool:
        if not self.store.is_sqlite:
            self.health.role = "standby"
            got = await asyncio.to_thread(self.lock.acquire, wait=True, stop=self._standby_stop)
            if not got:
                return False
            log.info("holding the database: this instance is active")
        self.health.role = "active"
        return True

    async def _serve(self) -> int:
        from bots.telegram_bot import stop_bot

        await self._open_delivery()
        self.fetcher = Fetcher(self.config.fetch)
        if self.dest is not None and self.dest.token:
            self._start_bot()
        ticker = asyncio.create_task(self._ticker(), name="scheduler")
        exit_code = 0
        try:
            if not self.store.is_sqlite:
                exit_code = await self._watch_lock()
            else:
                await self.stop.wait()
        finally:
            ticker.cancel()
            exit_code = await self._shutdown(stop_bot) or exit_code
        return exit_code

    async def _open_delivery(self) -> None:
        """Channels from the config, chats synced, and the delivery worker running."""
        self.dest = await asyncio.to_thread(
            Destinations.open, self.config, self.store, self.environ
        )
        for problem in channel_problems(self.config, self.dest.token):
            log.warning("%s", problem)
        for key in self.dest.channels:
            if key != "telegram":
                self.health.channels[key] = "up"
                self.metrics.channel_up.labels(key).set(1)
        self.worker = self.dest.worker(on_event=self._delivery_event)
        self.worker_stop = asyncio.Event()
        self.worker_task = asyncio.create_task(self.worker.run(self.worker_stop), name="delivery")

    def _start_bot(self) -> None:
        """The bot starts in the background: Telegram being away stops nothing else."""
        from bots.telegram_bot import build_application, start_bot, stop_bot

        assert self.dest is not None and self.dest.token
        token, config = self.dest.token, self.config

        def build():
            return build_application(
                token,
                config.telegram,
                self.store,
                daily_time=config.delivery.daily_time,
                timezone=config.delivery.timezone,
                known_tags=tuple(sorted({t for s in config.sources for t in s.tags})),
                max_figures=config.delivery.max_figures,
                limiter=self.worker.limiter if self.worker is not None else None,  # shared limits
                poll_now=self.poll_now,
            )

        def on_state(state: str, app) -> None:
            self.health.channels["telegram"] = state
            self.metrics.channel_up.labels("telegram").set(1 if state == "up" else 0)
            if app is not None:
                self.bot = app
                log.info("Telegram bot started (%s)", config.telegram.updates)

        self.health.channels["telegram"] = "starting"
        self.bot_task = asyncio.create_task(
            keep_starting(build, start_bot, stop_bot, self.stop, on_state), name="bot-start"
        )

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

    async def _shutdown(self, stop_bot) -> int:
        grace = self.config.service.shutdown_grace.total_seconds()
        deadline = asyncio.get_running_loop().time() + grace
        if self.bot_task is not None and not self.bot_task.done():
            self.bot_task.cancel()
        if self.bot is not None:
            try:
                await asyncio.wait_for(stop_bot(self.bot), timeout=max(0.5, grace / 3))
            except Exception:
                log.warning("the Telegram bot did not stop cleanly", exc_info=True)
        self.worker_stop.set()
        polls = list(self.in_flight.values())
        remaining = max(0.1, deadline - asyncio.get_running_loop().time())
        tasks = [t for t in (self.worker_task,) if t is not None]
        pending = set()
        if tasks or polls:
            _done, pending = await asyncio.wait([*tasks, *polls], timeout=remaining)
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

    async def poll_now(self, name: str) -> str:
        """/poll from Telegram: poll one configured source now, say what happened."""
        source = next((s for s in self.config.sources if s.name == name), None)
        if source is None:
            return f"No source is called “{name}”."
        if name in self.in_flight:
            return f"{name} is being polled already."
        fut = asyncio.get_running_loop().run_in_executor(self.executor, self._poll_one, source)
        self.in_flight[name] = fut
        fut.add_done_callback(lambda f: self._polled(name, f))
        try:
            outcomes = await asyncio.shield(fut)
        except Exception as exc:
            return f"Polling {name} failed: {type(exc).__name__}."
        return "; ".join(o.line for o in outcomes) or f"{name}: polled."

    async def _ticker(self) -> None:
        """Tick now, then every `tick_seconds`, timed by the loop's monotonic clock."""
        while not self.stop.is_set():
            await self.tick()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop.wait(), timeout=tick_seconds(self.config))

    async def tick(self) -> None:
        """Start a poll of every due source not already being polled."""
        self.health.beat()
        if self.stop.is_set():
            return
        try:  # chats following a source failing for a day are told (once), and on recovery
            if await asyncio.to_thread(tell_followers, self.store) and self.worker is not None:
                self.worker.wake()
        except Exception:
            log.exception("cannot tell followers about failing sources")
        try:
            due = await asyncio.to_thread(self._due_sources)
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

    def _due_sources(self) -> list[SourceOptions]:
        """The enabled sources due by the monotonic schedule; a source seen for the first
        time is due by its stored due time, read once against the wall clock."""
        enabled = [s for s in self.config.sources if s.enabled]
        new = [s for s in enabled if not self.schedule.known(s.name)]
        if new:
            with self.store.transaction() as session:
                rows = {r.name: r for r in sources_repo.all_sources(session)}
            for s in new:
                row = rows.get(s.name)
                self.schedule.learn(
                    s.name,
                    row.next_due_at if row is not None else None,
                    interval=s.interval * (1 + self.config.service.jitter),
                    failing=bool(row is not None and row.consecutive_failures),
                )
        due = set(self.schedule.due(s.name for s in enabled))
        return [s for s in enabled if s.name in due]

    def _poll_one(self, source: SourceOptions) -> list[PollOutcome]:
        """In a pool thread: poll, then spread the next due time and raise alerts (both write)."""
        started, now = time.monotonic(), utcnow()
        try:
            outcomes = poll_sources(
                self.store,
                self.config,
                self._sink,
                only=[source.name],
                fetcher=self.fetcher,
                now=now,
            )
        except BaseException:
            self.schedule.polled(source.name, started, source.interval)
            raise
        for o in outcomes:
            extra = self._jitter(o)
            wait = o.next_due_at - now if o.next_due_at is not None else source.interval
            self.schedule.polled(o.source, started, wait + extra)
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

    def _jitter(self, outcome: PollOutcome) -> timedelta:
        """Spread polls: add up to `service.jitter` of the interval to a successful poll's
        next due time, so sources configured alike do not all fire at once. Returns what
        was added."""
        share = self.config.service.jitter
        interval = next((s.interval for s in self.config.sources if s.name == outcome.source), None)
        if (
            not share
            or interval is None
            or outcome.status == "error"
            or outcome.next_due_at is None
        ):
            return timedelta(0)
        extra = timedelta(seconds=random.uniform(0, share * interval.total_seconds()))  # noqa: S311
        with self.store.transaction() as s:
            row = sources_repo.get(s, outcome.source)
            if row is not None:
                row.next_due_at = outcome.next_due_at + extra
        return extra

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
            log.info("delivered a message via %s", channel)
        elif event == "failed":
            self.metrics.failed.labels(channel).inc()
        elif event in ("retried", "rate_limited"):
            self.metrics.retried.labels(channel).inc()


def run_service(args: argparse.Namespace) -> int:
    ctx = Context(args.config)
    config = ctx.config
    if not (args.verbose or args.quiet or args.log_format):
        logs.setup(config.service.log_level, config.service.log_format, explicit=False)
    check_extractors()
    store = ctx.store()
    service = Service(config, store, ctx.environ, ctx.config_path)
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
