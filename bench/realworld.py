"""The real-world development corpus (../shared/eval/realworld-dev: 56 real inspectorate
pages labelled by hand), scored by its own scorers through the installed command.

It is a DEVELOPMENT set: the rules were tuned on it, so these are training scores, printed
beside the targets the issues set for held-out real pages. `measure()` is shared with
tests/summariser/test_realworld_dev.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import Result

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "realworld-dev"
SCORERS = CORPUS.parent
_NUM = r"([0-9.]+) \((\d+)/(\d+)\)"


def _command() -> list[str]:
    installed = Path(sys.executable).with_name("inspectwatch")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "watcher.cli"]


def _run(args: list[str], out: Path | None = None) -> str:
    done = subprocess.run(args, capture_output=True, text=True, cwd=CORPUS, timeout=600, check=False)
    if out is not None:
        out.write_text(done.stdout, encoding="utf-8")
    return done.stdout + done.stderr


def measure() -> dict[str, float]:
    """Every score of the corpus's three scorers, by name; {} when the corpus is absent."""
    if not (CORPUS / "labels.jsonl").is_file():
        return {}
    docs = sorted(str(p.relative_to(CORPUS)) for p in (CORPUS / "docs").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        pred, replay = Path(tmp) / "pred.jsonl", Path(tmp) / "replay.jsonl"
        _run([*_command(), "extract", *docs, "--format", "json"], pred)
        _run([*_command(), "--config", "/nonexistent/none.toml", "replay", *docs, "--manifest",
              "manifest.json", "--dry-run", "--format", "jsonl"], replay)
        py = sys.executable
        extract = _run([py, str(SCORERS / "score_extract.py"), "labels.jsonl", str(pred), "--quiet"])
        measures = _run([py, str(SCORERS / "score_measures.py"), str(pred), "measures.jsonl"])
        compare = _run([py, str(SCORERS / "score_compare.py"), "measures.jsonl", "--manifest", "manifest.json",
                        "--digests", str(replay), "--figures", str(pred), "--quiet"])
    out: dict[str, float] = {}
    if m := re.search(rf"recall {_NUM}, precision {_NUM}, ratings (\d+)/(\d+)", extract):
        out["figure_recall"], out["figure_precision"] = float(m[1]), float(m[4])
        out["ratings_right"] = int(m[7]) / int(m[8])
    if m := re.search(rf"pairwise precision {_NUM}, recall {_NUM}", measures):
        out["measure_pair_precision"], out["measure_pair_recall"] = float(m[1]), float(m[4])
    if m := re.search(rf"comparisons: precision {_NUM}, recall {_NUM}, wrong assessment (\d+)", compare):
        out["comparison_precision"], out["comparison_recall"] = float(m[1]), float(m[4])
        out["comparison_wrong_assessments"] = float(m[7])
    return out


TARGETS = {  # the issues' bars for held-out real pages; here scored on development data
    "figure_recall": (0.95, "higher"),
    "figure_precision": (0.95, "higher"),
    "ratings_right": (0.90, "higher"),
    "measure_pair_precision": (0.90, "higher"),
    "measure_pair_recall": (0.70, "higher"),
    "comparison_precision": (0.90, "higher"),
    "comparison_recall": (0.60, "higher"),
    "comparison_wrong_assessments": (0.0, "lower"),
}


def run(quick: bool) -> list[Result]:
    scores = measure()
    if not scores:
        print(f"realworld: no corpus at {CORPUS}; skipped", file=sys.stderr)
        return []
    return [
        Result(f"realworld_dev.{name} (development)", value, "share" if "wrong" not in name else "count",
               TARGETS[name][0], TARGETS[name][1])  # type: ignore[arg-type]
        for name, value in scores.items()
    ]
