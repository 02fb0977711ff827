"""Find the figures a text states, in pure steps:

1. `read_quantity` (`reading.py`) reads the number phrase at a token into a frozen
   `Quantity`: value (digits, words, word fractions, "three in ten", "19 out of the 52"),
   unit, qualifier and span.
2. `enrich.py` returns new quantities with what their neighbours tell: ranges, table-row
   units, the group that "15 of them" belongs to.
3. `REJECTIONS`, an ordered list of pure predicates (`rules_*.py`), each returning why a
   quantity is not a figure, or None. A quantity no rule rejects is a figure.

Digits are figures unless a rule rejects them; numbers in words must earn it (a noun
they count, a unit, "of the", a ratio), because words like "one" and "a third" are far
more often not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from summariser.annotated import Annotated, annotate
from summariser.enrich import groups_of, link_ranges, units_from_rows
from summariser.figure_context import Context, Rule
from summariser.masks import masked_tokens
from summariser.numbers import DENOMINATORS, NUMBER_WORDS, SCALES
from summariser.quantity import (
    Quantity,
    low_at,
)
from summariser.reading import read_quantity
from summariser.rules_counts import (
    fraction_needs_a_share,
    not_one_of,
    refers_back,
    vague_pair,
    word_count_needs_a_noun,
)
from summariser.rules_dates import age, date, year
from summariser.rules_labels import (
    even_split,
    file_size,
    footnote,
    glued_to_letters,
    identifier,
    list_marker,
    masked,
    paper_number,
    running_head,
    section_number,
)
from summariser.rules_time import duration_is_a_measure
from summariser.text import Token


@dataclass(slots=True)
class Found:
    """A figure as extraction found it: the summariser adds measure and scope later."""

    value: float
    unit: str
    qualifier: str | None
    of: float | None
    text: str
    start: int
    end: int
    noun: str | None
    average: bool = False


@dataclass(slots=True)
class Rejected:
    text: str
    start: int
    reason: str


REJECTIONS: list[Rule] = [
    masked,
    glued_to_letters,
    even_split,
    footnote,
    list_marker,
    running_head,
    identifier,
    paper_number,
    section_number,
    date,
    year,
    age,
    file_size,
    refers_back,
    not_one_of,
    fraction_needs_a_share,
    word_count_needs_a_noun,
    vague_pair,
    duration_is_a_measure,
]
"""Ordered: the first rule that objects names the reason (shown by `eval_figures -v`)."""


_STARTS = NUMBER_WORDS | {"half", "not", "none", "no", "zero", "a", "an"}


_AFTER_ARTICLE = frozenset(DENOMINATORS) | frozenset(SCALES)


def _starts_number(tokens: list[Token], i: int) -> bool:
    """Can a number phrase start at token i? (Cheap: most tokens are plain words.)"""
    t = tokens[i]
    c = t.text[0]
    if "0" <= c <= "9":
        return True
    w = t.low
    if w in _STARTS:
        return True
    if w in ("a", "an"):
        return low_at(tokens, i + 1) in _AFTER_ARTICLE
    return False


def scan(text: str | Annotated) -> tuple[list[Found], list[Rejected]]:
    """Every figure in `text` (and, for explanation, every number phrase rejected).

    Only windows around words that can start a number are tokenised: a long report is
    mostly prose, and this keeps extraction linear and fast.
    """
    doc = text if isinstance(text, Annotated) else annotate(text)
    found: list[Found] = []
    rejected: list[Rejected] = []
    for a, b in _windows(doc):
        _scan_window(doc, a, b, found, rejected)
    return found, rejected


_BEFORE = 60  # characters of context kept before a number (qualifiers, a row's label)


_AFTER = 80  # and after it (units, counted nouns, ranges, "out of the 60")
"""The windows are short because masks (URLs, codes) are read on the whole text first."""


_GROUP_BEFORE = 400
"""Before a count of "them" ("46 of them"), whose group may be counted a sentence or two
earlier (`enrich.groups_of`)."""


_OF_A_GROUP = re.compile(r"\S+ of (?:them|those|these|us|you)\b")


def _windows(doc: Annotated) -> list[tuple[int, int]]:
    """Merged spans around every possible number, starting at a line start or a space."""
    text, low, n = doc.text, doc.low, len(doc.text)
    raw = sorted(
        (max(0, p - (_GROUP_BEFORE if _OF_A_GROUP.match(low, p) else _BEFORE)), min(n, p + _AFTER), p)
        for p in doc.number_starts
    )
    merged: list[list[int]] = []
    for a, b, p in raw:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
            merged[-1][2] = min(merged[-1][2], p)  # the window starts before its first number
        else:
            merged.append([a, b, p])
    out = []
    for a, b, p in merged:
        if a > 0:
            nl = text.find("\n", a, p)
            if nl >= 0:
                a = nl + 1
            else:
                sp = text.find(" ", a, p)
                a = sp + 1 if sp >= 0 else p
        while b < n and not text[b].isspace():
            b += 1
        out.append((a, b))
    return out


def _scan_window(
    doc: Annotated, a: int, b: int, found: list[Found], rejected: list[Rejected]
) -> None:
    """Read, enrich and judge the quantities of one window; add them to found or rejected."""
    text = doc.text
    tokens = doc.tokens(a, b)
    ctx = Context(text, tokens, frozenset(masked_tokens(tokens, doc.masks_in(a, b))))
    quantities = link_ranges(tokens, _read_all(tokens))
    quantities = units_from_rows(quantities, ctx)
    ctx = replace(ctx, quantities=tuple(quantities))
    quantities = groups_of(quantities, ctx)
    ctx = replace(ctx, quantities=tuple(quantities))
    verdicts = [judge(q, ctx) for q in quantities]
    for n, q in enumerate(quantities):
        reason = verdicts[n]
        if reason is None and q.partner is not None and verdicts[q.partner] in _CONTAGIOUS:
            reason = verdicts[q.partner]
        start = tokens[q.start].start
        end = tokens[max(q.end, q.k) - 1].end
        if found and start < found[-1].end or rejected and start < rejected[-1].start:
            continue  # already read in the previous window
        if reason:
            rejected.append(Rejected(text[start:end], start, reason))
        else:
            found.append(_found(q, text, start, end))


def _read_all(tokens: list[Token]) -> list[Quantity]:
    """Every number phrase of the window, in order, none inside another."""
    out: list[Quantity] = []
    i = 0
    for i0 in [k for k, t in enumerate(tokens) if t.low in _STARTS or "0" <= t.text[0] <= "9"]:
        if i0 < i:
            continue  # inside the phrase just read
        i = i0
        if not _starts_number(tokens, i):
            continue
        q = read_quantity(tokens, i)
        if q is None:
            i += 1
            continue
        out.append(q)
        i = max(q.k, i + 1)
    return out


def judge(q: Quantity, c: Context) -> str | None:
    """Why q is not a figure, by the first rule that objects; None when it is one."""
    for rule in REJECTIONS:
        reason = rule(q, c)
        if reason:
            return reason
    return None


def _found(q: Quantity, text: str, start: int, end: int) -> Found:
    return Found(
        value=round(q.value, 2),
        unit=q.unit,
        qualifier=q.qualifier,
        of=q.of,
        text=" ".join(text[start:end].split()),
        start=start,
        end=end,
        noun=q.noun,
        average=q.average,
    )


_CONTAGIOUS = frozenset(
    {"label number", "age", "date", "year", "length as an adjective (five-day course)", "masked"}
)


def extract(text: str | Annotated) -> list[Found]:
    """The figures of one text, in order."""
    return scan(text)[0]
