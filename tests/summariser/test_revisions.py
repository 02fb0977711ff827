"""An updated document says what it changed, figure by figure, and a daily message lists a
document once, in its latest version."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bots.render.digest import daily_doc, plain_message
from bots.render.plain import to_plain
from summariser import analyse, build_digest
from summariser.models import Document, PriorFigure

BODY_V2 = (
    "An inspection of probation services in Hull PDU\n\n"
    "We inspected Hull PDU in spring. Assessment of the risk of harm was sufficient in 33% of cases. "
    "Planning to support desistance was sufficient in 64 per cent of cases.\n"
)
DOC = Document(ref="hull.txt", title="An inspection of probation services in Hull PDU", body=BODY_V2,
               published=date(2025, 9, 1), updated=True)
VERSION_1 = [
    PriorFigure("assessment_risk_of_harm", 31, "percent", date(2025, 9, 1), "hull.txt", text="31%", scope="Hull PDU"),
    PriorFigure("planning_desistance", 64, "percent", date(2025, 9, 1), "hull.txt", text="64 per cent", scope="Hull PDU"),
]


def test_an_update_lists_the_figures_it_changed_and_only_those() -> None:
    digest = build_digest(DOC, analyse(DOC), [], previous_version=VERSION_1)
    assert [(r.metric, r.before, r.after) for r in digest.revisions] == [("assessment_risk_of_harm", 31, 33)]
    lines = plain_message(digest).splitlines()
    assert "What changed in this version" in lines
    assert "• Assessment of risk of harm sufficient: from 31% to 33%" in lines
    assert not any("Planning for desistance" in line and "from" in line for line in lines)


def test_a_first_reading_has_no_revisions() -> None:
    first = replace(DOC, updated=False)
    assert build_digest(first, analyse(first), [], previous_version=VERSION_1).revisions == ()


def test_a_daily_message_lists_an_updated_document_once_with_its_latest_figures() -> None:
    first = build_digest(replace(DOC, updated=False, body=BODY_V2.replace("33%", "31%")),
                         analyse(replace(DOC, body=BODY_V2.replace("33%", "31%"))), [])
    update = build_digest(DOC, analyse(DOC), [], previous_version=VERSION_1)
    text = to_plain(daily_doc(date(2025, 9, 2), [first, update]))
    assert "1 new document" in text
    assert text.count("An inspection of probation services in Hull PDU") == 1
    assert "33%" in text and "31%" not in text.split("Key figures")[-1]


def test_revisions_survive_the_stored_json() -> None:
    from summariser.models_json import digest_from_json, figure_from_json

    digest = build_digest(DOC, analyse(DOC), [], previous_version=VERSION_1)
    again = digest_from_json(digest.to_json())
    assert again.revisions == digest.revisions
    assert all(figure_from_json(f.to_json()).metric == f.metric for f in digest.figures)
