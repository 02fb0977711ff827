"""How a comparison names the earlier body: always, when it is not the figure's own."""

from __future__ import annotations

from datetime import date

from bots.render.wording import earlier_text
from summariser.models import Change


def change(scope: str | None, previous_scope: str | None) -> Change:
    return Change(
        metric="m", label="M", value=42.0, unit="percent", previous_value=31.0,
        previous_published=date(2023, 9, 19), previous_document="d", delta=11.0,
        delta_unit="points", direction="up", assessment="better", scope=scope,
        previous_scope=previous_scope,
    )  # fmt: skip


def test_a_units_figure_against_one_no_body_was_named_for_says_it_is_the_countrys() -> None:
    assert earlier_text(change("Ashmoor PDU", None)) == "was 31% for the country in September 2023"


def test_the_same_body_or_two_national_figures_name_no_body() -> None:
    assert earlier_text(change("Ashmoor PDU", "Ashmoor PDU")) == "was 31% in September 2023"
    assert earlier_text(change(None, None)) == "was 31% in September 2023"
    assert earlier_text(change(None, "national")) == "was 31% in September 2023"


def test_the_names_of_the_whole_service_are_one_body() -> None:
    assert earlier_text(change("Probation Service", None)) == "was 31% in September 2023"
    assert earlier_text(change("Ashmoor PDU", "Probation Service")) == "was 31% for the Probation Service in September 2023"
