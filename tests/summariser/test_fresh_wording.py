"""Classes of wording met in the blind sets after their first run, each in the project's own
words: what a reader would take the figure to measure."""

from __future__ import annotations

from summariser import analyse
from summariser.models import Document


def figures_in(body: str, title: str = "T") -> list:
    return list(analyse(Document(ref="t", title=title, body=body)).figures)


def test_a_part_of_a_part_keeps_the_base_of_the_part_before_it() -> None:
    _base, suspended, for_good = figures_in(
        "We looked at 40 young people's files. Fourteen of the 40 had been excluded from school, six of them permanently.",
        title="Youth justice services in Exbridge",
    )
    assert (suspended.of, for_good.of) == (40, 40)
    assert suspended.metric == "youth.excluded_from_school"
    assert for_good.metric == "youth.permanently_excluded"


def test_an_elliptical_clause_borrows_the_predicate_of_the_figure_before_it() -> None:
    *_, some, for_good = figures_in(
        "Of the 30 boys in the sample, 11 had been excluded from school in the past, and two permanently.",
        title="Youth justice services in Exbridge",
    )
    assert (some.metric, for_good.metric) == ("youth.excluded_from_school", "youth.permanently_excluded")


def test_permanent_alone_names_no_exclusion() -> None:
    _staff, permanent = figures_in("Of the 52 officers, 44 held permanent posts.")
    assert not permanent.measured


def test_a_word_fraction_rounding_a_count_is_the_same_fact_with_the_narrower_measure() -> None:
    count, words = figures_in("- Danger to the public: assessed well enough in 41 of the 90 files, a little under half.")
    assert count.of == 90 and words.same_fact_as == 0
    assert words.metric == count.metric == "assessment_risk_of_harm"


def test_a_footnote_marker_after_a_full_stop_still_ends_the_sentence() -> None:
    from summariser.text import sentence_spans

    text = "Plans were sound in 40 cases.² Next year it may differ.[4] Then again."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Plans were sound in 40 cases.²", "Next year it may differ.[4]", "Then again.",
    ]


def test_a_when_that_dates_an_earlier_value_is_no_condition_on_it() -> None:
    *_, then = figures_in(
        "We read 60 cases. In 33 of them (55%) staff had assessed the risk of harm well enough. "
        "This compares with 20 of the 50 cases read in 2018, when the company was new."
    )
    assert then.metric == "assessment_risk_of_harm" and then.of == 50


def test_the_exact_share_after_a_counts_noun_phrase_restates_it_and_keeps_its_sign() -> None:
    count, share = figures_in("Police checks had not been made in 12 of the 40 cases where they were needed (30%).")
    assert count.same_fact_as == 1  # the share is the exact statement
    assert share.metric == count.metric == "information_sharing_not@police"


def test_a_bare_from_or_of_before_a_number_leads_in_the_group_even_at_the_start() -> None:
    _files, part, _share = figures_in("From 70 files, inspectors judged the risk of harm properly assessed in 41, or 59 per cent.")
    assert part.of == 70
    _staff, said = figures_in("Of 36 officers, 20 said their workload was unmanageable.")
    assert said.of == 36 and said.metric == "workload_unmanageable"


def test_lower_case_grades_in_a_list_after_the_verb_that_gave_them_are_a_tally() -> None:
    _all, top, good, middle, bottom = figures_in(
        "Last year we graded 30 units: four were outstanding, 15 good, nine in need of improvement and one inadequate."
    )
    assert [f.metric for f in (top, good, middle, bottom)] == [
        "services.rated_outstanding", "services.rated_good", "services.rated_requires_improvement", "services.rated_inadequate",
    ]
    [cases] = figures_in("We judged the work good in 13 cases.")
    assert not cases.measured


def test_an_answer_to_the_question_before_takes_its_measure_and_a_rounding_closes_it() -> None:
    count, words = figures_in(
        "Was the risk of harm assessed well enough at the start? In the company's cases the answer was yes "
        "in 23 of the 50 files we read, a little under half."
    )
    assert count.metric == words.metric == "assessment_risk_of_harm"
    assert words.same_fact_as == 0


