"""The real-world development corpus (../shared/eval/realworld-dev), scored by its own
scorers through the installed command (bench/realworld.py). These are DEVELOPMENT scores:
the rules were tuned on this corpus. The floors below are what the product reaches on it
today, so a change that loses ground here fails; held-out real pages are judged elsewhere."""

from __future__ import annotations

import pytest

from bench.realworld import CHALLENGE, CHALLENGE2, CORPUS, measure


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    got = measure()
    if not got:
        pytest.skip(f"no development corpus at {CORPUS}")
    return got


def test_figures_and_ratings(scores: dict[str, float]) -> None:
    assert scores["figure_recall"] >= 0.95 and scores["figure_precision"] >= 0.95
    assert scores["ratings_right"] >= 0.9


def test_measure_identity(scores: dict[str, float]) -> None:
    assert scores["measure_pair_precision"] >= 0.9
    assert scores["measure_pair_recall"] >= 0.7


def test_comparisons_are_never_a_wrong_verdict(scores: dict[str, float]) -> None:
    # The scorer counts a comparison with the shipped seed baseline as wrong ("unmapped
    # previous": the seeds carry no labels here), so its precision is a floor, not the truth.
    assert scores["comparison_wrong_assessments"] == 0
    assert scores["comparison_precision"] >= 0.7
    assert scores["comparison_recall"] >= 0.8


@pytest.fixture(scope="module")
def challenge() -> dict[str, float]:
    got = measure(CHALLENGE)
    if not got:
        pytest.skip("no scorers beside ../shared/eval for the challenge set")
    return got


def test_challenge_set_holds_its_floors(challenge: dict[str, float]) -> None:
    """tests/data/challenge: 30 documents in fresh wording, tuned on since their first run
    (development scores; floors at what the product reaches today)."""
    assert challenge["figure_recall"] >= 0.95 and challenge["figure_precision"] >= 0.95
    assert challenge["ratings_right"] >= 0.9
    assert challenge["measure_pair_precision"] >= 0.95 and challenge["measure_pair_recall"] >= 0.8
    assert challenge["comparison_wrong_assessments"] == 0
    assert challenge["comparison_precision"] >= 0.75 and challenge["comparison_recall"] >= 0.5


@pytest.fixture(scope="module")
def challenge2() -> dict[str, float]:
    got = measure(CHALLENGE2)
    if not got:
        pytest.skip("no scorers beside ../shared/eval for challenge set 2")
    return got


def test_challenge_set_2_holds_its_floors(challenge2: dict[str, float]) -> None:
    """tests/data/challenge2: 30 more documents in fresh wording, tuned on since their first
    run (its README has that run; development scores, floors at what the product reaches)."""
    assert challenge2["figure_recall"] >= 0.95 and challenge2["figure_precision"] >= 0.95
    assert challenge2["ratings_right"] >= 0.9
    assert challenge2["measure_pair_precision"] >= 0.9 and challenge2["measure_pair_recall"] >= 0.4
    assert challenge2["comparison_wrong_assessments"] == 0
    assert challenge2["comparison_precision"] >= 0.4 and challenge2["comparison_recall"] >= 0.16
