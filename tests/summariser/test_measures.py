"""The measure taxonomy, free-word look-up, and recognition of wording never seen before."""

from __future__ import annotations

import re

import pytest

from summariser import analyse
from summariser.concepts import CONCEPTS
from summariser.figures import extract
from summariser.measures import MEASURES, find_measures, generic_key, measure
from summariser.models import Document
from summariser.recognise_text import recognise_all

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


def figures_in(body: str, title: str = "T") -> list:
    """The figures `analyse` reads in `body`, measures and all."""
    return list(analyse(Document(ref="t", title=title, body=body)).figures)


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
    # round 2: narrower measures, new ones, and the figure's own clause first
    ("Contingency arrangements were adequate in only 29% of the files we read.",
     "contingency_plans_sufficient"),
    ("Sentence plans were of sufficient quality in 57 per cent of cases.", "sentence_plans_sufficient"),
    ("Nearly half of practitioners said their caseload was unmanageable.", "workload_unmanageable"),
    ("Supervising each person costs about £4,200 per person a year.", "cost_per_person"),
    ("Pre-release work was judged sufficient in 48% of licence cases.", "pre_release_work"),
    ("The youth service works with about 90 children a year.", "people_supervised"),
    ("We read the files of 60 cases supervised by the unit.", "count_case"),
    # kinds and numbers of court reports, the caseload's make-up, SFOs per year
    ("Courts received 84,210 PSRs from the service last year.", "psr_count"),
    ("Some 47 per cent of reports to court were given orally on the day.", "psr_oral_share"),
    ("Fast delivery written reports made up 41% of the total.", "psr_fast_written_share"),
    ("Full written reports fell to 6 per cent of all court reports.", "psr_standard_share"),
    ("About 14 per cent of the people on probation in the county are women.", "supervised_women_share"),
    ("Each year about 0.3 per cent of people under supervision are charged with a serious further offence.", "sfo_rate"),
    ("Two thirds of SFO reviews needed an extension to their deadline.", "sfo_reviews_extended"),
    ("Of the children supervised, 84% were boys.", "supervised_male"),
    ("About 480 people under supervision were charged with a serious further offence last year.", "sfo_count"),
    ("Vacancies among the case managers stood at 22 per cent in June.", "vacancy_rate"),
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


def test_a_neighbouring_clause_completes_an_elliptical_one_but_never_replaces_a_named_thing() -> (
    None
):
    s = (
        "Assessment of the risk to others was sufficient in 51% of cases, and planning to "
        "manage that risk was sufficient in 42%."
    )
    assert [recognised(s, i) for i in range(2)] == [
        "assessment_risk_of_harm",
        "planning_risk_of_harm",
    ]
    s = (
        "Over half said their workload was unmanageable, and one in five said they had "
        "considered leaving the service."
    )
    assert recognised(s, 1) != "workload_unmanageable"


def test_a_clause_with_no_subject_of_its_own_takes_the_earlier_clause_as_its_subject() -> None:
    s = (
        "Delivery of work to protect others had got better, yet still met the expected "
        "standard in only 40 per cent of the cases."
    )
    assert recognised(s) == "implementation_risk_of_harm"


def test_a_row_drawn_with_dots_or_a_dash_takes_its_label_and_caption() -> None:
    text = "Cases judged sufficient on assessing risk of harm, by area\nNorthern units – 61%\nSouthern units – 48%"
    assert [recognised(text, i) for i in range(2)] == ["assessment_risk_of_harm"] * 2
    assert recognised("Reviewing risk of harm, sufficient .......... 52%") == "review_risk_of_harm"


def test_a_figure_stated_for_two_stages_at_once_takes_neither_stage() -> None:
    s = (
        "Public protection work was good enough in 45 per cent of cases for both "
        "assessing and delivering."
    )
    # nor the theme's work as a whole, which is judged over every stage
    assert not figures_in(s)[0].measured
    # one stage named, one figure: the stage stands
    assert recognised("Assessing public protection work was good enough in 45 per cent of cases.") == (
        "assessment_risk_of_harm"
    )


def test_contingency_and_sentence_plans_are_different_measures() -> None:
    s = (
        "Contingency plans were sufficient in 28% of the cases that needed one, while sentence "
        "plans were sufficient in 66%."
    )
    assert [recognised(s, i) for i in range(2)] == [
        "contingency_plans_sufficient",
        "sentence_plans_sufficient",
    ]


def test_the_two_values_of_a_change_are_the_same_measure() -> None:
    s = "The vacancy rate for probation officers fell to 14 per cent in March, from 19 per cent a year earlier, but caseloads rose."
    assert [recognised(s, i) for i in range(2)] == ["vacancy_rate", "vacancy_rate"]


