"""From the config to destinations: channel objects, and the chats the config names.

`build_channels` turns the `[telegram]` section (with a token) and the `[[channels]]`
entries into channel objects keyed as `Chat.channel` names them: "telegram", and
"<kind>:<name>" for the others. With neither a token nor any `[[channels]]`, digests go
to a console channel.

`sync_config_chats` makes the chats the config names exist, subscribed as the config says
("all" unless it declares sources/tags/topics), and retires configured chats that were
removed from the config.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from bots.channels.base import Channel, ChannelOptions
from bots.channels.console import ConsoleChannel, ConsoleOptions
from bots.channels.telegram import TelegramChannel, TelegramSettings
from state import Store
from state import chats as chats_repo
from state import deliveries as deliveries_repo

DEFAULT_CONSOLE = "console"


def build_channels(
    channel_options: Iterable[ChannelOptions] = (),
    *,
    telegram: TelegramSettings | None = None,
    token: str | None = None,
    max_figures: int = 6,
    stream: TextIO | None = None,
) -> dict[str, Channel]:
    """Channel objects by key. Telegram only with a token; console when nothing else is set."""
    channels: dict[str, Channel] = {}
    if token:
        tg = TelegramChannel(telegram or TelegramSettings(), token, max_figures=max_figures)
        channels[tg.key] = tg
    for opts in channel_options:
        cls = Channel.registry[opts.kind]
        kwargs: dict = {"max_figures": max_figures}
        if cls is ConsoleChannel:
            kwargs["stream"] = stream
        channel = cls(opts, **kwargs)
        if channel.key in channels:
            raise ValueError(f"channels: two destinations named {opts.name!r}")
        channels[channel.key] = channel
    if not channels:
        console = ConsoleChannel(
            ConsoleOptions(name=DEFAULT_CONSOLE), stream=stream, max_figures=max_figures
        )
        channels[console.key] = console
    return channels


async def close_channels(channels: Mapping[str, Channel]) -> None:
    for channel in channels.values():
        await channel.close()


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)


def telegram_chat_type(address: str) -> str:
    """What a configured Telegram address is: @name and -100… ids are channels/supergroups."""
    if address.startswith("@"):
        return "channel"
    if address.startswith("-100"):
        return "supergroup"
    return "group" if address.startswith("-") else "private"


def wanted_subscriptions(options: ChannelOptions) -> list[tuple[str, str]]:
    wanted = [("source", v) for v in options.sources]
    wanted += [("tag", v) for v in options.tags]
    wanted += [("topic", v) for v in options.topics]
    return wanted or [("all", "")]


def sync_config_chats(
    store: Store,
    channels: Mapping[str, Channel],
    telegram: TelegramSettings | None = None,
) -> SyncReport:
    """Create/update the chats the config names; retire those it no longer names.

    Telegram chats in `[telegram].channels` are synced only when a Telegram channel exists
    (a token is set): without one nothing could deliver to them.
    """
    targets: dict[tuple[str, str], tuple[str, list[tuple[str, str]]]] = {}
    if "telegram" in channels and telegram is not None:
        for address in telegram.channels:
            targets[("telegram", address)] = (telegram_chat_type(address), [("all", "")])
    for key, channel in channels.items():
        if key == "telegram":
            continue
        targets[(key, channel.name)] = ("channel", wanted_subscriptions(channel.options))
    report = SyncReport()
    with store.transaction() as s:
        for (channel_key, address), (chat_type, wanted) in targets.items():
            existing = chats_repo.get(s, channel_key, address)
            chat = chats_repo.ensure(s, channel_key, address, chat_type=chat_type, from_config=True)
            if existing is None:
                chat.chat_type = chat_type
            if chats_repo.set_subscriptions(s, chat, wanted):
                (report.added if existing is None else report.changed).append(
                    f"{channel_key}:{address}"
                )
        for chat in chats_repo.config_chats(s):
            if (chat.channel, chat.address) in targets:
                continue
            chat.from_config = False
            if chat.active:
                chats_repo.deactivate(s, chat, "removed from the config")
                deliveries_repo.fail_pending_for_chat(s, chat.id, "chat removed from the config")
            report.retired.append(f"{chat.channel}:{chat.address}")
    return report
