"""Worst-case parse time per megabyte of adversarial input: every pre-parse step fed the
hostile bodies of tests/fakes/adversarial.py at 1 MB (quick: 256 kB), CPU seconds scaled to
a megabyte, beside the budget (a linear step stays well under it; a quadratic one does not)."""

from __future__ import annotations

import time

from bench import Result

TARGET = 1.0  # CPU seconds per megabyte, worst step


def run(quick: bool = False) -> list[Result]:
    from tests.fakes.adversarial import MB, cases

    size = MB // 4 if quick else MB
    worst, worst_name = 0.0, ""
    out = []
    for case in cases():
        body = case.body(size)
        started = time.process_time()
        case.run(body)
        per_mb = (time.process_time() - started) * MB / len(body)
        out.append(Result(f"adversarial {case.name}", per_mb, "s/MB", TARGET, "lower"))
        if per_mb > worst:
            worst, worst_name = per_mb, case.name
    out.append(Result("adversarial parse worst case", worst, "s/MB", TARGET, "lower", worst_name))
    return out