def test_a_table_cell_takes_the_measure_of_its_row_and_caption() -> None:
    table = (
        "Table 4: Cases judged sufficient, by standard\n\n"
        "Standard                              2023      2024\n"
        "Planning: keeping other people safe    34%       31%\n"
        "Reviewing: supporting desistance       52%       49%\n"
    )
    assert [recognised(table, i) for i in range(4)] == [
        "planning_risk_of_harm",
        "planning_risk_of_harm",
        "review_desistance",
        "review_desistance",
    ]


def test_a_numbered_caption_set_off_by_a_wide_gap_is_still_the_caption() -> None:
    table = (
        "Table 2      Protecting the public: cases judged sufficient, by stage\n"
        "                          This unit (n=52)      Region\n"
        "Assessment                   51%                  58%\n"
        "Planning                     40%                  47%\n"
    )
    assert [recognised(table, i) for i in range(1, 5)] == [
        "assessment_risk_of_harm",
        "assessment_risk_of_harm",
        "planning_risk_of_harm",
        "planning_risk_of_harm",
    ]


def test_an_indented_row_whose_label_is_negative_takes_the_twin() -> None:
    table = (
        "Table 3: Casework measures (share of cases)\n\n"
        "    Measure                                  2022     2023\n"
        "    Assessing risk of harm: sufficient        44%      47%\n"
        "    Management oversight not sufficient       58%      52%\n"
    )
    assert [recognised(table, i) for i in range(4)] == [
        "assessment_risk_of_harm",
        "assessment_risk_of_harm",
        "management_oversight_not",
        "management_oversight_not",
    ]


def test_a_ratings_table_counts_the_services_given_each_rating() -> None:
    table = (
        "Table 2: Ratings of the probation units inspected, by year\n\n"
        "                     2022     2023\n"
        "  Good                  6        9\n"
        "  Inadequate            4        2\n"
        "  Units rated          17       19\n"
    )
    keys = [recognised(table, i) for i in range(6)]
    assert keys[:4] == ["rated_good"] * 2 + ["rated_inadequate"] * 2
    assert not any(k.startswith("rated_") for k in keys[4:])  # the row of units rated is no tally


def test_a_title_completes_only_a_measure_the_sentence_half_names_or_a_specific_unit() -> None:
    text = "Courts imposed about 3 million hours last year. Attendance was 71 per cent."
    spans = [(f.start, f.end, f.unit, f.of, f.noun) for f in extract(text)]
    keys = [r.key for r in recognise_all(text, spans, title="A thematic inspection of unpaid work")]
    assert keys == ["unpaid_work_hours", "other_percent"]


def test_an_elliptical_second_figure_keeps_the_first_ones_stage() -> None:
    body = "Assessing the risk of harm was sufficient in 61% of the cases in Ashby, but in only 39% of those in Moreton."
    got = [f.metric for f in analyse(Document("e.txt", "E", body)).figures]
    assert got == ["assessment_risk_of_harm", "assessment_risk_of_harm"]


def test_a_negation_in_the_next_clause_is_not_the_figures() -> None:
    s = "Licence conditions were set in 70 per cent of cases, but they were not always explained."
    assert recognised(s) == "licence_conditions"


def test_people_who_breached_are_not_a_share_of_enforcement_done_well() -> None:
    assert recognised("Half of the people we followed had breached their order at least once.") != (
        "enforcement_appropriate"
    )
    assert recognised("Enforcement of breaches was appropriate in 64% of cases.") == "enforcement_appropriate"


def test_a_grade_named_in_another_clause_does_not_qualify_the_figure() -> None:
    text = ("Probation officers were at 91 per cent of target in Ashmoor PDU, and the vacancy rate "
            "across all grades was 8 per cent.")
    figures = figures_in(text, "Ashmoor PDU")
    assert [f.metric for f in figures if f.value == 8] == ["vacancy_rate"]
    own = figures_in("The probation officer vacancy rate was 12 per cent.")
    assert [f.metric for f in own] == ["vacancy_rate@po"]


def test_possessives_and_forms_of_do_match_the_phrases_written_with_the_and_did() -> None:
    assert recognised("Work to protect other people met our standard in 36% of the cases.") == "risk_of_harm_quality"
    assert recognised("Assessments of the risk of harm did not do enough in 41% of cases.") == "assessment_risk_of_harm_not"


def test_a_value_stated_against_an_earlier_one_is_the_same_measure() -> None:
    s = ("Plans to keep others safe were sufficient in 58 per cent of the 40 cases, compared with "
         "the 41 per cent we found on our last visit.")
    metrics = [f.metric for f in figures_in(s) if f.measured]
    assert metrics == ["planning_risk_of_harm", "planning_risk_of_harm"]


