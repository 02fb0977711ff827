"""`inspectwatch poll --once`: poll, store, digest, deliver, and say what happened per source."""

from __future__ import annotations

import argparse
import logging
import sys

from bots.admins import notify_admins
from state.lock import InstanceLock
from watcher.context import Context
from watcher.delivering import Destinations
from watcher.pipeline import Pipeline, make_sink
from watcher.poller import PollOutcome, poll_sources

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
    ctx = Context(args.config)
    config = ctx.config
    store = ctx.store()
    lock = InstanceLock(store)
    if not lock.acquire(wait=False):
        from state.lock import InstanceLocked

        raise InstanceLocked(
            f"another inspectwatch holds {store.display_url}; it polls and delivers on its own"
        )
    try:
        dest = Destinations.open(config, store, ctx.environ)
        pipeline = Pipeline(store, max_figures=config.delivery.max_figures)
        outcomes = poll_sources(store, config, make_sink(pipeline), only=args.source)
        raise_alerts(dest, outcomes)
        report = None
        if not args.no_deliver:
            report = dest.drain_now()
        sys.stdout.flush()
        for o in outcomes:
            print(o.line)
            for e in o.entry_errors:
                print(f"  {e.entry}: {e.message}")
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
        return 0
    finally:
        lock.release()
        store.dispose()
