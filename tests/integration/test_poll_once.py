"""`inspectwatch poll --once` end to end: a local feed server, the real pipeline, state,
and the console channel, through the installed command."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.fakes.feed_server import RSS, FeedServer
from tests.integration.site import Report, rss
from tests.running import run_cli

TODAY = date.today()


@pytest.fixture
def site(feed_server: FeedServer):
    base = feed_server.url("").rstrip("/")
    old = Report(
        "old-pdu-2024",
        "An inspection of probation services in: Old Town PDU",
        TODAY - timedelta(days=400),
        "Good",
        62,
        8,
    )
    recent = Report(
        "new-pdu",
        "An inspection of probation services in: New Town PDU",
        TODAY - timedelta(days=1),
        "Inadequate",
        35,
        27,
    )

    def publish(reports: list[Report]) -> None:
        for r in reports:
            feed_server.page(f"/document/{r.slug}", r.html())
        feed_server.feed("/feed/", rss(base, reports), content_type=RSS)

    return base, old, recent, publish


def write_config(tmp_path: Path, base: str) -> None:
    (tmp_path / "inspectwatch.toml").write_text(
        f'[state]\nurl = "sqlite:///{tmp_path / "iw.db"}"\n'
        f'[[sources]]\nname = "hmi"\nkind = "feed"\nurl = "{base}/feed/"\ninterval = "5s"\ntags = ["reports"]\n',
        encoding="utf-8",
    )


def test_first_poll_delivers_only_recent_reports_then_compares_the_next(
    tmp_path: Path, site
) -> None:
    base, old, recent, publish = site
    publish([old, recent])
    write_config(tmp_path, base)

    first = run_cli("poll", "--once", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "hmi: 2 new" in first.stdout
    # Only the report within the 3-day backfill became a message; the old one went to state.
    assert "New Town PDU" in first.stdout and "Old Town PDU" not in first.stdout
    assert "35%" in first.stdout and "Inadequate" in first.stdout
    assert "v3.0" not in first.stdout and "TW9" not in first.stdout and "0300" not in first.stdout

    second = run_cli("poll", "--once", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "hmi: not modified" in second.stdout or "hmi: nothing new" in second.stdout
    assert "New Town PDU" not in second.stdout

    # A re-inspection of the same PDU is compared with that PDU's earlier report, which the
    # first poll read silently into state: 41% against 62%, better; Good to Requires improvement.
    revisit = Report(
        "old-pdu-2026",
        "An inspection of probation services in: Old Town PDU",
        TODAY,
        "Requires improvement",
        41,
        12,
    )
    publish([old, recent, revisit])
    third = run_cli("poll", "--once", cwd=tmp_path)
    assert third.returncode == 0, third.stderr
    assert "hmi: 1 new" in third.stdout
    message = third.stdout.split("hmi: 1 new")[0]
    assert "Old Town PDU" in message and "41%" in message
    assert "62%" in message and "worse" in message

    figures = run_cli("figures", "--format", "csv", cwd=tmp_path)
    assert figures.returncode == 0, figures.stderr
    assert "vacanc" in figures.stdout


def test_a_broken_source_is_named_and_the_others_still_deliver(
    tmp_path: Path, site, feed_server
) -> None:
    base, _old, recent, publish = site
    publish([recent])
    feed_server.fail("/broken/", 500)
    (tmp_path / "inspectwatch.toml").write_text(
        f'[state]\nurl = "sqlite:///{tmp_path / "iw.db"}"\n'
        f'[[sources]]\nname = "hmi"\nkind = "feed"\nurl = "{base}/feed/"\n'
        f'[[sources]]\nname = "broken"\nkind = "feed"\nurl = "{base}/broken/"\n',
        encoding="utf-8",
    )
    r = run_cli("poll", "--once", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "New Town PDU" in r.stdout
    assert "broken: error:" in r.stdout and "500" in r.stdout
    status = run_cli("sources", cwd=tmp_path)
    assert "failing (1 in a row)" in status.stdout
