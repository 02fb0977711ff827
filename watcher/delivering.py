"""The delivery side as the CLI commands see it: channels built from the config, the
config's chats synced into state, and the outbox drained once (`poll --once`, `replay`)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bots.channels.base import Channel
from bots.daily import DailySchedule
from bots.delivery import DeliveryWorker, DrainReport
from bots.destinations import build_channels, close_channels, sync_config_chats
from state import Store
from watcher.config import Config, telegram_token
from watcher.logs import REDACTOR

log = logging.getLogger(__name__)


@dataclass
class Destinations:
    """Channels for this run; chats named by the config are in state before any digest is
    made, so the outbox rows written with each digest include them."""

    config: Config
    store: Store
    channels: dict[str, Channel]
    token: str | None

    @classmethod
    def open(cls, config: Config, store: Store, environ=None) -> Destinations:
        token = telegram_token(config, environ)
        REDACTOR.add(token)
        channels = build_channels(
            config.channels,
            telegram=config.telegram,
            token=token,
            max_figures=config.delivery.max_figures,
        )
        report = sync_config_chats(store, channels, config.telegram)
        for what, names in (
            ("added", report.added),
            ("changed", report.changed),
            ("retired", report.retired),
        ):
            for name in names:
                log.info("config chat %s: %s", what, name)
        return cls(config, store, channels, token)

    def worker(self, **kwargs) -> DeliveryWorker:
        kwargs.setdefault("admins", tuple(self.config.telegram.admins) if self.token else ())
        return DeliveryWorker(
            self.store,
            self.channels,
            daily=DailySchedule.parse(
                self.config.delivery.daily_time, self.config.delivery.timezone
            ),
            **kwargs,
        )

    async def drain(self, max_wait: float = 30.0) -> DrainReport:
        worker = self.worker()
        try:
            return await worker.drain(until_idle=True, max_wait=max_wait)
        finally:
            await close_channels(self.channels)

    def drain_now(self, max_wait: float = 30.0) -> DrainReport:
        """Send what the outbox holds and return; retries due later stay pending."""
        return asyncio.run(self.drain(max_wait))