@pytest.mark.parametrize(
    "text",
    [
        # a value restated after its sample, behind a dash
        "Risk of harm was sufficiently assessed in 42 per cent of the cases we read – fewer than half.",
        # a value and its earlier value in brackets
        "Plans to keep others safe were sufficient in 33% of cases, much as in 2022/23 (35%).",
        # from one value to another, the first of a total
        "Court reports given orally rose from a little under a third of the total to 41 per cent.",
        # a share and its exact value set off by commas
        "On risk of harm, assessment was sufficient for just under half, 47 per cent, of the people.",
    ],
)
def test_two_values_of_one_finding_keep_its_measure(text: str) -> None:
    figures = figures_in(text)
    assert len(figures) == 2 and figures[0].metric == figures[1].metric and figures[0].measured


def test_a_bracket_after_a_new_clause_is_another_finding() -> None:
    text = "Of the children supervised, 84% were boys; most were white (77%)."
    metrics = [f.metric for f in figures_in(text)]
    assert metrics[0] == "supervised_male" and metrics[1] != "supervised_male"


def test_in_a_list_joined_by_and_each_figure_keeps_the_stage_named_before_it() -> None:
    s = "On keeping others safe, assessment was sufficient in 44%, planning in 39% and reviewing in 31%."
    assert [recognised(s, i) for i in range(3)] == [
        "assessment_risk_of_harm", "planning_risk_of_harm", "review_risk_of_harm",
    ]


def test_a_bound_in_a_condition_is_a_threshold_not_a_level() -> None:
    text = "Where caseloads were above 60 per cent of the expected level, 28 per cent of plans were sufficient."
    first, second = figures_in(text)
    assert first.stat == "threshold" and not first.measured
    assert second.stat == "level"


def test_a_kind_of_court_report_named_by_delivery_is_not_sentence_delivery() -> None:
    assert recognised("Fast delivery written reports were 37% of all pre-sentence reports.") == "psr_fast_written_share"
    assert not recognised("Fast delivery written reports were 37% of all pre-sentence reports.").startswith("implement")


def test_forms_of_meet_name_the_standard_being_met() -> None:
    for verb in ("met", "meets", "was meeting"):
        assert recognised(f"Planning {verb} the required standard in 52% of the files.") == "planning_quality"


def test_each_item_of_a_list_takes_the_ideas_of_the_line_that_leads_into_it() -> None:
    text = ("Protecting the public: what we found\n\n"
            "We read 60 case files. Split by stage, the share judged sufficient was:\n"
            "- assessment, 51 per cent\n- planning, 44 per cent\n- reviewing, 30 per cent\n")
    doc = analyse(Document(ref="t", title="Public protection work in a region", body=text))
    metrics = [f.metric for f in doc.figures if f.unit == "percent"]
    assert metrics == ["assessment_risk_of_harm", "planning_risk_of_harm", "review_risk_of_harm"]


def test_a_list_item_without_a_lead_in_line_gets_nothing_from_the_line_above() -> None:
    text = ("Plans were judged sufficient in most areas.\n"
            "- assessment, 51 per cent\n")
    doc = analyse(Document(ref="t", title="t", body=text))
    assert not doc.figures[0].measured


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Plans to keep others safe were sufficient in 48% of cases, up six percentage points.", "six percentage points"),
        ("That is four points below the 51 per cent of plans to keep others safe judged sufficient last year.",
         "four points"),
        ("The service prepared 9,100 pre-sentence reports, some 800 fewer than a year before.", "some 800 fewer"),
    ],
)
def test_a_change_beside_its_level_measures_what_the_level_measures_and_stays_a_change(text: str, change: str) -> None:
    figs = {f.text: f for f in figures_in(text)}
    level = next(f for t, f in figs.items() if t != change)
    assert figs[change].stat == "change" and level.stat == "level"
    assert figs[change].measured and figs[change].metric == level.metric and level.measured
    assert not figs[change].comparable


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # a finite "kept"/"keeps" states the outcome, so the share is of work good enough
        ("Delivery kept other people safe in 33 of the 70 cases.", "implementation_risk_of_harm"),
        ("The unit's 39% for delivery that keeps the public safe was low.", "implementation_risk_of_harm"),
        # who the children are, with the verb after the group
        ("Boys account for 86 per cent of the children on the caseload.", "youth.supervised_male"),
        # what staff surveys and annual reports count
        ("Only 41 per cent told us they had sufficient access to housing and treatment.", "staff_access_to_services"),
        ("Some 2,900 trainees were working towards qualification in March.", "trainee_probation_officers"),
        # the make-up of the sample: how often domestic abuse was part of the case
        ("Domestic abuse was a feature of 58 of the 90 cases, or 64%.", "domestic_abuse_present"),
        ("Roughly two in five of the cases we read (41%) involved domestic abuse.", "domestic_abuse_present"),
    ],
)
def test_measures_that_surveys_samples_and_outcomes_state(text: str, key: str) -> None:
    assert all(f.metric == key for f in figures_in(text) if f.unit in ("percent", "count")), figures_in(text)


