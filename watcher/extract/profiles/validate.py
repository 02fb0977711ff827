"""A site profile's result checked against what trafilatura finds on the same page: a body
much shorter (a teaser, a caption, one comment) or much longer (sidebars, the comments,
related posts) than trafilatura's, one that is the comments, or one that shares little of
trafilatura's wording (a related-posts block), is not trusted, and
trafilatura's text is taken instead. The profile still gives title, date and comments."""

from __future__ import annotations

import dataclasses
import re

from watcher.extract.page import PageText
from watcher.extract.profiles import generic

_WORD = re.compile(r"\w+")
MIN_SHARE = 0.5  # of trafilatura's length: shorter is a teaser or a comment
MAX_SHARE = 1.25  # longer carries chrome trafilatura left out
MIN_OVERLAP = 0.5  # of the body's word trigrams found in trafilatura's text
MIN_CHARS = 200  # a body shorter than this is checked even when trafilatura finds less


def doubt(body: str, comments: str, reference: str) -> str | None:
    """Why a profile's body is not trusted beside trafilatura's, or None."""
    if not reference:
        return None if len(body) >= MIN_CHARS or body else "no body"
    share = len(body) / len(reference)
    if share < MIN_SHARE:
        return f"body {share:.0%} of trafilatura's"
    if share > MAX_SHARE:
        return f"body {share:.0%} of trafilatura's"
    if comments and body.strip() and body.strip() in comments:
        return "body is a reader comment"
    if overlap(body, reference) < MIN_OVERLAP:
        return "body is not the text trafilatura finds"
    return None


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + 3]) for i in range(max(0, len(words) - 2))}


def overlap(body: str, reference: str) -> float:
    """Share of the body's word trigrams that trafilatura's text has too (linear)."""
    mine = _trigrams(body)
    if not mine:
        return 1.0
    return len(mine & _trigrams(reference)) / len(mine)


def checked(result: PageText, markup: bytes | str, url: str | None) -> PageText:
    """The profile's result, or the same with trafilatura's body when in doubt."""
    reference, ref_comments = generic.main_text(markup, url, result.title)
    if doubt(result.body, result.comments, reference) is None:
        return result
    if not reference:
        return result
    return dataclasses.replace(result, body=reference, comments=result.comments or ref_comments)
