"""Two services on one PostgreSQL: one active, one hot standby that takes over when the
active one is killed (no clean shutdown, no lock release)."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from tests.running import EXE, clean_env, free_port, http_get, wait_until

pytestmark = pytest.mark.postgres


def start(tmp_path: Path, name: str, pg_url: str, listen: str) -> subprocess.Popen:
    cfg = tmp_path / f"{name}.toml"
    cfg.write_text(
        f'[state]\nurl = "{pg_url}"\n[service]\nlisten = "{listen}"\nshutdown_grace = "3s"\n',
        encoding="utf-8",
    )
    env = clean_env()
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - the child owns it
    return subprocess.Popen(
        [str(EXE), "--config", str(cfg), "-v", "run"],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def role(listen: str) -> str | None:
    import json

    status, body = http_get(f"http://{listen}/healthz")
    return json.loads(body).get("role") if body else None


def test_standby_takes_over_when_the_active_instance_dies(tmp_path: Path, pg_url: str) -> None:
    a_listen, b_listen = f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"
    a = start(tmp_path, "a", pg_url, a_listen)
    b = None
    try:
        wait_until(lambda: role(a_listen) == "active", what="first instance active")
        b = start(tmp_path, "b", pg_url, b_listen)
        wait_until(lambda: role(b_listen) == "standby", what="second instance standby")
        assert http_get(f"http://{b_listen}/healthz")[0] == 200
        a.send_signal(signal.SIGKILL)
        a.wait(10)
        wait_until(lambda: role(b_listen) == "active", timeout=30, what="standby taking over")
        b.send_signal(signal.SIGTERM)
        assert b.wait(10) == 0
    finally:
        for p in (a, b):
            if p is not None and p.poll() is None:
                p.kill()
                p.wait(10)
