"""Peak memory of the running service: `inspectwatch run` (the installed command, in its own
process) with 200 sources on local feed servers, 10,000 documents (with their figures,
ratings and digests) already in state, and the Telegram bot connected to the fake Bot API.

It polls every source a few times: a first poll with one new report per feed (fetched,
read, compared with the 10,000 earlier documents, stored), polls answered 304, then one
more new report per feed; meanwhile /healthz, /metrics and /digests.atom are served.
The figure is the kernel's high-water mark of the service's resident set (VmHWM); the
target is 200 MB. Then four more polls of every source, all 304: the resident set should
not grow with the number of polls (target: under 2 MB per 1,000 polls).

State is seeded through the repositories: 300 generated documents go through the real
pipeline once, and their figures, ratings and digests are copied (new keys, dates spread
over 2014-2026) to reach 10,000.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench import Result

SOURCES = 200
DOCUMENTS = 10_000
TARGET_MB = 200.0
TEMPLATES = 300


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 30.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 - 127.0.0.1 only
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError:
        return 0, b""


def _templates(n: int) -> list[tuple[dict, list[dict], list[dict], dict, str]]:
    """(record fields, figure rows, rating rows, digest payload, message) of `n` generated
    documents, each run once through the pipeline in a scratch state."""
    from bench.corpus import generate
    from state import digests as digests_repo
    from state.models import Digest, Document
    from summariser.models import Document as Doc
    from watcher.replay import replay_documents, scratch_store

    docs = [
        Doc(ref=g.url, title=g.title, body=g.text, url=g.url, published=g.published, kind="page")
        for g in generate(n, seed=23)
    ]
    out = []
    with scratch_store() as store:
        for _ in replay_documents(store, docs, deliver=False):
            pass
        with store.transaction() as s:
            for row in s.query(Document).filter(Document.entry_key.like("https://%")):
                digest = s.query(Digest).filter(Digest.document_id == row.id).one()
                figures = [
                    {c: getattr(f, c) for c in ("value", "unit", "qualifier", "of", "text",
                                                "sentence", "metric", "label", "scope",
                                                "in_comments")}
                    for f in row.figures
                ]  # fmt: skip
                ratings = [
                    {c: getattr(r, c) for c in ("subject", "scope", "value", "text")}
                    for r in row.ratings
                ]
                record = {"title": row.title, "body": row.body, "kind": row.kind,
                          "rating": row.rating, "scope": row.scope}  # fmt: skip
                out.append((record, figures, ratings, digests_repo.payload(digest), digest.message))
    return out


def seed(
    url: str,
    n_docs: int,
    source_names: list[str],
    source_urls: list[str],
    templates: int = TEMPLATES,
) -> float:
    """Put `n_docs` documents with figures, ratings and digests into state; seconds taken."""
    from state import Store
    from state import digests as digests_repo
    from state import documents as documents_repo
    from state import sources as sources_repo
    from state.baseline import ensure_baseline
    from state.documents import DocumentRecord

    started = time.perf_counter()
    made = _templates(templates)
    store = Store(url)
    store.upgrade()
    now = datetime.now(UTC) - timedelta(days=1)
    first, span = date(2014, 1, 6), (date(2026, 1, 1) - date(2014, 1, 6)).days
    try:
        with store.transaction() as s:
            ensure_baseline(s)
            ids = [
                sources_repo.ensure(s, name, "feed", u, now=now).id
                for name, u in zip(source_names, source_urls, strict=True)
            ]
        batch = 500
        for start in range(0, n_docs, batch):
            with store.transaction() as s:
                for i in range(start, min(n_docs, start + batch)):
                    record, figures, ratings, payload, message = made[i % len(made)]
                    published = first + timedelta(days=(i * 7919) % span)
                    ref = f"https://archive.example.org/document/{i:06d}"
                    doc, _ = documents_repo.save(
                        s,
                        ids[i % len(ids)],
                        DocumentRecord(
                            entry_key=ref,
                            ref=ref,
                            url=ref,
                            content_hash=f"seed-{i:06d}",
                            published=published,
                            entry_hash="seeded",
                            **record,
                        ),
                        figures,
                        ratings,
                        now=now,
                    )
                    digests_repo.create(
                        s,
                        doc.id,
                        payload | {"document": ref, "url": ref, "published": published.isoformat()},
                        source=source_names[i % len(ids)],
                        title=record["title"],
                        published=published,
                        message=message,
                        deliver=False,
                        now=now,
                    )
    finally:
        store.dispose()
    return time.perf_counter() - started


def _vm(pid: int) -> dict[str, float]:
    """VmHWM and VmRSS of a process, in MB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            out[key] = int(value.split()[0]) / 1024
    return out


