"""WordPress posts (www.russellwebster.com and most blogs): site header, the post in
.entry-content with "Share This Post", Related posts and a sponsor block around it, the
comments list and the comment form."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from watcher.extract import chrome
from watcher.extract.dates import find_published
from watcher.extract.htmltext import block_text
from watcher.extract.meta import generator, links, meta_published, page_title, report_pdfs
from watcher.extract.page import PageText, is_decomposed, strip_chrome, text_of
from watcher.extract.profiles import validate

NAME = "wordpress"
_WP_ASSET = re.compile(r"/wp-(content|includes|json)/")
_CONTENT = (
    "article .entry-content",
    ".entry-content",
    ".post-content",
    "article .content",
    "article",
)
_COMMENT_LISTS = "ol.comment-list, ol.commentlist, ul.comment-list, .comment-list, .commentlist"
_ASIDE = re.compile(
    r"(?:^|[\s_-])(comments?|comment-list|commentlist|comments-area|related|relatedposts"
    r"|jp-relatedposts|yarpp|teaser|widget|sidebar)(?:$|[\s_-])",
    re.I,
)
_COMMENT_META = (
    ".comment-meta, .comment-metadata, .comment-author, .reply, .comment-reply-link, .says"
)


def matches(soup: BeautifulSoup, url: str | None) -> bool:
    if "wordpress" in generator(soup):
        return True
    if soup.find(["link", "script"], attrs={"href": _WP_ASSET}) or soup.find(
        "script", attrs={"src": _WP_ASSET}
    ):
        return True
    return soup.select_one(".entry-content") is not None


def comments_text(soup: BeautifulSoup) -> str:
    section = soup.select_one(_COMMENT_LISTS)
    if section is None:
        return ""
    out = []
    for item in section.select("li.comment, article.comment, .comment-body"):
        if item.name == "li" and item.select_one(".comment-body, article"):
            continue  # its inner body is visited on its own
        body = item.select_one(".comment-content") or item
        for meta in body.select(_COMMENT_META):
            meta.decompose()
        for child in body.select("ol.children, ul.children"):
            child.decompose()
        text = "\n".join(chrome.drop_noise(block_text(body).split("\n"))).strip()
        if text and text not in out:
            out.append(text)
    return "\n\n".join(out)


def _in_aside(tag: Tag) -> bool:
    """Whether a candidate sits in the comments or a related-posts or teaser block."""
    for node in (tag, *tag.parents):
        if not isinstance(node, Tag) or node.name in ("body", "html", "[document]"):
            break
        names = " ".join(node.get("class") or []) + " " + str(node.get("id") or "")
        if _ASIDE.search(names):
            return True
    return False


def _content(soup: BeautifulSoup) -> Tag | None:
    """The post's own content: of the first selector that finds any outside comments and
    teaser blocks, the candidate with the most text."""
    for sel in _CONTENT:
        found = [t for t in soup.select(sel) if not _in_aside(t)]
        if found:
            return max(found, key=lambda t: len(t.get_text()))
    return None


def extract(soup: BeautifulSoup, url: str | None, markup: bytes | str) -> PageText | None:
    content = _content(soup)
    if not isinstance(content, Tag):
        return None
    title = page_title(soup, "h1.entry-title", ".entry-title", "article h1", ".post-title")
    published = meta_published(soup)
    comments = comments_text(soup)
    for inner in content.select(f"{_COMMENT_LISTS}, #comments, .comments-area, #respond"):
        if not is_decomposed(inner):
            inner.decompose()
    pdfs = report_pdfs(links(content, url), url)
    strip_chrome(content)
    if content.name == "article":
        for h in content.select("h1.entry-title, .entry-title"):
            h.decompose()
    body = text_of(content)
    if not body:
        return None
    if published is None:
        published, _ = find_published(body.split("\n"))
    page = PageText(
        title=title, body=body, comments=comments, published=published, pdfs=pdfs, profile=NAME
    )
    return validate.checked(page, markup, url)
