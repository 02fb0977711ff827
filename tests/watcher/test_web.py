"""/digests.atom as RFC 4287 asks (author, ids and links from service.base_url), with
ETag/Last-Modified, and /healthz saying "degraded" while an entry keeps failing."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from aiohttp.test_utils import TestClient, TestServer

from state import entry_failures, sources
from state.digests import create
from state.documents import DocumentRecord, save
from watcher.metrics import Metrics
from watcher.web import Health, health_report, make_app

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
A = "{http://www.w3.org/2005/Atom}"
BASE = "https://iw.example.org"


def _digest(store) -> None:
    with store.transaction() as s:
        src = sources.ensure(s, "hmi", "feed", "https://example.org/feed", now=NOW)
        record = DocumentRecord(entry_key="k1", ref="https://example.org/r1", title="Report one",
                                body="text", content_hash="h1", url="https://example.org/r1")  # fmt: skip
        doc, _ = save(s, src.id, record, [], [], now=NOW)
        create(s, doc.id, {"url": "https://example.org/r1", "source": "hmi", "published": "2026-03-01"},
               source="hmi", title="Report one", published=None, message="m", now=NOW)  # fmt: skip
        create(s, doc.id, {"source": "hmi"}, source="hmi", title="Notice", published=None,
               message="n", now=NOW)  # fmt: skip


async def _get(store, path: str, headers: dict | None = None):
    app = make_app(store, Metrics(store), Health(role="active"), lambda: ["hmi"], BASE)
    async with TestClient(TestServer(app)) as client:
        r = await client.get(path, headers=headers or {})
        return r.status, {k.lower(): v for k, v in r.headers.items()}, await r.read()


def test_atom_is_valid_per_rfc_4287_and_conditional(store) -> None:
    _digest(store)
    status, headers, body = asyncio.run(_get(store, "/digests.atom"))
    assert status == 200 and headers["etag"] and headers["last-modified"].endswith("GMT")
    feed = ET.fromstring(body)
    assert feed.find(f"{A}author/{A}name").text == "inspectwatch"
    assert feed.find(f"{A}id").text == f"{BASE}/digests.atom"
    entries = feed.findall(f"{A}entry")
    assert len(entries) == 2
    for e in entries:
        assert e.find(f"{A}id").text.startswith(f"{BASE}/digests/")
        link = e.find(f"{A}link")  # no rel means rel="alternate" (RFC 4287, 4.2.7.2)
        assert link is not None and link.get("rel", "alternate") == "alternate"
    links = {e.find(f"{A}title").text: e.find(f"{A}link").get("href") for e in entries}
    assert links == {"Report one": "https://example.org/r1", "Notice": f"{BASE}/digests.atom"}
    again = asyncio.run(_get(store, "/digests.atom", {"If-None-Match": headers["etag"]}))
    assert again[0] == 304 and again[2] == b""


def test_healthz_is_degraded_while_an_entry_keeps_failing(store) -> None:
    with store.transaction() as s:
        src = sources.ensure(s, "hmi", "feed", "https://example.org/feed", now=NOW)
        sources.record_success(s, src, etag='"x"', last_modified=None, next_due_at=None, now=NOW)
    code, body = health_report(store, Health(role="active"), ["hmi"], NOW)
    assert (code, body["status"], body["sources"][0]["status"]) == (200, "ok", "ok")
    with store.transaction() as s:
        entry_failures.record(s, sources.get(s, "hmi"), "k", "https://example.org/dead", "HTTP 404",
                              next_try_at=NOW, now=NOW)  # fmt: skip
    code, body = health_report(store, Health(role="active"), ["hmi"], NOW)
    assert (code, body["status"], body["failing_sources"]) == (200, "degraded", ["hmi"])
    assert body["sources"][0]["status"] == "failing" and body["sources"][0]["failing_entries"] == 1
