"""Rendering per channel kind, from one document model (`document.Doc`).

Builders (`digest.py`, `lists.py`) turn digests and figure histories into a `Doc` of
paragraphs of styled spans; serialisers turn a `Doc` into what a channel sends: Telegram
HTML split to its limits (`telegram_html.py`), Markdown (`markdown.py`), plain text
(`plain.py`). Nothing here escapes by hand outside the serialisers.
"""

from bots.render.document import Block, Doc, Span

__all__ = ["Block", "Doc", "Span"]
