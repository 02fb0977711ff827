"""kill -9 the service (`inspectwatch run`, the installed command) in the middle of a
1,000-message fan-out to the fake Bot API enforcing Telegram's 30 messages a second, then
start it again: every chat gets the digest, and none twice except the one in flight."""

from __future__ import annotations

import os
import signal
import subprocess
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

CHATS = 1000
FIRST_CHAT = 700_000


def start_service(tmp_path: Path, token: str, name: str) -> tuple[subprocess.Popen, str]:
    listen = f"127.0.0.1:{free_port()}"
    config = tmp_path / "inspectwatch.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("listen")).replace(
            "[service]", f'[service]\nlisten = "{listen}"'
        )
        + "\n",
        encoding="utf-8",
    )
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - the child writes it
    proc = subprocess.Popen(
        [str(EXE), "-v", "run"],
        cwd=tmp_path,
        env=clean_env(TELEGRAM_BOT_TOKEN=token),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    base = f"http://{listen}"
    wait_until(
        lambda: proc.poll() is not None or http_get(base + "/healthz")[0] == 200,
        timeout=30,
        what="/healthz",
    )
    assert proc.poll() is None, (tmp_path / f"{name}.log").read_text()
    return proc, base


@pytest.mark.slow
def test_kill_9_mid_fan_out_then_restart_delivers_every_chat_once(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    db_url = f"sqlite:///{tmp_path / 'iw.db'}"
    store = Store(db_url)
    store.upgrade()
    now = datetime.now(UTC)
    with store.transaction() as s:
        for c in range(CHATS):
            chat = chats.ensure(s, "telegram", str(FIRST_CHAT + c), now=now)
            chats.subscribe(s, chat, now=now)
    base = feed_server.url("").rstrip("/")
    report = Report(
        "crash-pdu",
        "An inspection of probation services in: Crash Town PDU",
        date.today() - timedelta(days=1),
        "Requires improvement",
        44,
        9,
    )
    feed_server.page(f"/document/{report.slug}", report.html())
    feed_server.feed("/feed/", rss(base, [report]), content_type=RSS)

    limits = FloodLimits(overall_per_second=30, per_chat_per_second=1)
    with FakeTelegram(limits=limits) as tg:
        (tmp_path / "inspectwatch.toml").write_text(
            f'[state]\nurl = "{db_url}"\n'
            '[service]\nshutdown_grace = "3s"\njitter = 0\n'
            f'[telegram]\napi_base_url = "{tg.api_base_url}"\n'
            f'[[sources]]\nname = "hmi"\nkind = "feed"\nurl = "{base}/feed/"\ninterval = "1h"\n',
            encoding="utf-8",
        )
        proc, _ = start_service(tmp_path, tg.token, "first")
        try:
            tg.wait_for(lambda t: len(t.messages()) >= 250, timeout=60)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
        at_kill = len(tg.messages())
        assert at_kill < CHATS, "the fan-out finished before the kill"
        with store.transaction() as s:
            counts = deliveries_repo.counts(s)
        assert counts["pending"] + counts["sent"] == CHATS and counts["failed"] == 0
        assert counts["sent"] >= at_kill - 1  # every acknowledged send was recorded

        proc, health = start_service(tmp_path, tg.token, "second")
        try:
            tg.wait_for(lambda t: len({m.chat_id for m in t.messages()}) == CHATS, timeout=60)

            def outbox_done() -> bool:
                with store.transaction() as s:
                    return deliveries_repo.counts(s)["pending"] == 0

            wait_until(outbox_done, timeout=20, what="the outbox to empty")
            status, _ = http_get(health + "/healthz")
            assert status == 200
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=15) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
        sent = tg.messages()

    got = Counter(m.chat_id for m in sent if "Crash Town PDU" in m.plain)
    assert len(sent) == sum(got.values())  # nothing but the digest went out
    assert set(got) == {str(FIRST_CHAT + c) for c in range(CHATS)}  # nobody missed it
    doubled = [chat for chat, n in got.items() if n > 1]
    assert len(doubled) <= 1 and max(got.values()) <= 2, doubled  # only the one in flight
    with store.transaction() as s:
        counts = deliveries_repo.counts(s)
    assert counts["sent"] == CHATS and counts["pending"] == 0 and counts["failed"] == 0
    store.dispose()