def test_work_to_keep_people_safe_names_the_work_not_its_quality() -> None:
    assert not figures_in("Work to keep people safe was discussed in 40% of the cases.")[0].measured


def test_work_done_where_domestic_abuse_was_a_feature_is_that_work_not_the_feature() -> None:
    text = "Where domestic abuse was a feature, police checks were not made in 35% of cases."
    assert figures_in(text)[0].metric == "information_sharing_not@police"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # judgement words carry their sign
        ("Reviewing was poor in 47 per cent of the cases.", "review_quality_not"),
        ("Oversight by managers was absent or ineffective in two cases out of three.", "management_oversight_not"),
        # a noun of weakness names no judgement of the figure
        ("A weakness was police checks: these were not made in 38% of the cases.", "information_sharing_not@police"),
        # empty and vacant posts
        ("Across the region, one probation officer post in every six stood empty.", "vacancy_rate@po"),
        # work left undone is work not done
        ("Staff had skipped the police check on domestic abuse in 22 per cent of cases.", "information_sharing_not@police"),
        ("Staff omitted the check with children's social care in nine of 30 cases.", "information_sharing_not@childrens_services"),
    ],
)
def test_judgement_words_carry_their_sign(text: str, key: str) -> None:
    assert [f.metric for f in figures_in(text) if f.unit in ("percent", "count")][0] == key


def test_items_under_a_lead_in_that_names_ratings_are_rating_tallies() -> None:
    text = ("Of the 14 youth services rated this year:\n"
            "  - three were Outstanding;\n  - eight were Good;\n  - three were Inadequate.\n")
    figs = [f for f in figures_in(text) if f.stat == "tally"]
    assert [(f.value, f.metric) for f in figs] == [
        (3, "services.rated_outstanding"), (8, "services.rated_good"), (3, "services.rated_inadequate"),
    ]


def test_a_signed_judgement_of_something_else_leaves_the_figures_own_judgement_alone() -> None:
    text = "Weak assessments led to poor plans to keep others safe, under half of which were sufficient."
    [f] = figures_in(text)
    assert f.metric == "planning_risk_of_harm"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # an average caseload is tens of cases; a caseload in the thousands is a service's
        ("The average caseload held by officers was 61 cases.", "caseload_average"),
        ("Ministry figures put the probation caseload at 241,900 last March.", "people_supervised"),
        # research: a gap in points between well and badly supervised cases
        ("Proven reoffending was 11 percentage points higher where supervision was inadequate.", "reoffending_quality_gap"),
        ("Orders were completed successfully 9 points more often where supervision was of high quality.",
         "completion_quality_gap"),
    ],
)
def test_what_a_value_can_be_and_gaps_between_groups_of_cases(text: str, key: str) -> None:
    assert [f.metric for f in figures_in(text)][0] == key


def test_an_age_band_is_who_a_share_is_of_not_the_next_clauses_measure() -> None:
    text = "Of the children, 88% were boys, about two in three (66%) were aged 15 to 17, and 49% were white."
    metrics = [f.metric for f in figures_in(text)]
    assert metrics[0].endswith("supervised_male") and metrics[-1].endswith("supervised_white")
    assert not any(m and m.endswith(("supervised_white", "supervised_male")) for m in metrics[1:3]), metrics


def test_a_number_promised_is_a_target_not_a_level() -> None:
    [f] = figures_in("The department says it will recruit 1,200 trainee probation officers next year.")
    assert f.stat == "target" and not f.comparable


def test_a_share_in_an_age_band_carries_its_band_and_the_band_must_be_named() -> None:
    figs = figures_in("Of the children we saw, 61% were aged 15 to 17, while 27% were aged 10 to 14.")
    assert [f.metric.split("@")[-1] for f in figs] == ["b15_17", "b10_14"]
    assert not figures_in("Most of them, 70%, were aged over 40.")[0].measured  # no band: no measure


def test_children_described_by_their_age_are_who_a_share_is_of() -> None:
    [f] = figures_in("Two in five children (aged 10-17) had been excluded from school.", title="Youth justice")
    assert f.metric.endswith("excluded_from_school")


def test_a_list_of_capitalised_ratings_is_a_list_of_tallies() -> None:
    figs = figures_in("Across the year, two services were Outstanding, 14 Good and five Requires improvement.")
    assert [f.metric for f in figs] == [
        "services.rated_outstanding", "services.rated_good", "services.rated_requires_improvement",
    ]


def test_one_of_a_framework_of_standards_is_no_casework_share() -> None:
    figs = figures_in("Of the four case supervision standards, one (planning) was insufficient.")
    assert not any(f.measured and not f.metric.startswith("standards") for f in figs)


