"""Polling: every source fetched (conditional GET), parsed, its new and changed entries read
and handed to the pipeline's sink, and the outcome recorded in the source's poll state.

Sources run concurrently on a thread pool (`fetch.concurrency` sources at a time, at most
`fetch.per_host` of them per host, and every request also takes one of its host's
`per_host` slots), so a slow or broken source holds up nobody but itself and the sources
of its own host. Failures are data: a failed source gets its error, its count of failures
in a row and a backed-off due time; an entry that fails gets its own record (attempts, next
try, last error) and the rest of its source still goes through. The poller logs no event
itself (tracebacks only at debug): its callers log each outcome once (`log_outcome`).

First poll of a source: every entry it lists is read into state, but only those published
within `delivery.backfill` are delivered; undated entries on a first poll are not
delivered either (we cannot tell they are new).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from state import Store
from state import documents as documents_repo
from state import entry_failures as failures_repo
from state import sources as sources_repo
from state.clock import utcnow
from watcher.entries import FetchedEntry, Sink, content_hash
from watcher.errors import FetchError, ParseError, UserError
from watcher.hosts import host_of, run_bounded
from watcher.http import Fetcher
from watcher.reading import EntryUnreadable, read_entry
from watcher.sources.base import Entry, Listing, Source, SourceOptions

if TYPE_CHECKING:
    from watcher.config import Config

log = logging.getLogger(__name__)

DAY = timedelta(days=1)
STORE_FAILED = "could not be stored: "
MAX_FAILING_PAGES = 3  # entry pages in a row that fail to load: leave the rest for next poll
Status = Literal["ok", "not_modified", "error"]
Alert = Literal["failing", "recovered"]


@dataclass(frozen=True, slots=True)
class EntryError:
    entry: str  # the entry's link, else its id
    message: str
    attempts: int = 0  # failed attempts so far (0: not recorded, e.g. an entry without a key)
    next_try_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class EntryAlert:
    """An entry reached `max_failures_before_alert` failed attempts, or read after that."""

    kind: Alert
    url: str
    attempts: int = 0
    error: str = ""


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll of one source did. `alert` is set once when the source reaches
    `max_failures_before_alert` failures in a row ("failing") and once when it works
    again after that ("recovered"); `entry_alerts` the same per entry. The callers tell
    the admins and log (the poller itself logs nothing per outcome: one line per event)."""

    source: str
    status: Status
    url: str = ""
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    entry_errors: tuple[EntryError, ...] = ()
    waiting: int = 0  # failing entries whose next try has not come yet
    error: str | None = None
    warnings: tuple[str, ...] = ()
    next_due_at: datetime | None = None
    alert: Alert | None = None
    entry_alerts: tuple[EntryAlert, ...] = ()
    consecutive_failures: int = 0
    seconds: float = 0.0

    @property
    def line(self) -> str:
        """One line for people: the source and what was new, or its error."""
        if self.status == "error":
            return f"{self.source}: error: {self.error}"
        if self.status == "not_modified":
            text = "not modified"
        else:
            counts = [f"{n} {w}" for n, w in ((self.new, "new"), (self.updated, "updated")) if n]
            text = ", ".join(counts) if counts else "nothing new"
        if self.entry_errors:
            text += f"; {_entries(len(self.entry_errors))} failed"
        if self.waiting:
            text += f"; {_entries(self.waiting)} failing, retried later"
        return f"{self.source}: {text}"

    def alert_texts(self) -> list[str]:
        """What the admins are told, one message per alert."""
        out = []
        if self.alert == "recovered":
            out.append(f"Source {self.source} works again.")
        elif self.alert == "failing":
            out.append(
                f"Source {self.source} ({self.url}) has failed {self.consecutive_failures} "
                f"times in a row: {self.error}"
            )
        for a in self.entry_alerts:
            if a.kind == "recovered":
                out.append(f"Source {self.source}: {a.url} can be read again.")
            else:
                out.append(
                    f"Source {self.source}: {a.url} has failed {a.attempts} times: {a.error}"
                )
        return out


def _entries(n: int) -> str:
    return f"{n} entr{'y' if n == 1 else 'ies'}"


