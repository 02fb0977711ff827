"""URLs in log lines: no credentials, no query secrets, and very long ones shortened;
through a logger set up as the CLI does, and through the installed command."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from tests.fakes.feed_server import FeedServer
from tests.running import run_cli
from tests.watcher.helpers import rss
from watcher.logs import URL_LIMIT, RedactFilter, TextFormatter, safe_url


def test_safe_url_strips_credentials_and_query_secrets_and_shortens() -> None:
    url = "https://me:hunter22@feeds.example/a?api_key=abc123&page=2&token=zz&sig="
    assert safe_url(url) == "https://feeds.example/a?api_key=***&page=2&token=***&sig="
    long = "https://feeds.example/" + "x" * 5000 + "/end"
    short = safe_url(long)
    assert len(short) <= URL_LIMIT and short.startswith("https://feeds.example/x")
    assert short.endswith("x/end") and "…" in short


def test_a_log_record_carries_safe_urls_only() -> None:
    out = io.StringIO()
    logger = logging.getLogger("test.log_urls")
    handler = logging.StreamHandler(out)
    handler.setFormatter(TextFormatter())
    handler.addFilter(RedactFilter())
    logger.addHandler(handler)
    try:
        logger.warning(
            "%s: failed", "http://user:pw123456@h.example/p?password=pw123456&x=" + "y" * 9000
        )
    finally:
        logger.removeHandler(handler)
    line = out.getvalue()
    assert "pw123456" not in line and len(line) < 400, line


def test_poll_once_logs_no_secret_of_a_source_url(tmp_path: Path, feed_server: FeedServer) -> None:
    long_link = feed_server.url("/missing/" + "z" * 20000)
    feed_server.feed(
        "/feed/",
        rss(
            [
                {
                    "title": "E",
                    "link": long_link,
                    "guid": "urn:e",
                    "pubDate": "Mon, 19 Oct 2026 09:00:00 +0000",
                }
            ]
        ),
    )
    url = feed_server.url("/feed/?api_key=sekrit-key-1").replace(
        "http://", "http://op:sekrit-pw-2@"
    )
    (tmp_path / "inspectwatch.toml").write_text(
        f'[state]\nurl = "sqlite:///{tmp_path / "iw.db"}"\n'
        f'[[sources]]\nname = "s"\nkind = "feed"\nurl = "{url}"\ninterval = "5m"\n',
        encoding="utf-8",
    )
    result = run_cli("-v", "poll", "--once", cwd=tmp_path)
    logged = result.stderr
    assert "missing" in logged, logged  # the entry's failure was logged
    assert "sekrit" not in logged
    assert max(len(line) for line in logged.splitlines()) < 1000