def _wait(predicate, timeout: float, what: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc.poll() is not None:
            raise RuntimeError(
                f"the service exited while waiting for {what}:\n{log.read_text()[-3000:]}"
            )
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def _metric(text: str, name: str) -> float | None:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return None


def run(quick: bool = False) -> list[Result]:
    from bench.poll import _feed, _hosts, _page
    from tests.fakes.feed_server import FeedServerProcess
    from tests.fakes.telegram_api import FakeTelegram

    n_sources = 50 if quick else SOURCES
    n_docs = 1_000 if quick else DOCUMENTS
    hosts = _hosts(10)
    servers = [FeedServerProcess(h).start() for h in hosts]
    tmp = Path(tempfile.mkdtemp(prefix="iw-bench-memory-"))
    proc = None
    try:
        names, urls = [], []
        for i in range(n_sources):
            server = servers[i % len(servers)]
            for k in range(2):
                server.page(f"/s{i}/{k}", _page(f"Source {i} report {k}", i + k))
            server.feed(f"/s{i}/feed/", _feed(server, i, [0]))
            names.append(f"source-{i:03d}")
            urls.append(server.url(f"/s{i}/feed/"))
        db_url = f"sqlite:///{tmp / 'state.db'}"
        seed_seconds = seed(db_url, n_docs, names, urls, 100 if quick else TEMPLATES)

        with FakeTelegram() as tg:
            listen = f"127.0.0.1:{_free_port()}"
            per_host = 2 if len(hosts) > 1 else 16
            sources = "".join(
                f'[[sources]]\nname = "{n}"\nkind = "feed"\nurl = "{u}"\ninterval = "2s"\n'
                for n, u in zip(names, urls, strict=True)
            )
            (tmp / "inspectwatch.toml").write_text(
                f'[state]\nurl = "{db_url}"\n'
                f'[service]\nlisten = "{listen}"\njitter = 0\nshutdown_grace = "5s"\n'
                f'[fetch]\nper_host = {per_host}\nconcurrency = 16\nread_timeout = "10s"\n'
                f'[telegram]\napi_base_url = "{tg.api_base_url}"\n' + sources,
                encoding="utf-8",
            )
            env = {
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("INSPECTWATCH_", "TELEGRAM_"))
            }
            env["TELEGRAM_BOT_TOKEN"] = tg.token
            exe = Path(sys.executable).parent / "inspectwatch"
            log_path = tmp / "service.log"
            with open(log_path, "w") as log:
                proc = subprocess.Popen(
                    [str(exe), "-q", "run"], cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT
                )
            base = f"http://{listen}"
            started = time.monotonic()

            def documents() -> float:
                status, body = _get(base + "/metrics")
                return (
                    (_metric(body.decode(), "inspectwatch_documents") or 0) if status == 200 else 0
                )

            def total_polls() -> int:
                return sum(
                    servers[i % len(servers)].count(f"/s{i}/feed/") for i in range(n_sources)
                )

            def feeds_polled(times: int) -> bool:
                return all(
                    servers[i % len(servers)].count(f"/s{i}/feed/") >= times
                    for i in range(n_sources)
                )

            _wait(lambda: _get(base + "/healthz")[0] == 200, 60, "/healthz", proc, log_path)
            baseline_docs = documents()
            at_start = _vm(proc.pid)["VmRSS"]
            # first poll: one new report per feed, then polls answered 304
            _wait(
                lambda: documents() >= baseline_docs + n_sources, 600, "first poll", proc, log_path
            )
            after_first = _vm(proc.pid)
            _wait(lambda: feeds_polled(3), 120, "three polls of every feed", proc, log_path)
            for i in range(n_sources):  # one more report per feed
                server = servers[i % len(servers)]
                server.feed(f"/s{i}/feed/", _feed(server, i, [0, 1]))
            _wait(
                lambda: documents() >= baseline_docs + 2 * n_sources,
                600,
                "changed poll",
                proc,
                log_path,
            )
            _wait(lambda: feeds_polled(5), 120, "five polls of every feed", proc, log_path)
            for path in ("/healthz", "/metrics", "/digests.atom"):
                status, _ = _get(base + path)
                assert status == 200, (path, status)
            # Steady state: more polls, all answered 304; a service that keeps something
            # per poll grows here.
            steady_from, polls_from = _vm(proc.pid)["VmRSS"], total_polls()
            _wait(lambda: feeds_polled(9), 120, "nine polls of every feed", proc, log_path)
            _get(base + "/metrics")
            steady_polls = total_polls() - polls_from
            growth = (_vm(proc.pid)["VmRSS"] - steady_from) * 1000 / steady_polls
            elapsed = time.monotonic() - started
            vm = _vm(proc.pid)
            proc.terminate()
            proc.wait(timeout=30)
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(10)
        for s in servers:
            s.stop()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    size = f"{n_sources} sources, {n_docs:,} documents in state"
    return [
        Result(
            "service_peak_rss",
            round(vm["VmHWM"], 1),
            "MB",
            TARGET_MB,
            "lower",
            note=f"VmHWM of `inspectwatch run`; {size}; {2 * n_sources} new reports read; "
            f"{elapsed:.0f}s of service",
        ),
        Result("service_rss_at_start", round(at_start, 1), "MB", better="lower",
               note="resident set once /healthz answers, before the first poll"),
        Result("service_rss_after_first_poll", round(after_first["VmRSS"], 1), "MB",
               better="lower", note=f"high-water mark then {after_first['VmHWM']:.1f} MB"),
        Result("service_rss_at_end", round(vm["VmRSS"], 1), "MB", better="lower", note=size),
        Result("service_rss_growth_per_1000_polls", round(growth, 2), "MB", 2.0, "lower",
               note=f"resident set growth over {steady_polls} unchanged (304) polls"),
        Result("memory_seed_state", round(seed_seconds, 1), "s", better="lower",
               note=f"{n_docs:,} documents with figures and digests, through state repositories"),
    ]  # fmt: skip


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv):
        print(r.line())
