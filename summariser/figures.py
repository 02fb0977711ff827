"""Find the figures a text states: read every number-like phrase, then keep it only if no
rule says it is something else (a date, a page, an age, an ordinal, a course length...).

Two stages, both pure:
1. `read_quantity` (`reading.py`) reads the number phrase at a token: its value (digits, words, word
   fractions, "three in ten", "19 out of the 52"), unit (%, per cent, money, a time
   unit, else a count with its noun), qualifier ("nearly", "more than") and span.
2. `REJECTIONS`, an ordered list of small rules, each returning why a quantity is not a
   figure, or None. A quantity no rule rejects is a figure.

Digits are figures unless a rule rejects them; numbers in words must earn it (a noun
they count, a unit, "of the", a ratio), because words like "one" and "a third" are far
more often not quantities.
"""


from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from summariser import vocabulary as V
from summariser.numbers import DENOMINATORS, DIGIT_SCALE_SUFFIXES, NUMBER_WORDS, SCALES, UNITS
from summariser.reading import (
    Quantity,
    is_plural,
    link_range,
    low_at,
    noun_follows,
    range_next,
    rating_follows,
    ratio_denominator,
    read_quantity,
    skip_hyphen,
    street_follows,
)
from summariser.text import Token, tokenize
from summariser.vocabulary import words_of


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


@dataclass(slots=True)
class Context:
    text: str
    tokens: list[Token]
    masked: set[int]
    quantities: list[Quantity] = field(default_factory=list)  # every number phrase of the window, in order


Rule = Callable[[Quantity, Context], str | None]

# ---------------------------------------------------------------------------- masks
# Spans whose digits are never figures, found on the raw text before reading numbers.
# Each pattern starts with a literal or a character class, never "\b" or a look-behind, so
# the regex engine skips quickly to where it can start; the word boundary (or the
# character before) is then checked in Python.
_MASK_SCANS: list[tuple[str, re.Pattern[str]]] = [
    ("url", re.compile(r"(?:[hH][tT][tT][pP][sS]?://|[wW][wW][wW]\.)\S+")),
    ("email", re.compile(r"@[\w-]+\.[\w.-]+")),  # extended leftwards over the local part
    ("postcode", re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")),
    ("phone", re.compile(r"(?:\+44\s?(?:\(0\)\s?)?|0)\d{2,4}[\s-]?\d{3,4}(?:[\s-]?\d{3,4})?\b")),
    ("time", re.compile(
        r"(?=\d\d?(?:[:.]\d|\s?[aApPoO]))\d{1,2}(?:[:.]\d{2}\s?(?:[aApP][mM]|[aApP]\.[mM]\.)|:\d{2}\b|\s?(?:[aApP][mM]|[aApP]\.[mM]\.)(?!\w)|\s?[oO][’']clock)"
    )),
    ("file size", re.compile(r"(?=\d[\d.,]*+\s?[kKmMgGbB])\d+(?:[.,]\d+)?\s?(?:[kKmMgG][bB]|[bB]ytes|[kK]ilobytes|[mM]egabytes)\b")),
    ("code", re.compile(  # the look-ahead turns away, cheaply, digits that no separator follows
        r"(?=\d++[-–/.]\d)(?:(?:18|19|20)\d\d[-–/]\d\d(?:\d\d)?\b|\d++(?:-\d++){2,}\b"
        r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\d++/\d+\b)"
    )),
    ("sample size", re.compile(r"[nN]\s?=\s?\d[\d,]*")),
]  # fmt: skip
_BRACKETED_AREA = re.compile(r"\(0\d{2,4}\)\s?\d{3,4}[\s-]?\d{3,4}\b")
_PLUS44 = re.compile(r"\+44\s?(?:\(0\)\s?)?\d{2,4}[\s-]?\d{3,4}(?:[\s-]?\d{3,4})?\b")
_DOMAIN = re.compile(
    r"\.(?:[cC][oO][mM]|[oO][rR][gG]|[nN][eE][tT]|[cC][oO]\.[uU][kK]|[gG][oO][vV]\.[uU][kK]|[uU][kK]|[eE][uU]|[iI][oO])\b"
)


_DIGIT_LED = frozenset({"phone", "time", "file size", "code"})


