"""Run the benchmarks, print `name  value  unit  target  ok|short`, write bench/results.json."""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
import traceback
from pathlib import Path

from bench import BENCHES, Result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, under two minutes in all"
    )
    parser.add_argument(
        "--only", action="append", choices=BENCHES, help="run only these (repeatable)"
    )
    parser.add_argument("--output", default=str(Path(__file__).parent / "results.json"))
    args = parser.parse_args(argv)
    names = args.only or BENCHES
    results: list[Result] = []
    failures: list[str] = []
    started = time.perf_counter()
    print(f"{'name':<44} {'value':>12} {'unit':<10} {'target':>12}  status")
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        try:
            for r in module.run(quick=args.quick):
                results.append(r)
                print(r.line(), flush=True)
        except Exception:
            failures.append(name)
            print(f"{name}: FAILED\n{traceback.format_exc()}", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    Path(args.output).write_text(
        json.dumps(
            {
                "quick": args.quick,
                "python": platform.python_version(),
                "machine": platform.machine(),
                "seconds": round(elapsed, 1),
                "results": [r.to_json() for r in results],
                "failed": failures,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    short = [r.name for r in results if r.ok is False]
    print(
        f"\n{len(results)} figures in {elapsed:.0f}s; {len(short)} short of target"
        + (f": {', '.join(short)}" if short else "")
        + (f"; failed: {', '.join(failures)}" if failures else "")
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
