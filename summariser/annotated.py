"""One text read once: the whole-text scans every later stage needs, made in one place and
handed on, so that no stage scans the document again.

`annotate(text)` finds, in one pass each over the text: the offset-true lower-case text,
the sentences, the scope mentions, the spans whose digits are never figures (URLs, dates in
digits, phone numbers ...), the offsets where a number may start, the sentences that hold a
rating word, and the line breaks and blank lines (paragraphs, and the headings above them).
A post's body and its reader comments are annotated apart (`in_comments`). The result is
frozen; stages read it and never change it.

Two readings stay lazy on purpose, because doing them for the whole text costs more than
everything else together (measured by `bench/annotated.py`):
- tokens, which are read only in the windows around the offsets where a number may start;
- a sentence's stems and clause marks (`clauses.read_sentence`), read only for the
  sentences that hold a figure, and kept (`marks`) so each is read once; the heading above
  a paragraph is kept the same way (`heading_above`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from summariser.clauses import SentenceMarks, read_sentence
from summariser.masks import DIGITS_RUN, mask_spans
from summariser.numbers import DENOMINATORS, NUMBER_WORDS
from summariser.scope import Mention, mentions
from summariser.table_cells import heading_above, lines_above
from summariser.text import BULLET, Sentences, Token, tokenize

_RATING_FORMS = {
    "outstanding": ("Outstanding", "OUTSTANDING"),
    "good": ("Good", "GOOD"),
    "inadequate": ("Inadequate", "INADEQUATE"),
    "improvement": ("Improvement", "improvement"),
}
"""A rating word as a rating states it (capitalised or upper case; "improvement" in any
first-letter case, as in "requires improvement"): a sentence without one states no rating."""


def rating_word_offsets(text: str, low: str) -> list[int]:
    """Where a rating word of `_RATING_FORMS` occurs (plain substring searches, which are
    many times faster on a long text than one regular expression of alternatives)."""
    out = []
    for word, forms in _RATING_FORMS.items():
        i = low.find(word)
        while i >= 0:
            if text.startswith(forms, i):
                out.append(i)
            i = low.find(word, i + len(word))
    return out


_RANKED = re.compile(
    r"(?:lowest|highest|bottom|top) (?:possible )?(?:\w+ )?rating"
    r"|(?:lowest|highest) of (?:the |our |its )?(?:four|4) (?:\w+ )?(?:grades|ratings|bands)"
)
_VERDICT = re.compile(r" (?:good|outstanding|inadequate)\b")


def rating_phrase_offsets(text: str) -> list[int]:
    """Ratings stated without a capitalised rating word: "the lowest rating", "the
    highest of the four grades", "rated it good", "judged it outstanding", "assessed as
    inadequate", "rated good overall"."""
    out = []
    for anchor in ("lowest ", "highest ", "bottom ", "top "):
        i = text.find(anchor)
        while i >= 0:
            if _RANKED.match(text, i):
                out.append(i)
            i = text.find(anchor, i + 1)
    i = text.find("rated it ")
    while i >= 0:
        out.append(i)
        i = text.find("rated it ", i + 1)
    for word in (" good", " outstanding", " inadequate"):
        i = text.find(word)
        while i >= 0:
            if (text[i - 2 : i] in ("as", "it") or text[i - 5 : i] == "rated") and _VERDICT.match(text, i):
                out.append(i - 2)
            i = text.find(word, i + 1)
    return out


@dataclass(frozen=True, slots=True)
class Annotated:
    """A text (a post body or its reader comments) with what every stage reads of it."""

    text: str
    low: str  # lower case, offset for offset, no-break spaces as spaces
    sentences: Sentences
    mentions: tuple[Mention, ...]  # scopes named in the text, in order
    masks: tuple[tuple[int, int], ...]  # sorted spans whose digits are never figures
    number_starts: tuple[int, ...]  # offsets where a number may start, in order
    rating_sentences: frozenset[int]  # sentences holding a capitalised rating word
    rated_sentences: tuple[int, ...]  # those and the ones stating a rating in other words
    newlines: tuple[int, ...] = ()  # offsets of every line break
    paragraphs: tuple[int, ...] = ()  # offsets of every blank line ("\n\n"), in order
    in_comments: bool = False
    _marks: dict[int, SentenceMarks] = field(default_factory=dict, compare=False, repr=False)
    _headings: dict[int, str] = field(default_factory=dict, compare=False, repr=False)
    _lead_ins: dict[int, str] = field(default_factory=dict, compare=False, repr=False)

    def tokens(self, a: int, b: int) -> list[Token]:
        """Tokens of text[a:b] (a and b on token boundaries), with absolute offsets."""
        return tokenize(self.text, a, b)

    def masks_in(self, a: int, b: int) -> list[tuple[int, int]]:
        """The masked spans that overlap text[a:b]."""
        k = bisect_left(self.masks, (a, a))
        while k > 0 and self.masks[k - 1][1] > a:
            k -= 1
        out = []
        for span in self.masks[k:]:
            if span[0] >= b:
                break
            if span[1] > a:
                out.append(span)
        return out

    def paragraph_start(self, offset: int) -> int:
        """Where the paragraph holding `offset` begins: the blank line before it, else 0."""
        k = bisect_left(self.paragraphs, offset - 1) - 1
        return self.paragraphs[k] if k >= 0 else 0

    def heading_above(self, offset: int) -> str:
        """The nearest heading line above the paragraph holding `offset` (kept per paragraph)."""
        para = self.paragraph_start(offset)
        held = self._headings.get(para)
        if held is None:
            held = self._headings[para] = heading_above(self.text, para)
        return held

    def lead_in_above(self, offset: int) -> str:
        """The line that introduces the list whose item holds `offset` ("By stage, the
        share was:" above "- planning, 43 per cent"), or "" when the line is no list item
        or its list has no lead-in (kept per line)."""
        line = self.text.rfind("\n", 0, offset) + 1
        held = self._lead_ins.get(line)
        if held is None:
            held = self._lead_ins[line] = _lead_in(self.text, line) if BULLET.match(self.text, line) else ""
        return held

    def marks(self, idx: int) -> SentenceMarks:
        """Stems, concepts and clause marks of sentence `idx`, read on first use and kept
        (a memo of a pure reading: the annotation itself never changes)."""
        held = self._marks.get(idx)
        if held is None:
            start, end = self.sentences.spans[idx]
            held = self._marks[idx] = read_sentence(self.text, start, end)
        return held


