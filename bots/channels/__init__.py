"""Channel kinds. Each is one module, imported here: this is the one place a kind is registered."""

from bots.channels import apprise, console, telegram  # noqa: F401  (registers the kinds)
from bots.channels.base import Channel, ChannelOptions

__all__ = ["Channel", "ChannelOptions", "kinds"]


def kinds() -> list[str]:
    return sorted(Channel.registry)
