"""The real-world development corpus (../shared/eval/realworld-dev: 56 real inspectorate
pages labelled by hand) and the project's eleven challenge sets (tests/data/challenge,
challenge2 to challenge11: 30, 30, 25, 20, 23, 22, 22, 22, 22, 22 and 22 documents in fresh wording,
labelled the same way),
scored by the corpus's own scorers through the installed command.

All are DEVELOPMENT sets (each challenge set's README has its first run, before any rule
was changed for it): the rules were tuned on them, so these are training scores,
printed beside the targets the issues set for held-out real pages. `measure()` is shared
with tests/summariser/test_realworld_dev.py.
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
CHALLENGE = ROOT / "tests" / "data" / "challenge"
CHALLENGE2 = ROOT / "tests" / "data" / "challenge2"
CHALLENGE3 = ROOT / "tests" / "data" / "challenge3"
CHALLENGE4 = ROOT / "tests" / "data" / "challenge4"
CHALLENGE5 = ROOT / "tests" / "data" / "challenge5"
CHALLENGE6 = ROOT / "tests" / "data" / "challenge6"
CHALLENGE7 = ROOT / "tests" / "data" / "challenge7"
CHALLENGE8 = ROOT / "tests" / "data" / "challenge8"
CHALLENGE9 = ROOT / "tests" / "data" / "challenge9"
CHALLENGE10 = ROOT / "tests" / "data" / "challenge10"
CHALLENGE11 = ROOT / "tests" / "data" / "challenge11"
CATALOG = SCORERS / "catalog.json"
_NUM = r"([0-9.]+) \((\d+)/(\d+)\)"


def _command() -> list[str]:
    installed = Path(sys.executable).with_name("inspectwatch")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "watcher.cli"]


def _run(args: list[str], out: Path | None = None, cwd: Path = CORPUS) -> str:
    done = subprocess.run(args, capture_output=True, text=True, cwd=cwd, timeout=600, check=False)
    if out is not None:
        out.write_text(done.stdout, encoding="utf-8")
    return done.stdout + done.stderr


def measure(corpus: Path = CORPUS) -> dict[str, float]:
    """Every score of the three scorers on one labelled corpus, by name; {} when the corpus
    (or the scorers beside ../shared) is absent."""
    if not (corpus / "labels.jsonl").is_file() or not CATALOG.is_file():
        return {}
    docs = sorted(str(p.relative_to(corpus)) for p in (corpus / "docs").glob("*.txt"))
    cat = ["--catalog", str(CATALOG)]
    with tempfile.TemporaryDirectory() as tmp:
        pred, replay = Path(tmp) / "pred.jsonl", Path(tmp) / "replay.jsonl"
        _run([*_command(), "extract", *docs, "--format", "json"], pred, corpus)
        _run([*_command(), "--config", "/nonexistent/none.toml", "replay", *docs, "--manifest",
              "manifest.json", "--dry-run", "--format", "jsonl"], replay, corpus)
        py = sys.executable
        extract = _run([py, str(SCORERS / "score_extract.py"), "labels.jsonl", str(pred), "--quiet"], cwd=corpus)
        measures = _run([py, str(SCORERS / "score_measures.py"), str(pred), "measures.jsonl", *cat], cwd=corpus)
        compare = _run([py, str(SCORERS / "score_compare.py"), "measures.jsonl", *cat, "--manifest", "manifest.json",
                        "--digests", str(replay), "--figures", str(pred), "--quiet"], cwd=corpus)
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
    results: list[Result] = []
    corpora = (("realworld_dev", CORPUS), ("challenge", CHALLENGE), ("challenge2", CHALLENGE2),
               ("challenge3", CHALLENGE3), ("challenge4", CHALLENGE4), ("challenge5", CHALLENGE5),
               ("challenge6", CHALLENGE6), ("challenge7", CHALLENGE7),
               ("challenge8", CHALLENGE8), ("challenge9", CHALLENGE9), ("challenge10", CHALLENGE10),
               ("challenge11", CHALLENGE11))
    for name, corpus in corpora:
        scores = measure(corpus)
        if not scores:
            print(f"realworld: no corpus or scorers for {corpus}; skipped", file=sys.stderr)
            continue
        results += [
            Result(f"{name}.{key} (development)", value, "share" if "wrong" not in key else "count",
                   TARGETS[key][0], TARGETS[key][1])  # type: ignore[arg-type]
            for key, value in scores.items()
        ]
    return results
