"""Spans whose digits are never figures (URLs, e-mails, postcodes, phone numbers,
times, file sizes, codes and dates in digits, sample sizes), found on the raw text before
numbers are read."""

from __future__ import annotations

import re
from bisect import bisect_left

from summariser.text import Token

# Masks that begin with a digit: each is matched only where a run of digits begins, and
# the word boundary (or the character before) is checked in Python.
_MASK_SCANS: list[tuple[str, re.Pattern[str]]] = [
    ("phone", re.compile(r"(?:\+44\s?(?:\(0\)\s?)?|0)\d{2,4}[\s-]?\d{3,4}(?:[\s-]?\d{3,4})?\b")),
    ("time", re.compile(
        r"(?=\d\d?(?:[:.]\d|\s?[aApPoO]))\d{1,2}(?:[:.]\d{2}\s?(?:[aApP][mM]|[aApP]\.[mM]\.)|:\d{2}\b|\s?(?:[aApP][mM]|[aApP]\.[mM]\.)(?!\w)|\s?[oO][’']clock)"
    )),
    ("file size", re.compile(r"(?=\d[\d.,]*+\s?[kKmMgGbB])\d+(?:[.,]\d+)?\s?(?:[kKmMgG][bB]|[bB]ytes|[kK]ilobytes|[mM]egabytes)\b")),
    ("code", re.compile(  # the look-ahead turns away, cheaply, digits that no separator follows
        r"(?=\d++[-–/.]\d)(?:(?:18|19|20)\d\d[-–/]\d\d(?:\d\d)?\b|\d++(?:-\d++){2,}\b"
        r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\d++/\d+\b)"
    )),
]  # fmt: skip


_BRACKETED_AREA = re.compile(r"\(0\d{2,4}\)\s?\d{3,4}[\s-]?\d{3,4}\b")


_PLUS44 = re.compile(r"\+44\s?(?:\(0\)\s?)?\d{2,4}[\s-]?\d{3,4}(?:[\s-]?\d{3,4})?\b")


_DOMAIN = re.compile(
    r"\.(?:[cC][oO][mM]|[oO][rR][gG]|[nN][eE][tT]|[cC][oO]\.[uU][kK]|[gG][oO][vV]\.[uU][kK]|[uU][kK]|[eE][uU]|[iI][oO])\b"
)


DIGITS_RUN = re.compile(r"\d+")


