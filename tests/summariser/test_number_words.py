"""Numbers written in words and word fractions."""

from __future__ import annotations

import pytest

from summariser.numbers import format_value, fraction_percent, parse_digits, words_value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("seven", 7),
        ("twenty five", 25),
        ("one hundred and five", 105),
        ("a hundred", 100),
        ("two thousand three hundred", 2300),
        ("two and a half", 2.5),
        ("one and a half", 1.5),
        ("three million", 3_000_000),
    ],
)
def test_cardinals_in_words(words: str, value: float) -> None:
    assert words_value(words.split()) == value


def test_words_that_are_not_a_number() -> None:
    assert words_value(["seven", "cases"]) is None
    assert words_value([]) is None


@pytest.mark.parametrize(
    ("numerator", "denominator", "percent"),
    [
        ("two", "thirds", 66.7),
        ("a", "third", 33.3),
        (None, "half", 50.0),
        ("three", "quarters", 75.0),
        ("one", "fifth", 20.0),
        ("three", "fifths", 60.0),
    ],
)
def test_word_fractions_become_percentages(numerator, denominator, percent) -> None:
    assert fraction_percent(numerator, denominator) == percent


def test_fractions_above_the_whole_are_not_shares() -> None:
    assert fraction_percent("five", "quarters") is None
    assert fraction_percent("two", "dozen") is None


def test_digits_with_thousands_separators_and_decimals() -> None:
    assert parse_digits("1,234.5") == 1234.5
    assert parse_digits("106,000") == 106000
    assert parse_digits("12.2.3") is None  # a section number, not a decimal


def test_values_render_short() -> None:
    assert format_value(66.7) == "66.7"
    assert format_value(1400.0) == "1,400"
    assert format_value(0.25) == "0.25"
