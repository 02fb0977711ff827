"""Every step run over a fetched body before a parser is linear: a 1 MB hostile body (a
DOCTYPE flood, unclosed entity values, item ends without '>', comment openers...) finishes
within a generous bound. bench/adversarial.py prints the seconds per megabyte."""

from __future__ import annotations

import time

import pytest

from tests.fakes.adversarial import MB, cases

BOUND = 10.0  # CPU seconds for 1 MB; a quadratic step takes minutes


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_each_pre_parse_step_finishes_on_a_hostile_megabyte(case) -> None:
    body = case.body(MB)
    assert len(body) > MB // 20
    started = time.process_time()
    case.run(body)
    assert time.process_time() - started < BOUND


def test_the_doctype_flood_is_refused_with_a_clear_error() -> None:
    from watcher.errors import ParseError
    from watcher.sources.feed import defuse

    with pytest.raises(ParseError, match="outside a well-formed DOCTYPE"):
        defuse(b"<!ENTITY " + b"<!DOCTYPE a [" * 80_000)
    with pytest.raises(ParseError, match="entity-expansion"):
        defuse(b'<!DOCTYPE r [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><r>&b;</r>')
    body, warnings = defuse(b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "x">]><r/>')
    assert body == b'<?xml version="1.0"?><r/>' and warnings