_LIST_ITEMS_AT_MOST = 40


def _lead_in(text: str, line: int) -> str:
    """Up from the list item starting at `line`, over the list's other items and blank
    lines, to the first other line: the lead-in when it ends with a colon."""
    for above in lines_above(text, line, _LIST_ITEMS_AT_MOST):
        content = above.strip()
        if content and not BULLET.match(content):
            return content if content.endswith(":") else ""
    return ""


def annotate(text: str, *, in_comments: bool = False) -> Annotated:
    """Read `text` once for every later stage."""
    low = lowered(text)
    runs = [m.span() for m in DIGITS_RUN.finditer(text)]  # digits keep their offsets in `low`
    sentences = Sentences(text)
    rating_sentences = frozenset(sentences.index_at(p) for p in rating_word_offsets(text, low))
    rated = rating_sentences | {sentences.index_at(p) for p in rating_phrase_offsets(text)}
    return Annotated(
        text=text,
        low=low,
        sentences=sentences,
        mentions=tuple(mentions(text)),
        masks=tuple(sorted(mask_spans(text, runs))),
        number_starts=tuple(number_starts(low, runs)),
        rating_sentences=rating_sentences,
        rated_sentences=tuple(sorted(rated)) if sentences.spans else (),
        newlines=tuple(m.start() for m in _NEWLINE.finditer(text)),
        paragraphs=tuple(m.start() for m in _BLANK_LINE.finditer(text)),
        in_comments=in_comments,
    )


_NEWLINE = re.compile("\n")
_BLANK_LINE = re.compile("\n(?=\n)")


def lowered(text: str) -> str:
    """Lower case with every offset kept (a few characters grow when lower-cased; those stay
    as they are) and no-break spaces made plain spaces."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return low.replace("\xa0", " ")


def _trie_pattern(words: list[str]) -> str:
    """An alternation of `words` grouped by first letter, so the regex engine skips ahead to
    a possible first letter instead of trying every word at every offset."""
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w[1:])
    parts = []
    for first, rests in sorted(by_first.items()):
        rests = sorted(set(rests), key=len, reverse=True)
        alts = "|".join(re.escape(r) for r in rests if r)
        optional = "?" if "" in rests else ""
        parts.append(first + (f"(?:{alts}){optional}" if alts else ""))
    return "(?:" + "|".join(parts) + ")"


_NUMBER_WORD = re.compile(
    _trie_pattern(sorted(NUMBER_WORDS | set(DENOMINATORS) | {"not", "none", "no", "zero"})) + r"\b"
)  # matched against the lower-cased text; its start is checked to be a word start


_NOT_ONE = re.compile(r"not (?:one|a single)\b")


_NO_RATING = re.compile(r"no(?=\W+(?:\w+\W+){0,4}['‘\"“]?(?:outstanding|good|requir|inadequate))\b")


def number_starts(low: str, digit_runs: list[tuple[int, int]] | None = None) -> list[int]:
    """Offsets of the lower-cased text where a number may start: digits, number words,
    "not one", "none", and a "no" before a rating ("no services were rated 'Good'")."""
    out = [m.start() for m in DIGITS_RUN.finditer(low)] if digit_runs is None else [a for a, _b in digit_runs]
    for m in _NUMBER_WORD.finditer(low):
        p = m.start()
        if p and (low[p - 1].isalnum() or low[p - 1] == "_"):
            continue
        w = m.group()
        if w == "not" and not _NOT_ONE.match(low, p):
            continue
        if w == "no" and not _NO_RATING.match(low, p):
            continue
        out.append(p)
    out.sort()
    return out
