"""The real-world development corpus (../shared/eval/realworld-dev), scored by its own
scorers through the installed command (bench/realworld.py). These are DEVELOPMENT scores:
the rules were tuned on this corpus. The floors below are what the product reaches on it
today, so a change that loses ground here fails; held-out real pages are judged elsewhere."""

from __future__ import annotations

import pytest

from bench.realworld import (
    CHALLENGE,
    CHALLENGE2,
    CHALLENGE3,
    CHALLENGE4,
    CHALLENGE5,
    CHALLENGE6,
    CHALLENGE7,
    CHALLENGE8,
    CHALLENGE9,
    CHALLENGE10,
    CHALLENGE11,
    CORPUS,
    measure,
)


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


_CHALLENGE_FLOORS = {
    # tests/data/challenge: 30 documents in fresh wording, tuned on since their first run
    "challenge": (CHALLENGE, {"measure_pair_precision": 0.95, "measure_pair_recall": 0.88,
                              "comparison_precision": 0.75, "comparison_recall": 0.5}),
    # tests/data/challenge2: 30 more, written by a helper blind to the rules; its README
    # has the first run, before any rule changed for it
    "challenge2": (CHALLENGE2, {"measure_pair_precision": 0.95, "measure_pair_recall": 0.72,
                                "comparison_precision": 0.6, "comparison_recall": 0.4}),
    # tests/data/challenge3: 25 more, written blind the same way; first run in its README
    "challenge3": (CHALLENGE3, {"measure_pair_precision": 0.95, "measure_pair_recall": 0.74,
                                "comparison_precision": 0.7, "comparison_recall": 0.45}),
    # tests/data/challenge4: 20 more, modelled on the real pages' kinds, written blind
    "challenge4": (CHALLENGE4, {"measure_pair_precision": 0.95, "measure_pair_recall": 0.8,
                                "comparison_precision": 0.78, "comparison_recall": 0.62}),
    # tests/data/challenge5: 23 more, written blind; first run in its README
    "challenge5": (CHALLENGE5, {"measure_pair_precision": 0.95, "measure_pair_recall": 0.73,
                                "comparison_precision": 0.8, "comparison_recall": 0.6}),
    # tests/data/challenge6: 22 more, written blind; first run in its README
    "challenge6": (CHALLENGE6, {"measure_pair_precision": 0.95, "measure_pair_recall": 0.75,
                                "comparison_precision": 0.8, "comparison_recall": 0.5}),
    # tests/data/challenge7: 22 more, written blind; first run in its README
    "challenge7": (CHALLENGE7, {"measure_pair_precision": 0.95, "measure_pair_recall": 0.74,
                                "comparison_precision": 0.85, "comparison_recall": 0.55}),
    # tests/data/challenge8: 22 more, written blind; first run in its README
    "challenge8": (CHALLENGE8, {"measure_pair_precision": 0.95, "measure_pair_recall": 0.69,
                                "comparison_precision": 0.78, "comparison_recall": 0.5}),
    # tests/data/challenge9: 22 more, written blind; first run in its README
    "challenge9": (CHALLENGE9, {"measure_pair_precision": 0.94, "measure_pair_recall": 0.85,
                                "comparison_precision": 0.9, "comparison_recall": 0.6}),
    # tests/data/challenge10: 22 more, written blind; first run in its README
    "challenge10": (CHALLENGE10, {"measure_pair_precision": 0.97, "measure_pair_recall": 0.85,
                                  "comparison_precision": 0.8, "comparison_recall": 0.55}),
    # tests/data/challenge11: 22 more, written blind; first run in its README
    "challenge11": (CHALLENGE11, {"measure_pair_precision": 0.95, "measure_pair_recall": 0.63,
                                  "comparison_precision": 0.78, "comparison_recall": 0.58}),
}  # fmt: skip
_WRONG_ASSESSMENTS = {"challenge7": 1, "challenge8": 1, "challenge10": 1}
"""Known wrong verdicts: challenge7 and challenge8 set an annual report's national figure
against a CRC's figure of the same year, challenge10 a PDU's against a thematic's national one (the labels call that period one, so "neutral"); the
product, which dates figures by their documents, says better or worse. (Treating such pairs
as one period was tried: the other sets' labels date them apart, and it lost more than it
won.) Every other set has none."""


@pytest.mark.parametrize("name", sorted(_CHALLENGE_FLOORS))
def test_challenge_sets_hold_their_floors(name: str) -> None:
    """Development scores since each set's first run; floors at what the product reaches."""
    corpus, floors = _CHALLENGE_FLOORS[name]
    got = measure(corpus)
    if not got:
        pytest.skip(f"no scorers beside ../shared/eval for {corpus}")
    assert got["figure_recall"] >= 0.95 and got["figure_precision"] >= 0.95
    assert got["ratings_right"] >= 0.9
    assert got["comparison_wrong_assessments"] <= _WRONG_ASSESSMENTS.get(name, 0)
    for key, floor in floors.items():
        assert got[key] >= floor, key
