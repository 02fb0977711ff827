"""SIGHUP: read the config again. A valid one takes effect without a restart (sources,
intervals, [[channels]], delivery, Telegram broadcast chats and admins); an invalid one is
refused with its errors and the running config is kept. What a running process cannot
change in place (the database, the listen address, fetch limits, the bot's token and API)
keeps its old value until a restart, and the log says so."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from watcher.config import Config, ConfigError, channel_problems, load, telegram_token


def read_new(path: Path, environ: Mapping[str, str] | None) -> Config:
    """The config as it is on disk now; ConfigError (all its problems) when unusable."""
    new = load(path, environ)
    problems = channel_problems(new, telegram_token(new, environ))
    if problems:
        raise ConfigError(problems, path)
    return new


def _bot_part(config: Config):
    return config.telegram.model_copy(update={"channels": (), "admins": ()})


def restart_only(old: Config, new: Config) -> list[str]:
    """The settings that changed but take effect only after a restart."""
    out = []
    if old.state != new.state:
        out.append("state")
    if old.service.listen != new.service.listen:
        out.append("service.listen")
    if old.fetch != new.fetch:
        out.append("fetch")
    if _bot_part(old) != _bot_part(new):
        out.append("telegram (token, API or updates)")
    return out


def merge(old: Config, new: Config) -> Config:
    """`new`, with the old value kept wherever only a restart could apply the new one."""
    telegram = _bot_part(old).model_copy(
        update={"channels": new.telegram.channels, "admins": new.telegram.admins}
    )
    service = new.service.model_copy(update={"listen": old.service.listen})
    return new.model_copy(
        update={"state": old.state, "fetch": old.fetch, "telegram": telegram, "service": service}
    )


def delivery_changed(old: Config, new: Config) -> bool:
    """Do channels or chats need opening again?"""
    return (
        old.channels != new.channels
        or old.delivery != new.delivery
        or old.telegram.channels != new.telegram.channels
        or old.telegram.admins != new.telegram.admins
    )