def test_a_word_share_that_opens_a_clause_of_its_own_is_no_rounding() -> None:
    *_, band, white = figures_in("Eight in ten were boys, three-quarters were 15 to 17, and 90 per cent were white.")
    assert band.metric != "supervised_male"


def test_a_clause_that_says_what_it_counts_borrows_no_neighbours_measure() -> None:
    _boys, share, exact, _white = figures_in(
        "Four in five were boys, about two-thirds (64 per cent) were in their first order, and 85 per cent were white."
    )
    assert not share.measured and not exact.measured


def test_an_age_band_named_first_gives_the_share_its_band_and_its_numbers_are_ages() -> None:
    figs = figures_in(
        "Most were boys; about a third (35 per cent) were younger teenagers, between 10 and 14.",
        title="Youth justice in Exbridge",
    )
    assert [f.value for f in figs] == [33.3, 35]
    assert figs[1].metric == "youth.supervised_aged@b10_14"


def test_a_bracket_splitting_a_share_into_named_parts_leaves_the_whole_its_measure() -> None:
    whole, *parts = figures_in(
        "Across both kinds of provider, risk of harm was soundly assessed in 52 per cent "
        "(private providers 47 per cent, public sector 61 per cent)."
    )
    assert whole.metric == "assessment_risk_of_harm"
    assert all(not p.measured for p in parts)


def test_a_bracketed_national_value_states_the_same_measure_the_same_way_round() -> None:
    own, country = figures_in(
        "Exbridge Probation Delivery Unit was inspected in May.\n\n"
        "- no check with the police before the plan was made: 6 of 40 cases (national 31%)",
        title="Exbridge PDU",
    )
    assert own.measured and country.metric == own.metric
    assert country.level == "national" and own.body == "exbridge"


def test_a_legend_line_puts_bracketed_values_under_the_country() -> None:
    own, country = figures_in(
        "Exbridge Probation Delivery Unit was inspected in May.\n\n"
        "How Exbridge did, with the national figure shown in brackets:\n"
        "- assessment of the risk of harm good enough: 64% (49%)",
        title="Exbridge PDU",
    )
    assert own.metric == country.metric == "assessment_risk_of_harm"
    assert (own.level, own.body) == ("pdu", "exbridge")
    assert country.level == "national"


def test_a_sentence_whose_subject_is_only_it_takes_the_measure_of_the_sentence_before() -> None:
    now, then = figures_in(
        "This year inspectors found the risk of harm assessed well in 44% of cases. "
        "At the previous inspection it was 57 per cent."
    )
    assert then.metric == now.metric == "assessment_risk_of_harm"


def test_the_comparable_result_points_back_even_after_a_when_clause_about_the_visit() -> None:
    now, then = figures_in(
        "Inspectors thought risk of harm well assessed in 44% of files. "
        "When inspectors first visited, in 2017, the equivalent result was 22 of 50 cases."
    )
    assert then.metric == now.metric == "assessment_risk_of_harm"


def test_a_title_opening_with_a_place_names_the_unit_the_text_calls_the_citys_pdu() -> None:
    (f,) = figures_in(
        "Probation work in Exbridge is not good enough, inspectors said as they rated the city's "
        "Probation Delivery Unit 'Inadequate'.\n\nIn Exbridge just 58 per cent of posts for probation officers had someone in them.",
        title="Exbridge probation rated 'Inadequate'",
    )
    assert f.body == "exbridge" and f.level == "pdu"


def test_a_finding_credited_to_an_earlier_inspectorate_report_is_a_quotation() -> None:
    from datetime import date

    doc = Document(
        ref="t", title="A practitioner's view", published=date(2025, 5, 2),
        body="Inspectors said in March 2024 that the city's unit had filled only 61 per cent of its officer posts. "
        "Last autumn's annual report found that 44% of cases had risk of harm assessed well.",
    )
    first, second = analyse(doc).figures
    assert first.quotes is not None and first.quotes.published == "2024"
    assert second.quotes is not None


