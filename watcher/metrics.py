"""Prometheus metrics of the service: counters updated as work happens, gauges read from
state at scrape time. One registry per service instance, passed explicitly (no globals)."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from state import Store
from state import deliveries as deliveries_repo
from state import digests as digests_repo
from state import documents as documents_repo
from state import sources as sources_repo


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
            srcs = [(x.name, x.consecutive_failures or 0, x.last_success_at) for x in sources_repo.all_sources(s)
                    if x.kind not in ("seed", "local")]
        g = GaugeMetricFamily("inspectwatch_deliveries", "Deliveries in the outbox by status", labels=["status"])
        for status, n in counts.items():
            g.add_metric([status], n)
        yield g
        yield GaugeMetricFamily("inspectwatch_oldest_pending_delivery_seconds",
                                "Age of the oldest pending delivery", value=age)
        yield GaugeMetricFamily("inspectwatch_documents", "Documents in state", value=docs)
        yield GaugeMetricFamily("inspectwatch_digests", "Digests in state", value=digests)
        fails = GaugeMetricFamily("inspectwatch_source_consecutive_failures", "Failed polls in a row",
                                  labels=["source"])
        last = GaugeMetricFamily("inspectwatch_source_last_success_timestamp_seconds",
                                 "Unix time of the last successful poll", labels=["source"])
        for name, n, ok_at in srcs:
            fails.add_metric([name], n)
            if ok_at is not None:
                last.add_metric([name], ok_at.timestamp())
        yield fails
        yield last


class Metrics:
    def __init__(self, store: Store | None = None) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.polls = Counter("inspectwatch_polls", "Source polls by result", ["source", "result"], registry=r)
        self.fetch_errors = Counter("inspectwatch_fetch_errors", "Failed polls and entry fetches", ["source"],
                                    registry=r)
        self.documents = Counter("inspectwatch_documents_read", "Documents stored, by outcome",
                                 ["source", "outcome"], registry=r)
        self.figures = Counter("inspectwatch_figures_extracted", "Figures extracted from stored documents",
                               registry=r)
        self.digests = Counter("inspectwatch_digests_built", "Digests built", registry=r)
        self.sent = Counter("inspectwatch_deliveries_sent", "Messages delivered", ["channel"], registry=r)
        self.failed = Counter("inspectwatch_deliveries_failed", "Deliveries given up", ["channel"], registry=r)
        self.retried = Counter("inspectwatch_deliveries_retried", "Delivery attempts to retry", ["channel"],
                               registry=r)
        if store is not None:
            r.register(StateCollector(store))

    def render(self) -> bytes:
        return generate_latest(self.registry)
