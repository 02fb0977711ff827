"""Golden files: each input in tests/data/watcher (.html, .txt, .pdf), written for these
tests in the shapes of the real sites, beside `<case>.expected.json` with what extraction
must give. Regenerate on purpose with INSPECTWATCH_REGEN_GOLDEN=1 and review the diff."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from watcher.extract.html import extract_html
from watcher.extract.pdf import extract_pdf
from watcher.extract.plaintext import split_text

DATA = Path(__file__).resolve().parent.parent / "data" / "watcher"
REGEN = os.environ.get("INSPECTWATCH_REGEN_GOLDEN") == "1"
CASES = sorted(p for p in DATA.iterdir() if p.suffix in (".html", ".txt", ".pdf"))


def extract(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    if path.suffix == ".html":
        page = extract_html(raw)
        return {
            "profile": page.profile,
            "url": page.url,
            "title": page.title,
            "published": page.published.isoformat() if page.published else None,
            "pdfs": list(page.pdfs),
            "related": [list(r) for r in page.related],
            "feeds": list(page.feeds),
            "body": page.body.split("\n"),
            "comments": page.comments.split("\n") if page.comments else [],
        }
    if path.suffix == ".pdf":
        pdf = extract_pdf(raw)
        return {
            "title": pdf.title,
            "published": pdf.published.isoformat() if pdf.published else None,
            "pages": pdf.pages,
            "body": pdf.body.split("\n"),
        }
    parts = split_text(raw.decode("utf-8"))
    return {
        "title": parts.title,
        "published": parts.published.isoformat() if parts.published else None,
        "body": parts.body.split("\n"),
        "comments": parts.comments.split("\n") if parts.comments else [],
    }


def test_there_are_cases_of_each_kind() -> None:
    assert {p.suffix for p in CASES} == {".html", ".txt", ".pdf"}
    assert len(CASES) >= 10


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_golden(path: Path) -> None:
    expected_file = path.with_name(path.stem + ".expected.json")
    got = extract(path)
    if REGEN:
        expected_file.write_text(
            json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    assert expected_file.exists(), f"no {expected_file.name}; run with INSPECTWATCH_REGEN_GOLDEN=1"
    assert got == json.loads(expected_file.read_text(encoding="utf-8"))


def test_pdf_inputs_are_reproducible() -> None:
    from tests.data.watcher.make_pdfs import CASES as BUILDERS

    for name, build in BUILDERS.items():
        assert (DATA / f"{name}.pdf").read_bytes() == build(), (
            f"{name}.pdf differs from make_pdfs.py"
        )
