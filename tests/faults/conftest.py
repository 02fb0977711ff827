"""Fault tests: the fakes (feed server, Telegram Bot API). Helpers that run the installed
command are in tests/running.py."""

from tests.fakes.feed_server import feed_server  # noqa: F401  (fixture)
from tests.fakes.telegram_api import telegram_api  # noqa: F401  (fixture)
