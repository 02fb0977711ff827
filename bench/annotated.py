"""The annotated document (`summariser/annotated.py`): what one reading of a 300 KB report
costs, and why two of its readings stay lazy.

Tokens are read only in the windows around possible numbers, and a sentence's stems and
clause marks only for the sentences that hold a figure. This bench times the eager
alternative beside each (the whole text tokenised; every sentence read), so the choice
stays measured rather than assumed. Medians of five, warm (the code paths, not caches of
this text: the stems memo is cleared before each run).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench import Result
from bench.extraction import report_text


def _median(fn: Callable[[], object], runs: int, before: Callable[[], object] = lambda: None) -> float:
    times = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(quick: bool) -> list[Result]:
    from summariser import analyse
    from summariser.annotated import annotate
    from summariser.clauses import STEMS, read_sentence
    from summariser.figures import _windows, extract
    from summariser.models import Document
    from summariser.text import tokenize

    text, source = report_text(30_000 if quick else 300_000)
    runs = 3 if quick else 5
    doc = annotate(text)
    windows = _windows(doc)
    figure_sentences = sorted({doc.sentences.index_at(f.start) for f in extract(doc)})
    spans = doc.sentences.spans
    whole_analysis = _median(lambda: analyse(Document("r", "R", text)), runs, STEMS.clear)
    results = [
        Result("annotated: annotate() the report", _median(lambda: annotate(text), runs), "s", None, "lower",
               f"{len(text) // 1000} KB of {source}; analyse() in all takes {whole_analysis:.3f}s"),  # fmt: skip
    ]
    eager = _median(lambda: tokenize(text), runs)
    lazy = _median(lambda: [tokenize(text, a, b) for a, b in windows], runs)
    covered = sum(b - a for a, b in windows) / max(len(text), 1)
    results.append(
        Result("annotated: whole-text tokens / window tokens", round(eager / lazy, 2), "x", None, "higher",
               f"{eager:.3f}s vs {lazy:.3f}s; windows cover {covered:.0%} of the text")  # fmt: skip
    )
    every = _median(lambda: [read_sentence(text, s, e) for s, e in spans], runs, STEMS.clear)
    needed = _median(lambda: [read_sentence(text, *spans[i]) for i in figure_sentences], runs, STEMS.clear)
    results.append(
        Result("annotated: every sentence read / figure ones", round(every / needed, 2), "x", None, "higher",
               f"{every:.3f}s vs {needed:.3f}s; {len(figure_sentences)} of {len(spans)} sentences hold a figure")  # fmt: skip
    )
    return results
