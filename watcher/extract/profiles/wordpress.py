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


def extract(soup: BeautifulSoup, url: str | None, markup: bytes | str) -> PageText | None:
    content = None
    for sel in _CONTENT:
        content = soup.select_one(sel)
        if content is not None:
            break
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
    return PageText(
        title=title, body=body, comments=comments, published=published, pdfs=pdfs, profile=NAME
    )
