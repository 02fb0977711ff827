"""The Telegram bot: thin command handlers, one module per concern, one Application.

`build_application(token, settings, store, ...)` registers every handler;
`start_bot(app)` / `stop_bot(app)` run it inside the service's event loop.
"""

from bots.telegram_bot.application import COMMANDS, build_application, start_bot, stop_bot
from bots.telegram_bot.services import BotServices

__all__ = ["COMMANDS", "BotServices", "build_application", "start_bot", "stop_bot"]
