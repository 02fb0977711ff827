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
    for d in DIGITS_RUN.finditer(text, a, b):
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
