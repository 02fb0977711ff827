"""Who figures are about, and the ratings a report states."""

from __future__ import annotations

from summariser import analyse
from summariser.models import Document
from summariser.ratings import find_ratings
from summariser.scope import main_scope, mentions, rank
from summariser.scope_finder import ScopeFinder


def scopes(text: str) -> list[str]:
    return [m.scope for m in mentions(text)]


def test_named_units_and_national_bodies() -> None:
    text = (
        "We inspected Wolds and Humber PDU and Fenland Community Rehabilitation Company. "
        "The National Probation Service and the CRCs share premises; HMPPS owns them. "
        "In the North West region, and in the Eastbourne youth justice service, things differ."
    )
    assert scopes(text) == [
        "Wolds and Humber PDU",
        "Fenland CRC",
        "NPS",
        "CRC",
        "HMPPS",
        "North West region",
    ] or scopes(text)[:6] == [
        "Wolds and Humber PDU",
        "Fenland CRC",
        "NPS",
        "CRC",
        "HMPPS",
        "North West region",
    ]


def test_names_do_not_run_across_sentences() -> None:
    assert scopes("A report by HM Inspectorate of Probation. The CRC was weak.") == ["a CRC"]


def test_the_crc_is_one_company_and_crcs_the_sector() -> None:
    assert scopes("The CRC supervised 900 people.") == ["a CRC"]
    assert scopes("CRCs supervised 90,000 people.") == ["CRC"]
    assert scopes("Staff in the CRC sector were unsettled.") == ["CRC"]
    # one unnamed company is no body to compare another text's "the CRC" with
    assert rank("a CRC", "a CRC") is None


def test_main_scope_prefers_the_title_then_a_unit_named_in_the_opening() -> None:
    assert main_scope("An inspection of Hull PDU", "The NPS ...") == "Hull PDU"
    body = "An inspection of probation services in the Kent region\n\nThe region has 6 PDUs."
    assert main_scope("Foreword", body) == "Kent region"
    assert main_scope("Staffing", "The Probation Service and HMPPS and the Probation Service.") == (
        "Probation Service"
    )
    assert main_scope("Nothing", "No body named here.") is None


def test_figure_scope_is_the_body_named_nearest_before_it() -> None:
    text = (
        "Early work in the National Probation Service\n\n"
        "Plans were sufficient in 60% of cases.\n\n"
        "In Fenland CRC, plans were sufficient in 40% of cases."
    )
    finder = ScopeFinder(text, default="CRC")
    a = text.index("60%")
    b = text.index("40%")
    para = text.index("Plans")
    assert finder.scope_at(a, a + 3, (para, para + 38)) == "NPS"  # from the heading
    s = text.index("In Fenland")
    assert finder.scope_at(b, b + 3, (s, len(text))) == "Fenland CRC"


def test_the_crc_in_a_report_about_one_crc_is_that_crc() -> None:
    finder = ScopeFinder("", default="Fenland CRC")
    assert finder.resolve("a CRC") == "Fenland CRC"  # "the CRC"
    assert finder.resolve("CRC") == "CRC"  # "CRCs": the sector, even in a report about one
    assert finder.resolve("NPS") == "NPS"


def test_comparison_rank_same_then_wider_never_a_sibling() -> None:
    assert rank("Hull PDU", "Hull PDU") == 0
    assert rank("Hull PDU", "Probation Service") == 1
    assert rank("Hull PDU", None) == 1
    assert rank("Probation Service", "NPS") == 1  # its predecessor, nationally
    assert rank("Fenland CRC", "CRC") == 1
    assert rank("Hull PDU", "Leeds PDU") is None
    assert rank("NPS", "CRC") is None


def test_overall_and_domain_ratings() -> None:
    ratings = find_ratings(
        [
            "Having considered the evidence, we have given the PDU an overall rating of 'Inadequate'.",
            "Leadership was rated 'Good'.",
            "We rated assessment as 'Requires improvement'.",
        ]
    )
    assert [(r.subject, r.value) for r in ratings] == [
        ("overall", "Inadequate"),
        ("leadership", "Good"),
        ("assessment", "Requires improvement"),
    ]


def test_rating_phrasings() -> None:
    for sentence in (
        "HM Inspectorate of Probation has rated Wyvern Youth Justice Service as 'Good' overall.",
        "- Overall rating: Requires improvement",
        "The region was therefore rated 'Requires improvement' overall.",
        "Overall, the service was rated as 'Requires improvement'.",
        "It received an overall rating of Requires Improvement.",
    ):
        [r] = find_ratings([sentence])
        assert r.subject == "overall", sentence
        assert r.value in ("Requires improvement", "Good"), sentence


