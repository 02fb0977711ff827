"""What a failed send means to the delivery worker: one exception per way forward.

Channels translate their library's errors into these; the worker never looks at
python-telegram-bot's or Apprise's own. Messages are already free of secrets.
"""

from __future__ import annotations

from typing import Literal


class DeliveryError(Exception):
    """A send did not go through. `reason` is safe to store and show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RateLimited(DeliveryError):
    """Flood control: wait `retry_after` seconds (for this chat, or for every chat)."""

    def __init__(
        self, reason: str, retry_after: float, scope: Literal["chat", "all"] = "all"
    ) -> None:
        super().__init__(reason)
        self.retry_after = max(0.0, float(retry_after))
        self.scope = scope


class TemporaryFailure(DeliveryError):
    """Server error, timeout or dropped connection: try again later with backoff."""


class ChatGone(DeliveryError):
    """The bot was blocked, kicked, or the chat no longer exists: stop sending there."""


class ChatMoved(DeliveryError):
    """The group became a supergroup with a new id: move the chat and send again."""

    def __init__(self, reason: str, new_address: str) -> None:
        super().__init__(reason)
        self.new_address = new_address


class MessageRejected(DeliveryError):
    """The service refused this message (bad request): sending it again cannot help."""
