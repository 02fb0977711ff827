"""Any other page: trafilatura finds the main text and the comments; when it finds
nothing, the main/article element (or the body) with its chrome removed."""

from __future__ import annotations

import logging

from bs4 import BeautifulSoup

from watcher.extract import chrome
from watcher.extract.cleantext import clean_text
from watcher.extract.dates import find_published
from watcher.extract.meta import links, meta_published, page_title, published_line, report_pdfs
from watcher.extract.page import PageText, strip_chrome, text_of

NAME = "generic"
MIN_WORDS = 5  # fewer is a menu or a caption, not a publication
SHORT = 2000  # characters: a result this short is checked against trafilatura's default
log = logging.getLogger(__name__)


def matches(soup: BeautifulSoup, url: str | None) -> bool:
    return True


def _trafilatura(markup: bytes | str, url: str | None, precise: bool) -> tuple[str, str]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            markup,
            url=url,
            include_comments=True,
            include_tables=True,
            include_images=False,
            favor_precision=precise,
            with_metadata=False,
        )
    except Exception as exc:  # a library failure on odd markup falls back, never crashes
        log.debug("trafilatura failed on %s: %s", url, exc)
        return "", ""
    if doc is None:
        return "", ""
    text = getattr(doc, "text", None) or (doc.get("text") if isinstance(doc, dict) else "")
    comments = getattr(doc, "comments", None) or (
        doc.get("comments") if isinstance(doc, dict) else ""
    )
    return text or "", comments or ""


def _tidy(body: str, title: str) -> str:
    body = chrome.clean_text(clean_text(body).replace("\r\n", "\n"), header=False)
    lines = [line for line in body.split("\n") if line.strip()]
    if lines and title and lines[0].strip() == title:
        lines = lines[1:]  # the title is the Document's title, not its first paragraph
    return "\n\n".join(lines)  # trafilatura gives one paragraph per line


def main_text(markup: bytes | str, url: str | None, title: str) -> tuple[str, str]:
    """Main text and comments as trafilatura finds them: favouring precision, unless that
    kept under a quarter of what its default finds on a short result (it dropped the
    article for a caption)."""
    body, comments = _trafilatura(markup, url, precise=True)
    body = _tidy(body, title)
    if len(body) < SHORT:
        fuller, more = _trafilatura(markup, url, precise=False)
        fuller = _tidy(fuller, title)
        if len(body) < len(fuller) * 0.25:
            body, comments = fuller, more or comments
    return body, chrome.clean_text(clean_text(comments), header=False)


def extract(soup: BeautifulSoup, url: str | None, markup: bytes | str) -> PageText | None:
    title = page_title(soup)
    declared = meta_published(soup)
    main = soup.select_one("main, [role=main], article, #content, .content") or soup.body or soup
    pdfs = report_pdfs(links(main, url), url)
    body, comments = main_text(markup, url, title)
    if len(body.split()) < MIN_WORDS:  # trafilatura took a menu or a caption: look again
        strip_chrome(main)
        body = text_of(main)
        if len(body.split()) < MIN_WORDS:
            body = ""
    published = published_line(body) or declared
    if published is None:
        published, _ = find_published(body.split("\n"))
    return PageText(
        title=title,
        body=body,
        comments=comments,
        published=published,
        pdfs=pdfs,
        profile=NAME,
    )
