"""The annotated document: one reading of a text that every stage shares.

The whole-text scans were rewritten from regular expressions of alternatives to substring
searches for speed; these tests pin that they find what the expressions found."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summariser.annotated import annotate, number_starts, rating_phrase_offsets, rating_word_offsets
from summariser.masks import mask_spans

_OLD_RATING_WORD = re.compile(r"Outstanding|Good|[Ii]mprovement|Inadequate|OUTSTANDING|GOOD|INADEQUATE")
_OLD_RATING_PHRASE = re.compile(
    r"(?:lowest|highest) (?:possible )?(?:\w+ )?rating|rated it |(?:as|it) (?:good|outstanding|inadequate)\b"
)
_PIECES = ["Good", "good", "GOOD", "Outstanding", "outstanding", "improvement", "Improvement", "IMPROVEMENT",
           "Inadequate", "INADEQUATE", "inadequate", " ", "as", "it", "has", "rated it ", "lowest ", "highest ",
           "possible ", "overall ", "rating", "x", ".", "\n", "Goodwill"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_rating_offsets_are_the_regular_expressions(pieces: list[str]) -> None:
    text = "".join(pieces)
    low = text.lower()
    assert sorted(rating_word_offsets(text, low)) == [m.start() for m in _OLD_RATING_WORD.finditer(text)]
    # the old scan did not overlap its matches; the new one may find more, never fewer
    assert {m.start() for m in _OLD_RATING_PHRASE.finditer(text)} <= set(rating_phrase_offsets(text))


def test_masks_are_read_on_the_whole_text() -> None:
    text = ("See https://example.org/r/2024-05 or www.example.org/a1 (n = 120), write to a1@example.org, "
            "visit LS1 4AP at 10.30am; file 2.5MB; ref 12-34-56.")  # fmt: skip
    masked = [text[a:b] for a, b in sorted(mask_spans(text))]
    assert "https://example.org/r/2024-05" in masked
    assert any(m.startswith("www.example.org/a1") for m in masked)
    assert not any("120" in m for m in masked)  # a sample size is a figure
    assert "a1@example.org," in masked or "a1@example.org" in masked
    assert "LS1 4AP" in masked
    assert any(m.startswith("10.30") for m in masked)
    assert any(m.startswith("2.5") for m in masked)
    assert "12-34-56" in masked


def test_a_sample_size_is_a_figure_of_the_sample() -> None:
    from summariser import analyse
    from summariser.models import Document

    assert mask_spans("an=5 and n=5") == []
    [f] = analyse(Document(ref="t", title="t", body="Cases read in the unit (n=48) were mostly recent.")).figures
    assert (f.value, f.stat, f.measured) == (48, "sample", False)


def test_number_starts_are_word_starts() -> None:
    low = "one of the ten, phone 12, none of the 3, not one, no services rated 'good', no way"
    starts = number_starts(low)
    words = [low[p : p + 4] for p in starts]
    assert words == ["one ", "ten,", "12, ", "none", "3, n", "not ", "one,", "no s"]


def test_the_annotation_is_frozen_and_read_once() -> None:
    doc = annotate("The Wessex region scored 40%. It was rated 'Good' overall.\n\nNo figure here.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "other"  # type: ignore[misc]
    assert [m.scope for m in doc.mentions] == ["Wessex region"]
    assert doc.rating_sentences == frozenset({1}) and doc.rated_sentences == (1,)
    assert doc.marks(0) is doc.marks(0)  # a sentence's stems and clauses are read once
    assert doc.tokens(4, 10)[0].text == "Wessex"


def test_the_heading_above_a_paragraph_is_read_from_the_annotation() -> None:
    text = "Staffing levels\n\nThe team had 12 vacancies.\nIt had 4 more in May.\n\n\nCase audits\n\nWe read 30 cases."
    doc = annotate(text)
    assert doc.heading_above(text.index("12")) == "Staffing levels"
    assert doc.heading_above(text.index("4 more")) == "Staffing levels"
    assert doc.heading_above(text.index("30")) == "Case audits"
    assert doc.paragraph_start(5) == 0
