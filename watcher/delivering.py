"""The delivery side as the CLI commands see it: channels built from the config, the
config's chats synced into state, and the outbox drained once (`poll --once`, `replay`)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bots.channels.base import Channel
from bots.channels.errors import DeliveryError
from bots.daily import DailySchedule
from bots.delivery import DeliveryWorker, DrainReport
from bots.destinations import build_channels, close_channels, sync_config_chats
from state import Store
from watcher.config import Config, telegram_token
from watcher.logs import REDACTOR

log = logging.getLogger(__name__)


def log_delivery(event: str, channel: str) -> None:
    """Each message delivered, at -v (failures are logged by the worker itself)."""
    if event == "sent":
        log.info("delivered a message via %s", channel)


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

    def worker(self, channels: dict[str, Channel] | None = None, **kwargs) -> DeliveryWorker:
        kwargs.setdefault("admins", tuple(self.config.telegram.admins) if self.token else ())
        return DeliveryWorker(
            self.store,
            self.channels if channels is None else channels,
            daily=DailySchedule.parse(
                self.config.delivery.daily_time, self.config.delivery.timezone
            ),
            **kwargs,
        )

    async def _reachable(self) -> dict[str, Channel]:
        """The channels that can send now. A channel that cannot even start (Telegram away,
        the token rejected) is said once; its deliveries stay pending for the next run
        rather than being retried, line after line, for the rest of this one."""
        usable = dict(self.channels)
        for key, channel in self.channels.items():
            try:
                await channel.start()
            except DeliveryError as exc:
                log.error("%s: %s; its deliveries stay pending", key, exc.reason.rstrip("."))
                del usable[key]
        return usable

    async def drain(self, max_wait: float = 30.0) -> DrainReport:
        worker = self.worker(await self._reachable(), on_event=log_delivery)
        try:
            return await worker.drain(until_idle=True, max_wait=max_wait)
        finally:
            await close_channels(self.channels)

    def drain_now(self, max_wait: float = 30.0) -> DrainReport:
        """Send what the outbox holds and return; retries due later stay pending."""
        return asyncio.run(self.drain(max_wait))
