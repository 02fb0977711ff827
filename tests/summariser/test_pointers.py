"""A figure whose words only point back ("the figure was ...") measures what the figure it
points back to measures; a breakdown by condition stays unmeasured. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from summariser import analyse
from summariser.models import Document
from summariser.pointers import points_back


def by_text(body: str) -> dict[str, tuple[str | None, bool]]:
    figures = analyse(Document(ref="t", title="Casework in the Fenland unit", body=body)).figures
    return {f.text: (f.metric if f.measured else None, f.measured) for f in figures}


def test_next_sentence_takes_the_measure_it_points_back_to() -> None:
    got = by_text("Inspectors judged risk of harm assessment sufficient in 58 per cent of "
                  "cases. At the last inspection the figure was 44 per cent.")
    assert got["58 per cent"][1]
    assert got["44 per cent"] == got["58 per cent"]


def test_pointer_in_a_parenthesis_of_the_same_sentence() -> None:
    got = by_text("Staff assessed the risk of harm soundly in 39 per cent of cases (across England and "
                  "Wales, the equivalent figure stood at 51 per cent).")
    assert got["51 per cent"] == got["39 per cent"] and got["39 per cent"][1]


def test_a_breakdown_by_condition_is_an_aside() -> None:
    got = by_text("Inspectors judged risk of harm assessment sufficient in 58 per cent of "
                  "cases. Among cases that had changed hands, the figure was 31 per cent.")
    assert got["58 per cent"][1]
    assert got["31 per cent"] == (None, False)


def test_a_new_paragraph_breaks_the_thread() -> None:
    got = by_text("Inspectors judged risk of harm assessment sufficient in 58 per cent of "
                  "cases.\n\nLater that year the figure was 47 per cent.")
    assert got["47 per cent"] == (None, False)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("In the north the figure was ", True),
        ("nationally, the comparable share stood at ", True),
        ("The figure for the region had been around ", True),
        ("the share of reviews done on time was ", False),
        ("the figure of speech was ", False),
        ("the proportion of women was ", False),
    ],
)
def test_points_back(prefix: str, expected: bool) -> None:
    assert points_back(prefix) is expected


def test_an_earlier_value_in_brackets_takes_the_measure_before_it() -> None:
    got = by_text("Staff assessed the risk of harm soundly in 58 per cent of cases (2021: 44 per cent).")
    assert got["44 per cent"] == got["58 per cent"] and got["58 per cent"][1]


@pytest.mark.parametrize(
    "body",
    [
        "The probation officer vacancy rate, 26 per cent at the last count, is now 15 per cent.",
        "At 9 per cent, the probation officer vacancy rate was below the 14 per cent seen nationally.",
    ],
)
def test_a_value_set_against_another_is_one_measure_not_a_list(body: str) -> None:
    got = by_text(body)
    assert len(got) == 2 and all(measured and key == "vacancy_rate@po" for key, measured in got.values())


@pytest.mark.parametrize(
    ("body", "then"),
    [
        ("Staff assessed the risk of harm soundly in 44 per cent of cases; it was 61 per cent in 2021.", "61 per cent"),
        ("Staff assessed the risk of harm soundly in 44 per cent of cases, where it had been 61 per cent.", "61 per cent"),
        # a relative "which" restating the figure, a bound before it
        ("Staff assessed the risk of harm soundly in 44 per cent of cases, which is fewer than one in two.",
         "fewer than one in two"),
        # an inspection named in the clause makes no sample of what points back
        ("Staff assessed the risk of harm soundly in 44 per cent of cases; at our last inspection it was 61 per cent.",
         "61 per cent"),
    ],
)
def test_a_pronoun_points_back_within_its_sentence(body: str, then: str) -> None:
    got = by_text(body)
    assert got[then] == got["44 per cent"] and got["44 per cent"][1]
