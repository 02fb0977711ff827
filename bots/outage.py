"""An outbox that cannot be written (a read-only or full disk, a deleted SQLite file).

A send that cannot be recorded would be sent again on the next pass, and again: so the
delivery worker holds such acknowledgements here and sends nothing until the database
takes a write (`state.probe`) and they are recorded. The admins are told once per
outage, straight through the Telegram channel (the outbox cannot hold the notice), and
once through the outbox when it is over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from bots.channels.base import Channel
from bots.channels.messages import Part
from bots.redaction import redact
from state import Store
from state import deliveries as deliveries_repo
from state.probe import write_error, write_problem

log = logging.getLogger("bots.delivery")
T = TypeVar("T")
RESUMED = "inspectwatch can write its database again; sending resumes."


class Outage:
    """Whether the outbox can record sends now, and what was sent but not recorded."""

    def __init__(
        self,
        store: Store,
        channels: Mapping[str, Channel],
        admins: tuple[int | str, ...],
        clock: Callable[[], datetime],
    ) -> None:
        self.store = store
        self.channels = channels
        self.admins = tuple(str(a) for a in admins)
        self.clock = clock
        self.problem: str | None = None  # why the outbox cannot be written now
        self.failures = 0  # checks failed in a row (for the backoff)
        self._told = False
        # Sent but not yet recorded: delivery id -> [(message id, last part)], in order.
        self._held: dict[int, list[tuple[str, bool]]] = {}

    def hold(self, delivery_id: int, message_id: str, last: bool) -> None:
        self._held.setdefault(delivery_id, []).append((message_id, last))

    async def file_ok(self) -> bool:
        """A stat of the SQLite file, cheap enough for every pass."""
        vanished = self.store.file_problem()
        if vanished is not None:
            await self.failed(vanished)
            return False
        return True

    async def ready(self) -> bool:
        """The outbox takes a write, and what was held is now recorded."""
        problem = await _thread(write_problem, self.store)
        if problem is None and self._held:
            problem = await _thread(self._record_held)
        if problem is not None:
            await self.failed(problem)
            return False
        if self.problem is not None:
            log.warning("the outbox can be written again: sending resumes")
            if self._told:
                with contextlib.suppress(Exception):  # best effort, as the outage notice
                    await _thread(self._queue_notice, RESUMED)
            self.problem, self.failures, self._told = None, 0, False
        return True

    async def explains_failure(self) -> bool:
        """A delivery pass failed: is it this? (SQLite's read-only file fails even a read,
        which begins IMMEDIATE.) If so, it counts as a failed check."""
        try:
            problem = await _thread(write_problem, self.store)
        except Exception:  # the probe itself failing says the same
            problem = "the write probe failed"
        if problem is None:
            return False
        await self.failed(problem)
        return True

    async def failed(self, problem: str) -> None:
        if self.problem is None:
            log.error("cannot write the outbox (%s): nothing more is sent until it can", problem)
        self.problem = problem
        self.failures += 1
        if not self._told:
            self._told = True
            await self._tell_admins(
                f"inspectwatch cannot write its database ({problem}). Sending is paused "
                "until it can; nothing will be sent twice."
            )

    async def _tell_admins(self, text: str) -> None:
        channel = self.channels.get("telegram")
        if channel is None:
            return
        for admin in self.admins:
            try:
                await channel.send_part(admin, Part(text), "private")
            except Exception as exc:  # the alert is best effort; the log has it too
                log.warning("could not tell admin %s: %s", admin, redact(str(exc)))

    def _record_held(self) -> str | None:
        for delivery_id in list(self._held):
            try:
                with self.store.transaction() as s:
                    for message_id, last in self._held[delivery_id]:
                        deliveries_repo.record_part(
                            s, delivery_id, message_id, last=last, now=self.clock()
                        )
            except Exception as exc:  # still not recorded: keep holding it
                return write_error(exc)
            del self._held[delivery_id]
        return None

    def _queue_notice(self, text: str) -> None:
        from bots.admins import notify_admins

        notify_admins(self.store, text, [int(a) for a in self.admins], now=self.clock())


async def _thread(fn: Callable[..., T], *args: Any) -> T:
    return await asyncio.to_thread(fn, *args)