def log_outcome(
    outcome: PollOutcome, logger: logging.Logger = log, failure_level: int = logging.WARNING
) -> None:
    """The log lines for one poll: one per failure, with the URL as a field. `poll --once`
    logs failures at INFO (seen with -v), since its report on stdout already names them."""
    src = outcome.source
    if outcome.status == "error":
        due = clock_text(outcome.next_due_at)
        logger.log(
            failure_level,
            "poll failed: %s (failure %d in a row; next try %s)",
            outcome.error,
            outcome.consecutive_failures,
            due,
            extra={"source": src, "url": outcome.url},
        )
        return
    for e in outcome.entry_errors:
        retry = f" (attempt {e.attempts}; next try {clock_text(e.next_try_at)})" if e.attempts else ""
        logger.log(
            failure_level,
            "entry failed: %s%s",
            e.message,
            retry,
            extra={"source": src, "url": e.entry},
        )
    for w in outcome.warnings:
        logger.info("note: %s", w, extra={"source": src, "url": outcome.url})
    logger.info("%s", outcome.line, extra={"source": src})


def clock_text(t: datetime | None) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ") if t else "-"


# ---------------------------------------------------------------- scheduling policy


def backoff_delay(
    interval: timedelta,
    failures: int,
    *,
    status: int | None = None,
    retry_after: float | None = None,
) -> timedelta:
    """When to try a failing source again: what the server asked (Retry-After on 429/503,
    between one second and a day), else the interval doubled per further failure in a row,
    capped at a day."""
    if retry_after is not None and status in (429, 503):
        return min(max(timedelta(seconds=retry_after), timedelta(seconds=1)), DAY)
    return min(interval * (2 ** max(0, min(failures - 1, 20))), DAY)


def should_deliver(published, *, first_poll: bool, now: datetime, backfill: timedelta) -> bool:
    """Later polls deliver everything new; a first poll only what is recent enough."""
    if not first_poll:
        return True
    return published is not None and published >= (now - backfill).date()


def due_sources(store: Store, config: Config, now: datetime | None = None) -> list[SourceOptions]:
    """The enabled sources due for a poll (never polled, or next_due_at <= now)."""
    now = now or utcnow()
    with store.transaction() as session:
        due_at = {r.name: r.next_due_at for r in sources_repo.all_sources(session)}
    return [
        o
        for o in config.sources
        if o.enabled and (due_at.get(o.name) is None or due_at[o.name] <= now)
    ]


def next_due_at(store: Store, config: Config) -> datetime | None:
    """The earliest time an enabled source is due (None: one is due now, never polled)."""
    with store.transaction() as session:
        due_at = {r.name: r.next_due_at for r in sources_repo.all_sources(session)}
    times = [due_at.get(o.name) for o in config.sources if o.enabled]
    if not times or any(t is None for t in times):
        return None
    return min(t for t in times if t is not None)


# ---------------------------------------------------------------- one source


def _ordered(entries: Iterable[Entry]) -> list[Entry]:
    """Oldest first (feeds list newest first), so digests go out in publication order;
    undated entries last, in the feed's order reversed (as replay does)."""
    from datetime import date

    return sorted(
        reversed(list(entries)), key=lambda e: (e.published is None, e.published or date.min)
    )


@dataclass(frozen=True, slots=True)
class _Failure:
    attempts: int
    next_try_at: datetime
    alerted: bool
    first_poll: bool


@dataclass(frozen=True, slots=True)
class _State:
    """What a poll needs to know of a source before fetching it."""

    etag: str | None
    last_modified: str | None
    first_poll: bool
    known: dict[str, str | None]
    failures: dict[str, _Failure] = field(default_factory=dict)
    retry_due: bool = False  # an entry's next try has come: fetch the listing in full


def _load_states(store: Store, chosen: list[SourceOptions], now: datetime) -> dict[str, _State]:
    """Poll state of every chosen source, rows created on first sight, in one transaction.
    A source whose URL changed in the config sends no validators (they were the old URL's)."""
    out = {}
    with store.transaction() as session:
        rows = {r.name: r for r in sources_repo.all_sources(session)}
        for options in chosen:
            row = rows.get(options.name)
            moved = row is not None and row.url != options.url
            if row is None or moved or row.kind != options.kind:
                row = sources_repo.ensure(session, options.name, options.kind, options.url, now=now)
            failures = {
                k: _Failure(f.attempts, f.next_try_at, f.alerted, f.first_poll)
                for k, f in failures_repo.for_source(session, row.id).items()
            }
            out[options.name] = _State(
                etag=None if moved else row.etag,
                last_modified=None if moved else row.last_modified,
                first_poll=not row.initialised,
                known=documents_repo.entry_keys(session, row.id),
                failures=failures,
                retry_due=any(f.next_try_at <= now for f in failures.values()),
            )
    return out


