"""Sliding-window rate limits, keyed, with pauses (for 429's retry_after).

A `Limit` says "at most `count` sends per `per` seconds under `key`". A send takes a slot
in every limit that applies (overall, this chat, this group) or none. The server counts a
message when it arrives, somewhere between our start and our answer; so a slot is stamped
when the send starts (`try_acquire`) and restamped when it ends (`settle`), and the next
send only starts once the window measured from those end times allows it. Network delay
and pauses on our side can then never make two sends look closer together to the server
than the limit. Windows are also a little longer than the service's (`slack`).
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Limit:
    key: str
    count: int
    per: float  # seconds
    shared: bool = False  # True for limits every chat shares: waiting is better than skipping

    @classmethod
    def rate(cls, key: str, per_second: float, *, shared: bool = False) -> Limit:
        """A limit from a rate: 30/s -> 30 per 1s; 0.5/s -> 1 per 2s; 1/3 per s -> 1 per 3s."""
        count = max(1, math.floor(per_second))
        return cls(key, count, count / per_second, shared)


class Grant(NamedTuple):
    """The answer to `try_acquire`: wait `wait` seconds (a shared limit in the way or not),
    or go now (`wait == 0`) with a slot stamped `at`."""

    wait: float
    shared: bool
    at: float | None = None


class RateLimiter:
    """Keyed sliding windows on a monotonic clock (injectable for tests)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, slack: float = 0.02) -> None:
        self.clock = clock
        self.slack = slack
        self._windows: dict[str, deque[float]] = {}
        self._paused: dict[str, float] = {}

    def wait_time(self, limits: Iterable[Limit]) -> tuple[float, bool]:
        """Seconds until every limit has a free slot (0 when now), and whether a shared
        limit is the one in the way."""
        now = self.clock()
        worst, shared = 0.0, False
        for lim in limits:
            wait = self._paused.get(lim.key, 0.0) - now
            window = self._window(lim, now)
            if len(window) >= lim.count:
                wait = max(wait, window[0] + lim.per * (1 + self.slack) - now)
            if wait > worst:
                worst, shared = wait, lim.shared
        return worst, shared

    def try_acquire(self, limits: Iterable[Limit]) -> Grant:
        """Take a slot in every limit now, or take none and say how long to wait."""
        limits = list(limits)
        wait, shared = self.wait_time(limits)
        if wait > 0:
            return Grant(wait, shared)
        now = self.clock()
        for lim in limits:
            self._windows.setdefault(lim.key, deque()).append(now)
        return Grant(0.0, False, now)

    def settle(self, limits: Iterable[Limit], at: float) -> None:
        """The send that took its slots at `at` is over: count it from now."""
        now = self.clock()
        for lim in limits:
            window = self._windows.get(lim.key)
            if not window:
                continue
            for i in range(len(window) - 1, -1, -1):
                if window[i] == at:
                    window[i] = now
                    break

    def pause(self, key: str, seconds: float) -> None:
        """No slot under `key` for `seconds` (Telegram's retry_after)."""
        until = self.clock() + max(0.0, seconds)
        self._paused[key] = max(self._paused.get(key, 0.0), until)

    def _window(self, lim: Limit, now: float) -> deque[float]:
        window = self._windows.get(lim.key)
        if window is None:
            return deque()
        horizon = now - lim.per * (1 + self.slack)
        while window and window[0] <= horizon:
            window.popleft()
        if not window:
            del self._windows[lim.key]
        return window

    def forget_idle(self) -> None:
        """Drop expired pauses (windows drop themselves once empty)."""
        now = self.clock()
        self._paused = {k: v for k, v in self._paused.items() if v > now}