def test_prose_the_scale_and_tallies_are_not_ratings() -> None:
    assert (
        find_ratings(["The work required improvement, particularly in domestic abuse cases."]) == []
    )
    assert (
        find_ratings(
            ["Services will be rated Outstanding, Good, Requiring Improvement or Inadequate."]
        )
        == []
    )
    assert find_ratings(["One region was rated 'Good' and two 'Requires improvement'."]) == []
    assert (
        find_ratings(
            [
                "The Inspectorate rated facilities as 'Requires improvement' in six of the seven divisions."
            ]
        )
        == []
    )


def test_a_national_average_named_after_a_figure_is_not_its_scope() -> None:
    text = "Work was sufficient in 46% of cases, compared with a national average of 52%."
    finder = ScopeFinder(text, default="North East region")
    a = text.index("46%")
    b = text.index("52%")
    assert finder.scope_at(a, a + 3, (0, len(text))) == "North East region"
    assert finder.scope_at(b, b + 3, (0, len(text))) == "national"


def test_the_service_a_named_unit_belongs_to_is_not_a_second_body() -> None:
    text = "We inspected the Wessex region of the Probation Service. The region had 30 vacancies."
    assert [m.scope for m in mentions(text)] == ["Wessex region"]
    # on its own, the service is still named
    assert [m.scope for m in mentions("The Probation Service had 30 vacancies.")] == ["Probation Service"]


def test_a_body_named_in_the_figures_own_clause_is_its_subject() -> None:
    text = "Plans were sound in 70% of the NPS cases, but in only 45% of those held by the CRC."
    finder = ScopeFinder(text, None)
    second = text.index("45%")
    assert finder.scope_at(text.index("70%"), text.index("70%") + 3, (0, len(text))) == "NPS"
    assert finder.scope_at(second, second + 3, (0, len(text))) == "a CRC"


def test_the_title_names_the_unit_by_its_place() -> None:
    body = "Fenwick Probation Delivery Unit, one of ten in the Western region, was inspected in May."
    assert main_scope("Fenwick probation team makes progress", body) == "Fenwick PDU"


def test_sentence_openers_and_rating_words_are_never_a_units_name() -> None:
    assert mentions("No PDU in the region was rated 'Outstanding' this year.") == []
    assert mentions("Every PDU sent a manager.") == []
    assert [m.scope for m in mentions("Northfold division: a Good division with gaps")] == ["NPS Northfold division"]


def test_after_unification_the_crcs_a_text_names_are_history_not_its_subject() -> None:
    from datetime import date

    from summariser.scope import main_scope

    body = ("Since the CRCs were wound up and their contracts passed to one Probation Service, "
            "the CRCs' old caseloads have settled. The service supervises 230,000 people.")
    assert main_scope("A year on", body, published=date(2022, 9, 1)) == "Probation Service"
    assert main_scope("A year on", body, published=date(2019, 9, 1)) == "CRC"


def test_a_body_named_after_a_comparison_is_its_base_not_the_figures_subject() -> None:
    text = "Plans were sound in 62% of cases, compared with the 40% we found across the Wessex region."
    finder = ScopeFinder(text, default="Poole PDU")
    a = text.index("62%")
    b = text.index("40%")
    assert finder.scope_at(a, a + 3, (0, len(text))) == "Poole PDU"
    assert finder.scope_at(b, b + 3, (0, len(text))) == "Wessex region"


def test_a_figure_for_the_units_that_meet_a_condition_is_a_groups() -> None:
    text = "In PDUs where caseloads were below 50, 61% of plans were sufficient."
    finder = ScopeFinder(text, default="Probation Service")
    a = text.index("61%")
    assert finder.scope_at(a, a + 3, (0, len(text))) == "PDUs meeting a condition"


def test_a_count_of_people_in_the_whole_country_is_national_under_a_sector_heading() -> None:
    from summariser import analyse
    from summariser.models import Document

    title = "Yearly review, part 2: the Community Rehabilitation Companies"
    text = ("Part 2: the Community Rehabilitation Companies\n\n"
            "2.1 In March 2017, 262,000 people across England and Wales were supervised by probation.\n")
    [f] = [f for f in analyse(Document(ref="t", title=title, body=text)).figures if f.value == 262000]
    assert f.level == "national"


