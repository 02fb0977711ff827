"""Starting the Telegram bot without letting Telegram stop the service: tried in the
background, again with backoff while Telegram cannot be reached or is slow; a rejected
token is one clear error line and the bot stays off. Polling, the outbox and /healthz
(which shows the channel as down) go on meanwhile."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger("inspectwatch.service")

FIRST_RETRY = 2.0
MAX_RETRY = 60.0


def rejected(reason: str) -> bool:
    """Does a start failure say the token itself is wrong (no retry will help)?"""
    low = reason.lower()
    return "token was rejected" in low or "unauthorized" in low or "invalid token" in low


async def keep_starting(
    build: Callable[[], Any],
    start: Callable[[Any], Any],
    stop: Callable[[Any], Any],
    stopping: asyncio.Event,
    on_state: Callable[[str, Any | None], None],
) -> None:
    """Build and start the bot until it runs, the token is refused, or the service stops.
    `on_state(state, app)` hears "up" (with the running app), "down: ..." and "off: ...".
    """
    from bots.telegram_bot.application import BotStartError

    delay = FIRST_RETRY
    while not stopping.is_set():
        app = build()
        try:
            await start(app)
        except BotStartError as exc:
            with contextlib.suppress(Exception):  # half-started: release what it opened
                await stop(app)
            reason = str(exc)
            if rejected(reason):
                log.error("%s; the bot is off until the token is fixed", reason)
                on_state("off: the bot token was rejected", None)
                return
            log.warning("%s; trying again in %.0fs", reason, delay)
            on_state(f"down: {reason}", None)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), delay)
            delay = min(delay * 2, MAX_RETRY)
        else:
            on_state("up", app)
            return
