"""Histories and charts keep one series per body: a PDU's value is never joined to the
country's, a change is only said within one body, and a single value is said in text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bots.render.chart import chartable, trend_png
from bots.render.history import change_words, series


@dataclass(frozen=True)
class Row:
    value: float
    published: date | None
    scope: str | None
    unit: str = "percent"
    of: float | None = None
    qualifier: str | None = None
    title: str = "A report"
    url: str | None = None
    source: str = "hmi"


ROWS = [
    Row(50, date(2015, 11, 10), "NPS"),
    Row(31, date(2024, 3, 1), "Hull PDU"),
    Row(45, date(2025, 3, 1), "NPS"),
]


def test_values_are_grouped_by_body_in_order() -> None:
    by = series(ROWS)
    assert list(by) == ["NPS", "Hull PDU"]
    assert [r.value for r in by["NPS"]] == [50, 45]


def test_a_change_is_said_only_within_one_body() -> None:
    assert change_words(ROWS).startswith("Latest 45% (1 March 2025), down from 50% (10 November 2015)")
    pdu_last = [*ROWS[:2], Row(31, date(2026, 1, 1), "Leeds PDU")]
    assert change_words(pdu_last) == ""  # Leeds has no earlier value of its own; Hull's is not it


def test_single_values_are_not_charted() -> None:
    assert not chartable([Row(31, date(2024, 3, 1), "Hull PDU"), Row(50, date(2015, 1, 1), "NPS")])
    assert chartable(ROWS)


def test_the_chart_is_a_png() -> None:
    png = trend_png("Assessment of risk of harm sufficient", ROWS, unit="percent")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
