"""Sending answers: everything through the Telegram HTML renderer, split to the limits."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ParseMode

from bots.render.document import Doc, DocBuilder
from bots.render.telegram_html import to_html


def text_doc(*paragraphs: str, bold_first: bool = False) -> Doc:
    """Plain paragraphs (escaped like any value); optionally the first in bold."""
    b = DocBuilder()
    for i, p in enumerate(paragraphs):
        b.paragraph().add(p, bold=bold_first and i == 0)
    return b.build()


async def reply(
    update: Update,
    content: Doc | str,
    *,
    buttons: InlineKeyboardMarkup | None = None,
    preview: bool = False,
) -> None:
    """Answer in the chat the update came from; buttons go on the last part."""
    message = update.effective_message
    if message is None:
        return
    doc = text_doc(content) if isinstance(content, str) else content
    parts = to_html(doc)
    for i, part in enumerate(parts):
        await message.reply_text(
            part,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=not preview),
            reply_markup=buttons if i == len(parts) - 1 else None,
            do_quote=False,
        )
