"""`inspectwatch run` as an operator meets it (issue 10): SIGHUP reloads, Telegram away or
refusing the token at start, a second instance refused before any port is bound, and a
failing entry shown in /healthz and /metrics."""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.fakes.feed_server import RSS, FeedServer
from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.integration.site import Report, rss
from tests.running import EXE, clean_env, free_port, http_get, wait_until

TODAY = date.today()
ADMIN = 42


class Service:
    """One `inspectwatch -v run` in tmp_path, its log in service.log."""

    def __init__(self, tmp_path: Path, listen: str, **env: str) -> None:
        self.tmp_path, self.base = tmp_path, f"http://{listen}"
        self.log_file = open(tmp_path / "service.log", "w+")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [str(EXE), "-v", "run"],
            cwd=tmp_path,
            env=clean_env(**env),
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )

    def health(self) -> dict:
        status, body = http_get(self.base + "/healthz")
        return json.loads(body) if status in (200, 503) and body else {}

    def log(self) -> str:
        return (self.tmp_path / "service.log").read_text()

    def wait_healthy(self) -> None:
        wait_until(lambda: self.health() or self.proc.poll() is not None, what="/healthz")
        assert self.proc.poll() is None, self.log()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log_file.close()


def write_config(tmp_path: Path, listen: str, sources: dict[str, str], extra: str = "") -> None:
    text = (
        f'[state]\nurl = "sqlite:///{tmp_path / "iw.db"}"\n'
        f'[service]\nlisten = "{listen}"\nshutdown_grace = "3s"\n{extra}'
    )
    for name, url in sources.items():
        text += f'[[sources]]\nname = "{name}"\nkind = "feed"\nurl = "{url}"\ninterval = "1s"\n'
    (tmp_path / "inspectwatch.toml").write_text(text, encoding="utf-8")


@pytest.fixture
def site(feed_server: FeedServer) -> tuple[FeedServer, str]:
    base = feed_server.url("").rstrip("/")
    for name in ("a", "b"):
        report = Report(f"{name}-pdu", f"An inspection of probation services in: {name.upper()} PDU",
                        TODAY, "Good", 60, 2)  # fmt: skip
        feed_server.page(f"/document/{report.slug}", report.html())
        feed_server.feed(f"/{name}/", rss(base, [report]), content_type=RSS)
    return feed_server, base


@pytest.fixture
def running(tmp_path: Path) -> Iterator[list[Service]]:
    services: list[Service] = []
    yield services
    for s in services:
        s.stop()


def test_sighup_applies_a_valid_config_and_refuses_an_invalid_one(
    tmp_path: Path, site, running
) -> None:
    feeds, base = site
    listen = f"127.0.0.1:{free_port()}"
    write_config(tmp_path, listen, {"a": f"{base}/a/"})
    svc = Service(tmp_path, listen)
    running.append(svc)
    svc.wait_healthy()
    wait_until(lambda: feeds.count("/a/") >= 1, what="source a polled")
    assert feeds.count("/b/") == 0

    write_config(tmp_path, listen, {"a": f"{base}/a/", "b": f"{base}/b/"})
    svc.proc.send_signal(signal.SIGHUP)
    wait_until(lambda: feeds.count("/b/") >= 1, what="the new source polled after SIGHUP")
    assert [s["name"] for s in svc.health()["sources"]] == ["a", "b"]
    assert "config reloaded" in svc.log()

    config = tmp_path / "inspectwatch.toml"
    config.write_text(config.read_text().replace('interval = "1s"', 'interval = "whenever"', 2))
    svc.proc.send_signal(signal.SIGHUP)
    wait_until(lambda: "refused; the running config is kept" in svc.log(), what="refusal")
    assert "config not reloaded: sources[1].interval: 'whenever' is not a duration" in svc.log()
    seen = feeds.count("/b/")
    wait_until(lambda: feeds.count("/b/") > seen, what="polling goes on with the old config")
    assert svc.proc.poll() is None and [s["name"] for s in svc.health()["sources"]] == ["a", "b"]


