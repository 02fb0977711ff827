"""Prints digests to standard output: the default destination when no token is set."""

from __future__ import annotations

from typing import Literal

from bots.channels.base import Channel, ChannelOptions


class ConsoleOptions(ChannelOptions):
    kind: Literal["console"] = "console"


class ConsoleChannel(Channel, kind="console"):
    Options = ConsoleOptions
