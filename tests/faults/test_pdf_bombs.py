"""PDF bombs through the real service (`inspectwatch run`): each is refused or stopped
within its budget, logged once with its URL, while /healthz keeps answering and another
source's report is read on the same (replaced) worker."""

from __future__ import annotations

import signal
import subprocess
from datetime import date, timedelta
from pathlib import Path

from tests.fakes.feed_server import RSS, FeedServer
from tests.fakes.pdf_bombs import inflation_bomb, shared_stream_bomb
from tests.integration.site import Report, rss
from tests.running import EXE, clean_env, free_port, http_get, wait_until
from tests.watcher.helpers import rss as plain_rss

BOMBS = {
    "inflate.pdf": inflation_bomb(200),  # 200 MB of drawing in a 0.6 MB file
    "pages.pdf": shared_stream_bomb(2000),  # 2,000 pages sharing one stream
    "slow.pdf": shared_stream_bomb(400),  # within the page budget, past the CPU budget
}


def test_pdf_bombs_are_stopped_while_the_service_answers(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    base = feed_server.url("").rstrip("/")
    for name, data in BOMBS.items():
        feed_server.pdf(f"/bombs/{name}", data)
    feed_server.feed(
        "/bombs/feed/",
        plain_rss(
            {"title": name, "link": f"{base}/bombs/{name}", "guid": f"urn:{name}"} for name in BOMBS
        ),
        content_type=RSS,
    )
    report = Report(
        "calm-pdu",
        "An inspection of probation services in: Calm Town PDU",
        date.today() - timedelta(days=1),
        "Good",
        61,
        4,
    )
    feed_server.page(f"/document/{report.slug}", report.html())
    feed_server.feed("/feed/", rss(base, [report]), content_type=RSS)
    listen = f"127.0.0.1:{free_port()}"
    (tmp_path / "inspectwatch.toml").write_text(
        f'[state]\nurl = "sqlite:///{tmp_path / "iw.db"}"\n'
        f'[service]\nlisten = "{listen}"\nshutdown_grace = "3s"\n'
        '[fetch]\nextract_workers = 1\nextract_memory_mb = 400\nextract_cpu = "2s"\n'
        f'[[sources]]\nname = "bombs"\nkind = "feed"\nurl = "{base}/bombs/feed/"\ninterval = "1h"\n'
        f'[[sources]]\nname = "hmi"\nkind = "feed"\nurl = "{base}/feed/"\ninterval = "1h"\n',
        encoding="utf-8",
    )
    log_path = tmp_path / "service.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(EXE), "-v", "run"], cwd=tmp_path, env=clean_env(), stdout=log, stderr=log
        )
    health = f"http://{listen}/healthz"
    answered = []

    def done() -> bool:
        status, _ = http_get(health)
        answered.append(status)
        assert status in (200, 0), status  # 0: not listening yet
        text = log_path.read_text()
        refused = all(f"/bombs/{n}: too expensive to read" in text for n in BOMBS)
        return refused and "hmi: 1 new" in text

    try:
        wait_until(done, timeout=90, what="the bombs refused and the report read")
        assert answered[-1] == 200 and answered.count(200) >= 3
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    text = log_path.read_text()
    for name in BOMBS:
        lines = [ln for ln in text.splitlines() if "watcher.isolation" in ln and name in ln]
        assert len(lines) == 1, lines  # once, with its URL
    assert "pages, more than the budget" in text and "of CPU time" in text
    assert "400 MB of memory" in text
