"""Property tests: `analyse()` on arbitrary text never raises, and every figure it returns
carries a `text` that occurs in the document (the same side: post or comments) at the
offset it gives, with a finite value."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import summariser
from summariser.models import Document

# Fragments that exercise the reader: units, qualifiers, ranges, dates, codes, brackets.
FRAGMENTS = [
    "per cent", "%", "two-thirds", "one in five", "out of", "of the", "between", "and", "to",
    "(", ")", "((", "))", "[", "]", "£", "-", "–", "nearly", "more than", "within", "working days",
    "weeks", "years after", "aged", "Tier", "Windows", "2024/25", "Q3", "v3.0", "TW9 4DU",
    "0161 240 5336", "http://x.org/1", "a@b.uk", "n=12", "'Good'", "rated", "Inadequate", "\n",
    "\n\n", "  ", "\t", ":", ";", ",", ".", "...", "........", "1.1", "not one of the", "none",
    "them", "those", "Table 1:", "(Back to top)", "\u00a0", "é", "İ", "ß", "🙂", "٣", "½", "Ⅷ",
]  # fmt: skip

numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(lambda x: f"{x:.3f}"),
    st.text(alphabet="0123456789", min_size=1, max_size=60),  # long digit runs
    st.text(alphabet="0123456789,.", min_size=1, max_size=20),
)
pieces = st.one_of(numbers, st.sampled_from(FRAGMENTS), st.text(max_size=12))
documents = st.lists(pieces, max_size=60).map(" ".join)


def check(body: str, comments: str = "") -> None:
    doc = Document(ref="p", title="Property", body=body, comments=comments)
    analysis = summariser.analyse(doc)
    for f in analysis.figures:
        side = comments if f.in_comments else body
        assert f.text, f
        assert math.isfinite(f.value), f
        # the figure's text is the document's own words at its offset (spaces normalised)
        found = " ".join(side[f.start : f.start + len(f.text) * 3].split())
        assert found.startswith(f.text), (f.text, found)
        assert f.text in " ".join(side.split())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, documents)
def test_analyse_never_raises_and_figures_are_in_the_text(body: str, comments: str) -> None:
    check(body, comments)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_analyse_on_any_unicode_text(body: str) -> None:
    check(body)


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.sampled_from(["12", "three", "45%", "x"]),
        lambda inner: st.tuples(inner, inner).map(lambda p: f"({p[0]} [{p[1]}])"),
        max_leaves=40,
    )
)
def test_nested_brackets(body: str) -> None:
    check(body)


def test_huge_and_long_numbers() -> None:
    check("There were " + "9" * 400 + " cases and 1" + "0" * 320 + " per cent, and 1e308 staff.")
    check("Sickness absence (days per person)    " + "7" * 50 + "    12.9")
