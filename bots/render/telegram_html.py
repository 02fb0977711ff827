"""Telegram's HTML parse mode: every value escaped, only Telegram's tags, split to its limits.

A message holds at most 4096 characters of text after entity parsing, counted in UTF-16
code units; a photo caption 1024. Text is split between paragraphs first, then between
lines, then between words, and only as a last resort inside a word; every piece of a
split span is wrapped in its own tags, so no message ever ends inside a tag.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bots.render.document import Doc, Span, utf16_len

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024

_PARAGRAPH, _LINE, _SPACE, _TEXT = 3, 2, 1, 0
_PIECES = re.compile(r"\n|[^\S\n]+|[^\s]+")


@dataclass(frozen=True, slots=True)
class _Atom:
    span: Span
    kind: int  # how good a place to break it is: paragraph > line > space > text

    @property
    def size(self) -> int:
        return utf16_len(self.span.text)


def span_html(span: Span) -> str:
    """One span as Telegram HTML; the text and the URL escaped."""
    out = html.escape(span.text, quote=False)
    if span.code:
        out = f"<code>{out}</code>"
    if span.bold:
        out = f"<b>{out}</b>"
    if span.italic:
        out = f"<i>{out}</i>"
    if span.href:
        out = f'<a href="{html.escape(span.href, quote=True)}">{out}</a>'
    return out


def to_html(doc: Doc, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The document as one or more Telegram HTML messages, each within `limit`."""
    return [_serialise(chunk) for chunk in _chunks(_atoms(doc, limit), limit)]


def to_caption(doc: Doc, limit: int = CAPTION_LIMIT) -> str:
    """The document as one caption within `limit`, cut with an ellipsis when it is longer."""
    chunks = _chunks(_atoms(doc, limit - 1), limit - 1)
    if not chunks:
        return ""
    first = chunks[0]
    if len(chunks) > 1:
        first = [*first, _Atom(Span("…"), _TEXT)]
    return _serialise(first)


def visible_length(doc: Doc) -> int:
    """What Telegram would count for the whole document in one message."""
    return sum(a.size for a in _atoms(doc, 10**9))


def _atoms(doc: Doc, limit: int) -> list[_Atom]:
    out: list[_Atom] = []
    for i, block in enumerate(doc.blocks):
        if i:
            out.append(_Atom(Span("\n\n"), _PARAGRAPH))
        for span in block.spans:
            for m in _PIECES.finditer(span.text):
                piece = m.group(0)
                kind = _LINE if piece == "\n" else _SPACE if piece.isspace() else _TEXT
                if kind == _TEXT and utf16_len(piece) > limit:
                    out.extend(_Atom(span.with_text(p), _TEXT) for p in _hard_split(piece, limit))
                else:
                    out.append(_Atom(span.with_text(piece), kind))
    return out


def _hard_split(word: str, limit: int) -> list[str]:
    """A word longer than a message, cut between code points (never inside a pair)."""
    pieces, current, size = [], [], 0
    for ch in word:
        n = utf16_len(ch)
        if size + n > limit:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(ch)
        size += n
    if current:
        pieces.append("".join(current))
    return pieces


def _chunks(atoms: list[_Atom], limit: int) -> list[list[_Atom]]:
    chunks: list[list[_Atom]] = []
    current: list[_Atom] = []
    size = 0
    for atom in atoms:
        while current and size + atom.size > limit:
            cut = _best_break(current)
            head, rest = (current, []) if cut is None else (current[:cut], current[cut + 1 :])
            chunks.append(head)
            current = _lstrip(rest)
            size = sum(a.size for a in current)
        if atom.kind != _TEXT and not current:
            continue  # no message starts with a break
        current.append(atom)
        size += atom.size
    if current:
        chunks.append(current)
    return [c for c in (_rstrip(c) for c in chunks) if any(a.span.text.strip() for a in c)]


def _best_break(atoms: list[_Atom]) -> int | None:
    """Index of the latest break of the best kind present (paragraph, then line, then space)."""
    best, where = _TEXT, None
    for i, atom in enumerate(atoms):
        if i and atom.kind >= best and atom.kind != _TEXT:
            best, where = atom.kind, i
    return where


def _lstrip(atoms: list[_Atom]) -> list[_Atom]:
    i = 0
    while i < len(atoms) and atoms[i].kind != _TEXT:
        i += 1
    return atoms[i:]


def _rstrip(atoms: list[_Atom]) -> list[_Atom]:
    j = len(atoms)
    while j and atoms[j - 1].kind != _TEXT:
        j -= 1
    return atoms[:j]


def _serialise(atoms: list[_Atom]) -> str:
    """Merge neighbouring atoms of one style back into spans, then write HTML."""
    spans: list[Span] = []
    for atom in atoms:
        span = atom.span
        if spans and _same_style(spans[-1], span):
            spans[-1] = spans[-1].with_text(spans[-1].text + span.text)
        else:
            spans.append(span)
    return "".join(span_html(s) for s in spans)


def _same_style(a: Span, b: Span) -> bool:
    return (a.bold, a.italic, a.code, a.href) == (b.bold, b.italic, b.code, b.href)