@dataclass
class _Reading:
    """What reading a listing's entries gave, gathered for one transaction at the end."""

    counts: Counter[str] = field(default_factory=Counter)
    errors: list[EntryError] = field(default_factory=list)  # shown; keyed ones also recorded
    # to record, with why, and whether to back off (not when our own storage failed)
    failed: list[tuple[Entry, str, bool]] = field(default_factory=list)
    left: list[Entry] = field(default_factory=list)  # not tried: their host kept failing
    read: list[str] = field(default_factory=list)  # entry keys read completely
    warnings: list[str] = field(default_factory=list)
    waiting: int = 0


def _read_entries(
    options: SourceOptions,
    listing: Listing,
    state: _State,
    sink: Sink,
    fetcher: Fetcher,
    config: Config,
    now: datetime,
) -> _Reading:
    """Read the new and changed entries of a listing, oldest first. A failing entry whose
    next try has not come is left alone; after MAX_FAILING_PAGES transient page failures
    in a row the rest wait for the next poll."""
    out = _Reading(warnings=list(listing.warnings))
    out.errors += [EntryError(label, reason) for label, reason in listing.rejected]
    todo = [
        e
        for e in _ordered(listing.entries)
        if not (e.hash and state.known.get(e.key) == e.hash and e.key not in state.failures)
    ]
    out.counts["unchanged"] += len(listing.entries) - len(todo)
    failing = 0  # entry pages in a row that could not be fetched
    started, budget = time.monotonic(), config.fetch.source_budget.total_seconds()
    for n, entry in enumerate(todo):
        if time.monotonic() - started > budget:
            left = len(todo) - n
            out.errors.append(EntryError(
                f"{left} more entr{'y' if left == 1 else 'ies'}",
                f"too expensive: not read, the source used its {budget:.0f} s (fetch.source_budget); "
                "trying again next poll",
            ))
            break
        record = state.failures.get(entry.key)
        if record is not None and record.next_try_at > now:
            out.waiting += record.attempts > 0
            continue
        if failing >= MAX_FAILING_PAGES:
            out.left += [e for e in todo[n:] if e.key not in state.failures]
            break
        reason, transient = _read_one(options, entry, state, record, sink, fetcher, config, now, out)
        if reason is None:
            out.read.append(entry.key)
            failing = 0
        else:
            out.failed.append((entry, reason, not reason.startswith(STORE_FAILED)))
            failing = failing + 1 if transient else 0
    return out


def _read_one(
    options: SourceOptions,
    entry: Entry,
    state: _State,
    record: _Failure | None,
    sink: Sink,
    fetcher: Fetcher,
    config: Config,
    now: datetime,
    out: _Reading,
) -> tuple[str | None, bool]:
    """Read and store one entry. Returns (why it failed or None, whether that may pass)."""
    try:
        read = read_entry(entry, options, fetcher)
    except EntryUnreadable as exc:
        return str(exc), exc.transient
    except (FetchError, ParseError) as exc:
        return str(exc), True
    except Exception as exc:
        log.debug("traceback: unexpected error reading an entry", extra=_ctx(options, entry.label), exc_info=True)
        return f"{type(exc).__name__}: {exc}", False
    out.warnings += read.notes
    doc = read.document
    first_poll = record.first_poll if record is not None else state.first_poll
    fetched = FetchedEntry(
        entry_key=entry.key,
        entry_hash=entry.hash if read.complete else "",
        document=doc,
        content_hash=content_hash(doc.title, doc.body),
        deliver=should_deliver(
            doc.published, first_poll=first_poll, now=now, backfill=config.delivery.backfill
        ),
    )
    try:
        out.counts[sink(options, fetched)] += 1
    except Exception as exc:
        log.debug("traceback: could not store an entry", extra=_ctx(options, entry.label), exc_info=True)
        return f"{STORE_FAILED}{type(exc).__name__}: {exc}", True
    if not read.complete:  # stored from what could be read; the page is tried again
        return "stored from what could be read; " + ("; ".join(read.notes) or "incomplete"), True
    return None, False


