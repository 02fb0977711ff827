"""Start-up of the installed command: `inspectwatch --help` and `inspectwatch check` on the
sample config, wall-clock seconds of a fresh process (the best of several runs: the machine
may be busy with other work) and its CPU seconds. Both are held under half a second:
heavy libraries load when a command uses them."""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import Result

TARGET_SECONDS = 0.5
EXE = Path(sys.executable).parent / "inspectwatch"


def _seconds(args: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    """(best wall-clock, best CPU) seconds of `inspectwatch ARGS` over `runs` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([str(EXE), *args], cwd=cwd, check=True, capture_output=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return min(walls), min(cpus)


def run(quick: bool = False) -> list[Result]:
    runs = 3 if quick else 9
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        subprocess.run([str(EXE), "init", "--no-db"], cwd=cwd, check=True, capture_output=True)
        _seconds(["--help"], cwd, 1)  # warm the file cache: measure the program, not the disk
        out = []
        for name, args in (("--help", ["--help"]), ("check", ["check"])):
            wall, cpu = _seconds(args, cwd, runs)
            out.append(Result(f"startup: inspectwatch {name}", round(wall, 3), "s",
                              TARGET_SECONDS, "lower"))  # fmt: skip
            out.append(Result(f"startup: inspectwatch {name} (CPU)", round(cpu, 3), "s",
                              TARGET_SECONDS, "lower"))  # fmt: skip
        return out
