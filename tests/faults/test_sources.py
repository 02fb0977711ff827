"""Broken sources, all at once, through the installed `inspectwatch poll --once`: the good
source's digest arrives, each broken source is named with its error, nothing of theirs is
stored, and the next poll works (a fixed source succeeds; Retry-After sets the next try)."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

from state import Store
from state import documents as documents_repo
from state import sources as sources_repo
from tests.fakes.feed_server import RSS, FeedServer
from tests.integration.site import Report, rss
from tests.running import run_cli
from tests.watcher.helpers import rss as plain_rss

TODAY = date.today()
RECENT = (datetime.now().astimezone() - timedelta(hours=6)).strftime("%a, %d %b %Y %H:%M:%S %z")

BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    + ']>\n<rss version="2.0"><channel><title>&lol9;</title>'
    "<item><title>Boom &lol9;</title><guid>urn:boom</guid></item></channel></rss>"
)

# name -> (how the server breaks it, what the error line must say)
BROKEN = {
    "e500": (lambda s: s.fail("/e500/", 500), "HTTP 500 Internal Server Error"),
    "e503": (
        lambda s: s.fail("/e503/", 503, retry_after=120),
        "HTTP 503 Service Unavailable (retry after 120s)",
    ),
    "silent": (lambda s: s.hang("/silent/"), "no answer within 1s"),
    "endless": (lambda s: s.endless("/endless/"), "body too large: more than 20 MB"),
    "big": (
        lambda s: s.add("/big/", b"<rss>" + b" " * (60 * 1024 * 1024), content_type=RSS),
        "body too large: 60 MB announced",
    ),
    "noise": (
        lambda s: s.add("/noise/", os.urandom(8192), content_type=RSS, etag=False),
        "not a feed",
    ),
    "bomb": (
        lambda s: s.feed("/bomb/", BOMB),
        "the feed defines XML entities through other entities",
    ),
    "loop": (
        lambda s: (s.redirect("/loop/", "/loop2/"), s.redirect("/loop2/", "/loop/")),
        "redirect loop: ",
    ),
    "html": (
        lambda s: s.page("/html/", "<!doctype html><html><body><h1>Home</h1></body></html>"),
        "expected a feed but got an HTML page",
    ),
}

MARKUP_FEED = plain_rss(
    [
        {
            "guid": "urn:markup-1",
            "title": "<script>alert('t')</script>Recall <b>findings</b> in Riverside",
            "pubDate": RECENT,
            "description": (
                '<p onclick="evil()">Recall decisions were appropriate in 84 per cent of the '
                "cases we inspected.<script>steal(document.cookie)</script></p>"
                '<iframe src="javascript:alert(2)"></iframe><style>p{color:red}</style>'
            ),
        },
        {  # no title, no link, no date: stored, not sent on a first poll
            "guid": "urn:markup-2",
            "description": "<div>Unpaid work hours completed fell to 93,000 in the year.</div>",
        },
        {"description": ""},  # nothing to identify it by: an entry error, not a crash
    ]
)


def write_config(tmp_path: Path, sources: dict[str, str]) -> None:
    text = (
        f'[state]\nurl = "sqlite:///{tmp_path / "iw.db"}"\n'
        '[fetch]\nconnect_timeout = "1s"\nread_timeout = "1s"\ndeadline = "2s"\n'
    )
    for name, url in sources.items():
        text += f'[[sources]]\nname = "{name}"\nkind = "feed"\nurl = "{url}"\ninterval = "30m"\n'
    (tmp_path / "inspectwatch.toml").write_text(text, encoding="utf-8")


def lines_by_source(stdout: str, names) -> dict[str, str]:
    out = {}
    for line in stdout.splitlines():
        for n in names:
            if line.startswith(f"{n}: "):
                assert n not in out, f"{n} reported twice:\n{stdout}"
                out[n] = line
    return out


def test_every_broken_source_at_once_named_with_its_error_and_the_next_poll_works(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    base = feed_server.url("").rstrip("/")
    good = Report(
        "new-pdu",
        "An inspection of probation services in: New Town PDU",
        TODAY - timedelta(days=1),
        "Inadequate",
        35,
        27,
    )
    feed_server.page(f"/document/{good.slug}", good.html())
    feed_server.feed("/good/", rss(base, [good]), content_type=RSS)
    feed_server.feed("/markup/", MARKUP_FEED)
    for setup, _message in BROKEN.values():
        setup(feed_server)
    names = ["good", "markup", *BROKEN]
    write_config(tmp_path, {n: f"{base}/{n}/" for n in names})

    first = run_cli("poll", "--once", cwd=tmp_path, timeout=90)
    assert first.returncode == 0, first.stderr
    out = first.stdout
    lines = lines_by_source(out, names)
    assert set(lines) == set(names), out
    # The good source: one new report, its digest on the console, exactly once.
    assert lines["good"] == "good: 1 new"
    assert out.count("New Town PDU") == 1 and "35%" in out and "Inadequate" in out
    # Markup and scripts are gone from what a reader sees; entries without link or date stored.
    assert lines["markup"].startswith("markup: 2 new; 1 entry failed"), lines["markup"]
    assert "Recall findings in Riverside" in out and "84%" in out
    for bad in (
        "<script",
        "alert(",
        "steal(",
        "onclick",
        "<iframe",
        "javascript:",
        "<b>",
        "color:red",
    ):
        assert bad not in out, bad
    # Each broken source is named, with its own error.
    for name, (_setup, message) in BROKEN.items():
        assert lines[name].startswith(f"{name}: error: {message}"), lines[name]
    assert "Traceback" not in first.stderr

    # Nothing of the broken sources is in state; each has its error and one failure.
    store = Store(f"sqlite:///{tmp_path / 'iw.db'}")
    try:
        with store.transaction() as s:
            for name in names:
                row = sources_repo.get(s, name)
                keys = documents_repo.entry_keys(s, row.id)
                if name in BROKEN:
                    assert keys == {} and row.consecutive_failures == 1, name
                    assert lines[name] == f"{name}: error: {row.last_error}"
                else:
                    assert (
                        len(keys) == (1 if name == "good" else 2) and not row.consecutive_failures
                    )
    finally:
        store.dispose()

    # Retry-After decides when the 503 source is tried again; the 500 backs off by its interval.
    status = run_cli("sources", "--format", "json", cwd=tmp_path)
    assert status.returncode == 0, status.stderr
    rows = {r["name"]: r for r in json.loads(status.stdout)}

    def due_in(name: str) -> float:
        r = rows[name]
        parse = lambda t: datetime.strptime(t, "%Y-%m-%d %H:%M:%SZ")  # noqa: E731
        return (parse(r["next_due"]) - parse(r["last_poll"])).total_seconds()

    assert 119 <= due_in("e503") <= 121
    assert 1799 <= due_in("e500") <= 1801
    assert rows["e500"]["status"] == "failing (1 in a row)"

    # The next poll: the 500 source is fixed and now delivers; the good one is unchanged.
    fixed = Report(
        "fixed-pdu",
        "An inspection of probation services in: Fixed Town PDU",
        TODAY,
        "Good",
        71,
        3,
    )
    feed_server.page(f"/document/{fixed.slug}", fixed.html())
    feed_server.feed("/e500/", rss(base, [fixed]).replace("?p=1000", "?p=5000"), content_type=RSS)
    second = run_cli("poll", "--once", cwd=tmp_path, timeout=90)
    assert second.returncode == 0, second.stderr
    lines = lines_by_source(second.stdout, names)
    assert lines["e500"] == "e500: 1 new"
    assert "Fixed Town PDU" in second.stdout and "71%" in second.stdout
    assert "New Town PDU" not in second.stdout  # not sent twice
    assert lines["good"] in ("good: not modified", "good: nothing new")
    for name in set(BROKEN) - {"e500"}:
        assert lines[name].startswith(f"{name}: error: "), lines[name]
    status = run_cli("sources", "--format", "json", cwd=tmp_path)
    rows = {r["name"]: r for r in json.loads(status.stdout)}
    assert rows["e500"]["status"] == "ok" and rows["e500"]["failures"] == 0
    assert rows["loop"]["status"] == "failing (2 in a row)"