def _ctx(options: SourceOptions, url: str) -> dict[str, str]:
    return {"source": options.name, "url": url}


def _record_entries(
    session,
    row,
    options: SourceOptions,
    reading: _Reading,
    state: _State,
    listed: set[str],
    config: Config,
    now: datetime,
) -> tuple[list[EntryError], list[EntryAlert]]:
    """Write the entries' failure records; say which reached the alert threshold or recovered."""
    errors: list[EntryError] = []
    alerts: list[EntryAlert] = []
    for key in reading.read:
        was = failures_repo.clear(session, row, key)
        if was is not None and was.alerted:
            alerts.append(EntryAlert("recovered", was.url, was.attempts))
    for entry, reason, back_off in reading.failed:
        prior = state.failures.get(entry.key)
        attempts = (prior.attempts if prior else 0) + 1
        # The page's own failure waits longer each time; our database failing does not.
        due = now + backoff_delay(options.interval, attempts) if back_off else now
        rec = failures_repo.record(
            session,
            row,
            entry.key,
            entry.label,
            reason,
            next_try_at=due,
            now=now,
            first_poll=prior.first_poll if prior else state.first_poll,
        )
        errors.append(EntryError(entry.label, reason, rec.attempts, due))
        if rec.attempts >= config.fetch.max_failures_before_alert and not rec.alerted:
            rec.alerted = True
            alerts.append(EntryAlert("failing", rec.url, rec.attempts, reason))
    for entry in reading.left:
        failures_repo.record(
            session,
            row,
            entry.key,
            entry.label,
            f"not read: the last {MAX_FAILING_PAGES} entry pages could not be fetched",
            next_try_at=now,
            now=now,
            attempt=False,
            first_poll=state.first_poll,
        )
    failures_repo.forget_unlisted(session, row, listed)
    if reading.left:
        n = len(reading.left)
        errors.append(
            EntryError(
                f"{n} more entr{'y' if n == 1 else 'ies'}",
                f"not read: the last {MAX_FAILING_PAGES} entry pages could not be fetched; "
                "trying again next poll",
            )
        )
    return errors, alerts


def poll_source(
    store: Store,
    config: Config,
    options: SourceOptions,
    sink: Sink,
    fetcher: Fetcher,
    now: datetime,
    state: _State | None = None,
) -> PollOutcome:
    """Poll one source and record the outcome in its poll state. Never raises for
    anything the source or its entries do."""
    started = time.monotonic()
    source = Source.registry[options.kind](options)
    if state is None:
        state = _load_states(store, [options], now)[options.name]
    etag, last_modified = state.etag, state.last_modified
    try:
        # An entry due for another try: fetch the listing in full so it is seen again.
        resp = fetcher.get(
            options.url,
            accept=source.accept,
            etag=None if state.retry_due else etag,
            last_modified=None if state.retry_due else last_modified,
        )
        listing = None if resp.not_modified else source.parse(resp.body, resp.headers, resp.url)
    except (FetchError, ParseError) as exc:
        return _failed(store, config, options, exc, now, started)
    except Exception as exc:  # a bug or a library failure on odd input: this source only
        log.debug("traceback: unexpected error while polling", extra=_ctx(options, options.url), exc_info=True)
        return _failed(store, config, options, exc, now, started)

    if listing is not None:
        reading = _read_entries(options, listing, state, sink, fetcher, config, now)
        listed = {e.key for e in listing.entries}
    else:  # 304: nothing new listed; failing entries wait for their next try
        reading = _Reading(waiting=sum(f.attempts > 0 for f in state.failures.values()))
        listed = set(state.failures)
    # The listing's validators are kept whatever its entries did: a failing entry has its
    # own record and next try, so the source stays cheap to poll.
    if resp.not_modified:  # a 304 may carry fresh validators; else the stored ones stand
        new_etag, new_modified = resp.etag or etag, resp.last_modified or last_modified
    else:
        new_etag, new_modified = resp.etag, resp.last_modified
    due = now + options.interval
    with store.transaction() as session:
        row = sources_repo.ensure(session, options.name, options.kind, options.url, now=now)
        recovered = sources_repo.record_success(
            session, row, etag=new_etag, last_modified=new_modified, next_due_at=due, now=now,
            warning="; ".join(dict.fromkeys(reading.warnings))[:2000] or None,
        )
        recorded, entry_alerts = _record_entries(
            session, row, options, reading, state, listed, config, now
        )
    return PollOutcome(
        source=options.name,
        status="not_modified" if listing is None else "ok",
        url=options.url,
        new=reading.counts["new"],
        updated=reading.counts["updated"],
        unchanged=reading.counts["unchanged"],
        entry_errors=tuple(reading.errors + recorded),
        waiting=reading.waiting,
        warnings=tuple(dict.fromkeys(reading.warnings)),
        next_due_at=due,
        alert="recovered" if recovered else None,
        entry_alerts=tuple(entry_alerts),
        seconds=time.monotonic() - started,
    )


