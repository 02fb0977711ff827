"""Plain text: the console, and any channel that cannot show formatting."""

from __future__ import annotations

from bots.render.document import Doc, Span


def span_text(span: Span) -> str:
    if span.href and span.href != span.text.strip():
        return f"{span.text} <{span.href}>"
    return span.text


def to_plain(doc: Doc) -> str:
    return "\n\n".join("".join(span_text(s) for s in block.spans) for block in doc.blocks)
