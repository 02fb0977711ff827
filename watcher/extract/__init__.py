"""Text extraction: local files and fetched bodies into summariser Documents.

`load_path(path)` is the one entry point for local files (`extract`, `replay`, the
baseline build and the evaluation script all use it). `document_from_page` and
`document_from_pdf` turn extraction results into Documents for the poller too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from summariser.models import Document
from watcher.errors import ParseError, UserError
from watcher.extract.feedentry import document_from_feed_entry
from watcher.extract.page import PageText
from watcher.extract.plaintext import split_text

TEXT_SUFFIXES = {".txt", ".text", ".md"}
log = logging.getLogger(__name__)
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES

__all__ = [
    "SUFFIXES",
    "document_from_feed_entry",
    "document_from_page",
    "load_path",
    "page_kind",
]


def page_kind(page: PageText) -> str:
    return "post" if page.profile in ("blogger", "wordpress") else "page"


def document_from_page(page: PageText, ref: str, fallback_title: str = "") -> Document:
    return Document(
        ref=ref,
        title=page.title or fallback_title,
        body=page.body,
        comments=page.comments,
        url=page.url,
        published=page.published,
        kind=page_kind(page),
    )


def load_path(path: Path | str) -> Document:
    """Read one local file (.txt, .html, .pdf) into a Document whose ref is the path.
    A file that cannot be read as what its name says is a UserError naming it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix and suffix not in SUFFIXES:
        raise UserError(f"{path}: unsupported file type {suffix!r} (use .txt, .html or .pdf)")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if suffix in HTML_SUFFIXES:
        from watcher.extract.html import extract_html

        try:
            page = extract_html(raw)
        except ParseError as exc:
            raise UserError(f"{path}: {exc}", exit_code=1) from None
        if not page.body:
            raise UserError(f"{path}: no readable text in the page", exit_code=1)
        return document_from_page(page, str(path), path.stem)
    if suffix in PDF_SUFFIXES:
        from watcher.extract.pdf import extract_pdf

        try:
            pdf = extract_pdf(raw)
        except ParseError as exc:
            raise UserError(f"{path}: {exc}", exit_code=1) from None
        if pdf.warning:
            log.warning("%s: %s", path, pdf.warning)
        return Document(
            ref=str(path),
            title=pdf.title or path.stem,
            body=pdf.body,
            published=pdf.published,
            kind="pdf",
        )
    parts = split_text(raw.decode("utf-8", errors="replace"))
    return Document(
        ref=str(path),
        title=parts.title or path.stem,
        body=parts.body,
        comments=parts.comments,
        published=parts.published,
        url=parts.url,
        kind="text",
    )
