"""Markdown for Apprise destinations (Slack, Discord, Matrix, ...): values escaped."""

from __future__ import annotations

import re

from bots.render.document import Doc, Span

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")
_LINE_START = re.compile(r"(^|\n)([ ]*)([#>+-]|\d+\.)", re.MULTILINE)


def escape(text: str) -> str:
    """Backslash what Markdown reads as syntax anywhere, and what starts a heading or list."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}", text)


def span_markdown(span: Span) -> str:
    text = span.text
    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    out = escape(core)
    if span.code:
        out = f"`{core.replace('`', 'ˋ')}`"
    if span.bold:
        out = f"**{out}**"
    if span.italic:
        out = f"_{out}_"
    if span.href:
        url = span.href.replace("(", "%28").replace(")", "%29")
        out = f"[{out}]({url})"
    return lead + out + trail


def to_markdown(doc: Doc) -> str:
    return "\n\n".join("".join(span_markdown(s) for s in block.spans) for block in doc.blocks)
