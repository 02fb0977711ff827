"""When each source is due, on the monotonic clock, so that wall-clock steps (NTP, a VM
resumed, an operator's `date -s`) neither stop polling nor set every source off at once.

The database keeps each source's next due time as a wall-clock time (for people and for a
restart). The running service reads it once per source, as a delay from now capped at what
the source could legitimately wait, and from then on counts in monotonic seconds only.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from state.clock import utcnow

DAY = timedelta(days=1)


class Schedule:
    """Monotonic due times by source name."""

    def __init__(
        self,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = utcnow,
    ) -> None:
        self.monotonic = monotonic
        self.wall = wall
        self._due: dict[str, float] = {}

    def known(self, name: str) -> bool:
        return name in self._due

    def learn(
        self, name: str, stored: datetime | None, *, interval: timedelta, failing: bool
    ) -> None:
        """First sight of a source: its stored due time as a delay from now, never longer
        than its interval (a day while it is failing and backing off), so a clock stepped
        back since it was stored cannot make it wait for ever."""
        delay = 0.0 if stored is None else (stored - self.wall()).total_seconds()
        cap = (DAY if failing else interval).total_seconds()
        self._due[name] = self.monotonic() + min(max(delay, 0.0), cap)

    def polled(self, name: str, started: float, delay: timedelta) -> None:
        """A poll that began at monotonic `started` asked to be next due `delay` later."""
        self._due[name] = started + max(delay.total_seconds(), 0.0)

    def due(self, names: Iterable[str]) -> list[str]:
        now = self.monotonic()
        return [n for n in names if self._due.get(n, now) <= now]

    def forget(self, keep: Iterable[str]) -> None:
        keep = set(keep)
        self._due = {n: t for n, t in self._due.items() if n in keep}
