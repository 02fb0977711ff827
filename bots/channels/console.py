"""Prints digests to standard output: the default destination when no token is set."""

from __future__ import annotations

import itertools
import sys
from typing import Literal, TextIO

from bots.channels.base import Channel, ChannelOptions
from bots.channels.messages import DigestItem, Item, Part

RULE = "-" * 72


class ConsoleOptions(ChannelOptions):
    kind: Literal["console"] = "console"


class ConsoleChannel(Channel, kind="console"):
    """Plain text on stdout (or `stream`): the digest's own message, as `replay` shows it."""

    Options = ConsoleOptions

    def __init__(
        self, options: ConsoleOptions, *, max_figures: int = 6, stream: TextIO | None = None
    ) -> None:
        super().__init__(options, max_figures=max_figures)
        self.stream = stream
        self._ids = itertools.count(1)

    def render(self, item: Item) -> list[Part]:
        if isinstance(item, DigestItem) and item.digest.message.strip():
            text = item.digest.message.strip()
        else:
            from bots.render.plain import to_plain

            text = to_plain(self.document(item))
        return [Part(text, format="text")]

    async def send_part(self, address: str, part: Part, chat_type: str = "private") -> str:
        out = self.stream or sys.stdout
        print(f"{part.text}\n{RULE}", file=out, flush=True)
        return f"console-{next(self._ids)}"
