"""`inspectwatch poll --once`: poll, store, digest, deliver, and say what happened per source."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from bots.admins import notify_admins
from state import Store
from state.lock import InstanceLock
from watcher.context import Context
from watcher.delivering import Destinations
from watcher.pipeline import Pipeline, make_sink
from watcher.poller import PollOutcome, clock_text, log_outcome, poll_sources
from watcher.preflight import check_extractors

log = logging.getLogger(__name__)


def raise_alerts(dest: Destinations, outcomes: list[PollOutcome]) -> None:
    """Tell the admins once when a source or an entry starts failing and once when it
    recovers; without admins, the alert is a log line."""
    told = bool(dest.token and dest.config.telegram.admins)
    for o in outcomes:
        for text in o.alert_texts():
            if told:
                notify_admins(dest.store, text, dest.config.telegram.admins)
            else:
                log.warning("%s", text, extra={"source": o.source, "url": o.url})


def poll_once_command(args: argparse.Namespace) -> int:
    """Exit 0 when at least one source was read (or there were none), 1 when every source
    failed, so cron can tell; the last line says which. Ctrl-C ends it at once."""
    ctx = Context(args.config)
    ctx.config  # noqa: B018 - a bad config stops here, before the database is touched
    check_extractors()
    store = ctx.store()
    lock = InstanceLock(store)
    if not lock.acquire(wait=False):
        from state.lock import InstanceLocked

        raise InstanceLocked(
            f"another inspectwatch holds {store.display_url}; it polls and delivers on its own"
        )
    try:
        return _poll_and_report(args, ctx, store)
    except KeyboardInterrupt:
        # Requests in flight are abandoned, not awaited (their deadline may be minutes
        # away): every write is a transaction, so nothing is half-written.
        lock.release()
        print("inspectwatch: interrupted; requests in flight abandoned", file=sys.stderr)
        sys.stderr.flush()
        sys.stdout.flush()
        logging.shutdown()
        os._exit(130)
    finally:
        lock.release()
        store.dispose()


def _poll_and_report(args: argparse.Namespace, ctx: Context, store: Store) -> int:
    config = ctx.config
    dest = Destinations.open(config, store, ctx.environ)
    pipeline = Pipeline(store, max_figures=config.delivery.max_figures)
    outcomes = poll_sources(
        store,
        config,
        make_sink(pipeline),
        only=args.source,
        on_outcome=lambda o: log_outcome(o, log, failure_level=logging.INFO),
    )
    raise_alerts(dest, outcomes)
    report = None if args.no_deliver else dest.drain_now()
    sys.stdout.flush()
    for o in outcomes:
        print(o.line)
        for w in o.warnings:
            print(f"  warning: {w}")
        for e in o.entry_errors:
            retry = f" (attempt {e.attempts}; next try {clock_text(e.next_try_at)})" if e.attempts else ""
            print(f"  {e.entry}: {e.message}{retry}")
    if report is not None:
        sent, failed, pending = (
            report.counts.get("sent", 0),
            report.counts.get("failed", 0),
            report.pending,
        )
        if sent or failed or pending:
            print(
                f"delivered {sent}"
                + (f", {failed} failed" if failed else "")
                + (f", {pending} pending" if pending else "")
            )
    failed_sources = [o for o in outcomes if o.status == "error"]
    if outcomes and len(failed_sources) == len(outcomes):
        print(f"every source failed ({len(outcomes)} of {len(outcomes)})")
        return 1
    if failed_sources:
        print(f"{len(failed_sources)} of {len(outcomes)} sources failed")
    return 0
