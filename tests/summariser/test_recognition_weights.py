"""The recogniser's named weights: one frozen object read from data, every weight named
once, and a change of weight changing what is read (so the data is really used)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from summariser import recognition_weights as rw
from summariser.figures import extract
from summariser.recognise_text import recognise_all


def test_the_shipped_weights_parse_and_are_frozen() -> None:
    w = rw.load()
    assert w == rw.WEIGHTS
    with pytest.raises(AttributeError):
        w.present = 0.1  # type: ignore[misc]
    assert 0 < w.present < w.near <= 1.0
    assert w.by_distance(w.near_words) == w.near and w.by_distance(w.far_words + 1) == w.beyond


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[a]\npresent = 0.3\n[b]\npresent = 0.4\n", "set twice"),
        ("[a]\nnot_a_weight = 1\n", "unknown recognition weights: not_a_weight"),
        ("[a]\npresent = 'high'\n", "must be a number"),
        ("[a]\npresent = 0.3\n", "missing recognition weights"),
    ],
)
def test_a_bad_weights_file_names_the_weight(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rw.parse(text)


def measure_of(text: str) -> str:
    spans = [(f.start, f.end, f.unit, f.of, f.noun) for f in extract(text)]
    return recognise_all(text, spans)[0].key


def test_the_weights_are_what_recognition_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    # a concept named far from the figure counts at the "beyond" weight; below the least
    # weight that counts as named, the measure is no longer read
    text = (
        "Assessment of the risk of harm that a person poses to others, across all of the many "
        "different kinds of case that we looked at in the course of this year, was sufficient in 41% of them."
    )
    assert measure_of(text) == "assessment_risk_of_harm"
    monkeypatch.setattr(rw, "WEIGHTS", replace(rw.WEIGHTS, beyond=0.1, far=0.1, mid=0.1))
    assert measure_of(text) != "assessment_risk_of_harm"
