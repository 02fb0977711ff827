"""Running the installed `inspectwatch` command as a user would (without the developer's
own INSPECTWATCH_/TELEGRAM_ settings), and waiting on conditions, never a fixed sleep."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

EXE = Path(sys.executable).parent / "inspectwatch"


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without the developer's own INSPECTWATCH_/TELEGRAM_ settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INSPECTWATCH_", "TELEGRAM_"))}
    env.update(extra)
    return env


def run_cli(*args: str, cwd: Path, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(EXE), *args],
        cwd=cwd,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate: Callable[[], object], timeout: float = 20.0, what: str = "condition"):
    """Check `predicate` until it holds; return what it returned."""
    deadline = time.monotonic() + timeout
    while True:
        got = predicate()
        if got:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.05)


def http_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - 127.0.0.1 only
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError:
        return 0, b""
