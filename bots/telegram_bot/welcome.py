"""/start and /help: what the bot does and how to use it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bots.render.document import DocBuilder
from bots.telegram_bot.replies import reply
from bots.telegram_bot.services import ChatRef, ensure_chat, run_db

HELP = (
    ("/subscribe", "every digest; /subscribe <source, tag or topic> for some"),
    ("/unsubscribe", "stop everything; /unsubscribe <name> for one"),
    ("/list", "what this chat receives"),
    ("/latest [n]", "the last digests"),
    ("/figure <measure>", "the history of a measure: values, dates, sources"),
    ("/trend <measure>", "that history as a chart"),
    ("/sources", "what is watched and whether it is healthy"),
    ("/mode instant|daily", "one message per report, or one a day"),
)


def help_doc(intro: bool):
    b = DocBuilder()
    if intro:
        b.paragraph().add("inspectwatch", bold=True)
        b.add(
            " reads the reports of HM Inspectorate of Probation and the blogs that discuss "
            "them, pulls out the key figures and tells you how they compare with earlier reports."
        )
        b.paragraph().add("Send /subscribe to receive every new digest here.")
    b.paragraph().add("Commands", bold=True)
    for command, what in HELP:
        b.line().add(command, code=True).add(f" – {what}")
    b.paragraph().add(
        "In a group, only its administrators can change what it receives.", italic=True
    )
    return b.build()


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome the user and remember the chat."""
    await run_db(context, ensure_chat, ChatRef.of(update))
    await reply(update, help_doc(intro=True))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands."""
    await reply(update, help_doc(intro=False))
