"""Prometheus metrics of the service: counters updated as work happens, gauges read from
state at scrape time. One registry per service instance, passed explicitly (no globals)."""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterator

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.gc_collector import GCCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector

from state import Store
from state import deliveries as deliveries_repo
from state import digests as digests_repo
from state import documents as documents_repo
from state import entry_failures as failures_repo
from state import sources as sources_repo
from watcher import __version__

ROLES = ("starting", "active", "standby", "stopping")
POLL_BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)


class StateCollector(Collector):
    """Gauges that are facts of the database: pending deliveries, their age, source health."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with self.store.transaction() as s:
            counts = deliveries_repo.counts(s)
            age = deliveries_repo.oldest_pending_age(s)
            docs = documents_repo.count(s)
            digests = digests_repo.count(s)
            failing = failures_repo.failing_counts(s)
            srcs = [
                (x.name, x.consecutive_failures or 0, x.last_success_at, x.last_polled_at)
                for x in sources_repo.all_sources(s)
                if x.kind not in ("seed", "local")
            ]
        g = GaugeMetricFamily("inspectwatch_deliveries", "Deliveries in the outbox by status", labels=["status"])
        for status, n in counts.items():
            g.add_metric([status], n)
        yield g
        yield GaugeMetricFamily("inspectwatch_oldest_pending_delivery_seconds",
                                "Age of the oldest pending delivery", value=age)
        yield GaugeMetricFamily("inspectwatch_documents", "Documents in state", value=docs)
        yield GaugeMetricFamily("inspectwatch_digests", "Digests in state", value=digests)
        yield from _source_gauges(srcs, failing)


def _source_gauges(srcs: list[tuple], failing) -> Iterator[GaugeMetricFamily]:
    fails = GaugeMetricFamily("inspectwatch_source_consecutive_failures", "Failed polls in a row",
                              labels=["source"])
    entries = GaugeMetricFamily("inspectwatch_source_failing_entries",
                                "Entries of the source that keep failing (retried with backoff)",
                                labels=["source"])
    healthy = GaugeMetricFamily("inspectwatch_source_healthy",
                                "1 when the listing reads and no entry keeps failing", labels=["source"])
    last = GaugeMetricFamily("inspectwatch_source_last_success_timestamp_seconds",
                             "Unix time of the last successful poll", labels=["source"])
    attempt = GaugeMetricFamily("inspectwatch_source_last_attempt_timestamp_seconds",
                                "Unix time of the last poll, whatever its result", labels=["source"])
    for name, n, ok_at, polled_at in srcs:
        fails.add_metric([name], n)
        entries.add_metric([name], failing[name])
        healthy.add_metric([name], 1.0 if ok_at is not None and not n and not failing[name] else 0.0)
        if ok_at is not None:
            last.add_metric([name], ok_at.timestamp())
        if polled_at is not None:
            attempt.add_metric([name], polled_at.timestamp())
    yield from (fails, entries, healthy, last, attempt)


class RoleCollector(Collector):
    """inspectwatch_role{role="active"} 1 (and 0 for the other roles)."""

    def __init__(self, role: Callable[[], str]) -> None:
        self.role = role

    def collect(self) -> Iterator[GaugeMetricFamily]:
        g = GaugeMetricFamily("inspectwatch_role", "This instance's role (1 for the current one)",
                              labels=["role"])
        current = self.role()
        for r in ROLES:
            g.add_metric([r], 1.0 if r == current else 0.0)
        yield g


class Metrics:
    def __init__(self, store: Store | None = None, role: Callable[[], str] | None = None) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        ProcessCollector(registry=r)
        PlatformCollector(registry=r)
        GCCollector(registry=r)
        info = Gauge("inspectwatch_build_info", "Version of inspectwatch and Python (always 1)",
                     ["version", "python"], registry=r)
        info.labels(__version__, platform.python_version()).set(1)
        self.polls = Counter("inspectwatch_polls", "Source polls by result", ["source", "result"], registry=r)
        self.poll_seconds = Histogram("inspectwatch_poll_duration_seconds",
                                      "Time one poll of a source took, entries included", ["source"],
                                      buckets=POLL_BUCKETS, registry=r)
        self.fetch_errors = Counter("inspectwatch_fetch_errors", "Failed polls and entry fetches", ["source"],
                                    registry=r)
        self.documents = Counter("inspectwatch_documents_read", "Documents stored, by outcome",
                                 ["source", "outcome"], registry=r)
        self.figures = Counter("inspectwatch_figures_extracted", "Figures extracted from stored documents",
                               registry=r)
        self.figures_shown = Counter("inspectwatch_figures_shown", "Figures shown in digests", registry=r)
        self.digests = Counter("inspectwatch_digests_built", "Digests built", registry=r)
        self.sent = Counter("inspectwatch_deliveries_sent", "Messages delivered", ["channel"], registry=r)
        self.failed = Counter("inspectwatch_deliveries_failed", "Deliveries given up", ["channel"], registry=r)
        self.retried = Counter("inspectwatch_deliveries_retried", "Delivery attempts to retry", ["channel"],
                               registry=r)
        self.channel_up = Gauge("inspectwatch_channel_up", "1 while the channel can be reached",
                                ["channel"], registry=r)
        if role is not None:
            r.register(RoleCollector(role))
        if store is not None:
            r.register(StateCollector(store))

    def render(self) -> bytes:
        return generate_latest(self.registry)
