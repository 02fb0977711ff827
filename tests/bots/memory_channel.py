"""An in-memory channel for worker tests: scripted failures, every send recorded."""

from __future__ import annotations

import itertools
import time
from collections import defaultdict, deque

from bots.channels.base import Channel, ChannelOptions
from bots.channels.messages import Item, Part
from bots.ratelimit import Limit
from bots.render.plain import to_plain


class Crash(BaseException):
    """Stands for kill -9: nothing after it runs (not even `except Exception`)."""


class MemoryChannel(Channel):  # not registered: tests must not add kinds to the config
    kind = "memory"

    def __init__(
        self, name: str = "memory", *, parts_of: int = 1, limits: list[Limit] | None = None
    ) -> None:
        super().__init__(ChannelOptions(name=name, kind="memory"))
        self.sent: list[tuple[str, str, float]] = []  # address, text, monotonic time
        self.refused: list[tuple[str, float]] = []  # address, monotonic time of a scripted failure
        self.script: dict[str, deque[BaseException | None]] = defaultdict(deque)
        self.crash_after_ack: int | None = None  # crash right after the nth acknowledged send
        self.parts_of = parts_of
        self.limits = limits or []
        self._ids = itertools.count(1)

    @property
    def key(self) -> str:
        return self.name

    def fail(self, address: str, *outcomes: BaseException | None) -> None:
        """The next sends to `address` raise these in turn (None: succeed)."""
        self.script[address].extend(outcomes)

    def render(self, item: Item) -> list[Part]:
        text = to_plain(self.document(item))
        if self.parts_of == 1:
            return [Part(text)]
        return [Part(f"[{i + 1}/{self.parts_of}] {text[:40]}") for i in range(self.parts_of)]

    def rate_limits(self, address: str, chat_type: str) -> list[Limit]:
        return [Limit(k.key.format(address=address), k.count, k.per, k.shared) for k in self.limits]

    async def send_part(self, address: str, part: Part, chat_type: str = "private") -> str:
        if self.script[address]:
            outcome = self.script[address].popleft()
            if outcome is not None:
                self.refused.append((address, time.monotonic()))
                raise outcome
        self.sent.append((address, part.text, time.monotonic()))
        if self.crash_after_ack is not None and len(self.sent) >= self.crash_after_ack:
            raise Crash()
        return str(next(self._ids))

    def texts(self, address: str) -> list[str]:
        return [t for a, t, _ in self.sent if a == address]
