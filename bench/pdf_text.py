"""Text extraction from a generated 100-page report PDF (running header, "Page N of M"
footers, headings, bullets, paragraphs across page breaks): seconds for the whole
document, and pages per second. The PDF is written by tests/fakes/pdf.py, so every run
reads the same bytes."""

from __future__ import annotations

import statistics
import time

from bench import Result

PAGES = 100
TARGET_SECONDS = 2.0


def report_pages(n: int) -> list[list[str]]:
    pages = []
    for p in range(n):
        lines = [f"# {p + 1}. Findings on area {p % 12 + 1}"] if p % 4 == 0 else []
        for k in range(40 if lines else 44):
            if k % 11 == 10:
                lines.append("")
            elif k % 9 == 8:
                lines.append(
                    f"\u2022 In {10 + (p * 7 + k) % 80} per cent of the {50 + k} cases inspected,"
                )
            else:
                lines.append(
                    f"practitioners had assessed the risk of harm to others and planned work {k}"
                )
        pages.append(lines)
    return pages


def run(quick: bool = False) -> list[Result]:
    from tests.fakes.pdf import make_pdf
    from watcher.extract.pdf import extract_pdf

    data = make_pdf(
        report_pages(PAGES),
        title="An inspection of probation services: annual report",
        header="HM Inspectorate of Probation annual report 2026",
        footer="Page {page} of {pages}",
    )
    times = []
    chars = 0
    for _ in range(1 if quick else 5):
        started = time.perf_counter()
        pdf = extract_pdf(data)
        times.append(time.perf_counter() - started)
        chars = len(pdf.body)
        assert (
            pdf.pages == PAGES
            and "Page 7 of" not in pdf.body
            and "annual report 2026" not in pdf.body
        )
    median = statistics.median(times)
    note = f"{len(data) // 1024} kB PDF, {chars // 1024} kB of text; median of {len(times)}"
    return [
        Result(f"pdf_text_{PAGES}_pages", round(median, 3), "s", TARGET_SECONDS, "lower", note),
        Result("pdf_text_pages_per_second", round(PAGES / median, 1), "pages/s", note=note),
    ]


if __name__ == "__main__":
    import sys

    for r in run(quick="--quick" in sys.argv):
        print(r.line())
