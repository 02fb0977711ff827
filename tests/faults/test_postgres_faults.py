"""PostgreSQL going away under the running service (`inspectwatch run`). The shared server
cannot be restarted from a test, so its effect is simulated: every backend the service has
open is terminated (pg_terminate_backend), first only its pooled connections while a
fan-out is under way, then all of them, the instance lock's too, as a restart would.

The service recovers: pooled connections are re-made (pool_pre_ping) and the fan-out goes
on; on losing its lock it stops with exit code 1 for the supervisor to restart it (here the
test does), and the new instance reads and fans out the next report. Nothing is
half-written and every digest reaches every chat exactly once."""

from __future__ import annotations

import signal
import subprocess
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from state import Store, chats
from state import deliveries as deliveries_repo
from tests.fakes.feed_server import RSS, FeedServer
from tests.fakes.telegram_api import FakeTelegram, FloodLimits
from tests.integration.site import Report, rss
from tests.running import EXE, clean_env, free_port, http_get, wait_until

pytestmark = pytest.mark.postgres

CHATS = 30


def terminate(pg_url: str, app: str, *, keep_lock: bool) -> int:
    """Terminate the service's backends (by application_name); with `keep_lock`, not the
    one holding an advisory lock. Returns how many were terminated."""
    import psycopg

    dsn = pg_url.split("?", 1)[0].replace("postgresql+psycopg://", "postgresql://")
    sql = (
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND application_name = %s AND pid <> pg_backend_pid()"
    )
    if keep_lock:
        sql += " AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')"
    with psycopg.connect(dsn, autocommit=True) as conn:
        return conn.execute(sql, (app,)).fetchone()[0]


def report(i: int) -> Report:
    return Report(
        f"pg-{i}",
        f"An inspection of probation services in: Pg Town {i} PDU",
        date.today() - timedelta(days=1),
        "Requires improvement",
        30 + i,
        4 + i,
    )


class Supervisor:
    """Runs the service and, like systemd's Restart=on-failure, starts it again when it
    exits non-zero."""

    def __init__(self, tmp_path: Path, token: str) -> None:
        self.tmp_path, self.token = tmp_path, token
        self.proc: subprocess.Popen | None = None
        self.exits: list[int] = []
        self.base = ""

    def start(self) -> None:
        listen = f"127.0.0.1:{free_port()}"
        n = len(self.exits)
        log = open(self.tmp_path / f"service-{n}.log", "w")  # noqa: SIM115 - the child writes it
        self.proc = subprocess.Popen(
            [str(EXE), "-v", "run"],
            cwd=self.tmp_path,
            env=clean_env(TELEGRAM_BOT_TOKEN=self.token, INSPECTWATCH_SERVICE__LISTEN=listen),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.base = f"http://{listen}"
        wait_until(
            lambda: self.proc.poll() is not None or http_get(self.base + "/healthz")[0] == 200,
            timeout=30,
            what="/healthz",
        )

    def log(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.tmp_path.glob("service-*.log")))

    def watch(self) -> None:
        """Restart the service if it stopped; only the lost-lock exit (1) is expected."""
        assert self.proc is not None
        code = self.proc.poll()
        if code is not None:
            assert code == 1, self.log()
            self.exits.append(code)
            assert len(self.exits) <= 3, self.log()
            self.start()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def test_postgres_connections_killed_under_the_service(
    tmp_path: Path, pg_url: str, feed_server: FeedServer
) -> None:
    app = "iwfault_" + uuid.uuid4().hex[:10]
    service_url = f"{pg_url}&application_name={app}"
    store = Store(pg_url)  # the test's own connections carry no such name
    store.upgrade()
    now = datetime.now(UTC)
    with store.transaction() as s:
        for c in range(CHATS):
            chats.subscribe(s, chats.ensure(s, "telegram", str(810_000 + c), now=now), now=now)
    base = feed_server.url("").rstrip("/")

    def publish(n: int) -> None:
        items = [report(i) for i in range(n)]
        for r in items:
            feed_server.page(f"/document/{r.slug}", r.html())
        feed_server.feed("/feed/", rss(base, items), content_type=RSS)

    def delivered(t: FakeTelegram) -> Counter:
        return Counter(
            (m.chat_id, i) for m in t.messages() for i in range(4) if f"Pg Town {i} PDU" in m.plain
        )

    publish(3)
    limits = FloodLimits(overall_per_second=30, per_chat_per_second=1)
    with FakeTelegram(limits=limits) as tg:
        (tmp_path / "inspectwatch.toml").write_text(
            f'[state]\nurl = "{service_url}"\n'
            '[service]\nshutdown_grace = "5s"\njitter = 0\n'
            f'[telegram]\napi_base_url = "{tg.api_base_url}"\n'
            f'[[sources]]\nname = "hmi"\nkind = "feed"\nurl = "{base}/feed/"\ninterval = "1s"\n',
            encoding="utf-8",
        )
        service = Supervisor(tmp_path, tg.token)
        service.start()
        try:
            # 1. Mid fan-out, its pooled connections die twice; it carries on, lock held.
            for at in (15, 45):
                tg.wait_for(lambda t, at=at: len(t.messages()) >= at, timeout=30)
                assert terminate(pg_url, app, keep_lock=True) >= 1
            tg.wait_for(lambda t: len(delivered(t)) == 3 * CHATS, timeout=30)
            assert service.proc.poll() is None and not service.exits, service.log()

            # 2. Every connection dies, the lock's too: it stops (exit 1) and is started again.
            assert terminate(pg_url, app, keep_lock=False) >= 2
            wait_until(
                lambda: (service.watch(), service.exits)[1],
                timeout=30,
                what="the service to notice its lost lock",
            )
            # 3. The restarted service reads a new report and fans it out, while its pooled
            #    connections die once more.
            sent_before = len(tg.messages())
            publish(4)
            tg.wait_for(lambda t: len(t.messages()) >= sent_before + 10, timeout=30)
            assert terminate(pg_url, app, keep_lock=True) >= 1
            wait_until(
                lambda: (service.watch(), len(delivered(tg)) == 4 * CHATS)[1],
                timeout=30,
                what="the fourth digest everywhere",
            )
            assert len(service.exits) == 1, service.log()
        finally:
            service.stop()
        sent = tg.messages()

    got = Counter((m.chat_id, i) for m in sent for i in range(4) if f"Pg Town {i} PDU" in m.plain)
    assert len(got) == 4 * CHATS, "a chat missed a digest"
    assert max(got.values()) == 1, [k for k, v in got.items() if v > 1]
    assert service.exits == [1]
    assert "lost the database lock" in service.log()
    with store.transaction() as s:
        counts = deliveries_repo.counts(s)
        from sqlalchemy import text

        docs, digests, bare = s.execute(
            text(
                "SELECT (SELECT count(*) FROM documents d JOIN sources x ON x.id = d.source_id "
                "WHERE x.name = 'hmi'), (SELECT count(*) FROM digests WHERE source = 'hmi'), "
                "(SELECT count(*) FROM documents d WHERE NOT EXISTS "
                "(SELECT 1 FROM figures f WHERE f.document_id = d.id))"
            )
        ).one()
    assert (docs, digests, bare) == (4, 4, 0)
    assert counts["sent"] == 4 * CHATS and counts["pending"] == 0 and counts["failed"] == 0
    store.dispose()
