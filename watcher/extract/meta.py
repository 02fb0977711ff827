"""What a page says about itself: title, publication date, generator, feeds, and links to
the report PDF, data annexe and press release. Pure functions over a parsed page."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from watcher.extract.dates import PUBLISHED, Impossible, parse_date, timestamp_date
from watcher.extract.htmltext import inline_text
from watcher.links import is_http, looks_like_pdf, normalise_link, same_site

_META_DATES = (
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.issued"),
    ("name", "dc.date"),
    ("name", "citation_publication_date"),
    ("name", "pubdate"),
    ("name", "date"),
)
_PDF_TEXT = re.compile(r"\(\s*pdf\b|\bpdf\s*,", re.I)
_REPORT_TEXT = re.compile(
    r"\b(read|download|view)\s+(the\s+)?(full\s+)?report\b|\bfull report\b|\breport\b", re.I
)
_SECONDARY = re.compile(
    r"\b(annex(e|es)?|appendix|easy read|easy-read|summary|welsh|cymraeg|accessible|data|"
    r"action plan|response|consultation|form|template|guidance|infographic|glossary)\b",
    re.I,
)
_RELATED = {
    "data annexe": re.compile(r"\bdata annex(e)?\b", re.I),
    "press release": re.compile(r"\bpress release\b", re.I),
}


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str


def meta_content(soup: BeautifulSoup, attr: str, value: str) -> str | None:
    tag = soup.find("meta", attrs={attr: re.compile(f"^{re.escape(value)}$", re.I)})
    if isinstance(tag, Tag):
        content = tag.get("content")
        if isinstance(content, str) and content.strip():
            return content.strip()
    return None


def generator(soup: BeautifulSoup) -> str:
    return (meta_content(soup, "name", "generator") or "").lower()


def page_title(soup: BeautifulSoup, *selectors: str) -> str:
    """The first of: the given selectors, og:title, the first h1, <title>."""
    for sel in selectors:
        tag = soup.select_one(sel)
        if tag is not None:
            text = inline_text(tag.get_text(" "))
            if text:
                return text
    og = meta_content(soup, "property", "og:title") or meta_content(soup, "name", "twitter:title")
    if og:
        return inline_text(og)
    h1 = soup.find("h1")
    if isinstance(h1, Tag):
        text = inline_text(h1.get_text(" "))
        if text:
            return text
    if soup.title and soup.title.string:
        return inline_text(str(soup.title.string))
    return ""


def stamp_date(value: str) -> date | None:
    """A machine-readable timestamp's date in its own offset (a UTC one in Europe/London),
    else the first date written in the value; an impossible one is None."""
    try:
        found = timestamp_date(value.strip())
    except Impossible:
        return None
    return found or parse_date(value)


def meta_published(soup: BeautifulSoup) -> date | None:
    """The publication date a page declares: meta tags, JSON-LD, <time datetime>,
    Blogger's <abbr class="published" title=...>."""
    for attr, value in _META_DATES:
        content = meta_content(soup, attr, value)
        if content:
            d = stamp_date(content)
            if d:
                return d
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        d = _ld_date(script.string or "")
        if d:
            return d
    for tag in soup.select("time[datetime], abbr.published[title], .published[title]"):
        value = tag.get("datetime") or tag.get("title")
        if isinstance(value, str):
            d = stamp_date(value)
            if d:
                return d
    return None


def _ld_date(raw: str) -> date | None:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    stack = [data]
    for _ in range(200):
        if not stack:
            break
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                d = stamp_date(value)
                if d:
                    return d
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend(item)
    return None


def published_line(text: str) -> date | None:
    """A "Published: 14 October 2026" line in the first lines of a text."""
    for line in text.split("\n")[:40]:
        m = PUBLISHED.search(line)
        if m and m.start() < 5:
            d = parse_date(line[m.end() :])
            if d:
                return d
    return None


def links(scope: Tag | BeautifulSoup, base: str | None) -> list[Link]:
    out = []
    for a in scope.find_all("a", href=True):
        href = str(a.get("href", "")).strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        url = urljoin(base, href) if base else href
        if base and not is_http(url):
            continue
        out.append(
            Link(
                url=url, text=inline_text(a.get_text(" ")) or inline_text(str(a.get("title") or ""))
            )
        )
    return out


def report_pdfs(candidates: list[Link], page_url: str | None) -> tuple[str, ...]:
    """Links that look like the report itself as a PDF, best first: on the page's own site,
    ".pdf" or "(PDF, 751 kB)", "Read the report" ahead of annexes and easy-read versions."""
    scored: dict[str, int] = {}
    for link in candidates:
        is_pdf = looks_like_pdf(link.url) or bool(_PDF_TEXT.search(link.text))
        if not is_pdf:
            continue
        if page_url and not same_site(link.url, page_url):
            continue
        score = 1
        if _REPORT_TEXT.search(link.text):
            score += 3
        if _SECONDARY.search(link.text) or _SECONDARY.search(link.url.rsplit("/", 1)[-1]):
            score -= 3
        url = normalise_link(link.url)
        scored[url] = max(scored.get(url, -99), score)
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    return tuple(url for url, score in ranked if score > -2)


def related_links(candidates: list[Link]) -> tuple[tuple[str, str], ...]:
    """The data annexe and press release a report page links to: (label, url)."""
    out: dict[str, str] = {}
    for link in candidates:
        for label, rx in _RELATED.items():
            if label not in out and rx.search(link.text):
                out[label] = link.url
    return tuple(out.items())


def canonical_url(soup: BeautifulSoup) -> str | None:
    """The address a saved page names for itself (<link rel="canonical">, og:url)."""
    for tag in soup.find_all("link", href=True):
        if "canonical" in [r.lower() for r in (tag.get("rel") or [])]:
            href = str(tag["href"]).strip()
            if is_http(href):
                return href
    og = meta_content(soup, "property", "og:url")
    return og if og and is_http(og) else None


def feed_links(soup: BeautifulSoup, base: str | None) -> tuple[str, ...]:
    """Feeds a page announces (<link rel="alternate" type="application/rss+xml">)."""
    out = []
    for tag in soup.find_all("link", href=True):
        rel = " ".join(tag.get("rel") or []).lower()
        kind = str(tag.get("type") or "").lower()
        if "alternate" in rel and ("rss" in kind or "atom" in kind):
            out.append(urljoin(base, str(tag["href"])) if base else str(tag["href"]))
    return tuple(out)