def test_an_annual_report_for_the_year_just_ended_is_its_own_finding() -> None:
    from datetime import date

    doc = Document(
        ref="t", title="Annual report", published=date(2024, 7, 10),
        body="In 2023/24 inspectors found risk of harm assessed well in 45% of cases.",
    )
    (f,) = analyse(doc).figures
    assert f.quotes is None


def test_a_value_set_against_the_one_before_takes_its_measure() -> None:
    now, then = figures_in(
        "On an average night about 430 children were remanded to youth custody, up from roughly 250 five years before."
    )
    assert then.metric == now.metric and now.measured


def test_a_question_before_the_answer_gives_the_answer_its_partner() -> None:
    (f,) = figures_in(
        "Did anyone ask the police? In 28 per cent of the cases where a check was due, no enquiry had been made."
    )
    assert f.metric == "information_sharing_not@police"


def test_a_possessive_names_the_partner_too() -> None:
    (f,) = figures_in("Nobody had asked for the police's call-out records in 7 of the 30 cases that needed it.")
    assert f.metric == "information_sharing_not@police"


def test_a_writers_own_number_is_an_anecdote_not_a_measure() -> None:
    (f,) = figures_in("My caseload on Monday: 61.")
    assert not f.measured


def test_a_lead_in_joined_to_a_clause_gives_its_count_a_base() -> None:
    _share, _group, part = figures_in(
        "A fifth of officer posts were empty, and of the 30 officers we interviewed, 19 said their workload was unmanageable."
    )
    assert part.of == 30 and part.metric == "workload_unmanageable"


def test_inspectors_read_n_cases_is_a_sample() -> None:
    first, *_ = figures_in("Inspectors read 120 cases of people on licence across four PDUs.")
    assert first.stat == "sample" and not first.measured


def test_a_fragment_heading_its_paragraph_is_defined_by_what_follows() -> None:
    first, second = figures_in(
        "Some numbers I keep coming back to.\n\n"
        "61 per cent. That is how often inspectors found the risk of harm assessed well enough.\n\n"
        "9 per cent. Probation officer posts standing vacant across the region last spring."
    )
    assert first.metric == "assessment_risk_of_harm"
    assert second.metric.startswith("vacancy_rate")


def test_a_place_alone_before_a_figure_points_back() -> None:
    own, country = figures_in("Delivery kept other people safe in 61% of cases. Across England and Wales: 49%.")
    assert country.metric == own.metric == "implementation_risk_of_harm"


def test_a_share_of_needed_posts_standing_vacant_is_a_vacancy_rate() -> None:
    (f,) = figures_in("On our first day, 18 per cent of the posts the unit needs for probation officers were vacant.")
    assert f.metric == "vacancy_rate@po"


def test_two_falling_values_joined_by_and_are_a_list_not_a_range() -> None:
    # one measure named for both: a range would give it to both, a list to neither
    a, b = figures_in("Officers calling their workload not so manageable: 61 per cent and 37%.")
    assert not a.measured and not b.measured
    low, high = figures_in("Officers calling their workload not so manageable: between 37 per cent and 61%.")
    assert low.metric == high.metric == "workload_not_so_manageable"


def test_a_question_on_what_inspectors_were_satisfied_with_is_answered_by_yes() -> None:
    (f,) = figures_in("Were inspectors satisfied with how risk of harm was assessed?\nIn 44 per cent of the files they read, yes.")
    assert f.metric == "assessment_risk_of_harm"


def test_a_report_that_put_the_figure_at_a_value_points_back() -> None:
    now, then = figures_in(
        "Inspectors thought risk of harm well assessed in 51 per cent of files. A report three years ago put the figure at 60 per cent."
    )
    assert then.metric == now.metric == "assessment_risk_of_harm"


def test_where_they_were_sets_an_earlier_value_against_the_first() -> None:
    now, then = figures_in("Probation officer vacancies are at 9 per cent, where they were 19 per cent two years ago.")
    assert then.metric == now.metric == "vacancy_rate@po"


