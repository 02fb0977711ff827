"""Recall and precision against hand labels, measured by bench.eval_figures: the seed
corpus (read from ../shared) and the documents written for this project. All of them are
development sets now (the rules were tuned on them, the "heldout" folder names are
historical); the real-world corpus is scored by ../shared/eval's scorers.

Measure assignment is judged as precision (of the figures given a measure, the right one)
and coverage (labelled figures given the right one): the summariser abstains rather than
guess, so coverage is lower than the old top-1 accuracy by design."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.eval_figures import evaluate, locate, units_compatible, values_match

DATA = Path(__file__).resolve().parent.parent / "data" / "summariser"
HELDOUT_SETS = [DATA / "heldout", *(DATA / f"heldout{k}" for k in (2, 3, 4, 5))]


def test_seed_corpus_body_recall_and_precision(seeds_dir: Path) -> None:
    labels = seeds_dir.parent / "eval" / "seed_figures.jsonl"
    if not labels.is_file():
        pytest.skip(f"no labels at {labels}")
    report = evaluate(seeds_dir, labels)
    assert report.body.labels == 65
    assert report.body.recall >= 0.95
    assert report.body.precision >= 0.95
    assert report.flagged == 1.0  # every comment figure found is flagged in_comments
    assert report.comments.recall >= 0.95


@pytest.mark.parametrize("folder", HELDOUT_SETS, ids=lambda p: p.name)
def test_heldout_documents_recall_and_precision(folder: Path) -> None:
    report = evaluate(folder, folder / "labels.jsonl")
    assert report.body.labels >= 35
    assert report.body.recall >= 0.95
    assert report.body.precision >= 0.95
    assert report.flagged == 1.0
    # measure assignment against the hand-assigned keys (tests/data/summariser/measure_labels.jsonl)
    assert report.measures.labelled >= 20
    assert report.measures.precision >= 0.95
    assert report.measures.accuracy >= 0.5


def test_measure_assignment_on_the_seed_corpus(seeds_dir: Path) -> None:
    labels = seeds_dir.parent / "eval" / "seed_figures.jsonl"
    if not labels.is_file():
        pytest.skip(f"no labels at {labels}")
    report = evaluate(seeds_dir, labels)
    assert report.measures.labelled >= 55
    assert report.measures.precision >= 0.93
    assert report.measures.accuracy >= 0.85


def test_matching_rule_pieces() -> None:
    assert values_match(66.67, 66.7)
    assert not values_match(66.7, 68)
    assert units_compatible("years", "other") and units_compatible("days", "weeks")
    assert not units_compatible("percent", "count")
    text = "Fewer than half of them. Later: fewer than half of them again."
    assert locate(text, "fewer than half") == (32, 47)  # exact case first
    assert locate(text, "Fewer than half", 1, side=(30, len(text))) == (32, 47)
