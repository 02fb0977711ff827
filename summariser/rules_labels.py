"""Rules: numbers that label or name rather than count (masked spans, digits glued to
letters, footnote markers, list numbers and numbered headings, pages and sections, paper
numbers, names with digits, file sizes). Each returns why a quantity is not a figure, or None."""

from __future__ import annotations

import re

from summariser import vocabulary as V
from summariser.figure_context import Context, partner
from summariser.numbers import (
    DIGIT_SCALE_SUFFIXES,
)
from summariser.quantity import (
    Quantity,
    low_at,
    street_follows,
)
from summariser.text import Token
from summariser.vocabulary import words_of


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


def even_split(q: Quantity, c: Context) -> str | None:
    """ "a 50-50 split", "on a 60/40 basis" when both sides are the same number: an idiom."""
    if q.kind != "digits":
        return None
    t = c.tokens
    text = t[q.i].text
    if low_at(t, q.k) in ("-", "–") and t[q.k].glued and low_at(t, q.k + 1) == text and t[q.k + 1].glued:
        return "even split (50-50)"
    if low_at(t, q.i - 1) in ("-", "–") and t[q.i].glued and t[q.i - 1].glued and low_at(t, q.i - 2) == text:
        return "even split (50-50)"
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
    if (dots >= 3 or (dots and low_at(t, q.i - 1) == "…")) and not t[q.i].newline and q.unit == "count":
        return "contents page number"  # "Foreword ........ 3"; "Planning ...... 41%" is a table row
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
        and (t[q.i + 1].text[:1].isupper() or (t[q.i + 1].wide and _SECTION.match(t[q.i].text)))
    ):
        return "section number"  # "2.1 Staffing", "4.2  46% of the children ..."
    return None


def _capital_at(t: list[Token], j: int) -> bool:
    return j < len(t) and t[j].is_word and t[j].text[0].isupper() and not t[j].newline


_SECTION = re.compile(r"^\d{1,2}\.\d{1,2}$")


def section_number(q: Quantity, c: Context) -> str | None:
    """ "1.2 Staff Good", "see 3.4 Assessment": a numbered section before its capitalised
    title, wherever it stands on its line."""
    t = c.tokens
    if q.kind != "digits" or q.unit != "count" or q.qualifier or q.of is not None:
        return None
    if not _SECTION.match(t[q.i].text) or not _capital_at(t, q.k) or t[q.k].low in V.MONTHS:
        return None
    return "section number"


_MASTHEAD = "Inspectorate of Probation"


def running_head(q: Quantity, c: Context) -> str | None:
    """ "Fenland PDU            7" under or over the "HM Inspectorate of Probation   May 2024"
    line at the top of a report page: the page number of a running head, set off at the
    end of its line."""
    t = c.tokens
    if q.kind != "digits" or q.unit != "count" or q.value >= 1000 or not t[q.i].wide:
        return None
    if q.k < len(t) and not t[q.k].newline:
        return None  # not the last thing on its line
    text = c.text
    line_start = text.rfind("\n", 0, t[q.i].start) + 1
    above = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
    below_end = text.find("\n", text.find("\n", t[q.i].start) + 1)
    near = text[above : below_end if below_end >= 0 else len(text)]
    if _MASTHEAD in near or _UNIT_HEAD.fullmatch(text, line_start, t[q.i].start) and _alone(text, line_start, t[q.i].end):
        return "page number in a running head"
    return None


_UNIT_HEAD = re.compile(
    r"[A-Z][\w'’&,-]*(?: [\w'’&,-]+){0,7} (?:PDU|CRC|YOT|YJS|[Ss]ervice|[Tt]eam|[Rr]egion|[Dd]ivision|"
    r"[Pp]artnership|[Cc]ompany|[Pp]robation)\s{3,}"
)
"""A line naming only the inspected body, then a wide gap: a report's running head."""


def _alone(text: str, line_start: int, end: int) -> bool:
    """The line stands between blank lines (or the text's edges), as a page's head does."""
    line_end = text.find("\n", end)
    before = text[max(0, line_start - 2) : line_start]
    after = text[line_end : line_end + 2] if line_end >= 0 else ""
    return (line_start == 0 or before == "\n\n") and (line_end < 0 or after == "\n\n" or line_end + 1 >= len(text))


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
    if low_at(t, j) in (".",) and low_at(t, j - 1) in ("no", "p", "pp", "para", "fig", "vol", "s", "ss", "art", "reg", "sch", "cl", "sec", "ch"):
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
    p = partner(q, c)
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


_RATING_NAMES = words_of("outstanding good requires inadequate")


_SECTION_NUMBER_LINE = re.compile(r"\s*\d{1,2}(?:\.\d{1,2}){0,3}\.?")


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
    if prev.is_digits and _SECTION_NUMBER_LINE.fullmatch(text, text.rfind("\n", 0, prev.start) + 1, prev.end):
        return False  # "2.7  In 27 cases ...": the capital opens a numbered paragraph
    k = i - 1
    while k > 0 and t[k].is_word and t[k].text[0].isupper() and not t[k].newline:
        k -= 1  # "Key Stage 4": the whole capitalised name must not open the sentence
    if t[k].is_word and t[k].text[0].isupper():
        return False
    return low_at(t, k) not in (".", "!", "?", ":", ";", "(", "\"", "“", "‘", "•")


def file_size(q: Quantity, c: Context) -> str | None:
    """ "(PDF, 334 kB)" even when the unit is split from the number."""
    if low_at(c.tokens, q.k) in ("kb", "mb", "gb", "kilobytes", "megabytes", "bytes"):
        return "file size"
    return None
