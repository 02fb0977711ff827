"""The same fact stated twice is linked to its exact statement; an earlier finding quoted
again carries its original date. Sentences written for these tests."""

from __future__ import annotations

import json
from datetime import date

import pytest

from summariser import analyse
from summariser.models import Document, Quote
from summariser.models_json import figure_from_json


def figures(body: str, published: date | None = date(2025, 6, 1)) -> list:
    return list(analyse(Document(ref="t", title="t", body=body, published=published)).figures)


@pytest.mark.parametrize(
    ("body", "approx", "exact"),
    [
        ("More than two-thirds (71 per cent) of plans were reviewed.", "More than two-thirds", "71 per cent"),
        ("A fifth (18 per cent) of staff had left.", "A fifth", "18 per cent"),
        ("Nearly half – 46% – of cases had a visit.", "Nearly half", "46%"),
        ("In 64 per cent (almost two-thirds) of cases the plan was sound.", "almost two-thirds", "64 per cent"),
        ("Plans were sound in 12 of 40 cases (30%).", "12 of 40 cases", "30%"),
        ("In all, 73 per cent, or nearly three-quarters, of staff agreed.", "nearly three-quarters", "73 per cent"),
    ],
)
def test_the_approximate_statement_points_at_the_exact_one(body: str, approx: str, exact: str) -> None:
    figs = figures(body)
    by_text = {f.text: k for k, f in enumerate(figs)}
    a, e = figs[by_text[approx]], figs[by_text[exact]]
    assert a.same_fact_as == by_text[exact]
    assert e.same_fact_as is None


@pytest.mark.parametrize(
    "body",
    [
        "Over half of the 40 staff (22) said so.",  # a count beside a share: two facts
        "A survey of 2,300 (one in eight) staff was run.",
        "Two-thirds of cases (40 per cent of them high risk) were late.",  # far apart in value
        "About half of the cases, and 52 per cent of reviews, were late.",  # not beside each other
    ],
)
def test_different_facts_side_by_side_are_not_linked(body: str) -> None:
    assert all(f.same_fact_as is None for f in figures(body))


@pytest.mark.parametrize(
    ("body", "published"),
    [
        ("In 2021 we found that only 31 per cent of plans were sound.", "2021"),
        ("Our 2019 thematic inspection found 44 per cent of women had no address.", "2019"),
        ("When we last inspected, in March 2020, 58% of cases were reviewed.", "2020-03"),
        ("We had previously found that 27 per cent of checks were made.", None),
        # the cue after the figure, within its clause
        ("Plans are now sound in 61 per cent of cases, up from 48 per cent in 2021.", "2021"),
        ("The vacancy rate, 24 per cent when we last inspected, has halved.", None),
        ("Reviews were on time in 70%, against 52% recorded in the region a year earlier.", None),
        ("Reviewing was sufficient in 66% of cases (2022: 41%).", "2022"),
        # the year past the rest of the clause, two years or more before the document
        ("Just 41 per cent of SFO reviews were graded 'Good' in 2021/22.", "2021"),
    ],
)
def test_a_quoted_earlier_finding_carries_its_date(body: str, published: str | None) -> None:
    *_, f = [f for f in figures(body) if f.unit == "percent"]  # the last: the quoted one
    assert f.quotes is not None and f.quotes.published == published


@pytest.mark.parametrize(
    "body",
    [
        "In 2024 we found that 31 per cent of plans were sound.",  # the year the report covers
        "Since our last inspection, 40 per cent of staff have left.",
        "We found that 35 per cent of plans were sound.",
        "Plans were sound in 35 per cent in 2025.",  # the period the report covers
        "Only 41 per cent of the reviews were graded 'Good' in 2024/25.",
        "Of people released last year, 12 per cent were recalled.",
        "In 30 per cent of the cases opened last year, no plan was made.",
    ],
)
def test_the_documents_own_findings_are_not_quotations(body: str) -> None:
    assert all(f.quotes is None for f in figures(body))


def test_links_and_quotations_survive_json() -> None:
    [f, g] = figures("In 2019 we found over half (54 per cent) of cases late.")
    assert f.same_fact_as == 1 and g.quotes == Quote(published="2019", text="In 2019 we found")
    again = [figure_from_json(json.loads(json.dumps(x.to_json()))) for x in (f, g)]
    assert (again[0].same_fact_as, again[1].quotes) == (1, g.quotes)
    assert f.to_json()["quotes"]["published"] == "2019"


def test_a_share_in_words_restated_after_its_sample_is_one_fact_with_one_measure() -> None:
    text = "In just over half of the 60 cases we read (52 per cent), plans to keep other people safe were sufficient."
    figures = analyse(Document(ref="t", title="T", body=text)).figures
    rough, sample, exact = figures
    assert (rough.value, sample.value, exact.value) == (50, 60, 52)
    assert rough.same_fact_as == 2 and exact.same_fact_as is None
    assert rough.metric == exact.metric == "planning_risk_of_harm"


def test_a_finding_from_the_last_visit_is_a_quotation() -> None:
    text = "When we last visited, in May 2020, only 31% of plans were sufficient. This time it was 48%."
    figures = analyse(Document(ref="t", title="T", body=text, published=date(2024, 3, 1))).figures
    assert figures[0].quotes is not None and figures[0].quotes.published == "2020-05"
    assert figures[1].quotes is None


def test_the_earlier_columns_of_a_table_of_periods_quote_their_period() -> None:
    text = ("Table 3: Answers to the staff survey\n"
            "                                         2020/21    2022/23    2024/25\n"
            "  Workload called unmanageable              61%        55%        49%\n"
            "  Enough access to services                 40%        46%        52%\n")
    by_text = {f.text: f for f in figures(text)}
    assert by_text["61%"].quotes is not None and by_text["61%"].quotes.published == "2020"
    assert by_text["55%"].quotes is not None and by_text["55%"].quotes.published == "2022"
    assert by_text["49%"].quotes is None and by_text["52%"].quotes is None  # the latest column: this document's
    assert by_text["46%"].quotes is not None and by_text["46%"].quotes.published == "2022"  # a later row finds the header too
    assert not by_text["55%"].comparable and by_text["49%"].comparable


def test_a_table_whose_columns_are_not_periods_quotes_nothing() -> None:
    text = ("                                 This PDU    Region    England and Wales\n"
            "  Workload called unmanageable      61%        55%          49%\n")
    assert all(f.quotes is None for f in figures(text))


def test_a_header_on_two_lines_names_each_columns_body_and_period() -> None:
    text = (
        "Who the service works with\n"
        "                    Fenmoor        Fenmoor        England and\n"
        "                    Jun 2024       Mar 2019       Wales 2024\n"
        "Girls                 14%            11%             15%\n"
    )
    by_text = {f.text: f for f in figures(text)}
    assert by_text["14%"].quotes is None and by_text["15%"].quotes is None
    assert by_text["11%"].quotes is not None and by_text["11%"].quotes.published == "2019"
    assert by_text["15%"].scope == "national" and by_text["14%"].scope != "national"
