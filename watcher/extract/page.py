"""What the HTML profiles produce, and what they share: removing chrome from the part of a
page they chose, and tidying its text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bs4 import BeautifulSoup, Tag

from watcher.extract import chrome
from watcher.extract.htmltext import block_text

_CHROME_WORDS = (
    r"nav|navbar|navigation|menu|breadcrumbs?|cookies?|cookie-banner|consent|gdpr|banner"
    r"|sidebar|widgets?|share|shares|sharing|sharedaddy|share-buttons|social|related"
    r"|relatedposts|jp-relatedposts|yarpp|subscribe|newsletter|sponsors?|sponsored|advert"
    r"|adverts|advertisement|ads|promo|skip-link|screen-reader-text|comment-respond|respond"
    r"|pagination|post-navigation|nav-links|author-bio|addtoany|a2a|print|visually-hidden"
    r"|sr-only|post-share-buttons|blog-pager|feed-links"
)
CHROME_ATTR = re.compile(rf"(?:^|[\s_-])({_CHROME_WORDS})(?:$|[\s_-])", re.I)
CHROME_TAGS = ["nav", "aside", "form", "footer", "header", "noscript", "script", "style", "button"]


@dataclass(frozen=True, slots=True)
class PageText:
    """The publication a page holds, its reader comments kept apart, and what it links to."""

    title: str
    body: str
    comments: str = ""
    published: date | None = None
    pdfs: tuple[str, ...] = ()  # the report as PDF, best first
    related: tuple[tuple[str, str], ...] = ()  # ("data annexe", url), ("press release", url)
    feeds: tuple[str, ...] = ()  # feeds the page announces
    profile: str = "generic"
    url: str | None = None  # the address it was read from, or its canonical address


def chrome_attr(tag: Tag) -> bool:
    """Whether a tag's class or id names chrome (share buttons, related posts, sidebar...)."""
    attrs = tag.attrs or {}
    classes = attrs.get("class") or []
    text = " ".join(classes) if isinstance(classes, list) else str(classes)
    ident = str(attrs.get("id") or "")
    return bool(CHROME_ATTR.search(text) or CHROME_ATTR.search(ident))


def is_decomposed(tag: Tag) -> bool:
    """Whether `tag` was decomposed. Not `tag.decomposed`: on a live tag that reads a
    missing attribute, which bs4 answers by searching the whole subtree."""
    return bool(tag.__dict__.get("_decomposed", False))


def strip_chrome(container: Tag | BeautifulSoup, *, keep: Tag | None = None) -> None:
    """Remove navigation, forms, share/related/sponsor blocks and hidden parts from inside
    `container` (never `container` itself, nor anything holding `keep`). One walk in
    document order: a tag inside one already dropped is skipped, so the cost is linear in
    the size of the page however deep it nests."""
    holding = {id(p) for p in keep.parents} | {id(keep)} if keep is not None else set()
    chrome_tags = set(CHROME_TAGS)
    dropped: list[Tag] = []
    gone: set[int] = set()
    for tag in container.find_all(True):
        parent = tag.parent
        if parent is not None and id(parent) in gone:
            gone.add(id(tag))
            continue
        if tag is container or id(tag) in holding:
            continue
        if tag.name in chrome_tags or (
            tag.name not in ("html", "body", "main", "article") and chrome_attr(tag)
        ):
            gone.add(id(tag))
            dropped.append(tag)
    for tag in dropped:
        tag.decompose()


def text_of(container: Tag | BeautifulSoup | None, *, trailer: bool = True) -> str:
    """Block text of a cleaned container with the text-level chrome rules applied."""
    return chrome.clean_text(block_text(container), header=False, trailer=trailer)
