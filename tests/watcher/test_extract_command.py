"""`inspectwatch extract`: the contract's JSON per document, text output, and errors that
name the file without stopping the others."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from watcher.cli import main
from watcher.extract_cmd import extract_command

DATA = Path(__file__).resolve().parent.parent / "data" / "watcher"
KEYS = ["document", "title", "published", "rating", "figures"]
FIGURE_KEYS = {
    "value",
    "unit",
    "qualifier",
    "text",
    "of",
    "metric",
    "label",
    "scope",
    "sentence",
    "in_comments",
}


def run(*paths: str | Path, fmt: str = "json") -> tuple[int, list[str], list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = extract_command([str(p) for p in paths], fmt, out=out, err=err)
    return code, out.getvalue().splitlines(), err.getvalue().splitlines()


def test_one_json_object_per_document_in_the_contract_shape() -> None:
    code, lines, err = run(
        DATA / "inspectorate_report.html", DATA / "report.pdf", DATA / "blogger_saved.txt"
    )
    assert code == 0 and err == []
    records = [json.loads(line) for line in lines]
    assert [list(r) for r in records] == [KEYS] * 3
    report = records[0]
    assert report["document"] == str(DATA / "inspectorate_report.html")
    assert report["title"] == "An inspection of probation services in Northshire PDU"
    assert report["published"] == "2026-10-14"
    for f in report["figures"]:
        # the contract's keys, and the facets ARCHITECTURE.md adds (optional keys only when set)
        assert FIGURE_KEYS | {"population", "level", "body", "stat", "polarity"} <= set(f)
        assert set(f) - FIGURE_KEYS <= {"population", "level", "body", "stat", "polarity", "evidence",
                                        "confidence", "same_fact_as", "quotes"}
        # nothing from the cookie banner, sidebar, footer or licence notice
        for chrome in ("cookies", "inspections published", "M3 3FX", "v3.0", "TW9", "334 kB"):
            assert chrome not in f["text"] and chrome not in f["sentence"]
    assert any(f["value"] == 43.0 and f["unit"] == "percent" for f in report["figures"])
    blog = records[2]
    assert all(not f["in_comments"] for f in blog["figures"] if "71" in f["text"])
    assert any(f["in_comments"] for f in blog["figures"])  # comment figures kept, flagged


def test_folders_are_read_recursively_in_order_and_undated_is_null(tmp_path: Path) -> None:
    (tmp_path / "b" / "inner").mkdir(parents=True)
    shutil.copy(DATA / "notice.pdf", tmp_path / "b" / "inner" / "z.pdf")
    shutil.copy(DATA / "wordpress_saved.txt", tmp_path / "a.txt")
    (tmp_path / "b" / "notes.docx").write_bytes(b"ignored")
    code, lines, err = run(tmp_path)
    assert code == 0 and err == []
    records = [json.loads(line) for line in lines]
    assert [r["document"] for r in records] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "inner" / "z.pdf"),
    ]
    assert records[1]["published"] is None


def test_a_bad_file_is_named_on_stderr_and_the_others_still_run(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7 truncated")
    code, lines, err = run(bad, DATA / "inspectorate_saved.txt", tmp_path / "missing.txt")
    assert code == 1
    assert (
        len(lines) == 1
        and json.loads(lines[0])["title"] == "An inspection of probation services in Eastmoor PDU"
    )
    assert err[0] == f"inspectwatch: {tmp_path / 'missing.txt'}: no such file or folder"
    assert err[1].startswith(f"inspectwatch: {bad}: not a readable PDF")
    assert len(err) == 2


def test_no_usable_path_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, lines, err = run(tmp_path / "nope", tmp_path / "empty")
    assert code == 2 and lines == []
    assert err == [
        f"inspectwatch: {tmp_path / 'nope'}: no such file or folder",
        f"inspectwatch: {tmp_path / 'empty'}: no .txt, .html or .pdf files in this folder",
    ]


def test_text_format_and_the_cli(capsys) -> None:
    code, lines, _ = run(DATA / "inspectorate_saved.txt", fmt="text")
    assert code == 0
    assert lines[:4] == [
        str(DATA / "inspectorate_saved.txt"),
        "  title: An inspection of probation services in Eastmoor PDU",
        "  published: 2026-09-09",
        "  rating: Inadequate",
    ]
    assert main(["extract", str(DATA / "generic_news.html")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert list(record) == KEYS and record["published"] == "2026-10-14"