@pytest.mark.parametrize(
    "text",
    [
        "Reviews of the risk were good enough in 38% of the cases, a slight gain on 33 per cent last time.",
        "Plans to keep others safe were sufficient in 52% of cases, an improvement over the 44% of 2022.",
        "Risk was assessed well enough in 49% of cases, much the same as the 48% a year before.",
    ],
)
def test_a_noun_phrase_naming_the_change_links_the_later_value_to_the_earlier(text: str) -> None:
    figures = figures_in(text)
    assert len(figures) == 2 and figures[0].measured and figures[0].metric == figures[1].metric


def test_a_plain_list_of_two_shares_with_one_idea_is_still_refused() -> None:
    figs = figures_in("Plans were sufficient in 40% of cases, a third of them in custody, and 12% were poor.")
    assert not figs[0].measured


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Across the division roughly 140 posts were vacant.", "vacancies"),
        ("In the unit, 23 probation officer posts stood vacant.", "vacancies@po"),
        # people are anyone when the staff measure is named right after them
        ("Nearly 1,800 people are training to become probation officers.", "trainee_probation_officers"),
        ("Work to protect the public was up to standard in 46% of cases.", "risk_of_harm_quality"),
    ],
)
def test_counts_of_posts_and_trainees_and_work_up_to_standard(text: str, key: str) -> None:
    assert [f.metric for f in figures_in(text)] == [key]


def test_people_on_probation_are_never_counted_as_staff() -> None:
    [f] = figures_in("About 700 people on probation had a vacancy in a hostel.")
    assert f.metric != "vacancies"


def test_a_table_row_naming_only_a_stage_takes_the_theme_of_the_document() -> None:
    body = ("Stages of the work\n\nWe read 50 cases.\n\nShare of cases meeting the standard, by stage:\n"
            "      Assessment                         51%\n"
            "      Planning                           46%\n"
            "      Reviewing                          39%\n")
    on_harm = figures_in(body, title="Inspection of work to protect the public: Fenland")
    assert [f.metric for f in on_harm if f.unit == "percent"] == [
        "assessment_risk_of_harm", "planning_risk_of_harm", "review_risk_of_harm",
    ]
    # with no theme named, the row is the stage's quality over all of the work
    no_theme = figures_in(body, title="Inspection of probation services: Fenland")
    assert [f.metric for f in no_theme if f.unit == "percent"] == [
        "assessment_quality", "planning_quality", "review_quality",
    ]


def test_a_clause_set_against_another_with_its_own_subject_borrows_nothing_from_it() -> None:
    s = ("The planning figure rose from 38% in 2022, but in blunt terms work to protect the public "
         "was good enough in only one case in three.")
    assert figures_in(s)[1].metric == "risk_of_harm_quality"
    # a clause with no subject of its own, or one that points back, still shares the stage
    s = "Risk to others was assessed well in 70% of cases, but in only 40% for the women."
    assert figures_in(s)[1].metric == "assessment_risk_of_harm"


def test_a_condition_set_off_by_commas_does_not_cut_the_clause() -> None:
    [f] = figures_in("Police domestic abuse checks were missed, where required, in 26% of cases.")
    assert f.metric == "information_sharing_not@police"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("A third of the children had been excluded permanently.", "youth.permanently_excluded"),
        ("Roughly one in six had been excluded for good.", "permanently_excluded"),
        ("One probation officer post in five stood unfilled.", "vacancy_rate@po"),
        ("Probation officer numbers had reached 84 per cent of the unit's target.", "staff_in_post@po"),
        ("In 47 per cent of cases, work protecting the public met our expectations.", "risk_of_harm_quality"),
        ("Only 44 per cent said they could reach enough services for their cases.", "staff_access_to_services"),
        # a body named before the cases says whose they are, not what is counted
        ("Six NPS cases in every ten had a thorough assessment of the risk of harm.", "assessment_risk_of_harm"),
    ],
)
def test_more_ways_of_naming_measures(text: str, key: str) -> None:
    assert [f.metric for f in figures_in(text)] == [key]


def test_a_count_after_a_comma_is_not_the_sample_of_the_words_before_it() -> None:
    figs = figures_in("Of the 30 officers interviewed, 19 said they had too much work.")
    assert [f.stat for f in figs] == ["sample", "level"]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Nine were rated 'Good'. Four were told they require improvement.",
         ["services.rated_good", "services.rated_requires_improvement"]),
        # the "one" is one of the standards its sentence named
        ("Five standards were rated 'Good' and one, work with courts, 'Outstanding'.",
         ["standards.rated_good", "standards.rated_outstanding"]),
    ],
)
def test_tallies_told_in_lower_case_or_past_an_aside(text: str, keys: list[str]) -> None:
    assert [f.metric for f in figures_in(text)] == keys


def test_a_number_then_an_aside_and_a_later_rating_is_no_tally() -> None:
    assert not any(f.metric.startswith("services.") for f in figures_in("We saw one, in May, and it was Good."))


