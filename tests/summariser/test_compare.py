"""Picking the earlier value to compare with, and the change: points, relative, durations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from summariser.compare import assess, compare, compare_ratings, pick_prior
from summariser.models import Document, Figure, PriorFigure, PriorRating, Rating

DOC = Document(ref="now.txt", title="Now", body="", published=date(2024, 6, 1))


def fig(metric="assessment_risk_of_harm", value=31.0, unit="percent", scope="Hull PDU", of=None):
    return Figure(measured=True, confidence=1.0, value=value, unit=unit, text=f"{value}", sentence="", metric=metric,
                  label="Assessment of risk of harm sufficient", scope=scope, of=of)  # fmt: skip


def prior(value, published, scope=None, metric="assessment_risk_of_harm", unit="percent",
          of=None, document="old.txt"):  # fmt: skip
    return PriorFigure(metric=metric, value=value, unit=unit, published=published,
                       document=document, scope=scope, of=of)  # fmt: skip


def test_same_scope_beats_a_wider_one_even_if_older() -> None:
    history = [
        prior(50, date(2023, 1, 1), scope="Probation Service"),
        prior(40, date(2021, 1, 1), scope="Hull PDU"),
    ]
    assert pick_prior(fig(), history, DOC).value == 40


def test_the_latest_before_the_document_wins() -> None:
    history = [
        prior(40, date(2019, 1, 1), scope="Hull PDU"),
        prior(45, date(2022, 1, 1), scope="Hull PDU", document="mid.txt"),
        prior(60, date(2025, 1, 1), scope="Hull PDU", document="later.txt"),
    ]
    assert pick_prior(fig(), history, DOC).value == 45


def test_no_prior_from_itself_a_sibling_another_measure_or_an_incompatible_unit() -> None:
    history = [
        prior(40, date(2020, 1, 1), scope="Hull PDU", document="now.txt"),
        prior(40, date(2020, 1, 1), scope="Leeds PDU"),
        prior(40, date(2020, 1, 1), scope="Hull PDU", metric="planning_quality"),
        prior(40, date(2020, 1, 1), scope="Hull PDU", unit="count"),
    ]
    assert pick_prior(fig(), history, DOC) is None


def test_generic_keys_are_never_compared() -> None:
    history = [prior(40, date(2020, 1, 1), metric="other_percent")]
    assert pick_prior(fig(metric="other_percent"), history, DOC) is None


def test_shares_compare_with_shares_in_points() -> None:
    f = fig(value=19, unit="count", of=52)  # 36.5%
    p = pick_prior(f, [prior(28, date(2023, 7, 4), scope="Probation Service")], DOC)
    c = compare(f, p)
    assert (c.value, c.previous_value, c.delta, c.delta_unit, c.unit) == (
        36.5,
        28,
        8.5,
        "points",
        "percent",
    )
    assert (c.direction, c.assessment) == ("up", "better")


def test_a_fall_in_a_higher_is_better_share_is_worse() -> None:
    c = compare(fig(value=31), prior(50, date(2015, 11, 10)))
    assert (c.delta, c.direction, c.assessment) == (-19, "down", "worse")


def test_counts_change_relatively_and_polarity_decides() -> None:
    f = fig(metric="vacancies", value=690, unit="count", scope="NPS")
    c = compare(f, prior(600, date(2020, 1, 14), metric="vacancies", unit="count", scope="NPS"))
    assert (c.delta, c.delta_unit, c.direction, c.assessment) == (15.0, "percent", "up", "worse")


def test_neutral_measures_are_neither_better_nor_worse() -> None:
    f = fig(metric="people_supervised", value=120000, unit="count", scope="NPS")
    c = compare(f, prior(106000, date(2020, 1, 14), metric="people_supervised", unit="count"))
    assert (c.direction, c.assessment) == ("up", "neutral")


def test_durations_compare_in_the_figure_unit() -> None:
    f = fig(metric="enforcement_wait", value=10, unit="weeks", scope=None)
    c = compare(f, prior(3, date(2017, 11, 9), metric="enforcement_wait", unit="months"))
    assert c.previous_value == pytest.approx(13.0, abs=0.1)
    assert (c.direction, c.assessment, c.delta_unit) == ("down", "better", "absolute")


def test_small_moves_are_the_same() -> None:
    c = compare(fig(value=50.3), prior(50, date(2020, 1, 1)))
    assert (c.direction, c.assessment) == ("same", "neutral")


@pytest.mark.parametrize(
    ("direction", "polarity", "expected"),
    [("up", "higher_better", "better"), ("down", "higher_better", "worse"),
     ("up", "lower_better", "worse"), ("down", "lower_better", "better"),
     ("same", "higher_better", "neutral"), ("up", "neutral", "neutral")],
)  # fmt: skip
def test_assessment_table(direction, polarity, expected) -> None:
    assert assess(direction, polarity) == expected


def test_rating_change_for_the_same_inspected_body_only() -> None:
    ratings = [Rating(value="Requires improvement", scope="Hull PDU")]
    history = [
        PriorRating(value="Inadequate", scope="Hull PDU", published=date(2021, 5, 1), document="a"),
        PriorRating(value="Good", scope="Leeds PDU", published=date(2023, 5, 1), document="b"),
        PriorRating(
            value="Outstanding", scope="Hull PDU", published=date(2025, 5, 1), document="c"
        ),
    ]
    [c] = compare_ratings(ratings, history, DOC)
    assert (c.previous_value, c.direction, c.assessment) == ("Inadequate", "up", "better")


def test_a_negative_figure_meets_the_same_measure_stated_positively_as_a_converted_share() -> None:
    f = fig(metric="review_quality_not", value=58)
    history = [prior(60, date(2023, 3, 1), scope="Hull PDU", metric="review_quality")]
    p = pick_prior(f, history, DOC)
    assert p is not None and p.metric == "review_quality"
    c = compare(f, p)
    # "sufficient in 60%" was "not sufficient in 40%": 58 now is 18 points worse
    assert (c.previous_value, c.previous_stated_value, c.previous_metric) == (
        40,
        60,
        "review_quality",
    )
    assert (c.delta, c.direction, c.assessment) == (18, "up", "worse")


def test_the_twin_is_never_used_for_counts_or_other_measures() -> None:
    f = fig(metric="planning_quality", value=45)
    history = [
        prior(30, date(2023, 1, 1), scope="Hull PDU", metric="contingency_plans_sufficient"),
        prior(50, date(2022, 1, 1), scope="Hull PDU", metric="sentence_plans_sufficient"),
    ]
    assert (
        pick_prior(f, history, DOC) is None
    )  # contingency or sentence plans are not planning in general


def test_metrics_to_compare_adds_the_twins() -> None:
    from summariser.compare import metrics_to_compare

    assert metrics_to_compare(["review_quality_not", "other_percent", "vacancies"]) == [
        "review_quality",
        "review_quality_not",
        "vacancies",
    ]


def test_counts_and_money_meet_only_the_same_body() -> None:
    national = [prior(615, date(2020, 1, 1), scope="NPS", unit="count", metric="vacancies")]
    pdu = fig(metric="vacancies", value=27, unit="count", scope="Hull PDU")
    assert pick_prior(pdu, national, DOC) is None
    own = [
        *national,
        prior(15, date(2022, 1, 1), scope="Hull PDU", unit="count", metric="vacancies"),
    ]
    assert pick_prior(pdu, own, DOC).value == 15
    # A count about no named body is not known to be the NPS's: counts meet only the same body.
    assert pick_prior(fig(metric="vacancies", value=700, unit="count", scope=None), national, DOC) is None
    assert pick_prior(fig(metric="vacancies", value=700, unit="count", scope="NPS"), national, DOC).value == 615
    # Shares are comparable across bodies: a PDU's rate against the national rate.
    assert (
        pick_prior(fig(), [prior(50, date(2023, 1, 1), scope="Probation Service")], DOC).value == 50
    )


@pytest.mark.parametrize(
    "figure_scope",
    [
        None,
        "",
        "NPS",
        "Hull PDU",
        "Warwickshire & West Mercia CRC",
        "Probation Service",
        "national",
        "North East region",
    ],
)
def test_comparable_scopes_hold_every_scope_rank_accepts(figure_scope) -> None:
    """History is filtered in SQL by comparable_scopes: it must never drop a prior that
    rank() would have accepted."""
    from summariser.scope import comparable_scopes, normalise, rank

    candidates = [
        "",
        "national",
        "Probation Service",
        "HMPPS",
        "NPS",
        "CRC",
        "Hull PDU",
        "Leeds PDU",
        "Warwickshire & West Mercia CRC",
        "NPS North East",
        "North East region",
        " nps ",
    ]
    allowed = comparable_scopes([figure_scope])
    for prior_scope in candidates:
        if rank(figure_scope, prior_scope) is not None:
            assert allowed is None or normalise(prior_scope) in allowed, (figure_scope, prior_scope)
    # the whole service's figure may meet any unit's earlier share, and a figure that names
    # no body may be placed in a unit its sentence names: nothing is filtered out
    assert (allowed is None) == (normalise(figure_scope) in ("", "probation service", "national", "hmpps", "nps", "crc"))


def test_one_value_worded_to_lean_the_other_way_is_a_move_by_the_wording() -> None:
    then = prior(40_000, date(2023, 1, 1), scope="Hull PDU", unit="count", metric="vacancies")
    then = replace(then, qualifier="more than")
    now = replace(fig(metric="vacancies", value=40_000, unit="count"), qualifier="nearly")
    change = compare(now, then)
    assert (change.delta, change.direction) == (0, "down")
    plain = compare(replace(now, qualifier=None), then)
    assert plain.direction == "same"  # one side unqualified: nothing to read from the words


def test_the_countrys_figure_meets_the_latest_reading_of_any_of_its_units() -> None:
    history = [
        prior(44, date(2021, 6, 1), scope="Probation Service"),
        prior(38, date(2022, 3, 1), scope="Hull PDU"),
    ]
    national = fig(scope="Probation Service")
    assert pick_prior(national, history, DOC).value == 38  # the latest, a unit's
    same_day = [*history, prior(41, date(2022, 3, 1), scope="national", document="annual.txt")]
    assert pick_prior(national, same_day, DOC).value == 41  # on a tie, its own level
    # a unit's figure still prefers its own body, and counts never cross bodies
    assert pick_prior(fig(scope="Hull PDU"), history, DOC).value == 38
    # a figure naming no body is the country's against the country's, never against a unit's
    assert pick_prior(fig(scope=None), history, DOC).value == 44
    counts = [prior(300, date(2022, 3, 1), scope="Hull PDU", metric="vacancies", unit="count")]
    assert pick_prior(fig(metric="vacancies", value=900, unit="count", scope="Probation Service"), counts, DOC) is None


def test_a_value_stated_again_the_same_year_is_no_change_against_an_older_one() -> None:
    history = [
        prior(31, date(2024, 3, 1), scope="Hull PDU", document="report.txt"),  # the same finding, this year
        prior(20, date(2021, 1, 1), scope="Hull PDU"),
    ]
    assert pick_prior(fig(), history, DOC) is None
    # an older, less relevant restatement does not block the nearest earlier value
    assert pick_prior(fig(), [prior(31, date(2024, 3, 1), scope="Probation Service"),
                              prior(25, date(2023, 1, 1), scope="Hull PDU")], DOC).value == 25  # fmt: skip


def test_a_figure_naming_only_a_units_place_speaks_for_that_unit() -> None:
    from summariser.compare import placed

    f = replace(fig(scope=None), sentence="In Hull, 31 per cent of assessments were good enough.")
    history = [prior(40, date(2022, 1, 1), scope="Hull PDU"), prior(50, date(2023, 1, 1), scope="Leeds PDU")]
    assert placed(f, history).scope == "Hull PDU"
    national = replace(f, sentence="In Hull, 31 per cent, against 45 per cent nationally.")
    assert placed(national, history).scope is None
    assert placed(replace(f, sentence="Across the service, 31 per cent were good enough."), history).scope is None
