"""The operator's rough edges of issue 10, each through the installed `inspectwatch`:
exit codes and single printing of `poll --once`, paths, read-only commands, `--config`
after the subcommand, what `check` catches (and `--online`), extractors that cannot
import, Ctrl-C, log format, and a dead entry page retried with backoff."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from datetime import date
from pathlib import Path

from tests.fakes.feed_server import RSS, FeedServer
from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.integration.site import Report, rss
from tests.running import EXE, clean_env, run_cli, wait_until

TODAY = date.today()
REPORT = Report(
    "new-pdu", "An inspection of probation services in: New Town PDU", TODAY, "Good", 61, 4
)


def _config(tmp_path: Path, sources: dict[str, str], extra: str = "") -> Path:
    text = f'[state]\nurl = "sqlite:///{tmp_path / "iw.db"}"\n{extra}'
    for name, url in sources.items():
        text += f'[[sources]]\nname = "{name}"\nkind = "feed"\nurl = "{url}"\ninterval = "10m"\n'
    path = tmp_path / "inspectwatch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_poll_once_exits_1_when_every_source_failed_and_prints_each_failure_once(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.fail("/a/", 500)
    feed_server.fail("/b/", 503)
    _config(tmp_path, {"a": feed_server.url("/a/"), "b": feed_server.url("/b/")})
    r = run_cli("poll", "--once", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines[-1] == "every source failed (2 of 2)"
    assert "a: error: HTTP 500 Internal Server Error" in lines
    assert "HTTP 500" not in r.stderr and "HTTP 503" not in r.stderr  # said once, on stdout

    base = feed_server.url("").rstrip("/")
    feed_server.page(f"/document/{REPORT.slug}", REPORT.html())
    feed_server.feed("/good/", rss(base, [REPORT]), content_type=RSS)
    _config(tmp_path, {"a": feed_server.url("/a/"), "good": feed_server.url("/good/")})
    r = run_cli("poll", "--once", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "1 of 2 sources failed"


def test_a_dead_entry_page_keeps_the_conditional_get_and_is_listed_as_failing(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    base = feed_server.url("").rstrip("/")
    dead = Report("dead-pdu", "An inspection of probation services in: Dead PDU", TODAY, "Good", 50, 1)
    feed_server.page(f"/document/{REPORT.slug}", REPORT.html())
    feed_server.fail(f"/document/{dead.slug}", 404)
    # The dead entry has no text of its own in the feed: its page is all there is.
    feed = rss(base, [REPORT, dead]).replace(f"<description>{dead.title}: our latest inspection.</description>", "")
    feed_server.feed("/feed/", feed, content_type=RSS)
    _config(tmp_path, {"hmi": feed_server.url("/feed/")})
    dead_url = f"{base}/document/{dead.slug}"

    first = run_cli("poll", "--once", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "hmi: 1 new; 1 entry failed" in first.stdout
    assert f"  {dead_url}: {dead_url}: HTTP 404 Not Found (attempt 1; next try " in first.stdout
    second = run_cli("poll", "--once", cwd=tmp_path)
    assert "hmi: not modified; 1 entry failing, retried later" in second.stdout, second.stdout
    assert feed_server.count(f"/document/{dead.slug}") == 1  # not fetched on every poll
    conditional = feed_server.hits("/feed/")[-1].headers
    assert "if-none-match" in conditional or "if-modified-since" in conditional

    status = run_cli("sources", "--format", "json", cwd=tmp_path)
    (row,) = json.loads(status.stdout)
    assert row["status"] == "1 entry failing" and row["failures"] == 0
    assert [(f["url"], f["attempts"]) for f in row["failing_entries"]] == [(dead_url, 1)]
    table = run_cli("sources", cwd=tmp_path)
    assert "1 entry failing" in table.stdout and f"hmi: {dead_url}: " in table.stdout


def test_relative_sqlite_path_is_read_against_the_config_folder(tmp_path: Path) -> None:
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "iw.toml").write_text('[state]\nurl = "sqlite:///data/iw.db"\n', encoding="utf-8")
    r = run_cli("--config", "conf/iw.toml", "db", "upgrade", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (conf / "data" / "iw.db").exists() and not (tmp_path / "data").exists()
    r = run_cli("--config", "conf/iw.toml", "check", cwd=tmp_path)
    assert f"config: {conf / 'iw.toml'} (valid)" in r.stdout
    assert f"state: sqlite:///{conf / 'data' / 'iw.db'}" in r.stdout


def test_read_only_commands_never_create_a_database(tmp_path: Path) -> None:
    _config(tmp_path, {"hmi": "https://example.org/feed/"})
    db = tmp_path / "iw.db"
    for command in (["sources"], ["figures"]):
        r = run_cli(*command, cwd=tmp_path)
        assert r.returncode == 1, (command, r.stdout, r.stderr)
        assert "has not been initialised" in r.stderr and "inspectwatch init" in r.stderr
        assert r.stderr.count("\n") == 1
    r = run_cli("db", "current", cwd=tmp_path)
    assert r.returncode == 0 and "not initialised" in r.stdout
    assert not db.exists() and not (tmp_path / "iw.db-wal").exists()
    # A database that exists but was never migrated is not migrated by a read either.
    import sqlite3

    sqlite3.connect(db).close()
    r = run_cli("sources", cwd=tmp_path)
    assert r.returncode == 1 and "has not been initialised" in r.stderr
    r = run_cli("db", "current", cwd=tmp_path)
    assert "current: none (not initialised)" in r.stdout


def test_config_is_accepted_after_the_subcommand(tmp_path: Path) -> None:
    (tmp_path / "other.toml").write_text(
        '[[sources]]\nname = "x"\nkind = "feed"\nurl = "https://example.org/f"\n', encoding="utf-8"
    )
    r = run_cli("check", "--config", "other.toml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "x: feed https://example.org/f" in r.stdout
    r = run_cli("db", "current", "--config", "other.toml", cwd=tmp_path)
    assert r.returncode == 0 and "not initialised" in r.stdout


def test_check_catches_what_would_fail_later(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        '[telegram]\nchannels = ["@digests"]\n'
        '[fetch]\nread_timout = "5s"\n'
        '[[sources]]\nname = "a"\nkind = "feed"\nurl = "https://[example.org/feed"\ninterval = 30\n',
        encoding="utf-8",
    )
    r = run_cli("--config", "bad.toml", "check", cwd=tmp_path)
    assert r.returncode == 2
    problems = sorted(r.stderr.strip().splitlines())
    assert problems == sorted(
        [
            "inspectwatch: config error: bad.toml: fetch.read_timout: unknown key; did you mean 'read_timeout'?",
            "inspectwatch: config error: bad.toml: sources[0].interval: a bare number (30) is "
            "ambiguous; write the unit, e.g. '30s' or '30m'",
            "inspectwatch: config error: bad.toml: sources[0].url: cannot be parsed as a URL "
            "(Invalid IPv6 URL): 'https://[example.org/feed'",
        ]
    )
    (tmp_path / "notoken.toml").write_text('[telegram]\nchannels = ["@digests"]\n', encoding="utf-8")
    r = run_cli("--config", "notoken.toml", "check", cwd=tmp_path)
    assert r.returncode == 2 and "telegram.channels: no bot token is set" in r.stderr
    r = run_cli("--config", "notoken.toml", "check", cwd=tmp_path, TELEGRAM_BOT_TOKEN=TOKEN)
    assert r.returncode == 0, r.stderr


def test_check_online_tries_the_database_and_the_token(
    tmp_path: Path, telegram_api: FakeTelegram
) -> None:
    _config(tmp_path, {}, f'[telegram]\napi_base_url = "{telegram_api.api_base_url}"\n')
    r = run_cli("check", "--online", cwd=tmp_path, TELEGRAM_BOT_TOKEN=TOKEN)
    assert r.returncode == 1 and "database: " in r.stdout and "not been initialised" in r.stdout
    assert run_cli("db", "upgrade", cwd=tmp_path).returncode == 0
    r = run_cli("check", "--online", cwd=tmp_path, TELEGRAM_BOT_TOKEN=TOKEN)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "database: ok (" in r.stdout and "telegram: ok (@inspectwatch_test_bot)" in r.stdout
    wrong = "999:WrongWrongWrongWrong"
    r = run_cli("check", "--online", cwd=tmp_path, TELEGRAM_BOT_TOKEN=wrong)
    assert r.returncode == 1 and "telegram: the bot token was rejected (401)" in r.stdout
    assert wrong not in r.stdout + r.stderr


def test_an_extractor_that_cannot_import_is_a_config_error(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "lxml_html_clean"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('raise ImportError("lxml_html_clean is missing")\n')
    _config(tmp_path, {"hmi": "https://example.org/feed/"})
    env = {"PYTHONPATH": str(tmp_path / "shadow")}
    for command in (["check"], ["poll", "--once"]):
        r = run_cli(*command, cwd=tmp_path, **env)
        assert r.returncode == 2, (command, r.stdout, r.stderr)
        assert "config error" in r.stderr and "lxml_html_clean" in r.stderr
        assert "pip install -r requirements.lock" in r.stderr
    assert not (tmp_path / "iw.db").exists()  # stopped before anything was polled


def test_ctrl_c_during_poll_once_stops_at_once(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.hang("/slow/")
    _config(
        tmp_path,
        {"slow": feed_server.url("/slow/")},
        '[fetch]\nread_timeout = "60s"\ndeadline = "90s"\n',
    )
    proc = subprocess.Popen(
        [str(EXE), "poll", "--once"],
        cwd=tmp_path,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: feed_server.count("/slow/") >= 1, what="the request in flight")
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=10)
        assert time.monotonic() - started < 2.5
        assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def test_log_format_from_the_config_for_every_command(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.fail("/a/", 500)
    _config(tmp_path, {"a": feed_server.url("/a/")}, '[service]\nlog_format = "json"\n')
    r = run_cli("-v", "poll", "--once", cwd=tmp_path)
    lines = [json.loads(line) for line in r.stderr.strip().splitlines()]
    assert lines and all({"ts", "level", "msg"} <= set(d) for d in lines)
    assert all("." not in d["ts"][:19] for d in lines)
    r = run_cli("-v", "--log-format", "text", "poll", "--once", cwd=tmp_path)
    assert r.stderr and not r.stderr.lstrip().startswith("{")


def test_poll_once_with_a_rejected_token_says_so_once_and_keeps_the_delivery(
    tmp_path: Path, feed_server: FeedServer, telegram_api: FakeTelegram
) -> None:
    base = feed_server.url("").rstrip("/")
    feed_server.page(f"/document/{REPORT.slug}", REPORT.html())
    feed_server.feed("/feed/", rss(base, [REPORT]), content_type=RSS)
    _config(
        tmp_path,
        {"hmi": feed_server.url("/feed/")},
        f'[telegram]\napi_base_url = "{telegram_api.api_base_url}"\nchannels = ["@digests"]\n',
    )
    wrong = "999:WrongWrongWrongWrong"
    r = run_cli("poll", "--once", cwd=tmp_path, TELEGRAM_BOT_TOKEN=wrong)
    assert r.returncode == 0 and "delivered 0, 1 pending" in r.stdout, r.stdout + r.stderr
    (line,) = r.stderr.strip().splitlines()
    assert "telegram: the bot token was rejected" in line and "stay pending" in line
    assert wrong not in r.stderr and "unexpected error" not in r.stderr
    r = run_cli("poll", "--once", cwd=tmp_path, TELEGRAM_BOT_TOKEN=TOKEN)
    assert "delivered 1" in r.stdout, r.stdout + r.stderr
    assert any("New Town PDU" in m.plain for m in telegram_api.messages("@digests"))