def test_a_share_restated_between_commas_is_one_fact_about_one_group() -> None:
    figs = figures_in("Under half of the cases, 44%, showed a sound assessment of the risk of harm.")
    assert [f.metric for f in figs] == ["assessment_risk_of_harm"] * 2
    figs = figures_in("Over half of the children, 57 per cent, were once excluded from their school.")
    assert [f.metric for f in figs] == ["youth.excluded_from_school"] * 2


def test_a_verb_after_a_number_is_no_counted_noun() -> None:
    assert [f.text for f in figures_in("Eleven came out as 'Good' this year.")] == ["Eleven"]


def test_a_row_named_by_an_age_band_under_a_header_with_footnote_marks() -> None:
    body = ("Children on the caseload\n"
            "                                  Fenwick        Wales³\n"
            "Boys                                 81%            86%\n"
            "Aged 15 to 17                        64%            70%\n")
    figs = figures_in(body, title="Inspection of youth justice services: Fenwick YJS")
    assert [f.metric for f in figs] == ["youth.supervised_male"] * 2 + ["youth.supervised_aged@b15_17"] * 2
    assert [f.scope for f in figs][1::2] == ["Wales", "Wales"]  # the second column's, not the unit's


def test_a_number_a_change_will_add_is_a_change_not_a_level() -> None:
    figs = figures_in("The new law is expected to add about 30,000 people to the caseload of 200,000 people.")
    assert [f.stat for f in figs] == ["change", "level"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Some 47 per cent of staff said they were unhappy with the guidance on unification.",
         "staff_unification_guidance_dissatisfied"),
        ("A third of respondents were still undecided about whether unification had helped.",
         "staff_unification_undecided"),
        ("Only 15% of staff felt that unification had improved the service they gave.", "staff_unification_improved"),
    ],
)
def test_what_staff_said_of_unification(text: str, key: str) -> None:
    assert [f.metric for f in figures_in(text)] == [key]


def test_offending_is_what_was_done_not_the_people_supervised() -> None:
    [f] = figures_in("Violent offending was part of 19 of the 50 cases we read.")
    assert f.metric != "people_supervised"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # a conjunction alone between commas is an aside, not a new clause
        ("Oversight by managers, though, was missing or weak in 29% of the cases that needed it.", "oversight"),
        ("Nine per cent of CRC posts stood unfilled.", "vacancy_rate"),
        ("In 51 per cent, the assessment of the risk of harm passed muster.", "assessment_risk_of_harm"),
    ],
)
def test_asides_posts_and_passing_muster(text: str, key: str) -> None:
    [f] = figures_in(text)
    assert f.metric is not None and key in f.metric


def test_a_gap_never_crosses_a_clause_end() -> None:
    from summariser.concepts import find_concepts
    from summariser.stems import stems

    assert "INFO_SHARING" in {c for c, _a, _b in find_concepts(stems("the police were later asked"))}
    assert not figures_in("The police left early; staff were asked to reread 30% of the plans.")[0].metric.startswith(
        "information_sharing"
    )
    assert "INFO_SHARING" not in {c for c, _a, _b in find_concepts(stems("the police said that almost everyone they met was asked"))}


def test_an_answer_takes_the_measure_its_question_names() -> None:
    body = "Was the risk of harm to others assessed well enough? In the north, yes in 17 of the 30 cases."
    assert figures_in(body)[0].metric == "assessment_risk_of_harm"
    # a statement before it is no question: the answer names nothing of its own
    assert not figures_in("Inspectors asked about risk assessments. Yes, in 17 of the 30 cases.")[0].measured


def test_an_answer_keeps_its_measure_past_an_aside_about_another_figure() -> None:
    body = "How many court officer posts were vacant? Nine per cent, with 120 trainees yet to qualify."
    vacancy, trainees = figures_in(body)
    assert vacancy.metric.startswith("vacancy_rate") and trainees.metric == "trainee_probation_officers"


def test_a_tally_may_name_its_rating_first() -> None:
    got = figures_in("The 12 services were rated as follows: Good in seven, Inadequate in two.")
    assert [(f.text, f.metric) for f in got][1:] == [("seven", "services.rated_good"), ("two", "services.rated_inadequate")]
    listed = figures_in("Grades awarded this year: 'Good' 9; 'Outstanding' 2; 'Inadequate' 4.")
    assert [f.metric for f in listed] == ["services.rated_good", "services.rated_outstanding", "services.rated_inadequate"]
    standards = figures_in("Its nine standards were graded like this: Good in five, Outstanding in one.")
    assert [f.metric for f in standards][1:] == ["standards.rated_good", "standards.rated_outstanding"]


def test_a_bracketed_line_under_the_header_is_no_caption() -> None:
    table = (
        "Figure 3: cases that kept other people safe\n"
        "                              Fenmoor PDU        Region\n"
        "                               (50 cases)\n"
        "Planning                          38%              44%\n"
    )
    got = [f.metric for f in figures_in(table) if f.unit == "percent"]
    assert got == ["planning_risk_of_harm", "planning_risk_of_harm"]