def test_telegram_away_at_start_stops_nothing_and_the_bot_starts_when_it_is_back(
    tmp_path: Path, site, running, telegram_api: FakeTelegram
) -> None:
    feeds, base = site
    listen = f"127.0.0.1:{free_port()}"
    telegram_api.fail_next("getMe", 502, times=2)
    write_config(
        tmp_path, listen, {"a": f"{base}/a/"},
        f'[telegram]\napi_base_url = "{telegram_api.api_base_url}"\nchannels = ["@digests"]\n',
    )  # fmt: skip
    svc = Service(tmp_path, listen, TELEGRAM_BOT_TOKEN=TOKEN)
    running.append(svc)
    svc.wait_healthy()
    wait_until(lambda: svc.health().get("channels", {}).get("telegram", "").startswith("down"),
               what="telegram shown down")  # fmt: skip
    body = svc.health()
    assert body["status"] == "degraded"
    wait_until(lambda: feeds.count("/a/") >= 1, what="polling while Telegram is away")
    # Telegram answers again: the bot starts and the digest queued meanwhile is delivered.
    wait_until(lambda: svc.health()["channels"]["telegram"] == "up", timeout=30, what="bot up")
    telegram_api.wait_for(lambda t: any("A PDU" in m.plain for m in t.messages("@digests")), 30)
    assert "unexpected error" not in svc.log()


def test_a_rejected_token_is_one_clear_line_and_the_service_goes_on(
    tmp_path: Path, site, running, telegram_api: FakeTelegram
) -> None:
    feeds, base = site
    listen = f"127.0.0.1:{free_port()}"
    write_config(tmp_path, listen, {"a": f"{base}/a/"},
                 f'[telegram]\napi_base_url = "{telegram_api.api_base_url}"\n')  # fmt: skip
    wrong = "999999:WrongTokenWrongTokenWrong"
    svc = Service(tmp_path, listen, TELEGRAM_BOT_TOKEN=wrong)
    running.append(svc)
    svc.wait_healthy()
    wait_until(lambda: svc.health().get("channels", {}).get("telegram", "").startswith("off"),
               what="bot off")  # fmt: skip
    wait_until(lambda: feeds.count("/a/") >= 2, what="polling goes on")
    log = svc.log()
    rejected = [line for line in log.splitlines() if "token was rejected" in line]
    assert len(rejected) == 1 and "ERROR" in rejected[0], log
    assert "unexpected error" not in log and "Traceback" not in log and wrong not in log


def test_a_second_run_is_refused_before_it_binds_the_same_port(
    tmp_path: Path, site, running
) -> None:
    _feeds, base = site
    listen = f"127.0.0.1:{free_port()}"
    write_config(tmp_path, listen, {"a": f"{base}/a/"})
    first = Service(tmp_path, listen)
    running.append(first)
    first.wait_healthy()
    second = subprocess.run(
        [str(EXE), "run"], cwd=tmp_path, env=clean_env(), capture_output=True, text=True, timeout=30
    )
    assert second.returncode == 1
    assert "already running" in second.stderr and "address" not in second.stderr.lower()
    assert first.proc.poll() is None


def test_a_failing_entry_shows_in_healthz_and_metrics(
    tmp_path: Path, feed_server: FeedServer, running
) -> None:
    base = feed_server.url("").rstrip("/")
    dead = Report("dead", "An inspection of probation services in: Dead PDU", TODAY, "Good", 5, 1)
    feed = rss(base, [dead]).replace(f"<description>{dead.title}: our latest inspection.</description>", "")
    feed_server.feed("/feed/", feed, content_type=RSS)
    feed_server.fail("/document/dead", 404)
    listen = f"127.0.0.1:{free_port()}"
    write_config(tmp_path, listen, {"hmi": f"{base}/feed/"})
    svc = Service(tmp_path, listen)
    running.append(svc)
    svc.wait_healthy()
    wait_until(lambda: svc.health()["sources"][0]["failing_entries"] == 1, what="failing entry")
    body = svc.health()
    (source,) = body["sources"]
    assert source["status"] == "failing" and source["consecutive_failures"] == 0
    assert body["status"] == "degraded" and body["failing_sources"] == ["hmi"]
    _status, metrics = http_get(svc.base + "/metrics")
    text = metrics.decode()
    assert 'inspectwatch_source_failing_entries{source="hmi"} 1.0' in text
    assert 'inspectwatch_source_healthy{source="hmi"} 0.0' in text
    assert 'inspectwatch_role{role="active"} 1.0' in text
    assert "inspectwatch_poll_duration_seconds_bucket" in text and "process_cpu_seconds_total" in text
    assert 'inspectwatch_source_last_attempt_timestamp_seconds{source="hmi"}' in text
    # Logged once, with the URL as a field; not again by a second layer.
    lines = [line for line in svc.log().splitlines() if "entry failed:" in line]
    assert lines and f"url={base}/document/dead" in lines[0]
    assert all(line.count("HTTP 404") == 1 for line in lines), lines
