"""Report PDFs to text with pypdfium2 (PDFium): lines rebuilt from the text boxes, running
headers and footers and page numbers removed, lines joined back into paragraphs.

`pdf_lines` is the only part that touches PDFium; the rest are pure functions over lines.
PDFium is not thread-safe, so every call into it holds one process-wide lock.
"""

from __future__ import annotations

import re
import statistics
import threading
import time
from dataclasses import dataclass
from datetime import date

from watcher.errors import ParseError, TooExpensive
from watcher.extract.cleantext import clean_text
from watcher.extract.dates import find_published
from watcher.extract.htmltext import inline_text

MAX_PAGES = 2000
_PDFIUM_LOCK = threading.Lock()
_PAGE_NUMBER = re.compile(
    r"^\s*(page\s*)?[-–—]?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*[-–—]?(\s*(of|/)\s*\d{1,4})?\s*$", re.I
)
_BULLET = re.compile(r"^\s*([•●▪■◦‣∙·*–-]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_LEADER_DOTS = re.compile(r"(\.\s?){4,}\s*\d{1,4}\s*$")  # a contents line: "Foreword ...... 3"
SHORT_LINE = 300  # the two patterns above backtrack on long lines: only short ones are tried
_STARTS_PARAGRAPH = re.compile(r"^\s*(published|date of publication)\b", re.I)
_SENTENCE_END = re.compile(r"[.:;!?”\"')\]]\s*$")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    y: float  # baseline, PDF units from the bottom of the page
    size: float  # font size of its first character


@dataclass(frozen=True, slots=True)
class PdfText:
    title: str
    body: str
    published: date | None
    pages: int  # pages read
    total_pages: int = 0  # pages the PDF has
    truncated: bool = False  # more than the page cap: the rest was not read

    @property
    def warning(self) -> str | None:
        """What a reader must be told when the page cap cut the document."""
        if not self.truncated:
            return None
        return (
            f"the PDF has {self.total_pages} pages; only the first {self.pages} were read "
            "(fetch.max_pdf_pages)"
        )


def pdf_lines(
    data: bytes, max_pages: int = MAX_PAGES, deadline: float | None = None
) -> tuple[str, list[list[Line]], int]:
    """The title from the metadata, each page's lines top-down (PDFium text boxes on one
    baseline merged into one line) for the first `max_pages` pages, and the page count.
    Past `deadline` (time.monotonic()) it stops with a TooExpensive error."""
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise ParseError("the PDF is encrypted with a password; refused") from None
            raise ParseError(f"not a readable PDF: {str(exc).splitlines()[0]}") from None
        try:
            try:
                title = (pdf.get_metadata_dict().get("Title") or "").strip()
            except pdfium.PdfiumError:
                title = ""
            pages = []
            total = len(pdf)
            for i in range(min(total, max_pages)):
                if deadline is not None and time.monotonic() > deadline:
                    raise TooExpensive(
                        f"too expensive: out of time (fetch.entry_budget) after {i} of {total} pages"
                    )
                page = pdf[i]
                try:
                    textpage = page.get_textpage()
                    try:
                        pages.append(_page_lines(textpage))
                    finally:
                        textpage.close()
                finally:
                    page.close()
        except pdfium.PdfiumError as exc:
            raise ParseError(f"cannot read the PDF's text: {exc}") from None
        finally:
            pdf.close()
    return title, pages, total


def _page_lines(textpage) -> list[Line]:
    """The page's text in PDFium's reading order, one Line per line, with the baseline and
    font size of its first character (PDFium counts the generated CR LF as characters, so
    text offsets are character indexes)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    text = textpage.get_text_range()
    x, y = ctypes.c_double(), ctypes.c_double()
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\r\n"):
        stripped = raw.strip()
        if stripped:
            first = pos + (len(raw) - len(raw.lstrip()))
            pdfium_c.FPDFText_GetCharOrigin(textpage.raw, first, ctypes.byref(x), ctypes.byref(y))
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, first)
            lines.append(Line(stripped, y.value, size or 0.0))
        pos += len(raw) + 2
    return lines


def strip_running_heads(pages: list[list[Line]], zone: int = 2) -> list[list[Line]]:
    """Remove running headers and footers and page numbers: a line among the first or last
    `zone` lines of a page that recurs at the same height on at least half the pages,
    either word for word or with a number that follows the page number ("Page 3 of 40");
    bare numbers there; and contents lines ("Foreword ........ 3") anywhere."""
    counts: dict[tuple, int] = {}
    for n, lines in enumerate(pages):
        for k in {k for ln in lines[:zone] + lines[-zone:] for k in _head_keys(ln, n)}:
            counts[k] = counts.get(k, 0) + 1
    need = max(2, (len(pages) + 1) // 2)
    out = []
    for n, lines in enumerate(pages):
        kept = []
        for i, ln in enumerate(lines):
            if len(ln.text) <= SHORT_LINE and _LEADER_DOTS.search(ln.text):
                continue  # table of contents: page numbers, not findings
            if i < zone or i >= len(lines) - zone:
                if len(ln.text) <= 40 and _PAGE_NUMBER.match(ln.text):
                    continue
                if len(pages) >= 2 and any(counts.get(k, 0) >= need for k in _head_keys(ln, n)):
                    continue
            kept.append(ln)
        out.append(kept)
    return out


def _head_keys(line: Line, page: int) -> tuple[tuple, ...]:
    """At the same height: the words themselves, and (when it has a number) the words with
    the number as the page number plus a constant."""
    height = round(line.y / 3)
    m = _DIGITS.search(line.text)
    if m is None or len(m.group()) > 4:
        return ((line.text, height),)
    numbered = (_DIGITS.sub("#", line.text.lower()), int(m.group()) - page, height)
    return ((line.text, height), numbered)


def reflow(pages: list[list[Line]]) -> str:
    """Lines joined into paragraphs: a new paragraph after a wider gap than the line
    spacing, before and after a heading (larger type), before a bullet, and at a page break
    after a finished sentence. Hyphens PDFium marks as soft are removed, the word joined."""
    sizes = [ln.size for lines in pages for ln in lines if ln.size > 0]
    body = statistics.median(sizes) if sizes else 10.0
    paras: list[str] = []
    current = ""
    for lines in pages:
        prev: Line | None = None
        for ln in lines:
            heading = ln.size > body * 1.15
            if prev is None:
                new = heading or bool(_SENTENCE_END.search(current))
            else:
                gap = prev.y - ln.y
                new = (
                    heading
                    or prev.size > body * 1.15
                    or gap <= 0
                    or gap > max(prev.size, ln.size, 1.0) * 1.75
                    or bool(_BULLET.match(ln.text))
                    or bool(_STARTS_PARAGRAPH.match(ln.text))
                )
            if new and current:
                paras.append(current)
                current = ""
            current = _join(current, ln.text)
            prev = ln
    if current:
        paras.append(current)
    return "\n\n".join(p.strip() for p in paras if p.strip())


def _join(current: str, text: str) -> str:
    if not current:
        return text
    if current.endswith(("\x02", "\u00ad", "\ufffe")):
        return current[:-1] + text
    return current + " " + text


def extract_pdf(
    data: bytes, max_pages: int = MAX_PAGES, deadline: float | None = None
) -> PdfText:
    """Title, body and date of a report PDF, its first `max_pages` pages read (`truncated`
    says when there were more). ParseError when it is not a readable PDF or holds no text
    (a scanned report needs OCR, which we do not do)."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ParseError("not a PDF (no %PDF header)")
    meta_title, pages, total = pdf_lines(data, max_pages, deadline)
    cleaned = strip_running_heads(pages)
    body = reflow(cleaned)
    body = body.replace("\ufffe", "").replace("\u00ad", "").replace("\x02", "")
    if not body.strip():
        n = len(pages)
        raise ParseError(f"the PDF has no text layer ({n} page{'s' if n != 1 else ''}; scanned?)")
    first_lines = body.split("\n\n")[:40]
    published, _ = find_published(first_lines, head=40)
    title = inline_text(meta_title) if _useful_title(meta_title) else _first_heading(cleaned)
    return PdfText(
        title=clean_text(title),
        body=clean_text(body),
        published=published,
        pages=len(pages),
        total_pages=total,
        truncated=total > len(pages),
    )


def _useful_title(title: str) -> bool:
    t = title.strip().lower()
    return (
        bool(t)
        and not t.startswith(("microsoft word", "untitled"))
        and not t.endswith((".doc", ".docx", ".pdf", ".indd"))
    )


def _first_heading(pages: list[list[Line]]) -> str:
    """The largest type on the first page with text: a report's cover title."""
    for lines in pages:
        if lines:
            top = max(ln.size for ln in lines)
            return inline_text(next(ln.text for ln in lines if ln.size == top))[:300]
    return ""
