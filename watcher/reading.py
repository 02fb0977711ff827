"""One entry to one Document: follow its link, extract the page's main text, fetch and read
the report PDF it links to (extraction runs in the fetcher's worker processes, on a
budget: `watcher.isolation`), and fall back to the feed's own content when the page cannot
be read.

How page and report combine: the page's text comes first (a press release or blog post
says in a few lines what matters), then the report's text under a "Report:" line (the
report carries the figures). Title and date come from the entry first, then the page,
then the PDF, then the text; a document with no date found stays undated.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass

from state.clock import utcnow
from summariser.models import Document
from watcher.errors import FetchError, LinkRefused, ParseError
from watcher.extract.dates import plausible
from watcher.extract.feedentry import html_fragment_text
from watcher.extract.page import PageText
from watcher.extract.pdf import MAX_PAGES, PdfText
from watcher.http import Fetcher, Response
from watcher.links import looks_like_pdf
from watcher.sources.base import Entry, SourceOptions

log = logging.getLogger(__name__)
MAX_PDFS = 1
_CHARSET = re.compile(r"charset=([\w-]+)", re.I)


class EntryUnreadable(Exception):
    """Neither the entry's page nor the feed's own content gave any text. `transient`:
    the page failed for a reason that may pass (network, 5xx, 429)."""

    def __init__(self, message: str, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True, slots=True)
class Read:
    """A document, and what went wrong on the way that did not stop it being read.
    `complete` is False when the page or its report PDF failed for a reason that may pass
    (a network error, a 5xx, a 429): the poller then reads the entry again next time
    instead of taking it as known."""

    document: Document
    notes: tuple[str, ...] = ()
    complete: bool = True


def _charset(resp: Response) -> str | None:
    m = _CHARSET.search(resp.headers.get("content-type", ""))
    return m.group(1) if m else None


def _transient(exc: Exception) -> bool:
    return (
        isinstance(exc, FetchError)
        and not isinstance(exc, LinkRefused)
        and (exc.status is None or exc.status >= 500 or exc.status == 429)
    )


def combine(
    entry: Entry, page: PageText | None, pdf: PdfText | None, pdf_url: str | None
) -> tuple[str, str]:
    """Body and kind from what could be read: page text, then the report text."""
    parts = []
    if page is not None and page.body:
        parts.append(page.body)
    if pdf is not None and pdf.body:
        if parts:
            parts.append(f"Report: {pdf.title or pdf_url or 'PDF'}")
        parts.append(pdf.body)
    kind = (
        "report"
        if pdf is not None and page is not None
        else "pdf"
        if pdf is not None
        else ("post" if page is not None and page.profile in ("blogger", "wordpress") else "page")
    )
    return "\n\n".join(parts), kind


def _limits(fetcher: Fetcher) -> tuple[int, float | None]:
    """The PDF page cap and the monotonic deadline of this entry (fetch settings)."""
    settings = getattr(fetcher, "settings", None)
    budget = getattr(settings, "entry_budget", None)
    deadline = time.monotonic() + budget.total_seconds() if budget else None
    return getattr(settings, "max_pdf_pages", MAX_PAGES), deadline


def _read_pdf(fetcher: Fetcher, data: bytes, url: str, max_pages: int, deadline: float | None,
              notes: list[str]) -> PdfText:
    """The report PDF read in the extraction pool: its first `max_pages` pages, within the
    entry's deadline; a cut is a warning on the entry, never silent."""
    pdf = fetcher.extraction.pdf(data, url, max_pages=max_pages, deadline=deadline)
    if pdf.warning:
        log.warning("%s: %s", url, pdf.warning)
        notes.append(f"{url}: {pdf.warning}")
    return pdf


def read_entry(entry: Entry, options: SourceOptions, fetcher: Fetcher) -> Read:
    """Fetch and extract one entry. Raises EntryUnreadable (saying why) when nothing gave text."""
    max_pages, deadline = _limits(fetcher)
    follow = getattr(options, "follow_links", True)
    fetch_pdfs = getattr(options, "fetch_pdfs", True)
    use_feed = getattr(options, "use_feed_content", True)
    notes: list[str] = []
    page: PageText | None = None
    pdf: PdfText | None = None
    pdf_url: str | None = None
    retry = False  # a failure that may pass: the entry is read again next poll
    if entry.link and follow:
        try:
            accept = "pdf" if looks_like_pdf(entry.link) else "page"
            resp = fetcher.get(entry.link, accept=accept, origin=options.url)
            if resp.is_pdf:
                pdf = _read_pdf(fetcher, resp.body, resp.url, max_pages, deadline, notes)
                pdf_url = resp.url
            else:
                page = fetcher.extraction.html(resp.body, resp.url, _charset(resp))
                if not page.body:
                    notes.append(f"{entry.link}: no readable text on the page")
                    page = page if page.pdfs else None
        except (FetchError, ParseError) as exc:
            notes.append(f"{entry.link}: {exc}")
            retry = _transient(exc)
        over = deadline is not None and time.monotonic() > deadline
        if page is not None and fetch_pdfs and page.pdfs and over:
            notes.append(f"{page.pdfs[0]}: too expensive: not read, out of time (fetch.entry_budget)")
        if page is not None and fetch_pdfs and not over:
            for url in page.pdfs[:MAX_PDFS]:
                try:
                    r = fetcher.get(url, accept="pdf", origin=options.url)
                    if not r.is_pdf:
                        raise ParseError(f"not a PDF ({r.content_type or 'no content type'})")
                    pdf, pdf_url = _read_pdf(fetcher, r.body, r.url, max_pages, deadline, notes), r.url
                    break
                except (FetchError, ParseError) as exc:
                    notes.append(f"report {url}: {exc}")
                    retry = retry or _transient(exc)
        if page is not None and not page.body and pdf is None:
            page = None
    body, kind = combine(entry, page, pdf, pdf_url)
    comments = page.comments if page is not None else ""
    if not body and use_feed and entry.content_html:
        body, kind = html_fragment_text(entry.content_html), "post"
    if not body:
        if notes:
            reason = "; ".join(notes)
        elif not entry.link:
            reason = "no link to follow and no content in the feed"
        elif not follow:
            reason = "links are not followed (follow_links = false) and the feed has no content"
        else:
            reason = "no text found"
        raise EntryUnreadable(reason, transient=retry)
    title = (
        entry.title
        or (page.title if page is not None else "")
        or (pdf.title if pdf is not None else "")
        or entry.link
        or "(untitled)"
    )
    published = (
        entry.published
        or (page.published if page is not None else None)
        or (pdf.published if pdf is not None else None)
    )
    if published is None:
        from watcher.extract.dates import find_published

        published, _ = find_published(body.split("\n"))
    published, why = plausible(published, utcnow().date())
    if why:
        notes.append(f"{entry.link or entry.key}: {why}")
    document = Document(
        ref=entry.link or f"{options.url}#{entry.key}",
        title=title,
        body=body,
        comments=comments,
        url=entry.link,
        published=published,
        source=options.name,
        kind=kind,
        tags=tuple(options.tags),
    )
    return Read(document, tuple(notes), complete=not retry)
