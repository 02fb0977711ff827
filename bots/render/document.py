"""The document model every renderer shares: paragraphs of styled spans, values kept raw.

Values stay unescaped here; each serialiser escapes for its own format, so no builder can
forget to. `clean()` removes what no chat service accepts (control characters, lone
surrogates) from values as they enter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufff9-\ufffb]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MAX_URL = 2048


def clean(text: object) -> str:
    """A value as text any chat accepts: no control characters, no lone surrogates."""
    s = "" if text is None else str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    s = _SURROGATE.sub("\ufffd", s)
    return _CONTROL.sub("", s)


def one_line(text: object, limit: int | None = None) -> str:
    """A value on one line (titles, labels), shortened with an ellipsis past `limit`."""
    s = " ".join(clean(text).split())
    if limit is not None and len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s


def safe_url(url: object) -> str | None:
    """An http(s) URL fit for a link, or None: nothing else becomes a link."""
    if not url:
        return None
    s = clean(url).strip()
    if len(s) > _MAX_URL or any(ch.isspace() for ch in s):
        return None
    try:
        parts = urlsplit(s)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(unicodedata.category(ch).startswith("C") for ch in s):
        return None
    return s


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one style. `href` makes it a link (already checked by safe_url)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None

    def with_text(self, text: str) -> Span:
        return replace(self, text=text)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph. Messages break between paragraphs first, then between its lines."""

    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True, slots=True)
class Doc:
    """What a channel renders: paragraphs, and whether link previews make sense."""

    blocks: tuple[Block, ...]
    preview: bool = False
    title: str = ""  # for channels with a separate title (e-mail subject, Slack heading)


@dataclass
class DocBuilder:
    """Appends paragraphs; values pass through `clean` on the way in."""

    blocks: list[Block] = field(default_factory=list)
    _current: list[Span] | None = None

    def paragraph(self) -> DocBuilder:
        self._flush()
        self._current = []
        return self

    def add(self, text: object, **style: object) -> DocBuilder:
        if self._current is None:
            self._current = []
        value = clean(text)
        if value:
            self._current.append(Span(value, **style))  # type: ignore[arg-type]
        return self

    def line(self) -> DocBuilder:
        return self.add("\n")

    def link(self, text: object, url: object, **style: object) -> DocBuilder:
        href = safe_url(url)
        return self.add(text, href=href, **style)

    def _flush(self) -> None:
        if self._current:
            spans = _trim(self._current)
            if spans:
                self.blocks.append(Block(tuple(spans)))
        self._current = None

    def build(self, *, preview: bool = False, title: str = "") -> Doc:
        self._flush()
        return Doc(tuple(self.blocks), preview=preview, title=one_line(title, 250))


def _trim(spans: list[Span]) -> list[Span]:
    """Drop leading/trailing whitespace of a paragraph (Telegram trims it anyway)."""
    out = list(spans)
    while out and not out[0].text.strip():
        out.pop(0)
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        out[0] = out[0].with_text(out[0].text.lstrip())
        out[-1] = out[-1].with_text(out[-1].text.rstrip())
    return out
