"""Blogger posts (probationmatters.blogspot.com): date header, title, post body, "Posted by
... at", "N comments:" and the comments with their Reply/Delete links, archive sidebar."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from watcher.extract import chrome
from watcher.extract.dates import find_published, parse_date
from watcher.extract.htmltext import block_text
from watcher.extract.meta import generator, links, meta_published, page_title, report_pdfs
from watcher.extract.page import PageText, strip_chrome, text_of
from watcher.extract.profiles import validate
from watcher.hosts import host_of

NAME = "blogger"
_COMMENT_BODIES = ".comment-content, dd.comment-body, .comment-body, .comment-text"


def matches(soup: BeautifulSoup, url: str | None) -> bool:
    if "blogger" in generator(soup) or host_of(url or "").endswith(".blogspot.com"):
        return True
    return soup.select_one(".post-body") is not None and (
        soup.select_one(".date-header, .post-footer, .blog-posts") is not None
    )


def comments_text(soup: BeautifulSoup) -> str:
    """Each comment's own text, apart from its author line and Reply/Delete links."""
    section = soup.select_one("#comments, .comments, .comment-thread")
    if section is None:
        return ""
    out = []
    for el in section.select(_COMMENT_BODIES):
        if el.find_parent(class_="comment-content") is not None:
            continue  # nested inside another comment body already taken
        lines = chrome.drop_noise(block_text(el).split("\n"))
        text = "\n".join(lines).strip()
        if text:
            out.append(text)
    return "\n\n".join(out)


def extract(soup: BeautifulSoup, url: str | None, markup: bytes | str) -> PageText | None:
    post = soup.select_one(".post-outer .post, .post.hentry, .post") or soup
    body_el = post.select_one(".post-body, .entry-content")
    if not isinstance(body_el, Tag):
        return None
    title = page_title(post, ".post-title", ".entry-title") or page_title(soup)
    published = None
    header = soup.select_one(".date-header")
    if header is not None:
        published = parse_date(header.get_text(" "))
    published = published or meta_published(post) or meta_published(soup)
    comments = comments_text(soup)
    pdfs = report_pdfs(links(body_el, url), url)
    strip_chrome(body_el)
    body = text_of(body_el)
    if not body:
        return None
    if published is None:
        published, _ = find_published(body.split("\n"))
    page = PageText(
        title=title, body=body, comments=comments, published=published, pdfs=pdfs, profile=NAME
    )
    return validate.checked(page, markup, url)
