"""Replay of files, folders and saved feeds, with a manifest, in publication order."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.integration.site import Report
from tests.running import run_cli as cli

POST = """Friday 6 March 2026

Staffing Still Dire

The inspectors looked again at Hill PDU. Assessment of the risk of harm was sufficient in
only 29 per cent of the cases they read, and there were 40 probation officer vacancies.
"""

UNDATED = """Notes from a regional meeting

Assessment of the risk of harm was judged sufficient in 52 per cent of cases sampled.
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A blog</title><id>tag:blog,2026:feed</id>
<updated>2026-05-01T08:00:00Z</updated>
<entry><id>tag:blog,2026:1</id><title>Second look at the region</title>
<link href="https://blog.example.org/2026/05/second-look.html"/>
<published>2026-05-01T08:00:00Z</published><updated>2026-05-01T08:00:00Z</updated>
<content type="html">&lt;p&gt;In Hill PDU, risk of harm assessments were sufficient in 44 per cent of cases.&lt;/p&gt;</content></entry>
</feed>"""


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "post.txt").write_text(POST, encoding="utf-8")
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    report = Report(
        "r", "An inspection of probation services in: Hill PDU", date(2025, 6, 2), "Good", 61, 4
    )
    (folder / "report.html").write_text(report.html(), encoding="utf-8")
    (folder / "blog.atom").write_text(ATOM, encoding="utf-8")
    return folder


def test_dry_run_orders_by_date_and_compares_each_with_what_came_before(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        json.dumps({"undated.txt": {"published": "2026-09-30", "url": "https://x.org/notes"}})
    )
    r = cli(
        "replay",
        str(folder),
        "--dry-run",
        "--format",
        "jsonl",
        "--manifest",
        str(manifest),
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    digests = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["published"] for d in digests] == [
        "2025-06-02",
        "2026-03-06",
        "2026-05-01",
        "2026-09-30",
    ]
    assert digests[-1]["url"] == "https://x.org/notes"
    # Each Hill PDU risk-of-harm figure is compared with the one before it for that PDU.
    previous = [
        c["previous"]["value"]
        for d in digests[1:3]
        for c in d["changes"]
        if c["metric"] == "assessment_risk_of_harm"
    ]
    assert previous == [61.0, 29.0]
    assert [
        c["assessment"] for c in digests[1]["changes"] if c["metric"] == "assessment_risk_of_harm"
    ] == ["worse"]
    # The notes name no body and come after unification: the seed baseline's value is the
    # NPS's alone (2015), another sector's cases, so it is not their past; and a figure that
    # names no body is never set against one unit's (Hill PDU's) figures.
    national = [c for c in digests[3]["changes"] if c["metric"] == "assessment_risk_of_harm"]
    assert national == []
    assert any(f["metric"] == "assessment_risk_of_harm" for f in digests[3]["figures"])


def test_a_broken_file_is_named_and_the_rest_still_run(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 this is not really a pdf")
    r = cli("replay", str(folder), "--dry-run", cwd=tmp_path)
    assert r.returncode == 1
    assert "broken.pdf" in r.stderr and "Traceback" not in r.stderr
    assert "Hill PDU" in r.stdout and "Staffing Still Dire" in r.stdout


def test_bad_manifest_and_missing_path_are_one_line_errors(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    bad = tmp_path / "m.json"
    bad.write_text(json.dumps([{"file": "post.txt", "published": "last spring"}]))
    r = cli("replay", str(folder), "--dry-run", "--manifest", str(bad), cwd=tmp_path)
    assert r.returncode == 2 and "published is not YYYY-MM-DD" in r.stderr
    r = cli("replay", str(tmp_path / "nowhere"), "--dry-run", cwd=tmp_path)
    assert r.returncode == 2 and "no such file or folder" in r.stderr


def test_without_dry_run_state_is_updated_and_digests_are_delivered(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (tmp_path / "inspectwatch.toml").write_text(
        f'[state]\nurl = "sqlite:///{tmp_path / "iw.db"}"\n'
    )
    r = cli("replay", str(folder / "post.txt"), str(folder / "report.html"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    # The console channel printed the digests after the replay output.
    assert r.stdout.count("Hill PDU") >= 2
    figures = cli("figures", "assessment_risk_of_harm", "--format", "json", cwd=tmp_path)
    values = [row["value"] for row in json.loads(figures.stdout)]
    assert 61.0 in values and 29.0 in values


def test_a_post_that_names_only_the_units_place_is_compared_with_that_unit(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    report = Report(
        "r", "An inspection of probation services in: Hill PDU", date(2025, 6, 2), "Good", 61, 4
    )
    (folder / "report.html").write_text(report.html(), encoding="utf-8")
    (folder / "post.txt").write_text(
        "Friday 6 March 2026\n\nBack to the hills\n\n"
        "A year on, Hill looks worse: the risk of harm assessments I saw passed muster in only 35 per "
        "cent of cases.\n",
        encoding="utf-8",
    )
    r = cli("replay", str(folder), "--dry-run", "--format", "jsonl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    post = [json.loads(line) for line in r.stdout.splitlines()][-1]
    [change] = [c for c in post["changes"] if c["metric"] == "assessment_risk_of_harm"]
    assert (change["previous"]["value"], change["scope"], change["assessment"]) == (61.0, "Hill PDU", "worse")
