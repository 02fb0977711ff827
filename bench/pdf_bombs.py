"""The extraction worker on hostile PDFs (tests/fakes/pdf_bombs.py): its peak memory beside
the memory budget, and the seconds until the document was read or refused beside the
pool's wait limit. The defaults of `fetch.extract_*` are the budgets."""

from __future__ import annotations

import time

from bench import Result


def run(quick: bool = False) -> list[Result]:
    from tests.fakes.pdf_bombs import inflation_bomb, shared_stream_bomb
    from watcher.config import FetchSettings
    from watcher.errors import ParseError
    from watcher.isolation import Budget, ExtractionPool

    settings = FetchSettings()
    budget = Budget(
        memory_mb=settings.extract_memory_mb,
        cpu_seconds=settings.extract_cpu.total_seconds() if not quick else 5.0,
        max_pages=settings.extract_max_pages,
    )
    bombs = {
        "inflate_200mb": inflation_bomb(200),
        "shared_stream_2000_pages": shared_stream_bomb(2000),
        "shared_stream_400_pages": shared_stream_bomb(400),
    }
    out = []
    for name, data in bombs.items():
        with ExtractionPool(1, budget) as pool:
            started = time.perf_counter()
            try:
                pool.pdf(data, f"bench:{name}")
                outcome = "read"
            except ParseError as exc:
                outcome = str(exc).split(":", 1)[-1].strip()[:60]
            seconds = time.perf_counter() - started
            peak = pool.peak_kb / 1024
        note = f"{len(data) // 1024} kB PDF; {outcome}"
        out += [
            Result(f"pdf_bomb_{name}_peak", round(peak, 1), "MB", budget.memory_mb, "lower", note),
            Result(
                f"pdf_bomb_{name}_seconds",
                round(seconds, 2),
                "s",
                budget.wall_seconds,
                "lower",
                f"CPU budget {budget.cpu_seconds:g}s",
            ),
        ]
    return out


if __name__ == "__main__":
    import sys

    for r in run(quick="--quick" in sys.argv):
        print(r.line())
