"""What subscribers would read about five real development documents, replayed with the
whole development corpus in publication order (so comparisons with earlier documents take
part). The golden file holds the rating and key-figure lines, each judged by a person
(tests/data/replay/realworld_digests.golden.json, with the judgement beside each line);
the pages' own sentences (the summary) are not kept. Development data: the rules were
tuned on these pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.running import run_cli

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "eval" / "realworld-dev"
GOLDEN = ROOT / "tests" / "data" / "replay" / "realworld_digests.golden.json"


def key_lines(message: str) -> list[str]:
    """The rating line and every line from "Key figures" on: the product's own words."""
    lines = message.splitlines()
    rating = [x for x in lines if x.startswith("Rating:")]
    start = lines.index("Key figures") if "Key figures" in lines else len(lines)
    return rating + [x for x in lines[start + 1 :] if x.strip()]


def test_five_real_documents_read_as_judged() -> None:
    if not (CORPUS / "manifest.json").is_file():
        pytest.skip(f"no development corpus at {CORPUS}")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    docs = sorted(str(p) for p in (CORPUS / "docs").glob("*.txt"))
    r = run_cli(
        "--config", "/nonexistent/none.toml", "replay", *docs, "--manifest", str(CORPUS / "manifest.json"),
        "--dry-run", "--format", "jsonl", cwd=CORPUS, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    got = {Path(d["document"]).name: key_lines(d["message"]) for d in map(json.loads, r.stdout.splitlines())}
    for name, case in golden["documents"].items():
        assert got[name] == [line["line"] for line in case["lines"]], name
