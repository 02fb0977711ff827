"""The measure taxonomy, free-word look-up, and recognition of wording never seen before."""

from __future__ import annotations

import re

import pytest

from summariser.concepts import CONCEPTS
from summariser.figures import extract
from summariser.measures import MEASURES, find_measures, generic_key, measure
from summariser.recognise import recognise_all

UNITS = {"percent", "count", "days", "weeks", "months", "hours", "years", "currency"}


def test_every_measure_is_complete_and_built_on_known_concepts() -> None:
    assert len(MEASURES) >= 40
    for key, m in MEASURES.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), key
        assert m.key == key and m.label and m.description and m.topics
        assert m.unit in UNITS, key
        assert m.polarity in ("higher_better", "lower_better", "neutral"), key
        for req in (*m.requires, *m.boosts, *m.after, *m.not_after):
            for concept in req.split("|"):
                assert concept in CONCEPTS, f"{key}: unknown concept {concept}"


def test_negative_twins_flip_label_and_polarity() -> None:
    twin = measure("information_sharing_not")
    assert twin is not None
    assert twin.polarity == "lower_better"
    assert "not" in twin.label.lower()
    assert measure("people_supervised_not") is None  # neutral counts have no twin


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("vacancies", "vacancies"),
        ("vacancy_rate", "vacancy_rate"),
        ("risk of harm assessments", "assessment_risk_of_harm"),
        ("DV assessments", "assessment_domestic_abuse"),
        ("domestic violence planning", "planning_domestic_abuse"),
        ("sickness", "sickness_absence"),
        ("unpaid work", "unpaid_work_hours"),
        ("caseloads", "caseload_average"),
        ("recommendations", "recommendations_made"),
    ],
)
def test_find_measures_reads_free_words(query: str, expected: str) -> None:
    found = [m.key for m in find_measures(query, limit=3)]
    assert expected in found, found


def test_find_measures_by_topic_returns_the_family() -> None:
    keys = {m.key for m in find_measures("domestic abuse", limit=10)}
    assert {"assessment_domestic_abuse", "planning_domestic_abuse"} <= keys
    assert all("domestic" in " ".join(MEASURES[k].topics) for k in keys)


def test_find_measures_returns_nothing_for_unrelated_words() -> None:
    assert find_measures("banana bread") == []
    assert find_measures("") == []


def recognised(sentence: str, which: int = 0) -> str:
    found = extract(sentence)
    spans = [(f.start, f.end, f.unit, f.of, f.noun) for f in found]
    return recognise_all(sentence, spans)[which].key


# Wordings written for this test, unlike the seed corpus's.
UNSEEN = [
    ("Work to keep others safe was judged sufficient at the assessment stage in 41% of cases.",
     "assessment_risk_of_harm"),
    ("Inspectors rated the analysis of domestic violence risks as sufficient in only 22 per cent of the sample.",
     "assessment_domestic_abuse"),
    ("Sentence planning addressed the factors linked to offending adequately in 58 per cent of cases.",
     "planning_desistance"),
    ("Reviews of child protection concerns were sufficient in just 19% of relevant cases.",
     "review_child_safeguarding"),
    ("Practitioners in the region carried an average caseload of 61.", "caseload_average"),
    ("The region was carrying 212 vacant posts for probation officers.", "vacancies"),
    ("Just under a quarter of staff were above 110 per cent on the workload tool.",
     "workload_over_capacity"),
    ("Sickness absence cost the service 6.8 per cent of working time.", "sickness_absence"),
    ("We made 13 recommendations to the regional director.", "recommendations_made"),
    ("Victims were offered contact through the scheme in 88 per cent of eligible cases.",
     "victim_contact"),
    ("The area supervises around 9,800 people on probation.", "people_supervised"),
    ("Repairs were completed within the target time in 52 per cent of cases.",
     "facilities_repairs_on_time"),
    ("Breach cases waited up to 14 weeks for a court hearing.", "enforcement_wait"),
    ("Management oversight was effective in only 30 per cent of the cases we examined.",
     "management_oversight"),
    ("Work to protect the public was sufficient in 46% of the cases.", "risk_of_harm_quality"),
    ("Sixteen per cent of staff were on long-term sick leave.", "sickness_absence"),
    ("Only 71% of probation officer posts were filled.", "staff_in_post"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "key"), UNSEEN, ids=[k for _, k in UNSEEN])
def test_recognition_generalises_to_new_wording(sentence: str, key: str) -> None:
    assert recognised(sentence) == key


def test_a_figure_stated_in_the_negative_takes_the_negative_twin() -> None:
    assert recognised("Information had not been shared with the police in 40% of cases.") == (
        "information_sharing_not"
    )


def test_each_figure_in_a_list_takes_its_own_measure() -> None:
    s = (
        "Assessment of risk of harm was sufficient in 47 per cent of cases, planning for "
        "desistance in 55 per cent, and reviewing of risk of harm in 33 per cent."
    )
    assert [recognised(s, i) for i in range(3)] == [
        "assessment_risk_of_harm",
        "planning_desistance",
        "review_risk_of_harm",
    ]


def test_unrecognised_figures_keep_a_generic_key() -> None:
    assert recognised("The weather was dry on 64% of days.") == "other_percent"
    assert recognised("The service rents 21 offices across the county.") == "count_office"
    assert generic_key("count", "PDUs") == "count_pdu"
    assert generic_key("days", None) == "other_days"


def test_a_count_is_only_matched_to_a_measure_that_counts_the_same_thing() -> None:
    # "supervises" names people supervised, but PDUs are not people
    assert recognised("The region supervises its caseload across five PDUs.") == "count_pdu"
