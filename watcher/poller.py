"""Polling: every source fetched (conditional GET), parsed, its new and changed entries read
and handed to the pipeline's sink, and the outcome recorded in the source's poll state.

Sources run concurrently on a thread pool (`fetch.concurrency` sources at a time, at most
`fetch.per_host` of them per host, and every request also takes one of its host's
`per_host` slots), so a slow or broken source holds up nobody but itself and the sources
of its own host. Failures are data: a failed source gets its error, its count of failures
in a row and a backed-off due time; an entry that fails is reported against that entry and
the rest of its source still goes through.

First poll of a source: every entry it lists is read into state, but only those published
within `delivery.backfill` are delivered; undated entries on a first poll are not
delivered either (we cannot tell they are new).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from state import Store
from state import documents as documents_repo
from state import sources as sources_repo
from state.clock import utcnow
from watcher.entries import FetchedEntry, Sink, content_hash
from watcher.errors import FetchError, ParseError, UserError
from watcher.hosts import host_of, run_bounded
from watcher.http import Fetcher
from watcher.reading import EntryUnreadable, read_entry
from watcher.sources.base import Entry, Source, SourceOptions

if TYPE_CHECKING:
    from watcher.config import Config

log = logging.getLogger(__name__)

DAY = timedelta(days=1)
MAX_FAILING_PAGES = 3  # entry pages in a row that fail to load: leave the rest for next poll
Status = Literal["ok", "not_modified", "error"]
Alert = Literal["failing", "recovered"]


@dataclass(frozen=True, slots=True)
class EntryError:
    entry: str  # the entry's link, else its id
    message: str


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll of one source did. `alert` is set once when the source reaches
    `max_failures_before_alert` failures in a row ("failing") and once when it works
    again after that ("recovered"); the bots layer tells the admins."""

    source: str
    status: Status
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    entry_errors: tuple[EntryError, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = ()
    next_due_at: datetime | None = None
    alert: Alert | None = None
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
            text += f"; {len(self.entry_errors)} entr{'y' if len(self.entry_errors) == 1 else 'ies'} failed"
        return f"{self.source}: {text}"


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
class _State:
    """What a poll needs to know of a source before fetching it."""

    etag: str | None
    last_modified: str | None
    first_poll: bool
    known: dict[str, str | None]


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
            out[options.name] = _State(
                etag=None if moved else row.etag,
                last_modified=None if moved else row.last_modified,
                first_poll=not row.initialised,
                known=documents_repo.entry_keys(session, row.id),
            )
    return out


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
    first_poll, known = state.first_poll, state.known
    try:
        resp = fetcher.get(
            options.url, accept=source.accept, etag=etag, last_modified=last_modified
        )
        listing = None if resp.not_modified else source.parse(resp.body, resp.headers, resp.url)
    except (FetchError, ParseError) as exc:
        return _failed(store, config, options, exc, now, started)
    except Exception as exc:  # a bug or a library failure on odd input: this source only
        log.exception("%s: unexpected error while polling", options.name)
        return _failed(store, config, options, exc, now, started)

    counts: Counter[str] = Counter()
    errors: list[EntryError] = []
    warnings = list(listing.warnings) if listing else []
    retry_later = False
    if listing is not None:
        errors += [EntryError(label, reason) for label, reason in listing.rejected]
        todo = [e for e in _ordered(listing.entries) if not (e.hash and known.get(e.key) == e.hash)]
        counts["unchanged"] += len(listing.entries) - len(todo)
        failing = 0  # entry pages in a row that could not be fetched
        budget = config.fetch.source_budget.total_seconds()
        for n, entry in enumerate(todo):
            if time.monotonic() - started > budget:
                left = len(todo) - n
                errors.append(
                    EntryError(
                        f"{left} more entr{'y' if left == 1 else 'ies'}",
                        f"too expensive: not read, the source used its {budget:.0f} s "
                        "(fetch.source_budget); trying again next poll",
                    )
                )
                break
            if failing >= MAX_FAILING_PAGES:
                left = len(todo) - n
                errors.append(
                    EntryError(
                        f"{left} more entr{'y' if left == 1 else 'ies'}",
                        f"not read: the last {failing} entry pages could not be fetched; "
                        "trying again next poll",
                    )
                )
                break
            try:
                read = read_entry(entry, options, fetcher)
            except EntryUnreadable as exc:
                failing = failing + 1 if exc.transient else 0
                errors.append(EntryError(entry.label, str(exc)))
                continue
            except (FetchError, ParseError) as exc:
                errors.append(EntryError(entry.label, str(exc)))
                continue
            except Exception as exc:
                log.exception("%s: unexpected error reading %s", options.name, entry.label)
                errors.append(EntryError(entry.label, f"{type(exc).__name__}: {exc}"))
                continue
            warnings += read.notes
            retry_later |= not read.complete
            failing = failing + 1 if not read.complete else 0
            doc = read.document
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
                counts[sink(options, fetched)] += 1
            except Exception as exc:
                log.exception("%s: could not store %s", options.name, entry.label)
                errors.append(
                    EntryError(entry.label, f"could not be stored: {type(exc).__name__}: {exc}")
                )
    for e in errors:
        log.warning("%s: %s: %s", options.name, e.entry, e.message)
    # Entries that failed are retried next poll: keep no validators, so the listing is
    # read again rather than answered with a 304.
    keep = not errors and not retry_later
    if resp.not_modified:  # a 304 may carry fresh validators; else the stored ones stand
        new_etag, new_modified = resp.etag or etag, resp.last_modified or last_modified
    else:
        new_etag, new_modified = resp.etag, resp.last_modified
    due = now + options.interval
    with store.transaction() as session:
        row = sources_repo.ensure(session, options.name, options.kind, options.url, now=now)
        recovered = sources_repo.record_success(
            session,
            row,
            etag=new_etag if keep else None,
            last_modified=new_modified if keep else None,
            next_due_at=due,
            now=now,
            warning="; ".join(dict.fromkeys(warnings))[:2000] or None,
        )
        if first_poll and errors:
            row.initialised = False  # the entries still to read keep first-poll delivery rules
    outcome = PollOutcome(
        source=options.name,
        status="not_modified" if listing is None else "ok",
        new=counts["new"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        entry_errors=tuple(errors),
        warnings=tuple(dict.fromkeys(warnings)),
        next_due_at=due,
        alert="recovered" if recovered else None,
        seconds=time.monotonic() - started,
    )
    log.info("%s", outcome.line)
    return outcome


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
        log.exception("%s: poll failed", options.name)
        return PollOutcome(
            source=options.name,
            status="error",
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
    log.warning("%s: %s (failure %d in a row; next try %s)", options.name, message, failures, due)
    return PollOutcome(
        source=options.name,
        status="error",
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
