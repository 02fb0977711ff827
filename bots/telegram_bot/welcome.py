"""/start and /help: what the bot does and how to use it, with real examples.

Commands are written plainly so Telegram makes each one tappable; a tap sends the command
alone, so every command that needs an argument asks for it with buttons when it has none.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bots.render.document import DocBuilder
from bots.telegram_bot.replies import reply
from bots.telegram_bot.services import ChatRef, ensure_chat, run_db

HELP = (
    ("Find", (
        ("/measures", "the measures reports are read for, grouped; tap one for its history"),
        ("/topics", "topics to follow, one tap each"),
        ("/figure", "a measure's history, e.g. /figure average caseload, or a place: /figure Essex North"),
        ("/trend", "the same as a chart, e.g. /trend staff vacancies"),
        ("/latest", "the last digests; /latest 5 for five"),
        ("/sources", "what is watched and whether it works"),
    )),
    ("Follow", (
        ("/subscribe", "every digest; or a source, topic, measure or place: /subscribe domestic abuse"),
        ("/subscribe", 'with filters: /subscribe Essex North only:"domestic abuse" not:youth when:worse'),
        ("/unsubscribe", "stop everything; /unsubscribe domestic abuse for one"),
        ("/list", "what this chat receives, and how"),
    )),
    ("Receive", (
        ("/mode", "instant, daily or weekly: /mode daily 08:00, /mode weekly friday 17:00"),
        ("/timezone", "the chat's time zone: /timezone Europe/London"),
        ("/mute", "digests arrive silently; /unmute to undo"),
        ("/pause", "nothing is sent, subscriptions kept; /resume to undo"),
        ("/previews", "link previews: /previews on or /previews off"),
        ("/export", "this chat's subscriptions as a file; send it back with the caption /import"),
    )),
)  # fmt: skip


def help_doc(intro: bool):
    b = DocBuilder()
    if intro:
        b.paragraph().add("inspectwatch", bold=True)
        b.add(
            " reads the reports of HM Inspectorate of Probation and the blogs that discuss "
            "them, pulls out the key figures and tells you how they compare with earlier reports."
        )
        b.paragraph().add("Send /subscribe to receive every new digest here, or /topics to choose.")
    for heading, rows in HELP:
        b.paragraph().add(heading, bold=True)
        for command, what in rows:
            b.line().add(f"{command} – {what}")
    b.paragraph().add(
        "In a group, only its administrators can change what it receives. A subscription made "
        "inside a forum topic posts to that topic.",
        italic=True,
    )
    return b.build()


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome the user and remember the chat."""
    await run_db(context, ensure_chat, ChatRef.of(update))
    await reply(update, context, help_doc(intro=True))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands, with examples."""
    await reply(update, context, help_doc(intro=False))