def test_a_possessive_before_the_total_keeps_the_share() -> None:
    [f] = figures_in("Plans were late in 9 of the region's 30 units.")
    assert (f.value, f.of) == (9, 30)


def test_a_yes_to_a_question_of_enough_is_a_sufficiency() -> None:
    body = "Did the plans say enough about the risk of harm to others? In 31 cases out of 50 they did."
    [f] = figures_in(body)
    assert f.metric == "planning_risk_of_harm" and f.text == "31 cases out of 50"


WORDED_AFRESH = [
    # a short label closed by a colon names the figure, as a table row does; a stage
    # with no judgement is the share judged sufficient
    ("Assessing risk of harm: 46%, against 39% last year.", "assessment_risk_of_harm"),
    ("Planning for public protection: 35 per cent.", "planning_risk_of_harm"),
    # "to our standard" and its kin say the work was good enough
    ("Risk of harm was assessed to the standard in 19 of the 50 cases.", "assessment_risk_of_harm"),
    ("Plans were up to scratch in 44 per cent of cases.", "planning_quality"),
    # a passive with its auxiliaries between the words of the phrase
    ("The police had not been asked about domestic abuse in 18 per cent of cases.", "information_sharing_not@police"),
    ("Where abuse was known, the police had never once been contacted in a fifth of cases.", "information_sharing_not@police"),
    # "well over" is how much, not how well
    ("The police had not been consulted in well over a quarter of the files.", "information_sharing_not@police"),
    # work to reduce reoffending is casework on desistance, not the reoffending rate
    ("Work to reduce reoffending was good enough in 39 per cent of cases.", "desistance_quality"),
    ("The proven reoffending rate was 27 per cent.", "reoffending_rate"),
    # "officers" in post or in posts are probation officers
    ("Across the unit, 74 per cent of officer posts were filled.", "staff_in_post@po"),
    ("The department puts the cost of reoffending at £16 billion a year.", "reoffending_cost"),
    ("Ministers found an extra £90 million a year for probation's core functions.", "core_funding_added"),
    ("Keeping others safe, overall: 47%.", "risk_of_harm_quality"),
    ("Sixty per cent of the group were 15, 16 or 17 years of age.", "supervised_aged@b15_17"),
    ("In Fenmoor, officer vacancies stand at 11 per cent.", "vacancy_rate@po"),
    ("For the year as a whole, the total of pre-sentence reports came to about 140,000.", "psr_count"),
    # a label closed by a colon names the clause after it, not only a figure right there
    ("Police checks on domestic abuse: missing in 12 of the unit's 40 cases.", "information_sharing_not@police"),
    # a comma stays inside a label
    ("Vacant posts, every grade: 27.", "vacancies"),
]
"""Classes of wording met in the blind sets of December 2026 (each example our own)."""


@pytest.mark.parametrize(("text", "key"), WORDED_AFRESH)
def test_wording_met_in_the_blind_sets(text: str, key: str) -> None:
    f = figures_in(text)[0]
    assert f.metric == key and f.unit in ("count", "percent", "currency")


def test_a_count_out_of_a_group_is_never_an_average_per_person() -> None:
    [sample, told] = figures_in("Of the 16 officers we met, five said the cases they held were more than they could manage.")
    assert (told.of, told.metric) == (16, "workload_unmanageable")
    [held] = figures_in("Each officer held 51 cases on average.")
    assert held.metric == "caseload_average"


def test_a_lead_in_that_names_the_group_gives_every_later_count_its_total() -> None:
    got = figures_in("Among the 18 officers we met, seven felt supported, and two (2 officers) felt ignored.")
    assert [(f.value, f.of) for f in got] == [(18, None), (7, 18), (2, 18), (2, 18)]
    # a count of something else is not a part of the group
    other = figures_in("Of the 18 officers we met, seven felt supported, and 40 cases were late.")
    assert [f.of for f in other] == [None, 18, None]


def test_a_tally_of_one_domain_is_not_a_tally_of_overall_ratings() -> None:
    domain = figures_in("Of the 24 PDUs we inspected, ten were rated 'Inadequate' for planning.")[1]
    overall = figures_in("Of the 24 PDUs we inspected, ten were rated 'Inadequate'.")[1]
    assert domain.metric == "services.rated_inadequate@planning" and overall.metric == "services.rated_inadequate"
    assert domain.label != overall.label


def test_a_share_in_brackets_after_a_tally_is_the_same_tally() -> None:
    count, share = figures_in("Five of the 20 units visited (25 per cent) were rated 'Good'.")
    assert count.metric == share.metric == "services.rated_good" and count.of == 20
    # a share rated so on its own is of reviews, not of services
    [reviews] = figures_in("Of the SFO reviews we read, 47 per cent were rated 'Good'.")
    assert not reviews.metric.startswith("services.")


