"""Tokens and sentences with character offsets, so every figure keeps its exact text.

One regular-expression pass each; no normalisation that would shift offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from summariser.vocabulary import words_of

_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*"  # 12 | 1,234 | 3.8 | 12.2.3 (the last is no number; figures.py decides)
    r"|[^\W\d_]+(?:['’][^\W\d_]+)*"  # words, with inner apostrophes (NPS’s, don't)
    r"|[^\w\s]|_"  # any single other character
)


class Token(NamedTuple):
    """A word, a number or a single other character, with its absolute offsets. A named
    tuple: tokens are made by the tens of thousands and never changed."""

    text: str
    low: str
    start: int
    end: int
    glued: bool  # no whitespace between the previous token and this one
    newline: bool  # a line break between the previous token and this one
    para: bool = False  # a blank line between the previous token and this one
    wide: bool = False  # two or more spaces or a tab before it on its line (a table cell)

    @property
    def is_digits(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


_new_token = tuple.__new__  # builds a Token from a tuple of its fields, without the Python-level __new__


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end] with absolute offsets (the whole text by default)."""
    tokens: list[Token] = []
    end = len(text) if end is None else end
    prev_end = start
    while prev_end > 0 and text[prev_end - 1].isspace():
        prev_end -= 1  # the first token's gap reaches back over the spaces before it
    append = tokens.append
    new, cls = _new_token, Token
    for m in _TOKEN.finditer(text, start, end):
        s0, e0 = m.span()
        word = m.group()
        if s0 == prev_end:
            append(new(cls, (word, word.lower(), s0, e0, prev_end > 0, False, False, False)))
        elif s0 - prev_end == 1 and text[prev_end] == " ":
            append(new(cls, (word, word.lower(), s0, e0, False, False, False, False)))  # a single space
        else:
            breaks = text.count("\n", prev_end, s0)
            wide = s0 - prev_end > 1 and text[s0 - 2 : s0] in ("  ", "\t ", " \t", "\t\t") or text[s0 - 1] == "\t"
            append(new(cls, (word, word.lower(), s0, e0, False, breaks > 0, breaks > 1, wide and not breaks)))
        prev_end = e0
    return tokens


# Words whose full stop does not end a sentence.
_ABBREVIATIONS = words_of("""mr mrs ms dr prof st approx e.g eg i.e ie etc vs cf rt hon co ltd inc jan feb
    mar apr jun jul aug sep sept oct nov dec c ca est govt dept""")
_NUMBERING = words_of("no nos para paras fig figs pp vol")
"""Abbreviations only before a number ("No. 4", "para. 12"): "... too often, no. Then ..." ends."""
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?:[¹²³⁰⁴-⁹]+|\[\d{1,2}\])?(?=\s)")
"""A sentence's closing mark, with any quote or bracket after it and a footnote marker
after that ("... as before.² Next ...")."""
_BACK_TO_TOP = re.compile(r"\(Back to top\)", re.I)
BULLET = re.compile(r"\s*(?:[•*·▪◦‣●-]|–|\d{1,2}[.)]\s|\d{1,2}(?:\.\d{1,2})+\s|\(?[a-z]\)\s)")
"""How a list item or a numbered line opens."""


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of the sentences of `text`, in order.

    A sentence ends at . ! ? before a capital, digit, quote or line break (not after
    an abbreviation or an initial), at a blank line, and at a single line break unless
    the line looks hard-wrapped (a long line ending mid-phrase and the next line going on
    in lower case).
    """
    cuts: set[int] = set()
    n = len(text)
    for m in _END.finditer(text):
        end = m.end()
        j = _LINE_SPACE.match(text, end).end()  # type: ignore[union-attr]
        if j < n and text[j] not in "\n\r":
            nxt = text[j]
            if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘(•*-–["):
                continue
        if text[m.start()] == "." and _abbreviation_before(text, m.start(), j < n and text[j].isdigit()):
            continue
        cuts.add(end)
    for m in _BACK_TO_TOP.finditer(text):
        cuts.add(m.end())  # a report page's heading, even when its paragraph runs on
    pos = 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        line_end = pos + len(line)
        stripped = line.rstrip()
        nxt_line = lines[k + 1] if k + 1 < len(lines) else ""
        if not stripped or not _wrapped(stripped, nxt_line):
            cuts.add(line_end)
        pos = line_end + 1
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(cuts):
        _add_span(text, start, cut, spans)
        start = cut
    _add_span(text, start, len(text), spans)
    return spans


_LINE_SPACE = re.compile(r"[^\S\n\r]*")


def _abbreviation_before(text: str, dot: int, number_after: bool) -> bool:
    """The word before a full stop is an abbreviation or an initial ("approx.", "J.")."""
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or (number_after and word in _NUMBERING)


def _wrapped(line: str, nxt: str) -> bool:
    """True when the line break inside "line\\nnxt" is a hard wrap, not a paragraph end."""
    if len(line) < 50 or not nxt.strip() or BULLET.match(nxt):
        return False
    last = line[-1]
    first = nxt.lstrip()[0]
    return (last.isalnum() or last in ",-–(") and (first.islower() or first.isdigit())


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class Sentences:
    """The sentences of one text, found by character offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self._starts = [s for s, _ in self.spans]

    def index_at(self, offset: int) -> int:
        return max(bisect_right(self._starts, offset) - 1, 0)

    def span_at(self, offset: int) -> tuple[int, int]:
        if not self.spans:
            return (0, len(self.text))
        return self.spans[self.index_at(offset)]

    def at(self, offset: int) -> str:
        s, e = self.span_at(offset)
        return " ".join(self.text[s:e].split())

    def new_paragraph(self, idx: int) -> bool:
        """Sentence `idx` opens a paragraph: the first, or a blank line before it."""
        return idx == 0 or self.text.count("\n", self.spans[idx - 1][1], self.spans[idx][0]) > 1

    def after_question(self, idx: int) -> bool:
        """The sentence before `idx` asks a question ("Were plans reviewed?"); read from a
        bounded slice, so a long text is never copied per figure."""
        if idx == 0:
            return False
        end = self.spans[idx - 1][1]
        return self.text[max(0, end - 8) : end].rstrip().rstrip("\"'”’)").endswith("?")