def test_a_plural_after_a_regular_plural_opens_a_clause_not_a_compound() -> None:
    (f,) = figures_in("Of the 30 officers inspectors interviewed, 21 found their workload unmanageable.")[1:]
    assert f.of == 30 and f.metric == "workload_unmanageable"


def test_posts_with_nobody_in_them_are_vacant() -> None:
    (f,) = figures_in("Last spring 16 per cent of qualified officer posts in the unit had nobody in them.")
    assert f.metric == "vacancy_rate@po"


def test_the_next_cell_of_a_row_keeps_the_rows_negated_measure_and_its_polarity() -> None:
    then, now = figures_in("Management oversight not good enough - 2020: 47% | 2024: 31%")
    assert then.metric == now.metric == "management_oversight_not"
    assert now.polarity == then.polarity == "lower_better"


def test_a_lead_line_counting_cases_gives_each_list_items_count_its_base() -> None:
    figs = figures_in("Of the 40 cases we read:\n- the assessment of harm risks passed in 22 (55%);\n- planning was sufficient in 18 (45%).")
    counts = [f for f in figs if f.unit == "count" and f.value in (22, 18)]
    assert [c.of for c in counts] == [40, 40]
    assert counts[0].metric == "assessment_risk_of_harm"


def test_a_themeless_stage_borrows_the_theme_of_a_question_before_it() -> None:
    (f,) = figures_in("Risk of harm? Found to be well assessed in 58 per cent of files.")
    assert f.metric == "assessment_risk_of_harm"


def test_a_themeless_stage_in_a_new_paragraph_keeps_its_own_measure() -> None:
    _first, second = figures_in(
        "Risk of harm was well assessed in 58 per cent of cases.\n\nAssessment was sufficient in 70 per cent of cases."
    )
    assert second.metric == "assessment_quality"


def test_a_national_figure_of_a_value_is_the_same_measure() -> None:
    own, _gap, country = figures_in(
        "Inspectors thought risk of harm well assessed in 70 per cent of files, 12 points above the national figure of 58 per cent."
    )
    assert country.metric == own.metric == "assessment_risk_of_harm"


def test_staff_against_what_the_target_calls_for_and_an_earlier_value_after_where() -> None:
    now, then = figures_in(
        "Measured against its target, 91 per cent of officer posts it needs for probation are filled, where in 2022 it had 64 per cent."
    )
    assert now.metric == then.metric == "staff_in_post@po"


def test_children_awaiting_trial_are_on_remand_and_the_earlier_count_counts_children_too() -> None:
    now, then = figures_in(
        "310 children were in custody awaiting trial or sentence on a typical night, against around 270 a year before.",
        title="Youth justice annual report",
    )
    assert now.metric == then.metric == "youth.remand_population"
    assert then.population == "youth"


def test_a_header_cell_naming_the_units_place_over_a_year_is_the_unit() -> None:
    body = (
        "Exbridge Youth Justice Service was inspected in June.\n\n"
        "Table 2: the children in 2019 and 2025, and the national picture\n"
        "                 Exbridge     Exbridge     England and\n"
        "                   2019         2025       Wales 2024\n"
        "Boys                86%          80%          84%\n"
    )
    then, now, country = figures_in(body, title="Exbridge YJS")
    assert (then.body, now.body) == ("exbridge_yjs", "exbridge_yjs")
    assert country.level == "national" and now.level != "national"
    assert then.quotes is not None and now.quotes is None


def test_a_year_labelling_a_cell_of_a_row_dates_it() -> None:
    from datetime import date

    doc = Document(ref="t", title="Exbridge PDU", published=date(2025, 4, 1),
                   body="Exbridge PDU was inspected again.\n\nRisk of harm assessment sufficient - 2022: 51% | 2025: 66%")
    then, now = analyse(doc).figures
    assert then.quotes is not None and then.quotes.published == "2022" and now.quotes is None


def test_the_crc_for_a_list_of_counties_is_a_named_crc() -> None:
    (f,) = figures_in(
        "The Community Rehabilitation Company for Exshire and Wyeshire had 8 per cent of its posts vacant.",
        title="A CRC rated",
    )
    assert f.scope == "Exshire and Wyeshire CRC"


