"""Hostile bodies for every step that runs over a fetched body before (or instead of) a
real parser, each about `size` bytes and shaped to make a backtracking pattern or a
subtree search blow up. Shared by tests/watcher/test_linear_parsing.py (it asserts each
finishes) and bench/adversarial.py (it prints seconds per megabyte)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    run: Callable[[bytes], object]  # the step; may raise ParseError (a refusal is fine)
    body: Callable[[int], bytes]  # a hostile body of about n bytes


def _fill(unit: bytes, n: int, head: bytes = b"", tail: bytes = b"") -> bytes:
    return head + unit * max(1, (n - len(head) - len(tail)) // len(unit)) + tail


def _refusing(step: Callable[[bytes], object]) -> Callable[[bytes], object]:
    from watcher.errors import ParseError

    def run(body: bytes) -> object:
        try:
            return step(body)
        except ParseError as exc:
            return exc

    return run


def cases() -> list[Case]:
    from watcher.extract.cleantext import clean_text
    from watcher.extract.htmltext import check_depth, parse_html
    from watcher.extract.page import strip_chrome
    from watcher.extract.pdf import Line, strip_running_heads
    from watcher.extract.plaintext import split_text
    from watcher.sources.feed import looks_like_html, parse_feed
    from watcher.sources.page import parse_listing
    from watcher.sources.prescan import cut_entries, defuse, safe_charrefs, skip_prolog

    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'

    def pdf_lines(body: bytes) -> object:
        text = body.decode("latin-1")
        page = [Line(text, 700.0, 10.0), Line("1", 20.0, 9.0)]
        return strip_running_heads([page, page])

    def chrome(body: bytes) -> object:
        soup = parse_html(body)
        check_depth(soup, limit=10**9)  # the walk itself, past the limit
        strip_chrome(soup)
        return soup

    return [
        Case(
            "doctype openers", _refusing(defuse), lambda n: _fill(b"<!DOCTYPE a [", n, b"<!ENTITY ")
        ),
        Case(
            "entity values unclosed",
            _refusing(defuse),
            lambda n: _fill(b'<!ENTITY a "', n, b"<!DOCTYPE r ["),
        ),
        Case(
            "entity declarations",
            _refusing(defuse),
            lambda n: _fill(b'<!ENTITY a "&b;">', n, b"<!DOCTYPE r [", b"]><r/>"),
        ),
        Case("character references", lambda b: safe_charrefs(b), lambda n: _fill(b"&#xD800;&#", n)),
        Case(
            "item ends unclosed", lambda b: cut_entries(b, 100), lambda n: _fill(b"</item", n, rss)
        ),
        Case(
            "head tags unclosed",
            lambda b: cut_entries(b, 1),
            lambda n: _fill(b"<a b", n, rss, b"<item></item>" * 3),
        ),
        Case("prolog comments", lambda b: skip_prolog(b), lambda n: _fill(b"<!-- -->", n)),
        Case("html sniff", lambda b: looks_like_html(b, {}), lambda n: _fill(b"<!--", n)),
        Case(
            "feed whole",
            _refusing(lambda b: parse_feed(b, {}, "http://127.0.0.1/", 100)),
            lambda n: _fill(b"<!DOCTYPE a [<!ENTITY ", n),
        ),
        Case(
            "listing sniff",
            _refusing(lambda b: parse_listing(b, {}, "http://127.0.0.1/", "a[href]", None, 50)),
            lambda n: _fill(b"<!-- <rss", n),
        ),
        Case(
            "text cleaning",
            lambda b: clean_text(b.decode("latin-1")),
            lambda n: _fill(b"\x00\x01a", n),
        ),
        Case(
            "plain text reader",
            lambda b: split_text(b.decode("latin-1")),
            lambda n: _fill(b"1 thoughts on  ", n, b"", b"\n"),
        ),
        Case("pdf line rules", pdf_lines, lambda n: _fill(b". ", n // 10, b"", b"x")),
        Case("chrome stripping", chrome, lambda n: _fill(b"<div class='share'><nav>", n // 4)),
    ]