def test_a_share_in_brackets_takes_the_sign_of_the_count_it_restates() -> None:
    count, share = figures_in("Oversight by managers was missing or not good enough in 18 of the 30 (60%).")
    assert count.metric == share.metric == "management_oversight_not"


def test_a_bare_count_after_a_semicolon_is_part_of_the_group_before() -> None:
    _group, told = figures_in("We spoke to 26 case managers; 11 said their workload was unmanageable.")
    assert (told.of, told.metric) == (26, "workload_unmanageable")


def test_a_table_under_a_keeping_safe_caption_gives_its_stages_that_theme() -> None:
    for caption in ("cases meeting the keeping-safe standard", "work to keep other people safe"):
        table = (
            "The tables below give the detail.\n\n"
            f"Figure 2: {caption}\n"
            "                              Fenmoor PDU        Region\n"
            "Assessment                        44%              50%\n"
            "Implementation and delivery       31%              40%\n"
        )
        got = [f.metric for f in figures_in(table)]
        assert got == ["assessment_risk_of_harm"] * 2 + ["implementation_risk_of_harm"] * 2, caption


def test_a_complete_clause_past_a_semicolon_keeps_nothing_of_its_neighbours_measure() -> None:
    boys, older, share = figures_in("Of the caseload, 81 per cent were boys; 64 per cent were in the upper band; 9% were girls.")
    assert boys.metric.endswith("supervised_male") and not older.measured


def test_no_one_doing_the_work_is_a_negation_and_a_new_sentence_may_compare_back() -> None:
    [none_asked] = figures_in("In 11 of 40 cases, no one had made a police query about domestic abuse.")
    assert none_asked.metric == "information_sharing_not@police"
    now, then = figures_in(
        "Officers assessed the risk of harm soundly in 61% of cases. That compares with the 30 of 70 cases we found before."
    )
    assert now.metric == then.metric == "assessment_risk_of_harm"


def test_staff_wellbeing_is_its_own_measure_and_keeps_its_sign_beside_a_restatement() -> None:
    [told] = figures_in("Six of the 18 officers we met said their wellbeing got too little attention.")
    assert told.metric == "staff_wellbeing_attention_not" and told.population == "staff"
    words, count = figures_in("Roughly a third (6 of 18) told us their wellbeing got not enough attention.")
    assert words.metric == count.metric == "staff_wellbeing_attention_not"
    # children's wellbeing is child safeguarding, not the staff's own
    [child] = figures_in("Work to keep children safe and protect their wellbeing was good enough in 45% of cases.")
    assert child.metric == "child_safeguarding_quality"


def test_an_sfo_review_that_leaves_the_reasonable_steps_open_is_its_own_measure() -> None:
    for body in (
        "Nearly a fifth of the reviews (19%) reached no clear judgement about whether every reasonable step was taken.",
        "In 17 per cent, the reviewer left open whether everything that could reasonably be done had been done.",
    ):
        assert {f.metric for f in figures_in(body)} == {"sfo_reviews_reasonable_steps_judged_not"}, body


def test_a_review_that_ran_past_its_deadline_was_extended() -> None:
    [share] = figures_in("Of this year's SFO reviews, 26 per cent ran past the usual deadline.")
    assert share.metric == "sfo_reviews_extended"


def test_cases_the_inspectors_looked_at_are_a_sample_not_a_caseload() -> None:
    for body in ("The study draws on 1,940 cases inspected over three years.", "We linked 1,940 inspected cases to court records."):
        [f] = figures_in(body)
        assert (f.stat, f.measured) == ("sample", False), body


def test_a_rate_within_a_group_is_not_the_groups_share_of_the_caseload() -> None:
    [rate] = figures_in("Nationally, about 0.6 per cent of white children were cautioned.")
    assert not rate.metric.endswith("supervised_white")
    [share] = figures_in("Of the children supervised, 71% were white.")
    assert share.metric.endswith("supervised_white")


def test_a_level_followed_by_its_move_in_points_is_a_level_and_the_points_its_change() -> None:
    level, move = figures_in("Reviewing that kept other people safe: 48 per cent, down 9 points.")
    assert (level.stat, move.stat) == ("level", "change") and move.metric == level.metric
    [made_up] = figures_in("Among those supervised, women made up 16 per cent.")
    assert made_up.stat == "level"


def test_a_count_whose_own_verb_is_the_grade_is_a_tally() -> None:
    _units, needing, failing = figures_in("Of the 26 units we visited, nine required improvement and four were rated Inadequate.")
    assert (needing.value, needing.of, needing.metric) == (9, 26, "services.rated_requires_improvement")
    assert failing.metric == "services.rated_inadequate"