def mask_spans(text: str, digit_runs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Spans of `text` whose digits are never figures: URLs, e-mails, postcodes, phone
    numbers, times, file sizes, codes and dates in digits. (A sample size, "n=120", is a
    figure: a count whose stat is "sample".)

    Read once for the whole text (`annotated.annotate`). Masks that begin with a digit, or
    a letter or two before one (postcodes), are tried only where a run of digits begins;
    the others are found from a literal they must hold ("://", "@")."""
    out = _urls(text)
    if "@" in text:
        out.extend(_emails(text))
    if "+44" in text:
        out.extend(m.span() for m in _PLUS44.finditer(text))
    if "(0" in text:
        out.extend(m.span() for m in _BRACKETED_AREA.finditer(text))  # "(020) 7946 0018"
    runs = digit_runs if digit_runs is not None else [m.span() for m in DIGITS_RUN.finditer(text)]
    out.extend(_digit_led(text, runs))
    if "." in text:
        out.extend(_domains(text, 0, len(text)))
    return out


_NON_SPACE = re.compile(r"\S+")


def _urls(text: str) -> list[tuple[int, int]]:
    """ "http://...", "https://...", "www...": to the next space."""
    out = []
    for mark in ("://", "www.", "WWW.", "Www."):
        i = text.find(mark)
        while i >= 0:
            start = i if mark != "://" else _scheme_start(text, i)
            end = _NON_SPACE.match(text, start).end() if start >= 0 else i + len(mark)  # type: ignore[union-attr]
            if start >= 0:
                out.append((start, end))
            i = text.find(mark, end)
    return out


def _scheme_start(text: str, i: int) -> int:
    """Where "http" or "https" starts before the "://" at i, or -1."""
    for scheme in ("https", "http"):
        if text[max(0, i - len(scheme)) : i].lower() == scheme:
            return i - len(scheme)
    return -1


_EMAIL = re.compile(r"@[\w-]+\.[\w.-]+")


def _emails(text: str) -> list[tuple[int, int]]:
    """ "name@example.org": the domain after "@", extended leftwards over the local part."""
    out = []
    for m in _EMAIL.finditer(text):
        start = m.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
            start -= 1
        if start < m.start():
            out.append((start, m.end()))
    return out


_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")


def _postcode_at(text: str, run_start: int) -> tuple[int, int] | None:
    """A postcode whose first digit is at run_start ("LS1 4AP", "SW1A 2HQ")."""
    for back in (1, 2):
        s0 = run_start - back
        if s0 < 0 or not text[s0].isupper():
            continue
        if s0 > 0 and (text[s0 - 1].isalnum() or text[s0 - 1] == "_"):
            continue
        m = _POSTCODE.match(text, s0)
        if m is not None:
            return m.span()
    return None


_DIGIT_LED_SCANS = _MASK_SCANS  # every scanned mask begins with a digit


def _digit_led(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Masks that begin with a digit, tried where a run of digits begins, and postcodes,
    whose first digit follows a capital or two."""
    out: list[tuple[int, int]] = []
    last_end = -1
    b = len(text)
    for start, run_end in runs:
        if start < last_end:
            continue  # inside a span already masked
        prev = text[start - 1] if start > 0 else " "
        if prev.isupper():
            postcode = _postcode_at(text, start)
            if postcode is not None:
                out.append(postcode)
                last_end = max(last_end, postcode[1])
                continue
        if prev.isalnum() or prev == "_":
            continue  # "\b": not the start of a number
        for name, rx in _DIGIT_LED_SCANS:
            if not _may_match(name, text, start, run_end, b, prev):
                continue
            m = rx.match(text, start, b)
            if m is not None and not (name == "code" and _score(text, m)):
                out.append((start, m.end()))
                last_end = max(last_end, m.end())
    return out


_SCORE_BEFORE = re.compile(r"\b(?:scor(?:e|es|ed|ing)|points?)\b[^\n.;]{0,80}$", re.I)
_SCORE_SLASH = re.compile(r"(\d+)/(\d+)")


def _score(text: str, m: re.Match[str]) -> bool:
    """ "Score   24/36", "scored 17/24": a score out of its maximum, not a code or a date;
    the line before it names a score, and the first number is at most the second."""
    parts = _SCORE_SLASH.fullmatch(m.group())
    if parts is None or int(parts.group(1)) > int(parts.group(2)):
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    return _SCORE_BEFORE.search(text, line_start, m.start()) is not None


def _may_match(name: str, text: str, start: int, run_end: int, b: int, prev: str) -> bool:
    """What must follow a run of digits for each digit-led mask to match at all (cheap)."""
    nxt = text[run_end] if run_end < b else " "
    nxt2 = text[run_end + 1] if run_end + 1 < b else " "
    if name == "phone":
        return text[start] == "0" and prev not in ".,"  # "(?<![\d.,])0"
    if name == "time":
        return run_end - start <= 2 and (nxt in ":.aApPoO’'" or (nxt == " " and nxt2 in "aApPoO"))
    if name == "file size":
        return nxt in ".,kKmMgGbB" or (nxt == " " and nxt2 in "kKmMgGbB")
    return nxt in "-–/." and nxt2.isdigit()  # code


def _domains(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """ "nationalarchives.gov.uk/doc/...": a domain, with the path after it."""
    out: list[tuple[int, int]] = []
    for m in _DOMAIN.finditer(text, a, b):
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


def masked_tokens(tokens: list[Token], spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens that lie inside one of the masked `spans`."""
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
