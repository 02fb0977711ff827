"""Telegram HTML rendering: escaping, order, splitting to 4096 UTF-16 units, captions."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bots.render.digest import digest_doc, worst_first
from bots.render.document import DocBuilder, utf16_len
from bots.render.telegram_html import MESSAGE_LIMIT, to_caption, to_html
from summariser.models import Change, Digest, Figure, RatingChange
from tests.bots.conftest import make_digest
from tests.fakes.telegram_api import ApiError, check_message, parse_html


def accepted(parts: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Every part as Telegram would show it; fails the test if Telegram would refuse one."""
    out = []
    for part in parts:
        try:
            out.append(check_message(part, "HTML", limit))
        except ApiError as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"Telegram would refuse: {exc.description}\n{part[:500]}")
    return out


def test_a_digest_reads_top_to_bottom_worst_change_first() -> None:
    (part,) = to_html(digest_doc(make_digest(3)))
    (plain,) = accepted([part])
    order = [
        "Inspection of probation services: Region 3",
        "hmi-probation · 4 May 2023",
        "Rating: Requires improvement (down from Good, March 2019)",
        "The region was rated Requires improvement.",
        "Key figures",
        "▼ Assessment of risk of harm sufficient: 35%, was 50% in November 2015 (down 15 points, worse)",
        "▲ Planning for desistance sufficient: 61%, was 55% in January 2020 (up 6 points, better)",
        "• Cases reviewed: 19 of 52 (37%) (first reported)",
    ]
    positions = [plain.index(line) for line in order]
    assert positions == sorted(positions)
    assert part.startswith('<a href="https://example.org/report-3"><b>')


def test_worst_first_puts_worse_before_neutral_before_better_bigger_first() -> None:
    def c(delta: float, assessment: str) -> Change:
        return Change("m", "m", 1, "percent", 1, None, "d", delta, "points", "up", assessment)

    ordered = worst_first([c(1, "better"), c(2, "worse"), c(9, "neutral"), c(-8, "worse")])
    assert [(x.delta, x.assessment) for x in ordered] == [
        (-8, "worse"), (2, "worse"), (9, "neutral"), (1, "better"),
    ]  # fmt: skip


def test_every_value_is_escaped_and_only_safe_links_are_links() -> None:
    d = make_digest(
        title='<script>alert("x")</script> & <b>bold</b>',
        url="javascript:alert(1)",
        source="a<b>&c",
        summary="5 < 6 & 7 > 3 &amp; &lt;i&gt;",
        figures=(Figure(1.0, "percent", "1%", "s", "m<", 'label "<u>"', scope="</a>", measured=True),),
        changes=(),
        rating_changes=(),
        rating="<i>Good</i>",
    )
    (part,) = to_html(digest_doc(d))
    (plain,) = accepted([part])
    assert "<script>" not in part and "<a " not in part  # javascript: never becomes a link
    assert '<script>alert("x")</script> & <b>bold</b>' in plain
    assert "5 < 6 & 7 > 3 &amp; &lt;i&gt;" in plain
    assert 'label "<u>" (</a>): 1%' in plain
    assert "Rating: <i>Good</i>" in plain


def test_link_urls_are_escaped_in_the_attribute() -> None:
    d = make_digest(url='https://example.org/a?b=1&c="2"')
    (part,) = to_html(digest_doc(d))
    assert 'href="https://example.org/a?b=1&amp;c=&quot;2&quot;"' in part
    accepted([part])


def test_a_long_digest_splits_on_paragraphs_each_part_within_the_limit() -> None:
    b = DocBuilder()
    paragraphs = [f"Paragraph {i}: " + "word " * 300 for i in range(12)]  # ~1,500 chars each
    for p in paragraphs:
        b.paragraph().add(p, bold=True)
    parts = to_html(b.build())
    plains = accepted(parts)
    assert len(parts) > 1
    for plain in plains:
        assert utf16_len(plain) <= MESSAGE_LIMIT
        # no paragraph is cut: every part is whole paragraphs
        for chunk in plain.split("\n\n"):
            assert chunk.strip() in {p.strip() for p in paragraphs}
    assert sum(p.count("Paragraph") for p in plains) == 12


def test_one_huge_paragraph_splits_between_lines_then_words_never_inside_a_tag() -> None:
    b = DocBuilder().paragraph()
    for i in range(400):
        b.line().add(f"line {i} ").link("a linked phrase of several words", "https://x.org/a").add(
            " end"
        )
    parts = to_html(b.build())
    plains = accepted(parts)
    assert len(parts) >= 4
    for part, plain in zip(parts, plains, strict=True):
        assert utf16_len(plain) <= MESSAGE_LIMIT
        assert plain.rstrip().endswith("end")  # cut between lines, not mid-line
        assert part.count("<a ") == part.count("</a>")


def test_a_word_longer_than_a_message_is_cut_between_code_points() -> None:
    word = "🦉" * 5000  # astral: 2 UTF-16 units each, 10,000 units in all
    parts = to_html(DocBuilder().paragraph().add(word, italic=True).build())
    plains = accepted(parts)
    assert "".join(plains) == word
    assert all(utf16_len(p) <= MESSAGE_LIMIT for p in plains)
    assert utf16_len(plains[0]) == MESSAGE_LIMIT  # full, and no half surrogate pair


def test_utf16_limit_is_exact_at_the_boundary() -> None:
    fits = DocBuilder().paragraph().add("é" * 4096).build()
    assert len(to_html(fits)) == 1
    too_long = DocBuilder().paragraph().add("😀" * 2048 + "x").build()  # 4097 units
    assert len(to_html(too_long)) == 2


