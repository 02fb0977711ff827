"""The command line: init, check, db upgrade, exit codes, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.running import run_cli
from watcher.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent


def test_init_writes_config_and_database_then_refuses_to_overwrite(tmp_path: Path) -> None:
    r = run_cli("init", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    config = tmp_path / "inspectwatch.toml"
    assert config.exists() and (tmp_path / "inspectwatch.db").exists()
    text = config.read_text()
    for host in (
        "hmiprobation.justiceinspectorates.gov.uk",
        "probationmatters.blogspot.com",
        "russellwebster.com",
    ):
        assert host in text
    config.write_text(text + "\n# mine\n")
    r = run_cli("init", cwd=tmp_path)
    assert r.returncode == 0 and "leaving it" in r.stdout
    assert config.read_text().endswith("# mine\n")
    r = run_cli("init", "--force", "--no-db", cwd=tmp_path)
    assert r.returncode == 0 and "# mine" not in config.read_text()


def test_check_prints_what_would_run(tmp_path: Path) -> None:
    assert run_cli("init", "--no-db", cwd=tmp_path).returncode == 0
    r = run_cli("check", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (
        "hmi-probation: feed https://hmiprobation.justiceinspectorates.gov.uk/feed/ every 30m"
        in r.stdout
    )
    assert "console" in r.stdout
    r = run_cli("check", cwd=tmp_path, TELEGRAM_BOT_TOKEN="123456:SECRETSECRET")
    assert "telegram: token set" in r.stdout and "SECRETSECRET" not in r.stdout + r.stderr


def test_bad_config_exits_2_naming_every_field(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        '[[sources]]\nname = "a"\nkind = "feed"\nurl = "ftp://x"\n'
        '[[sources]]\nname = "b"\nkind = "carrier-pigeon"\nurl = "http://x"\n'
        '[[sources]]\nname = "c"\nkind = "feed"\nurl = "http://x"\ninterval = "whenever"\n',
        encoding="utf-8",
    )
    r = run_cli("--config", "bad.toml", "check", cwd=tmp_path)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 3
    assert (
        "sources[0].url" in lines[0]
        and "sources[1]: unknown kind" in lines[1]
        and "sources[2].interval" in lines[2]
    )
    assert "Traceback" not in r.stderr


def test_missing_config_is_one_line(tmp_path: Path) -> None:
    r = run_cli("--config", "absent.toml", "check", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "no such file" in r.stderr


def test_db_upgrade_on_a_url(tmp_path: Path, db_url: str) -> None:
    assert main(["--config", str(tmp_path / "none.toml"), "db", "upgrade", "--url", db_url]) == 0
    assert main(["--config", str(tmp_path / "none.toml"), "db", "current", "--url", db_url]) == 0


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text(
        '[state]\nurl = "postgresql+psycopg://nobody@127.0.0.1:9/none"\n'
    )
    r = run_cli("--config", "c.toml", "db", "upgrade", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr.startswith("inspectwatch: database error:") and "Traceback" not in r.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_cli("frobnicate", cwd=tmp_path).returncode == 2
    assert run_cli("replay", "--since", "yesterday", "x", cwd=tmp_path).returncode == 2


def _commands(parser) -> list[str]:
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _commands(build_parser()))
def test_every_command_has_help_and_is_in_the_readme(
    command: str, capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("usage: inspectwatch")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"inspectwatch {command}" in readme or f"] {command}" in readme, (
        f"{command} is not documented"
    )
