"""Rating wordings met in the blind sets after their first run, each in the project's own words."""

from __future__ import annotations

from summariser import analyse
from summariser.models import Document


def overall(body: str, title: str) -> str | None:
    a = analyse(Document(ref="t", title=title, body=body))
    return next((r.value for r in a.ratings if r.subject == "overall"), None)


def test_a_unit_named_with_its_kind_in_brackets_is_rated() -> None:
    body = "The inspectorate has rated Exbridge Probation Delivery Unit (PDU) as 'Good'. Two standards were rated 'Inadequate'."
    assert overall(body, "Exbridge PDU") == "Good"


def test_a_rating_the_unit_has_climbed_to_is_its_own_though_the_past_is_recalled() -> None:
    body = "Exbridge Probation Delivery Unit, rated 'Inadequate' in 2022, has climbed to 'Good' after its second inspection."
    assert overall(body, "Exbridge PDU") == "Good"


def test_a_crc_named_by_its_counties_is_rated_overall() -> None:
    body = "The Community Rehabilitation Company for Exshire, Wyeshire and Zedland has been rated 'Requires improvement'."
    assert overall(body, "A CRC inspected") == "Requires improvement"


def test_domains_named_first_in_a_sentence_are_domains_not_the_body() -> None:
    body = "Exbridge PDU was rated 'Inadequate'. Leadership and partnerships were both judged 'Good'."
    assert overall(body, "Exbridge PDU") == "Inadequate"


def test_a_count_of_standards_with_an_aside_is_a_tally() -> None:
    body = "Exbridge PDU was rated 'Requires improvement'. Three of the nine standards, planning among them, were rated 'Inadequate'."
    assert overall(body, "Exbridge PDU") == "Requires improvement"


def test_a_list_of_lower_case_grades_after_a_rating_verb_is_a_list_of_tallies() -> None:
    body = "Of the 18 units inspected in the year, three were rated outstanding, nine good, four requires improvement and two inadequate."
    _units, *tallies = analyse(Document(ref="t", title="T", body=body)).figures
    assert [(f.value, f.metric) for f in tallies] == [
        (3, "services.rated_outstanding"),
        (9, "services.rated_good"),
        (4, "services.rated_requires_improvement"),
        (2, "services.rated_inadequate"),
    ]


def test_youth_services_rated_are_a_tally_of_youth_services() -> None:
    (f,) = analyse(Document(ref="t", title="T", body="Five youth services were rated outstanding.")).figures
    assert f.metric == "youth.services.rated_outstanding"


def test_good_or_better_is_no_tally_of_one_grade() -> None:
    figures = analyse(Document(ref="t", title="T", body="- Court work was judged good or better in 11 of the 19 services.")).figures
    assert not any(f.metric and "rated_good" in f.metric for f in figures)


def test_a_clause_between_a_count_and_its_rating_verb_keeps_the_tally() -> None:
    body = "Five of the 14 units we visited over the summer were rated 'Inadequate'."
    (f,) = analyse(Document(ref="t", title="T", body=body)).figures
    assert (f.metric, f.of) == ("services.rated_inadequate", 14)


def test_a_share_of_rated_units_stated_outright_is_a_tally_share() -> None:
    body = "Of the PDUs inspected in the year, 35 per cent were rated 'Good' and 10 per cent 'Inadequate'."
    good, inadequate = analyse(Document(ref="t", title="T", body=body)).figures
    assert (good.metric, inadequate.metric) == ("services.rated_good", "services.rated_inadequate")


def test_two_grades_at_once_are_no_one_grade() -> None:
    counted = analyse(Document(ref="t", title="T", body="Eight of the 15 units were rated 'Good' or better.")).figures
    assert counted[0].metric != "services.rated_good"
    body = "Of the 90 serious further offence reviews we assessed, 48 per cent were graded good or outstanding."
    sample, share = analyse(Document(ref="t", title="T", body=body)).figures
    assert sample.stat == "sample"
    assert share.metric == "sfo_reviews_rated_good_or_better"


def test_points_scored_are_an_inspection_score_for_their_framework() -> None:
    body = "The unit scored 17 out of a possible 27 and was rated 'Requires improvement'; its partner scored 20 out of a possible 36."
    a, b = analyse(Document(ref="t", title="T", body=body)).figures
    assert (a.metric, b.metric) == ("inspection_score@of27", "inspection_score@of36")


def test_sfo_reviews_of_sufficient_quality_are_their_own_measure_and_good_enough_is_no_grade() -> None:
    (share,) = analyse(Document(ref="t", title="T", body="We judged 63 per cent of SFO reviews to be of sufficient quality.")).figures
    assert share.metric == "sfo_reviews_sufficient"
    body = "Of the 70 serious further offence reviews we assessed, 25 were not good enough."
    _sample, count = analyse(Document(ref="t", title="T", body=body)).figures
    assert (count.metric, count.of) == ("sfo_reviews_sufficient_not", 70)


def test_a_grade_named_by_its_place_on_the_scale_is_that_grade() -> None:
    body = "Of the 16 units inspected, five were given the lowest possible rating and two received our top grade."
    _units, low, top = analyse(Document(ref="t", title="T", body=body)).figures
    assert (low.metric, top.metric) == ("services.rated_inadequate", "services.rated_outstanding")


def test_a_health_condition_is_no_licence_condition() -> None:
    body = "Three in ten of the children in the sample had a diagnosed mental health condition."
    (f,) = analyse(Document(ref="t", title="Youth justice in Exbridge", body=body)).figures
    assert not (f.metric or "").startswith("youth.licence")


def test_a_named_subject_between_the_verb_and_the_value_and_a_grade_moved_up() -> None:
    assert overall("The inspectors left impressed, rating Wyeshire 'Good' overall.", "Wyeshire PDU inspection") == "Good"
    body = "Wyeshire has moved up a grade to 'Requires improvement' since we last visited, when it was rated 'Inadequate'."
    assert overall(body, "Wyeshire PDU inspection") == "Requires improvement"
