"""The digest: findings only from the post, worst changes first, first reports, topics,
a short message, and rendering that survives a round trip through JSON."""

from __future__ import annotations

from datetime import date

from bots.render.digest import plain_message
from summariser import analyse, build_digest
from summariser.models import Document, PriorFigure, PriorRating
from summariser.models_json import digest_from_json


def message(digest, max_figures: int = 6) -> str:
    """The words a subscriber reads (the one renderer every channel and replay use)."""
    return plain_message(digest, max_figures=max_figures)

BODY = """An inspection of probation services in Selby and Goole PDU

We inspected Selby and Goole PDU in May 2025. We have given the PDU an overall rating of 'Requires improvement'.

Assessment of the risk of harm was sufficient in 31% of cases. Planning to support desistance was sufficient in 64 per cent of cases. The PDU had 14 probation officer vacancies, and 45 per cent of staff had workloads above their expected capacity.

We made five recommendations.
"""
COMMENTS = """3 comments:

Anonymous said...
    In my office 90% of us are over capacity and we have 20 vacancies.
"""
DOC = Document(
    ref="selby.txt",
    title="An inspection of probation services in Selby and Goole PDU",
    body=BODY,
    comments=COMMENTS,
    url="https://example.org/selby",
    published=date(2025, 9, 1),
    source="hmi-probation",
)


def history() -> list[PriorFigure]:
    return [
        PriorFigure("assessment_risk_of_harm", 50, "percent", date(2022, 3, 1), "old.txt",
                    "Earlier report", scope="Selby and Goole PDU"),
        PriorFigure("vacancies@po", 20, "count", date(2024, 1, 1), "national.txt",
                    "Annual report", scope="Selby and Goole PDU"),
        PriorFigure("workload_over_capacity", 60, "percent", date(2022, 1, 14), "service.txt",
                    "Workload thematic", scope="Probation Service"),
    ]  # fmt: skip


def test_comment_figures_are_kept_but_never_findings_or_changes() -> None:
    analysis = analyse(DOC)
    comment_values = {f.value for f in analysis.figures if f.in_comments}
    assert {90.0, 20.0} <= comment_values
    digest = build_digest(DOC, analysis, history())
    assert all(not f.in_comments for f in digest.figures)
    assert all(c.text not in COMMENTS for c in digest.changes)


def test_changes_worst_first_then_first_reports() -> None:
    digest = build_digest(DOC, analyse(DOC), history())
    metrics = [f.metric for f in digest.figures]
    assert metrics[0] == "assessment_risk_of_harm"  # 50% -> 31%: worse by 19 points
    first = digest.changes[0]
    assert (first.previous_value, first.delta, first.assessment) == (50, -19, "worse")
    by_metric = {c.metric: c for c in digest.changes}
    assert by_metric["workload_over_capacity"].assessment == "better"  # 60% -> 45%
    assert by_metric["vacancies@po"].assessment == "better"  # 20 -> 14, lower is better
    assert "planning_desistance" in digest.first_reported
    assert "assessment_risk_of_harm" not in digest.first_reported


def test_message_is_short_and_says_what_changed() -> None:
    digest = build_digest(DOC, analyse(DOC), history(), max_figures=4)
    text = message(digest, 4)
    lines = text.splitlines()
    assert lines[0] == f"{DOC.title} <https://example.org/selby>"
    assert "Rating: Requires improvement" in text
    # the figure is the PDU's own (the document's body) and so is the earlier one: neither is named
    assert "▼ Assessment of risk of harm sufficient: 31%, was 50% in March 2022 (down 19 points, worse)" in lines
    # an earlier figure of another body is named: the whole service's, not the PDU's own past
    assert any("was 60% for the Probation Service in January 2022" in line for line in lines)
    assert "(first reported)" in text
    assert len(lines) <= 16
    assert len(digest.figures) == 4
    assert "90%" not in text


def test_summary_carries_findings_not_boilerplate() -> None:
    digest = build_digest(DOC, analyse(DOC), [])
    assert "31%" in digest.summary or "rating" in digest.summary.lower()
    assert digest.summary.count(".") <= 4


def test_rating_change_is_shown() -> None:
    prior = [PriorRating("Good", "Selby and Goole PDU", date(2021, 6, 1), "old.txt")]
    digest = build_digest(DOC, analyse(DOC), [], prior)
    [change] = digest.rating_changes
    assert (change.previous_value, change.assessment) == ("Good", "worse")
    assert "Rating: Requires improvement (down from Good, June 2021)" in message(digest)


