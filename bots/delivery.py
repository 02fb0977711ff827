"""The delivery worker: drains the outbox to the channels, never losing or doubling a digest.

At least once: a delivery stays `pending` until its channel acknowledges it, and the
acknowledgement is written in its own transaction the moment it arrives. After a crash
only the message in flight (at most `max_in_flight` of them, 1 by default) can go twice.

Each chat receives in order, one message at a time: the worker takes each chat's oldest
pending delivery (`state.deliveries.due_heads`), asks the rate limiter for a slot in every
limit that applies (Telegram: overall, per chat, per group), and sends one part. A long
message is several parts; the ids of parts already sent are stored, so it resumes.

What a failure means is decided by the channel's error class (`bots.channels.errors`):
flood control waits `retry_after` (that chat, or every chat); temporary failures back off
exponentially until `max_attempts`, then fail with the reason; a chat that is gone is
deactivated and its pending deliveries failed; a migrated group is moved and resent; a
refused message fails at once.

A send that cannot be recorded (a read-only or full disk, a vanished SQLite file) is held
in memory and sending stops until the outbox takes a write again (`bots.outage`), so
nothing goes twice for it. A part the service cannot parse is sent once more as plain
text (`bots.plaintext`).

Daily mode: digests for chats in daily mode are held in the outbox and folded into one
`daily` delivery per chat at its configured local time (`bots.daily.fold_due`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import Counter, OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy.exc import OperationalError

from bots.channels.base import Channel
from bots.channels.errors import (
    ChatGone,
    ChatMoved,
    DeliveryError,
    MessageRejected,
    RateLimited,
    TemporaryFailure,
)
from bots.channels.messages import DailyItem, DigestItem, Item, NoticeItem, Part
from bots.daily import DailySchedule, fold_due
from bots.outage import Outage
from bots.plaintext import as_plain_text
from bots.ratelimit import Grant, Limit, RateLimiter
from bots.redaction import redact
from state import Store, chat_settings
from state import chats as chats_repo
from state import deliveries as deliveries_repo
from state.clock import utcnow
from state.models import Delivery
from state.probe import write_error
from summariser.models import Digest
from summariser.models_json import digest_from_json

log = logging.getLogger(__name__)
T = TypeVar("T")

EVENTS = ("sent", "failed", "retried", "rate_limited", "deactivated", "migrated", "batched")


@dataclass(frozen=True)
class DeliveryPolicy:
    """How hard to try. Backoff doubles from `backoff_base` up to `backoff_max` seconds."""

    max_attempts: int = 10
    backoff_base: float = 2.0
    backoff_max: float = 900.0
    batch_size: int = 100
    max_in_flight: int = 1  # >1 sends faster over slow links; that many may repeat after a crash
    idle_interval: float = 5.0  # run(): look for new work at least this often
    storage_backoff_max: float = 300.0  # outbox unwritable: try again at most this far apart

    def backoff(self, attempts: int) -> float:
        return min(self.backoff_max, self.backoff_base * 2 ** max(0, attempts - 1))

    def storage_backoff(self, failures: int) -> float:
        return min(self.storage_backoff_max, self.backoff_base * 2 ** max(0, failures - 1))


@dataclass(frozen=True)
class Job:
    """A snapshot of one delivery, read in one transaction, used outside it."""

    delivery_id: int
    chat_id: int
    channel: str
    address: str
    chat_type: str
    kind: str
    attempts: int
    parts_sent: int
    item_key: tuple[str, int]
    item: Item
    options: dict[str, Any] = field(default_factory=dict)  # silent, preview, thread_id

    @property
    def context(self) -> dict[str, Any]:
        return {"delivery": self.delivery_id, "chat": f"{self.channel}:{self.address}"}


@dataclass
class DrainReport:
    """What one drain did; `pending` is what is still waiting (later retries, held digests)."""

    counts: Counter[str] = field(default_factory=Counter)
    pending: int = 0

    def __getattr__(self, name: str) -> int:
        if name in EVENTS:
            return self.counts.get(name, 0)
        raise AttributeError(name)


@dataclass
class _Pass:
    found: int = 0
    dispatched: int = 0
    blocked_wait: float | None = None  # all found were waiting for their chat's limits
    paused: bool = False  # the outbox cannot be written: nothing was sent


class DeliveryWorker:
    """Sends what the outbox holds through `channels` (keyed as Chat.channel says)."""

    def __init__(
        self,
        store: Store,
        channels: Mapping[str, Channel],
        *,
        policy: DeliveryPolicy | None = None,
        daily: DailySchedule | None = None,
        limiter: RateLimiter | None = None,
        clock: Callable[[], datetime] = utcnow,
        on_event: Callable[[str, str], None] | None = None,
        admins: tuple[int | str, ...] = (),
    ) -> None:
        self.store = store
        self.channels = dict(channels)
        self.policy = policy or DeliveryPolicy()
        self.daily = daily
        self.limiter = limiter or RateLimiter()
        self.clock = clock
        self.on_event = on_event
        self.counters: Counter[str] = Counter()
        self._parts: OrderedDict[tuple[str, str, int], list[Part]] = OrderedDict()
        self._digests: OrderedDict[int, Digest] = OrderedDict()
        self._nudge: asyncio.Event | None = None
        self._stop: asyncio.Event | None = None
        self._slots = asyncio.Semaphore(max(1, self.policy.max_in_flight))
        self.outage = Outage(store, self.channels, admins, clock)

    # ------------------------------------------------------------------ public

    def wake(self) -> None:
        """New deliveries were queued: look now rather than at the next idle tick."""
        if self._nudge is not None:
            self._nudge.set()

    async def drain(self, until_idle: bool = True, max_wait: float = 30.0) -> DrainReport:
        """Send what is due. With `until_idle`, keep going while something will be due within
        `max_wait` seconds (retries, rate-limit waits); then return. Used by `poll --once`."""
        before = Counter(self.counters)
        while True:
            result = await self._pass()
            if not until_idle or result.paused:
                break
            if result.dispatched:
                continue
            delay = await self._idle_delay(result)
            if delay is None or delay > max_wait:
                break
            await self._sleep(delay)
        report = DrainReport(self.counters - before)
        report.pending = await self._db(self._pending_count)
        return report

    async def run(self, stop: asyncio.Event) -> None:
        """The service loop: send, then sleep until something is due, `wake()` or `stop`."""
        self._stop, self._nudge = stop, asyncio.Event()
        while not stop.is_set():
            try:
                result = await self._pass()
                if result.paused:
                    delay = self.policy.storage_backoff(self.outage.failures)
                elif result.dispatched:
                    continue
                else:
                    delay = await self._idle_delay(result, daily=True)
            except Exception:  # the database away, a bug: log, wait, try again
                if await self.outage.explains_failure():
                    delay = self.policy.storage_backoff(self.outage.failures)
                else:
                    log.exception("delivery pass failed")
                    delay = self.policy.idle_interval
            timeout = (
                self.policy.idle_interval
                if delay is None
                else delay
                if self.outage.problem is not None
                else min(delay, self.policy.idle_interval)
            )
            self._nudge.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_first(stop.wait(), self._nudge.wait()), max(timeout, 0.001))

    # ------------------------------------------------------------------ one pass

    async def _pass(self) -> _Pass:
        if not await self.outage.file_ok():
            return _Pass(paused=True)
        if self.outage.problem is not None and not await self.outage.ready():
            return _Pass(paused=True)
        now = self.clock()
        if self.daily is not None:
            await self._db(self._batch_daily, now)
        jobs = await self._db(self._load, now)
        if jobs and not await self.outage.ready():
            return _Pass(found=len(jobs), paused=True)
        result = _Pass(found=len(jobs))
        tasks: set[asyncio.Task[None]] = set()
        for job in jobs:
            if self._stopping or self.outage.problem is not None:
                break
            channel = self.channels[job.channel]
            limits = channel.rate_limits(job.address, job.chat_type)
            await self._slots.acquire()
            grant = await self._acquire(limits)
            if grant.wait > 0:  # this chat must wait; others need not
                self._slots.release()
                result.blocked_wait = min(grant.wait, result.blocked_wait or grant.wait)
                continue
            result.dispatched += 1
            task = asyncio.create_task(self._send_then_release(job, channel, limits, grant))
            if self.policy.max_in_flight == 1:
                await task
            else:
                tasks.add(task)
        if tasks:
            await asyncio.gather(*tasks)
        return result

    async def _acquire(self, limits: list[Limit]) -> Grant:
        """A slot in every limit, or how long this chat must wait. Waits out shared limits."""
        while True:
            grant = self.limiter.try_acquire(limits)
            if grant.wait <= 0 or not grant.shared or self._stopping:
                return grant
            await self._sleep(grant.wait)

    async def _send_then_release(
        self, job: Job, channel: Channel, limits: list[Limit], grant: Grant
    ) -> None:
        try:
            await self._send(job, channel)
        finally:
            if grant.at is not None:
                self.limiter.settle(limits, grant.at)
            self._slots.release()

    async def _send(self, job: Job, channel: Channel) -> None:
        try:
            parts = self._render(channel, job)
            if job.parts_sent >= len(parts):
                raise MessageRejected("nothing to send: the message rendered empty")
            part = parts[job.parts_sent]
            message_id = await self._send_part(job, channel, part)
        except RateLimited as exc:
            await self._rate_limited(job, channel, exc)
        except TemporaryFailure as exc:
            await self._temporary(job, exc.reason)
        except ChatGone as exc:
            await self._gone(job, exc.reason)
        except ChatMoved as exc:
            await self._moved(job, exc)
        except MessageRejected as exc:
            log.error("message refused: %s", exc.reason, extra=job.context)
            await self._db(self._fail, job.delivery_id, exc.reason)
            self._count("failed", job.channel)
        except DeliveryError as exc:
            await self._temporary(job, exc.reason)
        except Exception as exc:  # a bug in rendering or a channel: retry, then give up
            log.exception("unexpected error delivering", extra=job.context)
            await self._temporary(job, redact(f"{type(exc).__name__}: {exc}"))
        else:
            last = job.parts_sent + 1 >= len(parts)
            await self._acknowledge(job, message_id, last)
            if last:
                self._count("sent", job.channel)

    async def _send_part(self, job: Job, channel: Channel, part: Part) -> str:
        """One part; if the service cannot parse its markup, once more as plain text."""
        try:
            return await channel.send_part(job.address, part, job.chat_type, **job.options)
        except MessageRejected as exc:
            if part.format == "text" or "can't parse entities" not in exc.reason.lower():
                raise
            log.warning(
                "refused as unparsable (%s): sending it once more as plain text",
                exc.reason,
                extra=job.context,
            )
        limits = channel.rate_limits(job.address, job.chat_type)
        while (grant := self.limiter.try_acquire(limits)).wait > 0 and not self._stopping:
            await self._sleep(grant.wait)
        try:
            return await channel.send_part(job.address, as_plain_text(part), job.chat_type, **job.options)
        finally:
            if grant.at is not None:
                self.limiter.settle(limits, grant.at)

    # ------------------------------------------------------------------ outcomes

    async def _acknowledge(self, job: Job, message_id: str, last: bool) -> None:
        """Record the service's acknowledgement at once; retried briefly if the DB is busy.
        When it cannot be written, hold it in memory and stop sending until it can."""
        for attempt in range(5):
            try:
                await self._db(self._record_part, job.delivery_id, message_id, last)
                return
            except Exception as exc:  # whatever the driver raises, the send is not recorded
                busy = isinstance(exc, OperationalError) and "locked" in str(exc)
                if attempt == 4 or not busy:
                    self.outage.hold(job.delivery_id, message_id, last)
                    log.error(
                        "sent but cannot record it (%s): held in memory, sending paused",
                        write_error(exc),
                        extra=job.context,
                    )
                    await self.outage.failed(write_error(exc))
                    return
                await asyncio.sleep(0.05 * 2**attempt)

    async def _rate_limited(self, job: Job, channel: Channel, exc: RateLimited) -> None:
        for lim in channel.rate_limits(job.address, job.chat_type):
            if not lim.shared or exc.scope == "all":
                self.limiter.pause(lim.key, exc.retry_after)
        log.warning("flood control: %s", exc.reason, extra=job.context)
        await self._db(self._postpone, job.delivery_id, exc.reason, exc.retry_after, False)
        self._count("rate_limited", job.channel)
        self._count("retried", job.channel)

    async def _temporary(self, job: Job, reason: str) -> None:
        gave_up = await self._db(self._retry_or_fail, job.delivery_id, reason)
        if gave_up:
            log.error(
                "giving up after %d attempts: %s",
                self.policy.max_attempts,
                reason,
                extra=job.context,
            )
            self._count("failed", job.channel)
        else:
            log.warning("will retry: %s", reason, extra=job.context)
            self._count("retried", job.channel)

    async def _gone(self, job: Job, reason: str) -> None:
        log.warning("chat deactivated: %s", reason, extra=job.context)
        await self._db(self._deactivate, job.chat_id, job.delivery_id, reason)
        self._count("deactivated", job.channel)
        self._count("failed", job.channel)

    async def _moved(self, job: Job, exc: ChatMoved) -> None:
        log.info("chat migrated to %s", exc.new_address, extra=job.context)
        await self._db(self._migrate, job.chat_id, job.delivery_id, exc.new_address)
        self._count("migrated", job.channel)

    # ------------------------------------------------------------------ state (in threads)

    async def _db(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(fn, *args)

    def _load(self, now: datetime) -> list[Job]:
        jobs: list[Job] = []
        with self.store.transaction() as s:
            for d in deliveries_repo.due_heads(s, list(self.channels), now, self.policy.batch_size):
                try:
                    key, item = self._item(s, d)
                except (ValueError, KeyError, TypeError) as exc:
                    reason = f"cannot read what to send: {type(exc).__name__}: {exc}"
                    log.error(reason, extra={"delivery": d.id})
                    deliveries_repo.fail(s, d.id, reason)
                    self._count("failed", d.chat.channel)
                    continue
                sent = len([i for i in (d.message_id or "").split(",") if i])
                jobs.append(
                    Job(
                        delivery_id=d.id,
                        chat_id=d.chat_id,
                        channel=d.chat.channel,
                        address=d.chat.address,
                        chat_type=d.chat.chat_type,
                        kind=d.kind,
                        attempts=d.attempts or 0,
                        parts_sent=sent,
                        item_key=key,
                        item=item,
                        options=chat_settings.send_options(s, d),
                    )
                )
        return jobs

    def _item(self, session, d: Delivery) -> tuple[tuple[str, int], Item]:
        if d.kind == deliveries_repo.NOTICE:
            return ("notice", d.id), NoticeItem(d.payload or "")
        if d.kind == deliveries_repo.DAILY:
            data = json.loads(d.payload or "{}")
            digests = []
            for digest_id in data.get("digests", []):
                digest = self._digest(session, digest_id)
                if digest is not None:
                    digests.append(digest)
            return ("daily", d.id), DailyItem(date.fromisoformat(data["day"]), tuple(digests))
        if d.digest_id is None:
            raise ValueError("a digest delivery without its digest")
        digest = self._digest(session, d.digest_id)
        if digest is None:
            raise ValueError(f"digest {d.digest_id} is gone")
        return ("digest", d.digest_id), DigestItem(digest)

    def _digest(self, session, digest_id: int) -> Digest | None:
        cached = self._digests.get(digest_id)
        if cached is not None:
            self._digests.move_to_end(digest_id)
            return cached
        from state import digests as digests_repo

        row = digests_repo.get(session, digest_id)
        if row is None:
            return None
        digest = digest_from_json(json.loads(row.payload))
        self._digests[digest_id] = digest
        if len(self._digests) > 256:
            self._digests.popitem(last=False)
        return digest

    def _render(self, channel: Channel, job: Job) -> list[Part]:
        key = (channel.key, *job.item_key)
        parts = self._parts.get(key)
        if parts is None:
            parts = channel.render(job.item)
            self._parts[key] = parts
            if len(self._parts) > 512:
                self._parts.popitem(last=False)
        return parts

    def _record_part(self, delivery_id: int, message_id: str, last: bool) -> None:
        with self.store.transaction() as s:
            deliveries_repo.record_part(s, delivery_id, message_id, last=last, now=self.clock())

    def _postpone(self, delivery_id: int, reason: str, seconds: float, count: bool) -> None:
        with self.store.transaction() as s:
            deliveries_repo.postpone(
                s,
                delivery_id,
                reason,
                timedelta(seconds=seconds),
                count_attempt=count,
                now=self.clock(),
            )

    def _retry_or_fail(self, delivery_id: int, reason: str) -> bool:
        with self.store.transaction() as s:
            row = deliveries_repo.get(s, delivery_id)
            if row is None or row.status != deliveries_repo.PENDING:
                return False
            attempts = (row.attempts or 0) + 1
            if attempts >= self.policy.max_attempts:
                deliveries_repo.fail(s, delivery_id, f"gave up after {attempts} attempts: {reason}")
                return True
            delay = timedelta(seconds=self.policy.backoff(attempts))
            deliveries_repo.postpone(s, delivery_id, reason, delay, now=self.clock())
            return False

    def _fail(self, delivery_id: int, reason: str) -> None:
        with self.store.transaction() as s:
            deliveries_repo.fail(s, delivery_id, reason)

    def _deactivate(self, chat_id: int, delivery_id: int, reason: str) -> None:
        with self.store.transaction() as s:
            chat = chats_repo.by_id(s, chat_id)
            deliveries_repo.fail(s, delivery_id, reason)
            if chat is not None:
                chats_repo.deactivate(s, chat, reason)
                deliveries_repo.fail_pending_for_chat(s, chat_id, f"chat deactivated: {reason}")

    def _migrate(self, chat_id: int, delivery_id: int, new_address: str) -> None:
        with self.store.transaction() as s:
            chat = chats_repo.by_id(s, chat_id)
            if chat is None:
                return
            target = chats_repo.migrate(s, chat, new_address)
            s.flush()
            if target.id != chat.id:
                deliveries_repo.move_pending(s, chat.id, target.id, now=self.clock())
            else:
                deliveries_repo.due_now(s, delivery_id, now=self.clock())

    def _batch_daily(self, now: datetime) -> None:
        assert self.daily is not None
        with self.store.transaction() as s:
            created = fold_due(s, self.daily, now)  # each chat at its own time (issue 14)
        for _ in created:
            self._count("batched", "")

    def _next_due(self) -> datetime | None:
        with self.store.transaction() as s:
            return deliveries_repo.next_due(s, list(self.channels))

    def _pending_count(self) -> int:
        with self.store.transaction() as s:
            return deliveries_repo.counts(s)[deliveries_repo.PENDING]

    # ------------------------------------------------------------------ helpers

    async def _idle_delay(self, result: _Pass, daily: bool = False) -> float | None:
        """Seconds until there may be something to send; None when nothing is waiting."""
        if result.found and result.blocked_wait is not None:
            return result.blocked_wait
        now = self.clock()
        candidates: list[float] = []
        wake = await self._db(self._next_due)
        if wake is not None:
            candidates.append((wake - now).total_seconds())
        if daily and self.daily is not None:
            candidates.append((self.daily.next_boundary(now) - now).total_seconds())
        return max(0.0, min(candidates)) if candidates else None

    async def _sleep(self, seconds: float) -> None:
        seconds = max(seconds, 0.001)
        if self._stop is None:
            await asyncio.sleep(seconds)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconds)

    @property
    def _stopping(self) -> bool:
        return self._stop is not None and self._stop.is_set()

    def _count(self, event: str, channel: str) -> None:
        self.counters[event] += 1
        if self.on_event is not None:
            try:
                self.on_event(event, channel)
            except Exception:  # a metrics hook must not stop delivery
                log.exception("metrics hook failed")


async def _first(*aws) -> None:
    """Return when the first of these completes; cancel the rest."""
    tasks = [asyncio.ensure_future(a) for a in aws]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for t in tasks:
            t.cancel()
