"""Extractive summary: the sentences that carry the findings (figures with a known
measure, the rating, "we found"), not the opening boilerplate.

Every body sentence gets a score; the best few, in document order, are the key
sentences; the digest's summary is the first two or three of them that fit.
"""

from __future__ import annotations

import re

from summariser.measures import importance
from summariser.models import Document, Figure, Rating
from summariser.text import Sentences

_BOILERPLATE = (
    "open government licence", "crown copyright", "national archives", "cookie", "share this",
    "subscribe", "posted by", "click here", "read the report", "read the full report",
    "back to top", "related posts", "leave a reply", "keep up-to-date", "(pdf", " pdf",
    "email", "e-mail", "all content is available", "sponsored", "comment form",
    "required fields", "this blog", "follow us", "published:", "last updated", "©",
    "copyright", "newsletter", "sign up", "log in", "javascript", "skip to main content",
    "cookies", "is this page useful", "report a problem", "print this page", "share this page",
    "alternative format", "any enquiries regarding this publication", "this publication is available",
    "isbn", "is the independent inspector", "notes to editors", "media enquiries", "out of hours",
    "press office", "pseudonym", "data annexe",
)  # fmt: skip
"""Phrases of page furniture (lower case): a sentence holding one is never a summary."""
_FINDING = (
    "we found", "inspectors found", "found that", "concluded", "we assessed", "we judged",
    "was sufficient", "were sufficient", "not sufficient", "insufficient", "rated", "rating",
    "inspection found", "the inspection", "key finding", "finding",
)  # fmt: skip
_RATING_WORD = re.compile(r"Outstanding|Good|[Ii]mprovement|Inadequate|OUTSTANDING|GOOD|INADEQUATE")
_TABLE_ROW = re.compile(r"\S(?: {2,}|\t)\S[^\n]*?\S(?: {2,}|\t)\S")
"""Two wide gaps on one line: the columns of a table row."""
_FIRST_PERSON_BLOG = re.compile(r"^(?:I|I'm|I’ve|I've|My|Me)\b")


def sentence_scores(
    document: Document, sentences: Sentences, figures: list[Figure], ratings: list[Rating]
) -> list[tuple[float, int]]:
    """(score, sentence index) for every body sentence worth considering."""
    per_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        per_sentence.setdefault(sentences.index_at(f.start), []).append(f)
    rating_texts = {r.text for r in ratings}
    overall_texts = {r.text for r in ratings if r.subject == "overall"}
    boilerplate = _hits(_BOILERPLATE, sentences)
    finding = _hits(_FINDING, sentences)
    # Only a sentence with a figure, a rating word or a finding phrase can score above the
    # threshold (its position alone gives at most 1.0): the others are not read at all.
    rated = {sentences.index_at(m.start()) for m in _RATING_WORD.finditer(sentences.text)}
    candidates = sorted(set(per_sentence) | finding | rated)
    out: list[tuple[float, int]] = []
    n = len(sentences.spans)
    for idx in candidates:
        s, e = sentences.spans[idx]
        if e - s < 40 or e - s > 900 or idx in boilerplate:
            continue
        raw = sentences.text[s:e]
        if _TABLE_ROW.search(raw):
            continue  # cells of a table are figures, not a sentence to read
        text = _clean(raw)
        if len(text) < 40 or len(text) > 600 or text.endswith(("?", ":")):
            continue
        score = 0.0
        worths = sorted((importance(f.metric) for f in per_sentence.get(idx, [])), reverse=True)
        for k, worth in enumerate(worths):
            score += worth if k == 0 else worth / 4  # one clear finding beats a list of them
        if text in overall_texts:
            score += 5.0
        elif text in rating_texts:
            score += 2.0
        if idx in finding:
            score += 0.5
        if _FIRST_PERSON_BLOG.match(text):
            score -= 2.0
        if len(text) > 350:
            score -= 1.0
        score += 1.0 * (1.0 - idx / max(n, 1))  # reports and press releases lead with the news
        if score > 1.0:
            out.append((score, idx))
    return out


def _hits(phrases: tuple[str, ...], sentences: Sentences) -> set[int]:
    """Indices of the sentences holding any of `phrases` (plain substring search)."""
    low = sentences.text.lower().replace("\xa0", " ")
    out: set[int] = set()
    for phrase in phrases:
        i = low.find(phrase)
        while i >= 0:
            out.add(sentences.index_at(i))
            i = low.find(phrase, i + 1)
    return out


def key_sentences(
    document: Document,
    sentences: Sentences,
    figures: list[Figure],
    ratings: list[Rating],
    limit: int = 5,
) -> list[str]:
    """The best `limit` sentences, best first, without repeats."""
    scored = sentence_scores(document, sentences, figures, ratings)
    scored.sort(key=lambda x: (-x[0], x[1]))
    chosen: list[int] = []
    seen: set[str] = set()
    for _score, idx in scored:
        s, e = sentences.spans[idx]
        norm = re.sub(r"\W+", " ", sentences.text[s:e].lower()).strip()
        if norm in seen:
            continue
        seen.add(norm)
        chosen.append(idx)
        if len(chosen) >= limit:
            break
    return [_clean(sentences.text[s:e]) for s, e in (sentences.spans[i] for i in chosen)]


def _clean(sentence: str) -> str:
    """One line, without a leading bullet or a quotation mark left open by the split."""
    text = " ".join(sentence.split()).lstrip("•*·▪-–— ").strip()
    text = text.replace("(Back to top)", "").replace("  ", " ").strip()
    if sum(text.count(q) for q in _QUOTES) % 2 == 1:
        if text[:1] in _QUOTES:
            text = text[1:]
        elif text[-1:] in _QUOTES:
            text = text[:-1]
    return text


_QUOTES = ('"', "“", "”")


def summarise(key: tuple[str, ...], *, max_sentences: int = 3, max_chars: int = 480) -> str:
    """The best two or three key sentences that fit in `max_chars`."""
    picked: list[str] = []
    total = 0
    for sentence in key:
        if len(picked) >= max_sentences:
            break
        if total + len(sentence) > max_chars and len(picked) >= 2:
            continue
        if total + len(sentence) > max_chars and picked:
            continue
        picked.append(sentence)
        total += len(sentence) + 1
    return " ".join(picked)
