"""Fit the confidence weights of summariser/identity.py: for each kind of evidence a
measure is read from, the share of labelled figures given the right measure, smoothed
(Laplace) so a kind seen a few times is not trusted blindly. Writes
summariser/data/confidence.toml; the weights are then frozen until the next fit.

    python -m bench.fit_confidence [--write]

Development sets only: the seed corpus (../shared) and the team's own labelled sets in
tests/data/summariser. The real-world development corpus is kept out, so its pairwise
scores (score_measures.py) stay a check that the fit did not make."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from bench.eval_figures import locate, read_labels, read_measure_labels, values_match

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT / "tests/data/summariser" / n for n in ("heldout", "heldout2", "heldout3", "heldout4", "heldout5")]
OUT = ROOT / "summariser/data/confidence.toml"


def tallies(folder: Path, labels_path: Path, measures_path: Path | None) -> tuple[Counter, Counter]:
    import summariser
    from summariser.measures import base_key
    from watcher.extract import load_path

    labels = read_labels(labels_path)
    keys = read_measure_labels(measures_path)
    right, seen = Counter(), Counter()
    for name, lab in labels.items():
        path = folder / name
        if not path.is_file() or name not in keys:
            continue
        doc = load_path(path)
        figures = [f for f in summariser.analyse(doc).figures if not f.in_comments and f.measured]
        for f_lab in lab["figures"]:
            if f_lab.get("in_comments"):
                continue
            truth = keys[name].get((f_lab["text"], f_lab.get("occurrence", 1), float(f_lab["value"])))
            span = locate(doc.body, f_lab["text"], f_lab.get("occurrence", 1), (0, len(doc.body)))
            if span is None:
                continue
            for f in figures:
                if values_match(f.value, float(f_lab["value"])) and f.start < span[1] and span[0] < f.start + len(f.text):
                    seen[f.evidence] += 1
                    right[f.evidence] += truth is not None and base_key(f.metric) == truth
                    break
    return right, seen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    a = ap.parse_args(argv)
    right, seen = Counter(), Counter()
    shared = ROOT.parent / "shared"
    inputs = [(d, d / "labels.jsonl", ROOT / "tests/data/summariser/measure_labels.jsonl") for d in SETS]
    inputs.append((shared / "seeds", shared / "eval/seed_figures.jsonl", ROOT / "tests/data/summariser/measure_labels.jsonl"))
    for folder, labels, measures in inputs:
        if labels.is_file():
            r, s = tallies(folder, labels, measures)
            right.update(r)
            seen.update(s)
    lines = ["# Written by `python -m bench.fit_confidence --write` (do not edit by hand): per kind of",
             "# evidence, the share of figures given the right measure on the development sets",
             "# (Laplace-smoothed: (right + 1) / (seen + 2)).", "[confidence]"]
    for kind in ("adjacent", "tally", "table", "clause", "clause_one", "sentence", "previous", "topic"):
        w = (right[kind] + 1) / (seen[kind] + 2)
        lines.append(f"{kind} = {w:.3f}  # {right[kind]} of {seen[kind]}")
        print(f"{kind:12} {right[kind]:4} / {seen[kind]:4}  -> {w:.3f}")
    if a.write:
        OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