def _guarded(
    store: Store,
    config: Config,
    options: SourceOptions,
    sink: Sink,
    fetcher: Fetcher,
    now: datetime,
    state: _State | None = None,
) -> PollOutcome:
    """poll_source, with a failure of state itself (database down) reported as this
    source's error instead of ending the whole poll."""
    started = time.monotonic()
    try:
        return poll_source(store, config, options, sink, fetcher, now, state)
    except Exception as exc:
        log.debug("traceback: poll failed", extra=_ctx(options, options.url), exc_info=True)
        return PollOutcome(
            source=options.name,
            status="error",
            url=options.url,
            error=f"{type(exc).__name__}: {exc}",
            seconds=time.monotonic() - started,
        )


def _failed(
    store: Store,
    config: Config,
    options: SourceOptions,
    exc: Exception,
    now: datetime,
    started: float,
) -> PollOutcome:
    message = (
        str(exc) if isinstance(exc, FetchError | ParseError) else f"{type(exc).__name__}: {exc}"
    )
    message = message or type(exc).__name__
    status = getattr(exc, "status", None)
    retry_after = getattr(exc, "retry_after", None)
    with store.transaction() as session:
        row = sources_repo.ensure(session, options.name, options.kind, options.url, now=now)
        failures = (row.consecutive_failures or 0) + 1
        due = now + backoff_delay(
            options.interval, failures, status=status, retry_after=retry_after
        )
        failures = sources_repo.record_failure(session, row, message, next_due_at=due, now=now)
        alert: Alert | None = None
        if failures >= config.fetch.max_failures_before_alert and not row.failure_alerted:
            row.failure_alerted = True
            alert = "failing"
    return PollOutcome(
        source=options.name,
        status="error",
        url=options.url,
        error=message,
        next_due_at=due,
        alert=alert,
        consecutive_failures=failures,
        seconds=time.monotonic() - started,
    )


# ---------------------------------------------------------------- many sources


def poll_sources(
    store: Store,
    config: Config,
    sink: Sink,
    *,
    now: datetime | None = None,
    only: Iterable[str] | None = None,
    fetcher: Fetcher | None = None,
    on_outcome: Callable[[PollOutcome], None] | None = None,
) -> list[PollOutcome]:
    """Poll the enabled sources (or those named in `only`, enabled or not) once, in
    parallel, and return one outcome per source in config order. `on_outcome` hears of
    each as it finishes. Pass a long-lived `fetcher` to keep its per-host bound and
    connections across polls."""
    now = now or utcnow()
    if only is not None:
        names = list(dict.fromkeys(only))
        configured = {o.name for o in config.sources}
        unknown = [n for n in names if n not in configured]
        if unknown:
            raise UserError(
                f"no source named {', '.join(map(repr, unknown))}; configured: "
                + (", ".join(sorted(configured)) or "none")
            )
        chosen = [o for o in config.sources if o.name in names]
    else:
        chosen = [o for o in config.sources if o.enabled]
    own = fetcher is None
    fetcher = fetcher or Fetcher(config.fetch)
    try:
        states = _load_states(store, chosen, now)
        jobs = [
            (
                host_of(o.url),
                (lambda o=o: _guarded(store, config, o, sink, fetcher, now, states[o.name])),
            )
            for o in chosen
        ]
        return run_bounded(
            jobs,
            concurrency=config.fetch.concurrency,
            per_host=config.fetch.per_host,
            on_done=(lambda _i, outcome: on_outcome(outcome)) if on_outcome else None,
        )
    finally:
        if own:
            fetcher.close()
