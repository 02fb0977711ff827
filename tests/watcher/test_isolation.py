"""Extraction in worker processes on a budget: PDF bombs are refused or stopped within
their memory, CPU and page budgets, the worker is replaced, other documents go on."""

from __future__ import annotations

import contextlib
import logging
import threading
import time

import pytest

from tests.fakes.pdf import make_pdf
from tests.fakes.pdf_bombs import inflation_bomb, shared_stream_bomb
from watcher.errors import ParseError, TooExpensive
from watcher.isolation import Budget, ExtractionPool

REPORT = make_pdf(
    [
        ["# Findings", "Risk of harm work was sufficient in 35 per cent of cases."],
        ["Staff vacancies stood at 23."],
    ]
)


def readable(pool: ExtractionPool) -> bool:
    return "35 per cent" in pool.pdf(REPORT, "http://site.test/report.pdf").body


def test_an_inflation_bomb_stops_at_the_memory_budget_and_the_worker_is_replaced() -> None:
    with ExtractionPool(1, Budget(memory_mb=400, cpu_seconds=30)) as pool:
        assert readable(pool)
        with pytest.raises(TooExpensive, match="400 MB of memory"):
            pool.pdf(inflation_bomb(200), "http://site.test/bomb.pdf")
        assert pool.peak_kb <= 400 * 1024
        assert readable(pool)  # a new worker


def test_many_pages_sharing_one_stream_are_refused_by_the_page_budget() -> None:
    with ExtractionPool(1, Budget(max_pages=1000)) as pool:
        started = time.monotonic()
        with pytest.raises(TooExpensive, match="2000 pages, more than the budget of 1000"):
            pool.pdf(shared_stream_bomb(2000), "http://site.test/pages.pdf")
        assert time.monotonic() - started < 20


def test_a_document_past_its_cpu_budget_ends_its_worker(caplog: pytest.LogCaptureFixture) -> None:
    bomb = shared_stream_bomb(400)
    with ExtractionPool(1, Budget(cpu_seconds=1, max_pages=5000)) as pool:
        with caplog.at_level(logging.WARNING, logger="watcher.isolation"):
            with pytest.raises(TooExpensive, match="1s of CPU time"):
                pool.pdf(bomb, "http://site.test/slow.pdf")
            started = time.monotonic()
            with pytest.raises(TooExpensive, match="1s of CPU time"):  # remembered
                pool.pdf(bomb, "http://site.test/slow.pdf")
            assert time.monotonic() - started < 0.5
        (line,) = [r.getMessage() for r in caplog.records]
        assert line.startswith("http://site.test/slow.pdf: too expensive to read")
        assert readable(pool)


def test_one_document_holds_no_lock_over_the_others() -> None:
    with ExtractionPool(2, Budget(cpu_seconds=4, max_pages=5000)) as pool:
        assert readable(pool)
        slow_done = threading.Event()

        def slow() -> None:
            with contextlib.suppress(TooExpensive):
                pool.pdf(shared_stream_bomb(400), "http://site.test/slow.pdf")
            slow_done.set()

        thread = threading.Thread(target=slow)
        thread.start()
        try:
            assert readable(pool)
            assert not slow_done.is_set()  # read while the other was still going
        finally:
            thread.join(60)


def test_unreadable_input_is_a_parse_error_not_an_expense() -> None:
    with ExtractionPool(1) as pool:
        with pytest.raises(ParseError, match="not a PDF") as info:
            pool.pdf(b"<html>no</html>", "http://site.test/x.pdf")
        assert not isinstance(info.value, TooExpensive)
        page = pool.html(
            b"<html><body><main><article><h1>T</h1><p>Some words of a page, long enough "
            b"to be read as the main text of it.</p></article></main></body></html>",
            "http://site.test/p",
        )
        assert "Some words" in page.body


def test_a_huge_flat_page_is_read_or_refused_within_its_budget() -> None:
    page = b"<html><body>" + b"<p>Caseloads rose by 12 per cent in the region.</p>" * 400_000
    budget = Budget(memory_mb=400, cpu_seconds=2)
    with ExtractionPool(1, budget) as pool:
        started = time.monotonic()
        try:
            pool.html(page, "http://site.test/flat")
        except TooExpensive as exc:
            assert "400 MB" in str(exc) or "2s of CPU" in str(exc)
        assert time.monotonic() - started < budget.wall_seconds
        assert pool.peak_kb <= 400 * 1024
        assert readable(pool)
