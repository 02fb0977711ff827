"""What a command needs, built lazily from the command line: the config and the store."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from watcher.config import DEFAULT_CONFIG, Config, load

if TYPE_CHECKING:
    from state import Store


class Context:
    def __init__(self, config_path: str | None, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ
        self.config_path = Path(
            config_path or self.environ.get("INSPECTWATCH_CONFIG") or DEFAULT_CONFIG
        )

    @cached_property
    def config(self) -> Config:
        from watcher import logs

        config = load(self.config_path, self.environ)
        logs.use_config_format(config.service.log_format)
        return config

    def store(self, url: str | None = None, *, upgrade: bool = True) -> Store:
        """Open the database named by the config (or `url`), migrated and with the seed baseline."""
        from state import Store
        from state.baseline import ensure_baseline

        store = Store(url or self.config.state.url)
        if upgrade:
            store.upgrade()
            with store.transaction() as session:
                ensure_baseline(session)
        return store

    def existing_store(self, url: str | None = None) -> Store:
        """The database for a read-only command: never created or migrated here."""
        from state import Store

        return Store.existing(url or self.config.state.url)
