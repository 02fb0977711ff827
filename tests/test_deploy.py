"""The deploy/ files stay consistent with the program they deploy."""

from __future__ import annotations

import tomllib
from pathlib import Path

from watcher.commands.init import sample_config
from watcher.config import parse

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def test_deploy_config_and_sample_config_validate() -> None:
    for text in ((DEPLOY / "inspectwatch.toml").read_text(encoding="utf-8"), sample_config()):
        config = parse(tomllib.loads(text), environ={})
        assert [s.name for s in config.sources] == [
            "hmi-probation",
            "on-probation",
            "russell-webster",
        ]


def test_container_runs_as_non_root_with_a_healthcheck() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "USER inspectwatch" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile


def test_systemd_unit_restarts_and_takes_the_token_from_an_environment_file() -> None:
    unit = (DEPLOY / "inspectwatch.service").read_text(encoding="utf-8")
    assert "Restart=on-failure" in unit and "EnvironmentFile=" in unit
    assert "TELEGRAM_BOT_TOKEN" not in unit.split("[Service]")[1].split("EnvironmentFile")[0]


def test_compose_runs_with_postgres() -> None:
    compose = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    assert "postgres:" in compose and "INSPECTWATCH_STATE__URL: postgresql+psycopg://" in compose