def test_topics_hold_measure_keys_and_their_topic_words() -> None:
    digest = build_digest(DOC, analyse(DOC), [])
    topics = set(digest.topics)
    assert {"assessment_risk_of_harm", "vacancies@po", "workload_over_capacity"} <= topics
    assert {"risk of harm", "staffing", "workloads"} <= topics
    assert not any(t.startswith("other_") for t in topics)


def test_the_message_survives_json() -> None:
    digest = build_digest(DOC, analyse(DOC), history())
    assert message(digest_from_json(digest.to_json())) == message(digest)


def test_undated_document_compares_with_everything_dated() -> None:
    undated = Document(ref="u.txt", title="Undated", body=BODY)
    digest = build_digest(undated, analyse(undated), history())
    assert any(c.metric == "assessment_risk_of_harm" for c in digest.changes)


def test_same_input_same_digest() -> None:
    a = build_digest(DOC, analyse(DOC), history()).to_json()
    b = build_digest(DOC, analyse(DOC), history()).to_json()
    assert a == b


def test_a_converted_comparison_says_what_was_compared() -> None:
    body = "We inspected Hull PDU. In 58 per cent of cases, reviewing was not sufficient.\n"
    doc = Document(ref="hull.txt", title="Hull PDU", body=body, published=date(2025, 9, 1))
    history = [
        PriorFigure("review_quality", 60, "percent", date(2023, 3, 1), "old.txt", scope="Hull PDU")
    ]
    digest = build_digest(doc, analyse(doc), history)
    [change] = digest.changes
    assert change.metric == "review_quality_not" and change.previous_metric == "review_quality"
    line = next(x for x in message(digest).splitlines() if "Reviewing not sufficient" in x)
    assert line == (
        "▲ Reviewing not sufficient: 58%, was 40% (reported as 60% the other way round) "
        "in March 2023 (up 18 points, worse)"
    )
    assert message(digest_from_json(digest.to_json())) == message(digest)


def test_a_range_is_shown_whole() -> None:
    body = "Staff sickness absence rates ranged between 4.1% and 7.3% a month across the CRC.\n"
    doc = Document(ref="r.txt", title="R", body=body)
    digest = build_digest(doc, analyse(doc), [])
    assert "• Staff sickness absence: 4.1% to 7.3% (first reported)" in message(digest).splitlines()


def test_a_change_from_one_value_to_another_is_not_a_range() -> None:
    body = "Staff sickness absence rose from 4.1% to 7.3% over the year.\n"
    doc = Document(ref="r.txt", title="R", body=body)
    digest = build_digest(doc, analyse(doc), [])
    assert "• Staff sickness absence: 7.3% (first reported)" in message(digest).splitlines()


TABLE_PAGE = """All content is available under the Open Government Licence v3.0, except where otherwise stated. To view this licence, write to the Information Policy Team, The National Archives, Kew, London TW9 4DU.

An inspection of probation services in Wyre PDU

Published: 2 October 2025

Foreword (Back to top)

This is our first inspection of Wyre PDU. We rated the PDU 'Inadequate' overall, because work to keep people safe was sufficient in only 29 per cent of cases.

Ratings (Back to top)

1.1 Leadership: Requires improvement
1.2 Staff: Good
2.2 Assessment: Inadequate

Table 1: Cases judged sufficient, by year

Standard                          2023      2025
Planning: keeping people safe      41%       33%
"""


def test_html_era_report_page_digest() -> None:
    doc = Document(
        ref="wyre.txt", title="An inspection of probation services in Wyre PDU", body=TABLE_PAGE
    )
    analysis = analyse(doc)
    subjects = {r.subject: r.value for r in analysis.ratings}
    assert subjects == {
        "overall": "Inadequate",
        "leadership": "Requires improvement",
        "staff": "Good",
        "assessment": "Inadequate",
    }
    digest = build_digest(doc, analysis, [])
    assert "licence" not in digest.summary.lower() and "back to top" not in digest.summary.lower()
    assert "41%" not in digest.summary  # a table row is not a sentence
    assert "• Planning for risk of harm sufficient: 33% (first reported)" in message(digest).splitlines()


def test_a_tally_across_inspections_is_not_a_rating_of_this_body() -> None:
    doc = Document(
        ref="t.txt",
        title="T",
        body="Five of the last six PDU inspections rated leadership 'Inadequate'.",
    )
    assert analyse(doc).ratings == ()


def test_the_level_not_the_change_beside_it_stands_for_the_measure() -> None:
    body = "That was 4 points below the 51 per cent of plans to keep others safe judged sufficient in 2024.\n"
    doc = Document(ref="r.txt", title="R", body=body)
    bullets = [line for line in message(build_digest(doc, analyse(doc), [])).splitlines() if line.startswith("•")]
    assert bullets == ["• Planning for risk of harm sufficient: 51% (first reported)"], bullets