def _mask_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of text[a:b] whose digits are never figures: URLs, e-mails, postcodes, phone
    numbers, times, file sizes, codes and dates in digits, sample sizes ("n=120").

    Masks that begin with a digit are tried only where a run of digits begins (one pass to
    find those, then anchored matches); the others are scanned for, and only when the
    window holds a character they need."""
    out: list[tuple[int, int]] = []
    chunk = text[a:b]
    for name, rx in _MASK_SCANS:
        if name in _DIGIT_LED:
            continue
        if name == "url" and "://" not in chunk and "ww." not in chunk and "WW." not in chunk:
            continue
        if (name == "email" and "@" not in chunk) or (name == "sample size" and "=" not in chunk):
            continue
        for m in rx.finditer(text, a, b):
            start = m.start()
            prev = text[start - 1] if start > 0 else " "
            if name == "email":
                while start > a and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
                    start -= 1
                if start == m.start():
                    continue
            elif name != "url" and (prev.isalnum() or prev == "_"):
                continue  # "\b" before a word character
            out.append((start, m.end()))
    digit_led = [(name, rx) for name, rx in _MASK_SCANS if name in _DIGIT_LED]
    if "+44" in chunk:
        for m in _PLUS44.finditer(text, a, b):
            out.append(m.span())
    if "(0" in chunk:
        for m in _BRACKETED_AREA.finditer(text, a, b):  # "(020) 7946 0018"
            out.append(m.span())
    last_end = -1
    for d in _DIGITS_RUN.finditer(text, a, b):
        start = d.start()
        if start < last_end:
            continue  # inside a span already masked
        prev = text[start - 1] if start > 0 else " "
        if prev.isalnum() or prev == "_":
            continue  # "\b": not the start of a number
        run_end = d.end()
        nxt = text[run_end] if run_end < b else " "
        nxt2 = text[run_end + 1] if run_end + 1 < b else " "
        for name, rx in digit_led:
            # what must follow the digits for each mask to match at all (cheap tests first)
            if name == "phone":
                if text[start] != "0" or prev in ".,":
                    continue  # "(?<![\d.,])0"
            elif name == "time":
                if run_end - start > 2 or not (
                    nxt in ":.aApPoO’'" or (nxt == " " and nxt2 in "aApPoO")
                ):
                    continue
            elif name == "file size":
                if not (nxt in ".,kKmMgGbB" or (nxt == " " and nxt2 in "kKmMgGbB")):
                    continue
            elif name == "code" and not (nxt in "-–/." and nxt2.isdigit()):
                continue
            m = rx.match(text, start, b)
            if m is not None:
                out.append((start, m.end()))
                last_end = max(last_end, m.end())
    if "." in chunk:
        for m in _DOMAIN.finditer(text, a, b):  # "nationalarchives.gov.uk/doc/..."
            start = m.start()
            while start > a and (text[start - 1].isalnum() or text[start - 1] in "._-"):
                start -= 1
            end = m.end()
            if end < b and text[end] == "/":
                while end < b and not text[end].isspace():
                    end += 1
            if start < m.start():
                out.append((start, end))
    return out


def _masked_tokens(text: str, tokens: list[Token], a: int, b: int) -> set[int]:
    """Indices of the tokens that lie inside a masked span."""
    spans = _mask_spans(text, a, b)
    if not spans:
        return set()
    starts = [t.start for t in tokens]
    out: set[int] = set()
    for s0, e0 in spans:
        k = bisect_left(starts, s0)
        if k > 0 and tokens[k - 1].end > s0:
            k -= 1
        while k < len(tokens) and tokens[k].start < e0:
            out.add(k)
            k += 1
    return out


# ---------------------------------------------------------------------------- rules
def masked(q: Quantity, c: Context) -> str | None:
    """URLs, e-mails, postcodes, phone numbers, times, file sizes, codes, dates in digits."""
    return "masked" if q.i in c.masked else None


def glued_to_letters(q: Quantity, c: Context) -> str | None:
    """ "TR2", "v3.0", "12mth", "1970s", "21st", "COVID-19": digits inside a name or an ordinal."""
    if q.kind != "digits":
        return None
    t = c.tokens
    before = t[q.i - 1] if q.i > 0 else None
    if before is not None and t[q.i].glued and (before.is_word or before.low in ("#", "@", "_")):
        return None if q.qualifier == "about" and before.low in ("c", "ca") else "part of a name"
    if (
        before is not None
        and t[q.i].glued
        and before.low in ("-", "‑")
        and q.i >= 2
        and t[q.i - 1].glued
        and t[q.i - 2].is_word
        and t[q.i - 2].text[0].isupper()
    ):
        return "part of a name"
    if (
        before is not None
        and t[q.i].glued
        and before.low == "/"
        and q.i >= 2
        and before.glued
        and (t[q.i - 2].is_digits or t[q.i - 2].is_word)
    ):
        return "part of a code"  # "FY2024/25", "PSI 12/2015"
    if low_at(t, q.k) == ":" and q.k + 1 < len(t) and t[q.k].glued and t[q.k + 1].glued and t[q.k + 1].text == t[q.i].text:
        return "a kind of session (1:1)"
    if (
        before is not None
        and before.low == ":"
        and t[q.i].glued
        and before.glued
        and q.i >= 2
        and t[q.i - 2].text == t[q.i].text
    ):
        return "a kind of session (1:1)"
    if (
        before is not None
        and t[q.i].glued
        and before.low == "("
        and q.i >= 2
        and before.glued
        and (t[q.i - 2].is_digits or t[q.i - 2].low == ")")
    ):
        return "sub-section"  # "section 3(2)(b)"
    after = t[q.k] if q.k < len(t) else None
    if after is not None and after.glued and after.is_word:
        if after.low in DIGIT_SCALE_SUFFIXES or after.low in ("per", "percent", "pc"):
            return None
        if q.unit != "count" and q.unit_end > q.k:
            return None
        return "digits glued to letters"
    if _hyphen_to(t, q.k) or (q.i >= 2 and before is not None and before.low in ("-", "‑") and t[q.i].glued
                               and t[q.i - 1].glued and low_at(t, q.i - 2) == "to" and _hyphen_to(t, q.i - 3)):
        return "compound word"  # "a 9-to-5 job"
    return None


def footnote(q: Quantity, c: Context) -> str | None:
    """ "[3]", "(see note 4)", "reoffending.3 The": a reference marker, not a quantity."""
    if q.kind != "digits" or q.unit != "count" or q.qualifier is not None:
        return None
    t = c.tokens
    if low_at(t, q.i - 1) == "[" and low_at(t, q.k) == "]":
        return "footnote marker"
    if (
        t[q.i].glued
        and low_at(t, q.i - 1) in (".", ",", ";", ")", "’", "”", '"')
        and t[q.i - 1].glued
        and q.i >= 2
        and t[q.i - 2].is_word
        and q.value < 100
        and (q.k >= len(t) or not t[q.k].glued)
    ):
        return "footnote marker"  # digits glued after a word's closing punctuation
    return None


def _hyphen_to(t: list[Token], j: int) -> bool:
    """ "-to-" glued at token j: the middle of "9-to-5", "one-to-one"."""
    return (
        low_at(t, j) in ("-", "‑")
        and j < len(t)
        and t[j].glued
        and low_at(t, j + 1) == "to"
        and t[j + 1].glued
        and low_at(t, j + 2) in ("-", "‑")
        and t[j + 2].glued
    )


def list_marker(q: Quantity, c: Context) -> str | None:
    """ "1. Seems even..." at the start of a line, a number alone on a line (page numbers),
    and numbered headings ("2.1 Assessment")."""
    t = c.tokens
    if q.kind != "digits":
        return None
    dots = 0
    while dots < 3 and low_at(t, q.i - 1 - dots) in (".", "…"):
        dots += 1
    if (dots >= 3 or (dots and low_at(t, q.i - 1) == "…")) and not t[q.i].newline:
        return "contents page number"  # "Foreword ........ 3"
    first_on_line = q.i == 0 or t[q.i].newline
    if not first_on_line:
        # "(1)" or "1)" opening a line
        if q.i >= 1 and t[q.i - 1].low == "(" and (q.i == 1 or t[q.i - 1].newline):
            return "list number"
        return None
    nxt = low_at(t, q.i + 1)
    if nxt in (".", ")") and q.unit == "count" and q.value < 1000:
        return "list number"
    if nxt in ("-", "–", "—", ":") and q.unit == "count" and q.value < 100 and _capital_at(t, q.i + 2):
        return "numbered heading"  # "3 - Partnerships", "2: Leadership"
    if nxt in ("comments", "comment", "responses", "response", "replies", "thoughts"):
        return "page furniture"
    if q.i + 1 >= len(t) or t[q.i + 1].newline:
        return "number alone on a line"
    if (
        "." in t[q.i].text
        and q.unit == "count"
        and q.i + 1 < len(t)
        and t[q.i + 1].text[:1].isupper()
    ):
        return "section number"
    return None


def _capital_at(t: list[Token], j: int) -> bool:
    return j < len(t) and t[j].is_word and t[j].text[0].isupper() and not t[j].newline


def paper_number(q: Quantity, c: Context) -> str | None:
    """ "HC 1030", "CP 45", "PSI 12": a code of letters then digits names a paper or an
    instruction; it counts nothing."""
    if q.kind != "digits" or q.unit != "count" or q.noun_plural or q.of is not None or q.qualifier:
        return None
    t = c.tokens
    w = t[q.i - 1] if q.i > 0 else None
    if w is None or not w.is_word or not w.text.isupper() or not 2 <= len(w.text) <= 4:
        return None
    if t[q.i].wide or t[q.i].newline or c.text[w.end : t[q.i].start] != " ":
        return None  # a table cell under an acronym's column
    return "paper number"


def identifier(q: Quantity, c: Context) -> str | None:
    """ "page 12", "section 3", "Tier 4", "Radio 4", "recommendation 3": a label, not a count."""
    t = c.tokens
    if q.currency_sign or q.kind not in ("digits", "words"):
        return None
    j = q.i - 1
    if low_at(t, j) in (".",) and low_at(t, j - 1) in ("no", "p", "pp", "para", "fig", "vol"):
        return "label number"
    if low_at(t, q.k) in ("version", "edition") or street_follows(t, q.k):
        return "label number"
    if low_at(t, j) in ("call", "calls", "dial", "ring", "phone", "telephone", "tel", "text") or (
        low_at(t, j) == "to" and low_at(t, j - 1) in ("calls", "call", "dial", "ring", "text")
    ):
        return "phone number"
    if low_at(t, j) in V.IDENTIFIER_WORDS and q.unit in ("count",):
        if q.kind == "words" and low_at(t, j) not in ("domain", "standard", "tier", "level", "stage", "phase", "part", "chapter", "section"):
            return None
        if low_at(t, j) in ("number", "no") and low_at(t, j - 1) in ("the", "a", "an"):
            return None  # "the number 10" is rare; "a number" never reaches here
        return "label number"
    p = q.range_partner
    if p is not None and not q.range_first and low_at(t, p.i - 1) in V.IDENTIFIER_WORDS:
        return "label number"
    if (
        low_at(t, j) == "of"
        and j >= 2
        and t[j - 1].is_digits
        and low_at(t, j - 2) in V.IDENTIFIER_WORDS
    ):
        return "label number"  # "Page 14 of 62"
    if q.kind == "digits" and q.unit == "count" and q.of is None and q.qualifier is None and _named(t, q.i, c.text):
        return "part of a name"  # "Windows 10", "Key Stage 4", "Radio 4"
    return None


def _named(t: list[Token], i: int, text: str) -> bool:
    """The number at token i follows, after one space, a capitalised word inside a sentence
    ("runs Windows 10", "at Key Stage 4"): the number is part of a name. Not a table cell
    (columns are two or more spaces apart), not a month or a rating ("Good 4")."""
    if i < 2:
        return False
    w = t[i - 1]
    if not w.is_word or not w.text[0].isupper() or w.text.isupper() or len(w.text) < 2:
        return False
    if w.low.endswith(("'s", "’s", "s'", "s’")):
        return False  # "the UK's 66m population": a possessive, not a name
    if text[w.end : t[i].start] != " " or "," in t[i].text:
        return False
    if w.low in V.MONTHS or w.low in V.WEEKDAYS or w.low in _RATING_NAMES:
        return False
    prev = t[i - 2]
    if w.newline or prev.low in (".", "!", "?", ":", ";", "(", "\"", "“", "‘", "'", "•", "-", "–", "—", "*"):
        return False  # the capital starts a sentence, a line or a quotation
    k = i - 1
    while k > 0 and t[k].is_word and t[k].text[0].isupper() and not t[k].newline:
        k -= 1  # "Key Stage 4": the whole capitalised name must not open the sentence
    if t[k].is_word and t[k].text[0].isupper():
        return False
    return low_at(t, k) not in (".", "!", "?", ":", ";", "(", "\"", "“", "‘", "•")


def date(q: Quantity, c: Context) -> str | None:
    """ "10 November 2015", "November 14", "03 December", "Tuesday 4 July"."""
    if q.kind != "digits" or q.unit != "count" and q.unit_end > q.k:
        return None
    t = c.tokens
    nxt = t[q.k] if q.k < len(t) else None
    prev = t[q.i - 1] if q.i > 0 else None
    if nxt is not None and _is_month(nxt):
        return "date"
    if nxt is not None and nxt.low == "of" and q.k + 1 < len(t) and _is_month(t[q.k + 1]):
        return "date"
    if prev is not None and (_is_month(prev) or prev.low in V.WEEKDAYS):
        return "date"
    return None


def _is_month(t: Token) -> bool:
    if t.low not in V.MONTHS:
        return False
    if t.low in ("may", "mar", "jan", "sept", "dec"):
        return t.text[0].isupper()
    return True


def year(q: Quantity, c: Context) -> str | None:
    """ "in 2014", "the 2014 reforms", "Act 2014", "2019/20": four digits in 1800-2099."""
    if q.kind != "digits" or q.unit not in ("count",) or q.of is not None:
        return None
    text = c.tokens[q.i].text
    if not (len(text) == 4 and text.isdigit() and 1800 <= q.value <= 2099):
        return None
    before = low_at(c.tokens, q.i - 1)
    if q.noun and q.noun.lower() in _YEAR_NOUNS:
        return "year"  # "the 2024 figures", "2019 reforms"
    if q.noun_plural and before not in V.YEAR_PREPOSITIONS and q.qualifier is None:
        return None  # "2000 cases"
    if q.noun_plural and q.qualifier is not None:
        return None  # "over 2000 staff"
    return "year"


def age(q: Quantity, c: Context) -> str | None:
    """ "aged 25", "29-year-old", "25 years old", "Khan, 28, murdered", "18-25 year olds"."""
    t = c.tokens
    if q.kind not in ("digits", "words"):
        return None
    if low_at(t, q.i - 1) in ("aged", "age", "ages") or (
        low_at(t, q.i - 2) in ("aged", "age", "ages")
        and low_at(t, q.i - 1) in ("between", "from", "under", "over")
    ):
        return "age"
    if q.range_partner is not None and not q.range_first and low_at(t, q.range_partner.i - 1) in ("aged", "age", "ages"):
        return "age"
    k = q.i - 1
    while low_at(t, k) in (",", "and", "or", "to") and k >= 1 and (t[k - 1].is_digits or t[k - 1].low in NUMBER_WORDS):
        k -= 2  # "aged 15, 16 and 17": every number of the list is an age
        if low_at(t, k) in ("aged", "age", "ages"):
            return "age"
    j = q.k
    j = skip_hyphen(t, j)
    if low_at(t, j) in ("year", "years", "yr") and low_at(t, skip_hyphen(t, j + 1)) in ("old", "olds"):
        return "age"
    if q.range_partner is not None and q.range_first:
        p = q.range_partner
        pj = skip_hyphen(t, p.k)
        if low_at(t, pj) in ("year", "years") and low_at(t, skip_hyphen(t, pj + 1)) in ("old", "olds"):
            return "age"
    if (
        q.kind == "digits"
        and 10 <= q.value <= 110
        and low_at(t, q.i - 1) == ","
        and low_at(t, q.k) == ","
        and q.i >= 2
        and t[q.i - 2].text[:1].isupper()
        and t[q.i - 2].is_word
    ):
        return "age"
    return None


def file_size(q: Quantity, c: Context) -> str | None:
    """ "(PDF, 334 kB)" even when the unit is split from the number."""
    if low_at(c.tokens, q.k) in ("kb", "mb", "gb", "kilobytes", "megabytes", "bytes"):
        return "file size"
    return None


def fraction_needs_a_share(q: Quantity, c: Context) -> str | None:
    """ "half of the cases", "two-thirds (68 per cent)", "nearly half" are shares;
    "a third option", "a fifth company", "the first half of 2019", "half-day" are not."""
    if q.kind != "fraction":
        return None
    t = c.tokens
    before = low_at(t, q.i - 1)
    if before in V.ORDINAL_BEFORE_FRACTION:
        return "period or ordinal"
    nxt = low_at(t, q.k)
    if nxt in ("-", "‑") and t[q.k].glued:
        return "compound word"
    if nxt == "of":
        obj = q.k + 1
        if low_at(t, obj) in ("the", "this", "that", "each", "every"):
            obj += 1
        o = low_at(t, obj)
        if o in ("year", "month", "week", "day", "century", "decade", "term", "period", "quarter") or o in V.MONTHS:
            return "period"
        if obj < len(t) and t[obj].is_digits and len(t[obj].text) == 4:
            return "period"
        return None
    if nxt == "(" and q.k + 1 < len(t) and t[q.k + 1].is_digits:
        return None
    if t[q.i].low == "half" and nxt in ("the", "our", "their", "its", "his", "her", "this", "these", "those", "all"):
        if low_at(t, q.k + 1) in ("time", "battle", "story", "problem", "fun", "way", "day", "year", "month", "week"):
            return "idiom or period"
        return None  # "half the team", "half their caseload"
    if nxt in ("an", "a", "the", "time", "way", "hour", "day", "term"):
        return "not a share"
    if nxt in _SHARE_VERBS and (q.start == 0 or t[q.start].newline or low_at(t, q.start - 1) in _CLAUSE_OPENERS):
        return None  # "; a third had been excluded", "and one-quarter were": a share of a group
    numerator = t[q.i].low
    if q.qualifier is not None and numerator not in ("a", "an"):
        return None  # "nearly half said", "more than two-thirds were"
    if q.qualifier is not None and (nxt in V.NP_STOP or nxt in (",", ";", ".")):
        return None  # "over a third have", "almost a quarter were"
    if numerator in UNITS and UNITS[numerator] > 1:
        nt = t[q.k] if q.k < len(t) else None
        if nt is not None and nt.is_word and nt.low not in V.NP_STOP and is_plural(nt.text):
            return "modifier"
        return None  # "Two-thirds said"
    return "not a share"


def word_count_needs_a_noun(q: Quantity, c: Context) -> str | None:
    """Counts in words must count something: "four private sector firms", not "one",
    "three issues", "the two organisations", "two or three"."""
    if q.kind not in ("words",) or q.unit != "count" or q.of is not None:
        return None
    t = c.tokens
    if rating_follows(t, q.k):
        return None  # a tally: "seven 'Inadequate'", "one was rated 'Good'"
    if ratio_denominator(t, q.i):
        return None  # "one supervisor to eight"
    if q.value < 2:
        return None if q.noun is not None and _next_in_list(q, c) else "one"
    if q.value != int(q.value):
        return "not a count"
    if _membership_total(t, q.i):
        return None  # "this PDU is one of four inspected": the four is the figure
    if not q.noun_plural or q.noun is None:
        if q.range_partner is not None and q.range_partner.noun_plural:
            return None
        return "no counted noun"
    if q.noun.lower() in V.DISCOURSE_NOUNS and not _rated_units(q, c):
        return "counts words, not things"
    before = low_at(t, q.i - 1)
    if before in ("the", "these", "those") and q.noun.lower() in V.OUTPUT_NOUNS:
        return None  # "these three reports": a count of what was published or inspected
    if before in ("the", "these", "those", "its", "their", "our", "his", "her", "both", "my", "your"):
        return "refers back"
    if low_at(t, q.k) == "or" or before == "or":
        return "vague (one or two)"
    if t[q.k].glued and low_at(t, q.k) in ("-", "‑"):
        return "compound word"
    return None


def _next_in_list(q: Quantity, c: Context) -> bool:
    """ "three CRCs and one NPS division": a count that continues a list of counts."""
    t = c.tokens
    if low_at(t, q.i - 1) not in ("and", ",", "or"):
        return False
    return any(p.unit == "count" and p.noun is not None and p.end == q.i - 1 for p in c.quantities)


def _membership_total(t: list[Token], i: int) -> bool:
    """ "is one of four", "as one of the six": the number after "one of" totals a group."""
    k = i - 1
    if low_at(t, k) in ("the", "our", "its", "their"):
        k -= 1
    return low_at(t, k) == "of" and low_at(t, k - 1) == "one" and (
        low_at(t, k - 2) in ("is", "was", "are", "were", "be", "being", "as", "every", "each")
    )


_RATED_CONTEXT = words_of(
    """rated rating ratings rate scored score scores scoring inspected inspectors inspection
    inspect focused focusing judged graded assessed standards domains possible"""
)


def _rated_units(q: Quantity, c: Context) -> bool:
    """ "we rated three areas", "scored just three points", "focused on six key areas": a
    count of the units an inspection rates or scores, not of points made in prose."""
    t = c.tokens
    lo, hi = max(q.start - 8, 0), min(q.end + 8, len(t))
    return any(t[j].low in _RATED_CONTEXT for j in range(lo, hi) if j < q.i or j >= q.k)


def refers_back(q: Quantity, c: Context) -> str | None:
    """ "Two of them are off sick", "three of those": a count of a group named elsewhere.
    It is a figure only as a share of a group counted earlier in the same sentence ("eight
    recommendations, five of them to HMPPS" is 5 of 8), or as a rating tally ("we rated
    18 of them 'Inadequate'")."""
    if q.unit != "count" or q.noun is None or q.noun.lower() not in _GROUP_PRONOUNS or q.of is not None:
        return None
    if rating_follows(c.tokens, q.end):
        return None
    group = _counted_group_before(q, c)
    if group is None and q.kind == "digits" and q.value >= 10:
        # a count of ten or more, written in digits, is a statistic ("We followed 120 people.
        # Only 46 of them had settled accommodation"): its group may be in the sentence before
        group = _counted_group_before(q, c, sentences=2)
        if group is None:
            return None
    if group is None:
        return "refers back to a group"
    q.of = group
    return None


def _counted_group_before(q: Quantity, c: Context, sentences: int = 1) -> float | None:
    """The size of the nearest group counted earlier in the same sentence ("96 children"),
    or within the last `sentences` sentences."""
    t = c.tokens
    start = q.i
    for k in range(sentences):
        if k and start > 0:
            start -= 1  # step over the end of this sentence into the one before
        while start > 0 and not (t[start].para or (t[start - 1].low in (".", "!", "?") and not t[start].glued)):
            start -= 1
    for p in reversed(c.quantities):
        if p.i >= q.i:
            continue
        if p.i < start:
            break
        if p.unit == "count" and p.noun_plural and p.noun is not None and p.noun.lower() not in _GROUP_PRONOUNS and p.value > q.value:
            return p.value
    return None


def not_one_of(q: Quantity, c: Context) -> str | None:
    """ "not one of the divisions" is a zero; "not one" alone is an emphasis."""
    if q.kind != "zero":
        return None
    if q.of is not None:
        return None  # "none of the 12 areas"
    if rating_follows(c.tokens, q.k):
        return None
    if low_at(c.tokens, q.i + 1) == "one":
        j = q.k + 1
        if low_at(c.tokens, j) in ("the", "our", "its", "their"):
            return None
        return "emphasis"
    return None if q.noun_plural else "emphasis"


def duration_is_a_measure(q: Quantity, c: Context) -> str | None:
    """Time taken or allowed ("within five working days", "up to six weeks", "more than six
    months after sentence") is a measure; course, sentence and career lengths, tenure, the
    age of a scheme, ages and time references ("three years after our last visit", "ten
    years on") are not."""
    if q.unit not in ("days", "weeks", "months", "hours", "years", "other") or q.kind == "ratio":
        return None
    t = c.tokens
    if q.hyphen_unit and low_at(t, q.unit_end) in _TIMESCALE_NOUNS:
        return None  # "the 40-working-day standard", "a 10-day target": a timescale
    if q.hyphen_unit:
        return "length as an adjective (five-day course)"
    if q.range_partner is not None and q.range_partner.hyphen_unit:
        return "length as an adjective (five-day course)"
    before = low_at(t, q.start - 1)
    if before in V.TIME_REFERENCE_WORDS or (before == "the" and q.qualifier is None and low_at(t, q.start - 2) in ("for", "in", "over", "during")):
        return "time reference"
    if before == "every":
        return "a frequency"  # "the board met every six weeks"
    if q.kind == "words" and q.value == 1 and q.qualifier is None and before not in _DURATION_PREPOSITIONS:
        return "time reference"  # "one day", "one week we ...": an idiom, not a length
    unit_tok = t[q.unit_end - 1] if 0 < q.unit_end <= len(t) else None
    if (
        t[q.i].text[0].isupper()
        and unit_tok is not None
        and unit_tok.text[0].isupper()
        and q.start > 0
        and (t[q.start - 1].is_word or t[q.start - 1].low == "the")
    ):
        return "part of a title"  # "the Five Year Forward View"
    if before in ("first", "initial", "opening") and low_at(t, q.unit_end) == "of":
        return "time reference"  # "the first 100 days of the new service"
    after = q.unit_end
    a1 = low_at(t, after)
    if a1 in ("’", "'") and after < len(t):
        after += 1
        a1 = low_at(t, after)
    if a1 == "before" and _case_event_follows(t, after + 1):
        return None  # "at least 56 days before release": a timescale
    if a1 in ("ago", "later", "earlier", "old", "olds", "since", "before", "previously"):
        return "time reference"
    if a1 == "on" and (low_at(t, after + 1) in ("from", ",", ".", ";", ":", ")", "") or t[after + 1].newline):
        return "time reference"  # "ten years on", "five years on from our last thematic"
    if a1 == "after" and not _case_event_follows(t, after + 1):
        return "time reference"  # "three years after our last visit"; not "six months after sentence"
    if a1 in ("experience", "service", "standing", "course", "programme", "training", "term", "contract", "sentence", "curfew", "order", "time", "qualified"):
        return "length of a course or career"
    if _tenure_follows(t, after):
        return "length of tenure"  # "two years in the role", "11 years as a probation officer"
    if low_at(t, q.unit_end) in ("’", "'") and noun_follows(t, after) and a1 not in ("wait", "delay", "delays", "notice"):
        return "length of something (genitive)"
    if before == "in" and q.qualifier is None and (a1 in _PRONOUNS or a1 == ","):
        return "time reference"  # "in 3 weeks we will..."
    if a1 == "of" and (
        (after + 1 < len(t) and t[after + 1].is_digits and len(t[after + 1].text) == 4)
        or low_at(t, after + 1) in ("the", "this", "that", "last", "each")
        and low_at(t, after + 2) in ("year", "month", "financial", "inspection", "pandemic")
    ):
        return "period of a year"
    words = _line_window(t, q.start)
    window = set(words)
    waiting = bool(window & _WAIT_WORDS)
    if q.unit == "years" or q.unit == "months":
        career = bool(window & V.LENGTH_OF_SERVICE_WORDS) or _in_post(words)
        if career and not waiting and q.qualifier != "up to":
            return "length of a career or course"
        if window & V.EXISTENCE_WORDS and not waiting and q.qualifier != "up to":
            return "age of a scheme or body"  # "has operated for more than 20 years"
    if q.unit == "years" and before in ("of",) and low_at(t, q.start - 2) in ("term", "sentence", "period"):
        return "length of a sentence"
    if window & _INSPECTION_WORK and not window & _WAITING:
        return "length of the inspection itself"  # "fieldwork took three weeks"
    if window & _SPENT and window & _INSPECTORS and not window & _WAITING:
        return "length of the inspection itself"  # "we spent two days in each PDU"
    if q.unit in ("years", "months") and window & _FIRST_PERSON and not window & _WAITING:
        return "a writer's own history"  # "I've been a PO for 17 years"
    if q.qualifier == "over" and q.unit in ("years", "months") and _figure_just_before(t, q.start):
        return "period of a change"  # "fell by 38 per cent over three years"
    return None


def _case_event_follows(tokens: list[Token], j: int) -> bool:
    """ "after sentence", "after their release", "after being recalled": an event in the
    life of a case, from which a wait or delay is measured."""
    for _ in range(3):  # determiners and "being", "first"
        if low_at(tokens, j) in ("the", "their", "his", "her", "a", "an", "being", "first", "its"):
            j += 1
    return low_at(tokens, j) in V.CASE_EVENTS


def _tenure_follows(tokens: list[Token], j: int) -> bool:
    """ "in the role", "in post", "in this job", "as a probation officer" after a length."""
    w = low_at(tokens, j)
    if w == "in":
        k = j + 1
        if low_at(tokens, k) in ("the", "this", "that", "their", "his", "her", "my", "our", "your", "a", "an"):
            k += 1
        return low_at(tokens, k) in V.TENURE_NOUNS
    if w == "as" and low_at(tokens, j + 1) in ("a", "an", "the"):
        nxt = tokens[j + 2] if j + 2 < len(tokens) else None
        return nxt is not None and nxt.is_word and nxt.low not in ("result", "whole", "rule", "minimum", "maximum", "matter", "consequence", "percentage", "share", "proportion")
    return False


def _in_post(words: list[str]) -> bool:
    """ "had been in post for", "in the role for": tenure named before a length (the
    window is read backwards, nearest word first)."""
    for k in range(len(words) - 1):
        if words[k] in V.TENURE_NOUNS and (
            words[k + 1] == "in" or (k + 2 < len(words) and words[k + 2] == "in" and words[k + 1] in ("the", "their", "this", "his", "her", "my", "our"))
        ):
            return True
    return False


def _line_window(tokens: list[Token], start: int, size: int = 8) -> list[str]:
    """Up to `size` words before token `start`, not reaching back past its line."""
    out: list[str] = []
    for j in range(start - 1, max(start - size, 0) - 1, -1):
        out.append(tokens[j].low)
        if tokens[j].newline:
            break
    return out


def _figure_just_before(tokens: list[Token], j: int) -> bool:
    """A number, per cent sign or "per cent" ends just before token j (the "over")."""
    w = low_at(tokens, j - 1)
    return w in ("%", "cent", "percent") or (j >= 1 and tokens[j - 1].is_digits)


def _larger(text: str, value: float) -> bool:
    try:
        return float(text.replace(",", "")) > value
    except ValueError:
        return False


def vague_pair(q: Quantity, c: Context) -> str | None:
    """ "one or two", "2 or even 3 interviews": an approximation, not a count."""
    if q.kind not in ("words", "digits") or q.unit != "count" or q.of is not None:
        return None
    t = c.tokens
    nxt = q.k + 1
    if low_at(t, q.k) == "or":
        if low_at(t, nxt) == "even":
            nxt += 1
        if nxt < len(t) and (t[nxt].low in NUMBER_WORDS or (t[nxt].is_digits and (q.value < 10 or _larger(t[nxt].text, q.value)))):
            return "vague"  # "one or two", "2 or 3", "10 or 20 articles"
    before = q.i - 1
    if low_at(t, before) == "even":
        before -= 1
    if low_at(t, before) == "or" and before > 0 and (t[before - 1].is_digits or t[before - 1].low in NUMBER_WORDS):
        return "vague"
    return None


REJECTIONS: list[Rule] = [
    masked,
    glued_to_letters,
    footnote,
    list_marker,
    identifier,
    paper_number,
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


def scan(text: str) -> tuple[list[Found], list[Rejected]]:
    """Every figure in `text` (and, for explanation, every number phrase rejected).

    Only windows around words that can start a number are tokenised: a long report is
    mostly prose, and this keeps extraction linear and fast.
    """
    found: list[Found] = []
    rejected: list[Rejected] = []
    for a, b in _windows(text):
        _scan_window(text, a, b, found, rejected)
    return found, rejected


def _trie_pattern(words: list[str]) -> str:
    """An alternation grouped by first letter ("s(?:eventeen|ixty|...)"): the regex engine
    then skips quickly over positions where no number word can start."""
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


_DIGITS_RUN = re.compile(r"\d+")
_NUMBER_WORD = re.compile(
    _trie_pattern(sorted(NUMBER_WORDS | set(DENOMINATORS) | {"not", "none", "no", "zero"})) + r"\b"
)  # matched against the lower-cased text; its start is checked to be a word start
_NOT_ONE = re.compile(r"not (?:one|a single)\b")
_NO_RATING = re.compile(r"no(?=\W+(?:\w+\W+){0,4}['‘\"“]?(?:outstanding|good|requir|inadequate))\b")


def _candidates(low: str) -> list[int]:
    """Offsets where a number may start: digits, number words, "not one", "none", and a
    "no" before a rating ("no services were rated 'Outstanding'")."""
    out = [m.start() for m in _DIGITS_RUN.finditer(low)]
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


_BEFORE = 160  # characters of context kept before a number (qualifiers, labels, names)
_AFTER = 220  # and after it (units, counted nouns, ranges, "out of the 60")


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged spans around every possible number, starting at a line start or a space."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    low = text.lower()
    if len(low) != n:  # a few characters change length when lower-cased; keep offsets true
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for p in _candidates(low):
        if spans and p - _BEFORE <= spans[-1][1]:
            end = min(n, p + _AFTER)
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            continue
        a = max(0, p - _BEFORE)
        if a > 0:
            nl = text.find("\n", a, p)
            if nl >= 0:
                a = nl + 1
            else:
                sp = text.find(" ", a, p)
                a = sp + 1 if sp >= 0 else p
        spans.append((a, min(n, p + _AFTER)))
    out = []
    for a, b in spans:
        while b < n and not text[b].isspace():
            b += 1
        out.append((a, b))
    return out


def _scan_window(
    text: str, a: int, b: int, found: list[Found], rejected: list[Rejected]
) -> None:
    tokens = tokenize(text, a, b)
    quantities: list[Quantity] = []
    ctx = Context(text, tokens, _masked_tokens(text, tokens, a, b), quantities)
    i = 0
    starts = _STARTS
    for i0 in [k for k, t in enumerate(tokens) if t.low in starts or "0" <= t.text[0] <= "9"]:
        if i0 < i:
            continue  # inside the phrase just read
        i = i0
        if not _starts_number(tokens, i):
            continue
        q = read_quantity(tokens, i)
        if q is None:
            i += 1
            continue
        if quantities and quantities[-1].range_partner is None:
            prev = quantities[-1]
            nxt = range_next(tokens, prev)
            if nxt == q.i:
                link_range(tokens, prev, q)
        quantities.append(q)
        i = max(q.k, i + 1)
    for q in quantities:
        if q.unit == "count" and q.noun is None and q.of is None and q.kind == "digits":
            _unit_from_row(q, ctx)
    verdicts: dict[int, str | None] = {}
    for q in quantities:
        reason = None
        for rule in REJECTIONS:
            reason = rule(q, ctx)
            if reason:
                break
        verdicts[id(q)] = reason
    for q in quantities:
        reason = verdicts[id(q)]
        p = q.range_partner
        if reason is None and p is not None and verdicts.get(id(p)) in _CONTAGIOUS:
            reason = verdicts[id(p)]
        start = tokens[q.start].start
        end = tokens[max(q.end, q.k) - 1].end
        if found and start < found[-1].end or rejected and start < rejected[-1].start:
            continue  # already read in the previous window
        if reason:
            rejected.append(Rejected(text[start:end], start, reason))
            continue
        found.append(
            Found(
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
        )


_YEAR_NOUNS = words_of(
    """figures data statistics stats report reports inspection inspections reforms changes
    results accounts returns budget budgets targets levels rates cohort review reviews act
    strategy plan plans survey guidance standards framework contract contracts"""
)
_FIRST_PERSON = words_of("i i've i'm i’ve i’m my me")
_WAITING = words_of("within waiting wait waited delay delays")
_INSPECTION_WORK = words_of("fieldwork inspectors inspection inspected visited written")
_WAIT_WORDS = words_of("within waiting wait waited delay delays took taken")
_TIMESCALE_NOUNS = words_of("standard standards target targets timescale timescales deadline limit window requirement maximum")
_DURATION_PREPOSITIONS = words_of("within for in after up than of to over under by about around only just least most nearly almost")
_SPENT = words_of("spent spend spending took")
_INSPECTORS = words_of("we inspectors team")
_PRONOUNS = words_of("we they i you he she it there this that")

_SHARE_VERBS = words_of("had have has were was are is should could would said told felt reported")
_CLAUSE_OPENERS = words_of("; , and but while whereas : – . ! ?")
_GROUP_PRONOUNS = words_of("them those these us you")
_RATING_NAMES = words_of("outstanding good requires inadequate")

_CONTAGIOUS = frozenset(
    {"label number", "age", "date", "year", "length as an adjective (five-day course)", "masked"}
)


_CELL_GAP = re.compile(r"\t|  ")
_ROW_UNITS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:days?|working days)\b", re.I), "days"),
    (re.compile(r"\bweeks?\b", re.I), "weeks"),
    (re.compile(r"\bmonths?\b", re.I), "months"),
    (re.compile(r"\bhours?\b", re.I), "hours"),
    (re.compile(r"\(%\)|\bper ?cent\b|\bpercentage\b|%$", re.I), "percent"),
    (re.compile(r"\(£(?:m|k|bn)?\)|£$"), "currency"),
]


def _unit_from_row(q: Quantity, c: Context) -> None:
    """A bare number in a table row takes the unit its row label names: "Sickness absence
    (days per person)    12.9    11.6" is days. A row is a line whose cells are set apart
    by two or more spaces or a tab; the label is the text before the first cell."""
    t = c.tokens
    tok = t[q.i]
    if q.i == 0 or not _CELL_GAP.search(c.text, t[q.i - 1].end, tok.start):
        return
    line_start = c.text.rfind("\n", 0, tok.start) + 1
    line = c.text[line_start : tok.start]
    gap = _CELL_GAP.search(line)
    label = line[: gap.start()] if gap else line
    if not label.strip() or any(ch.isdigit() for ch in label):
        return
    for rx, unit in _ROW_UNITS:
        if rx.search(label.strip()):
            q.unit = unit
            return


def extract(text: str) -> list[Found]:
    """The figures of one text, in order."""
    return scan(text)[0]
