"""Config validation as a table of good and bad cases, each bad case naming its field."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from watcher.config import ConfigError, load, parse, telegram_token, warnings
from watcher.durations import format_duration, parse_duration

FEED = {"name": "hmi", "kind": "feed", "url": "https://example.org/feed/"}

GOOD = [
    ("empty file is all defaults", {}),
    ("one feed", {"sources": [FEED]}),
    (
        "page with selector",
        {
            "sources": [
                {
                    "name": "p",
                    "kind": "page",
                    "url": "http://127.0.0.1:8000/list",
                    "selector": "a.report",
                }
            ]
        },
    ),
    ("interval in words", {"sources": [FEED | {"interval": "1 hour 30 minutes"}]}),
    ("postgres url", {"state": {"url": "postgresql+psycopg://u@db:5432/iw"}}),
    ("postgres short scheme", {"state": {"url": "postgres://u@db/iw"}}),
    (
        "telegram channels and admins",
        {"telegram": {"channels": ["@hmi_digests", "-1001234567890"], "admins": [42]}},
    ),
    (
        "apprise channel",
        {"channels": [{"name": "slack", "kind": "apprise", "url": "slack://a/b/c"}]},
    ),
    ("console channel", {"channels": [{"name": "tty", "kind": "console"}]}),
    (
        "daily time and zone",
        {"delivery": {"daily_time": "07:30", "timezone": "Europe/Dublin", "backfill": "2w"}},
    ),
]

BAD = [
    ("unknown top-level key", {"sorces": []}, "sorces: unknown key"),
    ("unknown key in section", {"state": {"urll": "x"}}, "state.urll: unknown key; did you mean 'url'?"),
    (
        "source key typo",
        {"sources": [FEED | {"intervall": "5m"}]},
        "sources[0].intervall: unknown key; did you mean 'interval'?",
    ),
    (
        "section typo",
        {"fetch": {"conect_timeout": "3s"}},
        "fetch.conect_timeout: unknown key; did you mean 'connect_timeout'?",
    ),
    (
        "bare number as interval",
        {"sources": [FEED | {"interval": 30}]},
        "sources[0].interval: a bare number (30) is ambiguous; write the unit, e.g. '30s' or '30m'",
    ),
    (
        "bare number string as timeout",
        {"fetch": {"read_timeout": "45"}},
        "fetch.read_timeout: a bare number ('45') is ambiguous",
    ),
    (
        "unparseable url",
        {"sources": [FEED | {"url": "http://[broken/feed"}]},
        "sources[0].url: cannot be parsed as a URL (Invalid IPv6 URL): 'http://[broken/feed'",
    ),
    (
        "port out of range",
        {"sources": [FEED | {"url": "https://x.org:70000/feed"}]},
        "sources[0].url: cannot be parsed as a URL (Port out of range 0-65535)",
    ),
    (
        "space in host",
        {"sources": [FEED | {"url": "https://x .org/feed"}]},
        "sources[0].url: a URL cannot contain spaces",
    ),
    (
        "odd host",
        {"telegram": {"api_base_url": "http://bad!host/"}},
        "telegram.api_base_url: 'bad!host' is not a host name",
    ),
    (
        "bad base_url",
        {"service": {"base_url": "iw.example.org"}},
        "service.base_url: must be an http(s) URL",
    ),
    ("bad database url", {"state": {"url": "nonsense"}}, "state.url: not a database URL"),
    (
        "unsupported database",
        {"state": {"url": "mysql://u@h/d"}},
        "state.url: unsupported database",
    ),
    (
        "unknown source kind",
        {"sources": [FEED | {"kind": "rss"}]},
        "sources[0]: unknown kind 'rss'; valid kinds: feed, page",
    ),
    (
        "missing kind",
        {"sources": [{"name": "a", "url": "http://x.org"}]},
        "sources[0]: missing 'kind'",
    ),
    (
        "ftp url",
        {"sources": [FEED, FEED | {"name": "b", "url": "ftp://x.org/feed"}]},
        "sources[1].url: must be an http(s) URL",
    ),
    ("url without host", {"sources": [FEED | {"url": "http://"}]}, "sources[0].url: has no host"),
    (
        "bad interval",
        {"sources": [FEED | {"interval": "soon"}]},
        "sources[0].interval: 'soon' is not a duration",
    ),
    (
        "zero interval",
        {"sources": [FEED | {"interval": "0s"}]},
        "sources[0].interval: must be at least one second",
    ),
    (
        "unknown source option",
        {"sources": [FEED | {"selector": "a"}]},
        "sources[0].selector: unknown key",
    ),
    ("missing url", {"sources": [{"name": "a", "kind": "feed"}]}, "sources[0].url: Field required"),
    (
        "duplicate names",
        {"sources": [FEED, FEED]},
        "sources[1].name: 'hmi' is already used by sources[0]",
    ),
    ("bad name", {"sources": [FEED | {"name": "a/b"}]}, "sources[0].name: use 1-80 letters"),
    ("sources not a list", {"sources": {"name": "x"}}, "sources: must be a list"),
    (
        "token in file",
        {"telegram": {"token": "123:abc"}},
        "telegram.token: the token is never read from the config",
    ),
    (
        "telegram in channels",
        {"channels": [{"name": "t", "kind": "telegram"}]},
        "channels[0].kind: Telegram is configured in the [telegram] section",
    ),
    (
        "apprise without url",
        {"channels": [{"name": "s", "kind": "apprise"}]},
        "channels[0].url: Field required",
    ),
    (
        "apprise bad url",
        {"channels": [{"name": "s", "kind": "apprise", "url": "nourl"}]},
        "channels[0].url: must be an Apprise URL",
    ),
    (
        "unknown channel kind",
        {"channels": [{"name": "s", "kind": "pigeon"}]},
        "channels[0]: unknown kind 'pigeon'; valid kinds: apprise, console",
    ),
    (
        "bad chat",
        {"telegram": {"channels": ["hmi digests"]}},
        "telegram.channels: 'hmi digests' is not a chat id",
    ),
    (
        "bad api base",
        {"telegram": {"api_base_url": "api.telegram.org"}},
        "telegram.api_base_url: must be an http(s) URL",
    ),
    (
        "bad backfill",
        {"delivery": {"backfill": "forever"}},
        "delivery.backfill: 'forever' is not a duration",
    ),
    ("bad daily time", {"delivery": {"daily_time": "25:00"}}, "delivery.daily_time: must be HH:MM"),
    (
        "bad time zone",
        {"delivery": {"timezone": "Mars/Olympus"}},
        "delivery.timezone: unknown time zone",
    ),
    ("bad listen", {"service": {"listen": "8080"}}, "service.listen: must be HOST:PORT"),
    ("bad log level", {"service": {"log_level": "loud"}}, "service.log_level: Input should be"),
]


@pytest.mark.parametrize(("case", "data"), GOOD, ids=[c for c, _ in GOOD])
def test_good_configs_validate(case: str, data: dict) -> None:
    parse(data, environ={})


@pytest.mark.parametrize(("case", "data", "expected"), BAD, ids=[c for c, _, _ in BAD])
def test_bad_configs_name_the_field(case: str, data: dict, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse(data, environ={})
    assert any(p.startswith(expected) or expected in p for p in info.value.problems), (
        info.value.problems
    )


def test_every_wrong_field_is_reported_at_once() -> None:
    data = {
        "state": {"url": "nonsense"},
        "sources": [
            FEED | {"url": "ftp://x"},
            FEED | {"name": "b", "kind": "nope"},
            FEED | {"name": "c", "interval": "x"},
        ],
    }
    with pytest.raises(ConfigError) as info:
        parse(data, environ={})
    paths = sorted(p.split(":")[0] for p in info.value.problems)
    assert paths == ["sources[0].url", "sources[1]", "sources[2].interval", "state.url"]


def test_environment_overrides_any_setting() -> None:
    env = {
        "INSPECTWATCH_STATE__URL": "sqlite:///other.db",
        "INSPECTWATCH_SOURCES__0__INTERVAL": "5m",
        "INSPECTWATCH_TELEGRAM__ADMINS": "[7, 8]",
        "INSPECTWATCH_DELIVERY__MAX_FIGURES": "4",
    }
    config = parse({"sources": [FEED]}, environ=env)
    assert config.state.url == "sqlite:///other.db"
    assert config.sources[0].interval == timedelta(minutes=5)
    assert config.telegram.admins == (7, 8)
    assert config.delivery.max_figures == 4


def test_environment_override_is_validated_too() -> None:
    with pytest.raises(ConfigError) as info:
        parse({"sources": [FEED]}, environ={"INSPECTWATCH_SOURCES__0__URL": "gopher://x"})
    assert info.value.problems[0].startswith("sources[0].url")
    with pytest.raises(ConfigError) as info:
        parse({}, environ={"INSPECTWATCH_SOURCES__3__URL": "http://x"})
    assert "INSPECTWATCH_SOURCES__3__URL" in info.value.problems[0]


def test_missing_file_is_one_clean_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load(tmp_path / "absent.toml", environ={})
    assert "no such file" in str(info.value)


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[state\nurl = 1", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load(path, environ={})
    assert "not valid TOML" in str(info.value)


def test_token_comes_from_environment_or_file(tmp_path: Path) -> None:
    config = parse({}, environ={})
    assert telegram_token(config, {}) is None
    assert telegram_token(config, {"TELEGRAM_BOT_TOKEN": " 123:abc "}) == "123:abc"
    f = tmp_path / "token"
    f.write_text("456:def\n", encoding="utf-8")
    config = parse({"telegram": {"token_file": str(f)}}, environ={})
    assert telegram_token(config, {}) == "456:def"
    with pytest.raises(ConfigError):
        telegram_token(parse({"telegram": {"token_file": str(tmp_path / "none")}}, environ={}), {})


def test_fast_polling_of_a_remote_host_warns_but_localhost_does_not() -> None:
    config = parse(
        {
            "sources": [
                FEED | {"interval": "30s"},
                {"name": "l", "kind": "feed", "url": "http://127.0.0.1:9/f", "interval": "2s"},
            ]
        },
        environ={},
    )
    ws = warnings(config)
    assert len(ws) == 1 and ws[0].startswith("sources[0].interval")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("15m", 900),
        ("1h30m", 5400),
        ("3d", 259200),
        ("2w", 1209600),
        ("3 days", 259200),
        ("45", 45),
        ("1.5h", 5400),
    ],
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text).total_seconds() == seconds
    assert parse_duration(format_duration(parse_duration(text))) == parse_duration(text)


@pytest.mark.parametrize("text", ["", "soon", "5 monkeys", "m", "-1", "3x"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_sub_second_durations_survive_validation() -> None:
    config = parse(
        {"fetch": {"connect_timeout": "0.3s", "deadline": "1.5s"}, "sources": [FEED]}, environ={}
    )
    assert config.fetch.connect_timeout.total_seconds() == 0.3
    assert config.fetch.deadline.total_seconds() == 1.5
    assert format_duration(config.fetch.deadline) == "1.5s"
