"""Replay of the seed corpus is a golden test: it pins what the bot says about each seed.

The golden file holds the structure of each digest (figures, changes, ratings) and a hash
of its message, not the message itself: the messages quote the seed posts, whose text
the project does not ship. Regenerate on purpose with INSPECTWATCH_REGEN_GOLDEN=1 and
review the diff.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from tests.running import run_cli

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "replay" / "seeds.golden.json"
MANIFEST = ROOT / "state" / "baseline" / "seed_manifest.json"


def replay(seeds: Path, *extra: str) -> list[dict]:
    r = run_cli(
        "--config", "/nonexistent/none.toml", "replay", str(seeds), "--dry-run", "--format", "jsonl",
        "--manifest", str(MANIFEST), *extra, cwd=seeds, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


def shape(d: dict) -> dict:
    return {
        "document": Path(d["document"]).name,
        "published": d["published"],
        "rating": d["rating"],
        "figures": [[f["metric"], f["value"], f["unit"], f["qualifier"]] for f in d["figures"]],
        "changes": [
            [
                c["metric"],
                c["value"],
                c["previous"]["value"],
                c["previous"]["published"],
                c["direction"],
                c["assessment"],
            ]
            for c in d["changes"]
        ],
        "first_reported": d["first_reported"],
        "message_sha256": hashlib.sha256(d["message"].encode("utf-8")).hexdigest(),
    }


def test_replay_of_the_seed_corpus_matches_the_golden_file(seeds_dir: Path) -> None:
    digests = replay(seeds_dir)
    got = [shape(d) for d in digests]
    if os.environ.get("INSPECTWATCH_REGEN_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert [g["document"] for g in got] == [e["document"] for e in expected]
    for g, e, d in zip(got, expected, digests, strict=True):
        structural = {k: v for k, v in g.items() if k != "message_sha256"}
        assert structural == {k: v for k, v in e.items() if k != "message_sha256"}, g["document"]
        assert g["message_sha256"] == e["message_sha256"], (
            f"{g['document']} now says:\n{d['message']}"
        )


def test_replay_is_in_publication_order_with_the_contract_fields(seeds_dir: Path) -> None:
    digests = replay(seeds_dir)
    dates = [d["published"] for d in digests]
    assert dates == sorted(dates)
    for d in digests:
        for key in (
            "document",
            "title",
            "url",
            "published",
            "summary",
            "rating",
            "figures",
            "changes",
            "message",
        ):
            assert key in d
        assert all(not f["in_comments"] for f in d["figures"])
        for c in d["changes"]:
            assert set(c["previous"]) >= {"value", "published", "document"}
            assert c["direction"] in ("up", "down", "same") and c["assessment"] in (
                "better",
                "worse",
                "neutral",
            )


def test_since_keeps_later_documents_only(seeds_dir: Path) -> None:
    digests = replay(seeds_dir, "--since", "2020-01-01")
    assert [d["published"] for d in digests] == ["2020-01-14", "2023-07-04"]
