"""HM Inspectorate of Probation pages (justiceinspectorates.gov.uk): report pages opening
with the Open Government Licence notice, a title, a "Published:" line and sections whose
headings end in "(Back to top)"; news and legacy press releases linking "Read the report
(PDF, 751 kB)", a data annexe and a press release."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from watcher.extract.dates import find_published
from watcher.extract.meta import (
    links,
    meta_published,
    page_title,
    published_line,
    related_links,
    report_pdfs,
)
from watcher.extract.page import PageText, is_decomposed, strip_chrome, text_of
from watcher.hosts import host_of

NAME = "inspectorate"
_LICENCE = re.compile(r"open government licen[cs]e", re.I)
_ARCHIVES = re.compile(r"national archives|nationalarchives|TW9\s*4DU", re.I)
_BACK_TO_TOP = re.compile(r"back to top", re.I)
_PUBLISHED_LINE = re.compile(r"^\s*(date )?published\s*:?\s*.{0,40}$", re.I)


def matches(soup: BeautifulSoup, url: str | None) -> bool:
    if host_of(url or "").endswith("justiceinspectorates.gov.uk"):
        return True
    return soup.find(string=_LICENCE) is not None and soup.find(string=_BACK_TO_TOP) is not None


def _container(soup: BeautifulSoup) -> Tag | BeautifulSoup:
    for sel in ("main article", "main", "[role=main]", "#main", "#content", "article", "body"):
        tag = soup.select_one(sel)
        if tag is not None:
            return tag
    return soup


def _remove_licence(container: Tag | BeautifulSoup) -> None:
    """Drop the smallest element holding the whole licence notice (licence named and The
    National Archives' address given); the text rules catch a notice split over siblings."""
    for text in container.find_all(string=_LICENCE):
        node = text.parent
        while isinstance(node, Tag) and node is not container:
            content = node.get_text(" ")
            if _ARCHIVES.search(content):
                if len(content) < 2500:
                    node.decompose()
                break
            node = node.parent


def extract(soup: BeautifulSoup, url: str | None, markup: bytes | str) -> PageText | None:
    container = _container(soup)
    title = page_title(soup, "main h1", "article h1", "h1.entry-title", "h1")
    found = links(container, url)
    pdfs = report_pdfs(found, url)
    related = related_links(found)
    declared = meta_published(soup)
    link_lines = {
        link.text
        for link in found
        if link.text
        and (
            link.url.lower().endswith(".pdf")
            or "(pdf" in link.text.lower()
            or any(link.url == u for _, u in related)
        )
    }
    title_tag = container.find("h1")
    _remove_licence(container)
    strip_chrome(container)
    if isinstance(title_tag, Tag) and not is_decomposed(title_tag):
        title_tag.decompose()
    body = text_of(container)
    published = published_line(body) or declared
    if published is None:
        published, _ = find_published(body.split("\n"))
    lines = [
        line
        for line in body.split("\n")
        if not (len(line) < 120 and _PUBLISHED_LINE.match(line)) and line.strip().lstrip("• ") not in link_lines
    ]
    body = "\n".join(lines).strip()
    if not body:
        return None
    return PageText(
        title=title, body=body, published=published, pdfs=pdfs, related=related, profile=NAME
    )
