"""Extractive summary: the sentences that carry the findings (figures with a known
measure, the rating, "we found"), not the opening boilerplate.

Every body sentence gets a score; the best few, in document order, are the key
sentences; the digest's summary is the first two or three of them that fit.
"""

from __future__ import annotations

import re

from summariser.models import Document, Figure, Rating
from summariser.text import Sentences

_BOILERPLATE = re.compile(
    r"open government licence|crown copyright|national archives|\bcookies?\b|share this|"
    r"subscribe|posted by|click here|read the (?:full )?report|back to top|related posts|"
    r"leave a reply|keep up-to-date|\(pdf|\bpdf\b|e-?mail|all content is available|"
    r"sponsored|comment form|required fields|this blog|follow us|published:|last updated|"
    r"©|copyright|newsletter|sign up|log in|javascript",
    re.I,
)
_FINDING = re.compile(
    r"\b(?:we found|inspectors found|found that|concluded|we assessed|we judged|was sufficient|"
    r"were sufficient|not sufficient|insufficient|rated|rating|inspection found|the inspection|"
    r"key finding|findings?)\b",
    re.I,
)
_FIRST_PERSON_BLOG = re.compile(r"^(?:I|I'm|I’ve|I've|My|Me)\b")


def sentence_scores(
    document: Document, sentences: Sentences, figures: list[Figure], ratings: list[Rating]
) -> list[tuple[float, int]]:
    """(score, sentence index) for every body sentence worth considering."""
    per_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        per_sentence.setdefault(sentences.index_at(f.start), []).append(f)
    rating_texts = {r.text for r in ratings}
    out: list[tuple[float, int]] = []
    n = len(sentences.spans)
    for idx, (s, e) in enumerate(sentences.spans):
        text = " ".join(sentences.text[s:e].split())
        if len(text) < 40 or len(text) > 600 or text.endswith("?"):
            continue
        if _BOILERPLATE.search(text):
            continue
        score = 0.0
        for f in per_sentence.get(idx, []):
            known = not f.metric.startswith(("other_", "count_"))
            score += 3.0 if known else 1.0
            if f.unit == "percent" or f.of:
                score += 0.5
        score = min(score, 7.0)
        if text in rating_texts:
            score += 5.0
        if _FINDING.search(text):
            score += 1.0
        if _FIRST_PERSON_BLOG.match(text):
            score -= 2.0
        if len(text) > 350:
            score -= 1.0
        score += 0.5 * (1.0 - idx / max(n, 1))  # a slight lead bias
        if score > 1.0:
            out.append((score, idx))
    return out


def key_sentences(
    document: Document,
    sentences: Sentences,
    figures: list[Figure],
    ratings: list[Rating],
    limit: int = 5,
) -> list[str]:
    """The best `limit` sentences, in document order, without repeats."""
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
    chosen.sort()
    return [" ".join(sentences.text[s:e].split()) for s, e in (sentences.spans[i] for i in chosen)]


def summarise(key: tuple[str, ...], *, max_sentences: int = 3, max_chars: int = 480) -> str:
    """Two or three key sentences that fit in `max_chars`, in document order."""
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