def test_caption_is_cut_to_1024_with_an_ellipsis() -> None:
    b = DocBuilder().paragraph().add("Chart", bold=True).paragraph().add("word " * 600)
    caption = to_caption(b.build())
    plain = check_message(caption, "HTML", 1024)
    assert plain.endswith("…") and utf16_len(plain) <= 1024


def test_control_characters_and_lone_surrogates_are_cleaned() -> None:
    d = make_digest(title="a\x00b\x1bc\ud800d\u2028e", summary="\r\n\t ok")
    (part,) = to_html(digest_doc(d))
    (plain,) = accepted([part])
    assert "abc\ufffdde" in plain and "\x00" not in part
    part.encode("utf-8")  # would raise on a lone surrogate


def test_empty_values_still_make_a_message() -> None:
    d = Digest("", "", None, None, "", "", None, (), (), ())
    (part,) = to_html(digest_doc(d))
    assert accepted([part]) == ["Untitled document\nundated"]


def test_more_figures_than_shown_points_to_figure_command() -> None:
    figs = tuple(Figure(float(i), "count", str(i), "s", f"m{i}", f"Measure {i}", measured=True) for i in range(10))
    (part,) = to_html(digest_doc(make_digest(figures=figs, changes=()), max_figures=4))
    plain = accepted([part])[0]
    # the ones left out are named, and the reader is pointed at /figure
    assert plain.count("• Measure") == 4 and "… and 6 more: Measure 4; Measure 5; Measure 6; … (ask /figure)." in plain


def test_a_figure_without_a_measure_makes_no_line() -> None:
    figs = (Figure(50.0, "percent", "half", "s", "other_percent", "Percentage"),)
    (part,) = to_html(digest_doc(make_digest(figures=figs, changes=())))
    assert "Percentage" not in accepted([part])[0]


# ---------------------------------------------------------------- fuzzing

_text = st.text(max_size=300)
_value = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(10**12), 10**12).map(float)
_units = st.sampled_from(["percent", "count", "currency", "days", "weeks", "other"])


@st.composite
def digests(draw) -> Digest:
    figures = tuple(
        Figure(draw(_value), draw(_units), draw(_text), draw(_text), draw(_text), draw(_text),
               qualifier=draw(st.none() | _text), of=draw(st.none() | _value), scope=draw(st.none() | _text),
               measured=draw(st.booleans()))
        for _ in range(draw(st.integers(0, 8)))
    )  # fmt: skip
    changes = tuple(
        Change(draw(_text), draw(_text), draw(_value), draw(_units), draw(_value),
               draw(st.none() | st.dates()), draw(_text), draw(_value),
               draw(st.sampled_from(["points", "percent", "absolute"])),
               draw(st.sampled_from(["up", "down", "same"])),
               draw(st.sampled_from(["better", "worse", "neutral"])), scope=draw(st.none() | _text))
        for _ in range(draw(st.integers(0, 6)))
    )  # fmt: skip
    ratings = tuple(
        RatingChange("overall", None, draw(_text), draw(_text), draw(st.none() | st.dates()), "d", "down", "worse")
        for _ in range(draw(st.integers(0, 1)))
    )  # fmt: skip
    return Digest(
        document=draw(_text),
        title=draw(st.text(max_size=5000)),
        url=draw(st.none() | _text | st.just('https://example.org/x?a=<b>&c="d"')),
        published=draw(st.none() | st.dates(min_value=date(1900, 1, 1))),
        source=draw(_text),
        summary=draw(st.text(max_size=12000)),
        rating=draw(st.none() | _text),
        ratings=(),
        figures=figures,
        changes=changes,
        rating_changes=ratings,
        first_reported=tuple(draw(st.lists(_text, max_size=3))),
        updated=draw(st.booleans()),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(digests(), st.integers(1, 30))
def test_any_digest_renders_to_messages_telegram_accepts(d: Digest, max_figures: int) -> None:
    parts = to_html(digest_doc(d, max_figures=max_figures))
    assert parts
    for part in parts:
        plain, _ = parse_html(part)  # Telegram's HTML rules
        assert plain.strip() and utf16_len(plain) <= MESSAGE_LIMIT
        part.encode("utf-8")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(max_size=3000),
            st.booleans(),
            st.booleans(),
            st.none() | st.just("https://x.org/"),
        ),
        max_size=8,
    ),
    st.integers(50, 4096),
)
def test_any_document_splits_into_valid_parts_within_any_limit(spans, limit: int) -> None:
    b = DocBuilder()
    for text, bold, new_paragraph, url in spans:
        if new_paragraph:
            b.paragraph()
        b.link(text, url, bold=bold) if url else b.add(text, bold=bold)
    doc = b.build()
    parts = to_html(doc, limit)
    words_in = "".join("".join(s.text for s in blk.spans) for blk in doc.blocks).split()
    words_out: list[str] = []
    for part in parts:
        plain = check_message(part, "HTML", limit)
        words_out += plain.split()
    # nothing lost: the same words, in order (a hard-cut word may come back in pieces)
    assert "".join(words_out) == "".join(words_in)


def test_numbers_read_naturally() -> None:
    from bots.render.numbers import delta_text, value_text

    assert value_text(35.0, "percent") == "35%"
    assert value_text(1204, "count") == "1,204"
    assert value_text(2_500_000, "currency") == "£2.5m"
    assert value_text(12, "weeks") == "12 weeks"
    assert value_text(math.inf, "count") == "?"
    assert delta_text(-15, "points") == "−15 points" and delta_text(12.5, "percent") == "+12.5%"
