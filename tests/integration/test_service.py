"""`inspectwatch run` end to end: the installed command against a local feed server and
the fake Telegram Bot API. A user subscribes, a report appears and is delivered once,
health and metrics answer, SIGTERM ends it cleanly."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.fakes.feed_server import RSS, FeedServer
from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.integration.site import Report, rss
from tests.running import EXE, clean_env, free_port, http_get, wait_until

TODAY = date.today()
USER = 1001
ADMIN = 42


class Running:
    def __init__(self, proc: subprocess.Popen, listen: str) -> None:
        self.proc, self.base = proc, f"http://{listen}"

    def health(self) -> tuple[int, dict]:
        status, body = http_get(self.base + "/healthz")
        return status, (json.loads(body) if body else {})


@pytest.fixture
def service(tmp_path: Path, feed_server: FeedServer, telegram_api: FakeTelegram) -> Iterator[tuple]:
    base = feed_server.url("").rstrip("/")
    old = Report(
        "riverside-2024",
        "An inspection of probation services in: Riverside PDU",
        TODAY - timedelta(days=500),
        "Good",
        58,
        6,
    )
    feed_server.page(f"/document/{old.slug}", old.html())
    feed_server.feed("/feed/", rss(base, [old]), content_type=RSS)
    listen = f"127.0.0.1:{free_port()}"
    (tmp_path / "inspectwatch.toml").write_text(
        f'[state]\nurl = "sqlite:///{tmp_path / "iw.db"}"\n'
        f'[service]\nlisten = "{listen}"\nshutdown_grace = "5s"\n'
        f'[telegram]\napi_base_url = "{telegram_api.api_base_url}"\nadmins = [{ADMIN}]\n'
        f'[[sources]]\nname = "hmi"\nkind = "feed"\nurl = "{base}/feed/"\ninterval = "1s"\ntags = ["reports"]\n',
        encoding="utf-8",
    )
    env = clean_env()
    env["TELEGRAM_BOT_TOKEN"] = TOKEN
    log = open(tmp_path / "service.log", "w+")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [str(EXE), "-v", "run"], cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    running = Running(proc, listen)
    try:
        wait_until(lambda: running.health()[0] == 200 or proc.poll() is not None, what="/healthz")
        assert proc.poll() is None, (tmp_path / "service.log").read_text()
        yield running, feed_server, telegram_api, base, old, tmp_path
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        log.close()


def test_subscribe_then_a_new_report_is_delivered_once(service) -> None:
    running, feeds, tg, base, old, tmp_path = service
    # The first poll reads the old report silently (it is older than the backfill).
    wait_until(
        lambda: any(s["last_success"] for s in running.health()[1].get("sources", [])),
        what="first poll",
    )

    tg.user_sends(USER, "/start")
    tg.wait_for(lambda t: len(t.messages(USER)) >= 1)
    tg.user_sends(USER, "/subscribe")
    tg.wait_for(lambda t: len(t.messages(USER)) >= 2)
    assert not any("Riverside" in m.plain for m in tg.messages(USER))

    new = Report(
        "riverside-2026",
        "An inspection of probation services in: Riverside PDU",
        TODAY,
        "Inadequate",
        33,
        19,
    )
    feeds.page(f"/document/{new.slug}", new.html())
    feeds.feed("/feed/", rss(base, [old, new]), content_type=RSS)

    tg.wait_for(lambda t: any("Riverside" in m.plain for m in t.messages(USER)), timeout=30)
    digest = next(m for m in tg.messages(USER) if "Riverside" in m.plain)
    assert "33%" in digest.plain and "58%" in digest.plain and "Inadequate" in digest.plain
    # Several more polls (304s) and drains later, still exactly one.
    polls = feeds.count("/feed/")
    assert feeds.wait_for(lambda f: f.count("/feed/") >= polls + 3, timeout=20)
    assert sum("Riverside" in m.plain for m in tg.messages(USER)) == 1

    status, metrics = http_get(running.base + "/metrics")
    text = metrics.decode()
    assert status == 200
    assert 'inspectwatch_polls_total{result="ok",source="hmi"}' in text
    assert 'inspectwatch_deliveries_sent_total{channel="telegram"}' in text
    assert 'inspectwatch_deliveries{status="pending"} 0.0' in text
    status, atom = http_get(running.base + "/digests.atom")
    assert status == 200 and b"Riverside PDU" in atom

    started = time.monotonic()
    running.proc.send_signal(signal.SIGTERM)
    assert running.proc.wait(timeout=10) == 0
    assert time.monotonic() - started < 10
    log = (tmp_path / "service.log").read_text()
    assert TOKEN not in log and TOKEN.split(":")[1] not in log


def test_a_second_instance_on_the_same_sqlite_is_refused(service) -> None:
    running, *_rest, tmp_path = service
    env = clean_env()
    env["INSPECTWATCH_SERVICE__LISTEN"] = f"127.0.0.1:{free_port()}"
    second = subprocess.run(
        [str(EXE), "run"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=30
    )
    assert second.returncode == 1
    assert "already running" in second.stderr and "Traceback" not in second.stderr
    assert running.proc.poll() is None


def test_an_admin_polls_a_source_now_from_telegram(service) -> None:
    running, feeds, tg, base, old, tmp_path = service
    wait_until(
        lambda: any(s["last_success"] for s in running.health()[1].get("sources", [])),
        what="first poll",
    )
    tg.user_sends(USER, "/poll hmi")
    tg.wait_for(lambda t: t.messages(USER))
    assert tg.messages(USER)[0].plain == "This command is for the bot's administrators."
    tg.user_sends(ADMIN, "/poll hmi")
    tg.wait_for(lambda t: any(m.plain.startswith("hmi") for m in t.messages(ADMIN)), timeout=20)
    answer = next(m.plain for m in tg.messages(ADMIN) if m.plain.startswith("hmi"))
    assert "needs the running service" not in answer and "failed" not in answer


def test_a_clock_stepped_back_a_day_still_polls_on_time(service) -> None:
    """What the service sees when the wall clock goes back a day: every stored due time is
    a day ahead of it. Polling goes on at the interval (1s) all the same."""
    from datetime import UTC, datetime

    from state import Store
    from state import sources as sources_repo

    running, feeds, _tg, _base, _old, tmp_path = service
    wait_until(lambda: feeds.count("/feed/") >= 1, timeout=30, what="a first poll")
    store = Store(f"sqlite:///{tmp_path / 'iw.db'}")

    def step_back() -> None:  # again and again: each poll stores a due time of its own
        with store.transaction() as s:
            for row in sources_repo.all_sources(s):
                row.next_due_at = datetime.now(UTC) + timedelta(days=1)

    def polled_since(seen: int) -> bool:
        step_back()
        return feeds.count("/feed/") >= seen + 3

    try:
        step_back()
        seen = feeds.count("/feed/")
        wait_until(lambda: polled_since(seen), timeout=20, what="more polls")
        status, body = running.health()
        assert status == 200 and body["scheduler"] == "ok", body
    finally:
        store.dispose()