def test_a_bare_count_saying_something_is_a_part_of_the_people_counted_before() -> None:
    *_, part = figures_in("We interviewed nine officers across two units. Six said their caseloads had grown.")
    assert (part.value, part.of) == (6, 9)


def test_a_figure_in_a_phrase_opening_the_sentence_takes_the_negation_of_the_main_clause() -> None:
    (f,) = figures_in("In 35 per cent of files that needed one, nobody had made a police check.")
    assert f.metric == "information_sharing_not@police"


def test_a_clause_of_a_figure_and_a_place_after_a_semicolon_takes_the_measure_before() -> None:
    own, country = figures_in("Posts for probation officers standing vacant: 8 per cent here; 15 per cent nationally.")
    assert country.metric == own.metric == "vacancy_rate@po"


def test_a_bare_count_that_is_the_subject_of_its_sentence_is_a_part_of_the_group_before() -> None:
    _files, part = figures_in("In Wyeshire we read 36 case files. Eleven had no plan at all.")
    assert (part.value, part.of) == (11, 36)


def test_a_bare_count_after_a_count_of_reasons_or_a_one_is_no_figure() -> None:
    assert not figures_in("The team gave four reasons for the delay. Two were about staffing.")
    assert [f.value for f in figures_in("We read 36 case files in Wyeshire. One was missing its first page.")] == [36]


def test_a_count_after_in_is_a_part_of_the_cases_counted_just_before() -> None:
    _read, sound = figures_in("Inspectors examined 36 files in Wyeshire. In 20 the plan for keeping others safe was good enough.")
    assert sound.of == 36 and sound.metric == "planning_risk_of_harm"


def test_a_count_after_in_takes_the_base_of_a_part_before_it() -> None:
    *_, others = figures_in("Work to protect children was sound in 14 of the 25 cases; work to protect the public in 11.")
    assert others.of == 25


def test_a_year_after_in_is_no_part_of_a_group() -> None:
    figures = figures_in("We read 120 cases, most of them opened in 2021.")
    assert [f.text for f in figures] == ["120 cases"]


def test_the_rest_of_a_split_is_the_other_side_of_its_measure() -> None:
    _read, sound, rest = figures_in("We read 30 files. In 17 the assessment of risk of harm was sound. The other 13 fell short.")
    assert rest.of == 30 and sound.metric == "assessment_risk_of_harm"
    assert rest.metric == "assessment_risk_of_harm_not"


def test_the_rest_as_a_share_is_the_other_side_when_the_two_make_the_whole() -> None:
    kept, rest = figures_in("A police check on domestic abuse was made in 72 per cent of cases; in the rest, 28 per cent, none was made.")
    assert kept.metric == "information_sharing@police" and rest.metric == "information_sharing_not@police"


def test_an_other_share_that_does_not_complete_the_whole_keeps_its_own_reading() -> None:
    _kept, other = figures_in("A police check on domestic abuse was made in 72 per cent of cases; the other 10 per cent were pending.")
    assert other.metric != "information_sharing_not@police"


def test_a_bare_no_ends_its_sentence_and_a_numbered_no_does_not() -> None:
    from summariser.text import sentence_spans

    assert len(sentence_spans("Were plans sound? Mostly, no. Among the files read, few were.")) == 3
    assert len(sentence_spans("See No. 4 Court for the list.")) == 1


def test_an_adverb_before_a_word_share_keeps_it_the_same_fact() -> None:
    *_, count, words = figures_in("Of the 50 files read, risk of harm was assessed well enough in 26, barely more than half.")
    assert count.metric == words.metric == "assessment_risk_of_harm"


def test_a_share_of_the_caseload_counts_people_not_staff() -> None:
    (women,) = figures_in("Women made up 13 per cent of the caseload.")
    assert women.population == "adult" and women.metric == "supervised_women_share"


def test_girls_as_a_share_of_the_children_supervised() -> None:
    (girls,) = figures_in("Girls made up 12 per cent of the children supervised.", title="Youth justice in Exbridge")
    assert girls.metric == "youth.supervised_women_share"
