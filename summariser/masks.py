"""Spans whose digits are never figures (URLs, e-mails, postcodes, phone numbers,
times, file sizes, codes and dates in digits, sample sizes), found on the raw text before
numbers are read."""

from __future__ import annotations

import re
from bisect import bisect_left

from summariser.text import Token

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


DIGITS_RUN = re.compile(r"\d+")


def _mask_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of text[a:b] whose digits are never figures: URLs, e-mails, postcodes, phone
    numbers, times, file sizes, codes and dates in digits, sample sizes ("n=120").

    Masks that begin with a digit are tried only where a run of digits begins (one pass to
    find those, then anchored matches); the others are scanned for, and only when the
    window holds a character they need."""
    chunk = text[a:b]
    out = _scanned(text, a, b, chunk)
    if "+44" in chunk:
        out.extend(m.span() for m in _PLUS44.finditer(text, a, b))
    if "(0" in chunk:
        out.extend(m.span() for m in _BRACKETED_AREA.finditer(text, a, b))  # "(020) 7946 0018"
    out.extend(_digit_led(text, a, b))
    if "." in chunk:
        out.extend(_domains(text, a, b))
    return out


_NEEDS = {"url": ("://", "ww.", "WW."), "email": ("@",), "sample size": ("=",)}
"""What a window must hold for a scanned mask to match in it at all."""


def _scanned(text: str, a: int, b: int, chunk: str) -> list[tuple[int, int]]:
    """Masks found by scanning (URLs, e-mails, postcodes, sample sizes)."""
    out: list[tuple[int, int]] = []
    for name, rx in _MASK_SCANS:
        if name in _DIGIT_LED or (name in _NEEDS and not any(x in chunk for x in _NEEDS[name])):
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
    return out


_DIGIT_LED_SCANS = [(name, rx) for name, rx in _MASK_SCANS if name in _DIGIT_LED]


def _digit_led(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Masks that begin with a digit, tried where a run of digits begins."""
    out: list[tuple[int, int]] = []
    last_end = -1
    for d in DIGITS_RUN.finditer(text, a, b):
        start = d.start()
        if start < last_end:
            continue  # inside a span already masked
        prev = text[start - 1] if start > 0 else " "
        if prev.isalnum() or prev == "_":
            continue  # "\b": not the start of a number
        for name, rx in _DIGIT_LED_SCANS:
            if not _may_match(name, text, start, d.end(), b, prev):
                continue
            m = rx.match(text, start, b)
            if m is not None:
                out.append((start, m.end()))
                last_end = max(last_end, m.end())
    return out


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


def masked_tokens(text: str, tokens: list[Token], a: int, b: int) -> set[int]:
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
