"""HTML to text that keeps the structure figures depend on: paragraphs, headings and list
items on their own lines, table cells apart, scripts and hidden elements dropped.

Pure functions over BeautifulSoup trees (or markup strings); no I/O.
"""

from __future__ import annotations

import html as html_lib
import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

from watcher.errors import ParseError

SKIP = {
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "button", "select", "input", "textarea", "canvas", "map", "head", "title", "meta",
    "link", "option", "video", "audio", "picture", "img",
}  # fmt: skip
PARAGRAPH = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "table",
    "figure", "section", "article", "main", "header", "footer", "aside", "nav", "form",
    "fieldset", "details", "hr", "address",
}  # fmt: skip
LINE = {"div", "li", "dt", "dd", "tr", "br", "figcaption", "summary", "caption", "center"}
CELL = {"td", "th"}
_NOT_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


MAX_DEPTH = 512  # elements inside elements; real pages stay under a hundred


def nesting_depth(root: Tag | BeautifulSoup) -> int:
    """How deep elements nest under `root`: one walk in document order (a parent is met
    before its children), so linear in the size of the tree."""
    depth: dict[int, int] = {id(root): 0}
    deepest = 0
    for tag in root.find_all(True):
        d = depth.get(id(tag.parent), 0) + 1
        depth[id(tag)] = d
        deepest = max(deepest, d)
    return deepest


def check_depth(root: Tag | BeautifulSoup, limit: int = MAX_DEPTH) -> None:
    """Refuse an absurd document (ParseError) before any profile or library walks it."""
    deepest = nesting_depth(root)
    if deepest > limit:
        raise ParseError(
            f"the markup nests elements {deepest} deep (the limit is {limit}); refused as absurd"
        )


def parse_html(markup: bytes | str, encoding: str | None = None) -> BeautifulSoup:
    """A forgiving parse (lxml); bytes are decoded by the declared or sniffed encoding."""
    if isinstance(markup, bytes) and encoding:
        return BeautifulSoup(markup, "lxml", from_encoding=encoding)
    return BeautifulSoup(markup, "lxml")


def is_hidden(tag: Tag) -> bool:
    attrs = tag.attrs or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(str(style)))


def block_text(node: Tag | BeautifulSoup | None) -> str:
    """The readable text of a subtree: one paragraph per block (a blank line between),
    list items and other line-level blocks on their own lines, "• " before list items,
    cells separated by " | ", two <br> in a row a paragraph break. Iterative, so deeply
    nested markup cannot overflow the stack."""
    if node is None:
        return ""
    out: list[str] = []
    at_line_start = True

    def newline() -> None:
        nonlocal at_line_start
        if not at_line_start:
            out.append("\n")
            at_line_start = True

    stack: list[tuple[object, bool]] = [(node, True)]
    pre_depth = 0
    while stack:
        item, entering = stack.pop()
        if isinstance(item, NavigableString):
            if isinstance(item, _NOT_TEXT):
                continue
            text = str(item) if pre_depth else _SPACES.sub(" ", str(item).replace("\n", " "))
            out.append(text)
            if text.strip():
                at_line_start = False
            continue
        if not isinstance(item, Tag):
            continue
        name = item.name or ""
        if entering:
            if name in SKIP or (item is not node and is_hidden(item)):
                continue
            if name == "br":
                out.append("\n")  # always: <br><br> leaves a blank line, a paragraph break
                at_line_start = True
                continue
            if name in PARAGRAPH:
                out.append("\n\n")
                at_line_start = True
            elif name in LINE:
                newline()
            elif name in CELL:
                out.append(" | ")
            if name == "li":
                out.append("• ")
            if name == "pre":
                pre_depth += 1
            stack.append((item, False))
            stack.extend((child, True) for child in reversed(item.contents))
        else:
            if name == "pre":
                pre_depth -= 1
            if name in PARAGRAPH:
                out.append("\n\n")
                at_line_start = True
            elif name in LINE:
                newline()
    return tidy("".join(out))


def tidy(text: str) -> str:
    """Lines stripped (a leading cell separator too), runs of blank lines made one."""
    lines = []
    blank = True
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        line = re.sub(r"^\|\s*", "", line)
        if not line or line in ("•", "|"):
            if not blank:
                lines.append("")
            blank = True
            continue
        lines.append(line)
        blank = False
    return "\n".join(lines).strip()


def inline_text(markup: str | None) -> str:
    """A title or a short field as one line of plain text: tags and scripts dropped,
    entities decoded, whitespace collapsed. Text that has no markup is only unescaped."""
    if not markup:
        return ""
    if "<" in markup and ">" in markup:
        soup = BeautifulSoup(markup, "lxml")
        for bad in soup.find_all(list(SKIP - {"img"})):
            bad.decompose()
        text = soup.get_text(" ")
    else:
        text = html_lib.unescape(markup)
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()
