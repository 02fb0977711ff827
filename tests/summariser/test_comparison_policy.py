"""The comparison policy, one named rule at a time, tested as a table of cases in data
(tests/summariser/data/comparison_policy.toml), urlwatch-style."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from summariser.models import Figure, PriorFigure, Quote
from summariser.policy import RULES, refused_by

CASES = tomllib.loads((Path(__file__).parent / "data" / "comparison_policy.toml").read_text("utf-8"))["case"]
DEFAULT_PUBLISHED = "2025-09-01"


def figure(d: dict) -> Figure:
    return Figure(
        value=float(d["value"]), unit=d["unit"], text=str(d["value"]), sentence="", metric=d["metric"],
        label=d["metric"], scope=d.get("scope") or None, of=d.get("of"), stat=d.get("stat", "level"),
        measured=True, confidence=float(d.get("confidence", 1.0)), same_fact_as=d.get("same_fact_as"),
        quotes=Quote(d["quotes"], "") if d.get("quotes") else None, qualifier=d.get("qualifier"),
    )


def prior(d: dict) -> PriorFigure:
    return PriorFigure(
        metric=d["metric"], value=float(d["value"]), unit=d["unit"], published=date.fromisoformat(d["published"]),
        document="earlier.txt", scope=d.get("scope") or None, of=d.get("of"), qualifier=d.get("qualifier"),
    )


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_policy_case(case: dict) -> None:
    published = case.get("published", DEFAULT_PUBLISHED)
    got = refused_by(figure(case["figure"]), prior(case["prior"]), date.fromisoformat(published) if published else None)
    assert (got or "allowed") == case["expect"]


def test_every_rule_is_exercised_by_the_table() -> None:
    refusing = {c["expect"] for c in CASES} - {"allowed"}
    assert refusing == {name for name, _rule in RULES}