def test_a_cell_under_a_national_column_is_the_countrys_and_a_group_row_states_its_share() -> None:
    from summariser import analyse
    from summariser.models import Document

    text = ("What the caseload looks like\n"
            "                                       This service     England\n"
            "  Boys                                      79%           84%\n")
    figs = analyse(Document(ref="t", title="Youth justice service inspection", body=text)).figures
    assert [f.metric for f in figs] == ["youth.supervised_male", "youth.supervised_male"]
    assert figs[1].level == "national" and figs[1].scope == "national"


def test_a_tables_header_row_naming_two_bodies_is_no_heading_for_the_prose_below() -> None:
    body = (
        "An inspection of probation services in: Kestrel Vale CRC\n\n"
        "                                Kestrel Vale CRC        All CRCs\n"
        "Caseload                             4,100             148,000\n\n"
        "4.1  Plans were sound in 40% of cases.\n"
    )
    figs = analyse(Document(ref="t", title="An inspection of probation services in: Kestrel Vale CRC", body=body)).figures
    assert {f.text: f.scope for f in figs}["40%"] == "Kestrel Vale CRC"


def test_a_column_headed_by_the_units_initials_and_its_sample_is_the_unit() -> None:
    title = "An inspection of probation services in: Kestrel Vale and Moor CRC"
    body = (
        f"{title}\n\n"
        "Table 2   Assessments judged sufficient\n"
        "                              KVM CRC (n=48)      All CRCs, 2018/19\n"
        "Assessment                         46%                  51%\n"
    )
    figs = analyse(Document(ref="t", title=title, body=body)).figures
    assert [(f.text, f.scope) for f in figs if f.unit == "percent"] == [("46%", "Kestrel Vale and Moor CRC"), ("51%", "CRC")]


def test_initials_and_one_company_name_the_main_unit() -> None:
    finder = ScopeFinder("", default="Kestrel Vale and Moor CRC")
    assert finder.resolve("KVM CRC") == "Kestrel Vale and Moor CRC"
    assert finder.resolve("KV CRC") == "KV CRC"
    assert [m.scope for m in mentions("One CRC case in four was late.")] == ["a CRC"]


def test_a_title_with_commas_in_the_place_names_the_unit_of_the_text() -> None:
    body = ("Inspectors visited the Kestrel, Vale and Moor Community Rehabilitation Company (KVM CRC) in May. "
            "The National Probation Service was inspected too.")
    assert main_scope("Kestrel, Vale and Moor: a CRC under strain", body) == "Kestrel Vale and Moor CRC"


def test_a_body_that_holds_what_is_counted_is_the_figures_body() -> None:
    body = "Across England and Wales 200,000 people were supervised, 120,000 of them held by the CRCs."
    figs = {f.text: f for f in analyse(Document(ref="t", title="t", body=body)).figures}
    assert figs["120,000 of them"].scope == "CRC" and figs["200,000 people"].scope == "national"


def test_cases_set_against_each_other_by_two_conditions_are_a_breakdown() -> None:
    body = "Where managers had checked the case, plans were sound in 70% of cases; where they had not, in 35%."
    figs = analyse(Document(ref="t", title="t", body=body)).figures
    assert {f.scope for f in figs} == {"cases meeting a condition"}
    assert rank("cases meeting a condition", "Hull PDU") is None and rank("Hull PDU", "cases meeting a condition") is None
    one = analyse(Document(ref="t", title="t", body="Where abuse was known, 30% of cases had no police check.")).figures
    assert one[0].scope != "cases meeting a condition"


def test_an_annual_report_that_names_no_unit_speaks_for_the_whole_service() -> None:
    assert main_scope("Youth justice annual report: a year of steady work", "Across the year, 61% of plans were sound.") == "national"
    assert main_scope("A year of steady work", "Across the year, 61% of plans were sound.") is None


def test_a_dated_row_label_and_a_subset_held_by_a_sector() -> None:
    table = (
        "Key facts                         Fenmoor CRC         All CRCs\n"
        "People supervised, 31 Mar 2019          5,400           150,100\n"
    )
    figs = {f.text: f for f in analyse(Document(ref="t", title="An inspection of Fenmoor CRC", body=table)).figures}
    assert figs["5,400"].scope == "Fenmoor CRC" and figs["5,400"].metric == "crc.people_supervised"
    body = "Probation supervised 250,000 people that year, some 150,000 of them through the 21 CRCs."
    figs = {f.text: f for f in analyse(Document(ref="t", title="t", body=body)).figures}
    assert figs["some 150,000 of them"].scope == "CRC"
