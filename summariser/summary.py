"""Extractive summary: the sentences that carry the findings (figures with a known
measure, the rating, "we found"), not the opening boilerplate.

Every body sentence gets a score; the best few, in document order, are the key
sentences; the digest's summary is the first two or three of them that fit.
"""

from __future__ import annotations

import re

from summariser.annotated import Annotated
from summariser.measures import importance
from summariser.models import Figure, Rating
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
_TABLE_ROW = re.compile(r"\S(?: {2,}|\t)\S[^\n]*?\S(?: {2,}|\t)\S")
"""Two wide gaps on one line: the columns of a table row."""
_FIRST_PERSON_BLOG = re.compile(r"^(?:I|I'm|I’ve|I've|My|Me)\b")


class _Scorer:
    """Scores body sentences: the figures they carry (by measure importance), the rating
    they state, finding phrases, and their position; page furniture, table rows, questions
    and very short or long sentences are never scored."""

    def __init__(self, doc: Annotated, figures: list[Figure], ratings: list[Rating]) -> None:
        sentences = self.sentences = doc.sentences
        self.per_sentence: dict[int, list[float]] = {}
        for f in figures:
            self.per_sentence.setdefault(sentences.index_at(f.start), []).append(importance(f.metric))
        self.rating_texts = {r.text for r in ratings}
        self.overall_texts = {r.text for r in ratings if r.subject == "overall"}
        self.low = doc.low
        self.finding = _hits(_FINDING, sentences, doc.low)
        self.rated = doc.rating_sentences
        self.n = len(sentences.spans)

    def candidates(self) -> list[tuple[float, int]]:
        """(upper bound of the score, index) of every sentence that could score above the
        threshold: only one with a figure, a rating word or a finding phrase can (its
        position alone gives at most 1.0)."""
        out = []
        for idx in set(self.per_sentence) | self.finding | self.rated:
            bound = self._figures_score(idx) + (5.0 if idx in self.rated else 0.0)
            bound += (0.5 if idx in self.finding else 0.0) + self._position(idx)
            if bound > 1.0:
                out.append((bound, idx))
        return out

    def _figures_score(self, idx: int) -> float:
        worths = sorted(self.per_sentence.get(idx, ()), reverse=True)
        # one clear finding beats a list of them
        return sum(w if k == 0 else w / 4 for k, w in enumerate(worths))

    def _position(self, idx: int) -> float:
        return 1.0 * (1.0 - idx / max(self.n, 1))  # reports and press releases lead with the news

    def _boilerplate(self, idx: int) -> bool:
        """A furniture phrase starts in this sentence or the gap after it (read only for the
        candidates: a whole-text search per phrase costs more)."""
        a = self.sentences.spans[idx][0] if idx else 0
        b = self.sentences.spans[idx + 1][0] if idx + 1 < self.n else len(self.low)
        return any(self.low.find(p, a, b + len(p) - 1) >= 0 for p in _BOILERPLATE)

    def score(self, idx: int) -> float | None:
        s, e = self.sentences.spans[idx]
        if e - s < 40 or e - s > 900 or self._boilerplate(idx):
            return None
        raw = self.sentences.text[s:e]
        if _TABLE_ROW.search(raw):
            return None  # cells of a table are figures, not a sentence to read
        text = _clean(raw)
        if len(text) < 40 or len(text) > 600 or text.endswith(("?", ":")):
            return None
        score = self._figures_score(idx)
        if text in self.overall_texts:
            score += 5.0
        elif text in self.rating_texts:
            score += 2.0
        if idx in self.finding:
            score += 0.5
        if _FIRST_PERSON_BLOG.match(text):
            score -= 2.0
        if len(text) > 350:
            score -= 1.0
        score += self._position(idx)
        return score if score > 1.0 else None


def sentence_scores(doc: Annotated, figures: list[Figure], ratings: list[Rating]) -> list[tuple[float, int]]:
    """(score, sentence index) for every body sentence worth considering."""
    scorer = _Scorer(doc, figures, ratings)
    out = []
    for _bound, idx in sorted(scorer.candidates(), key=lambda x: x[1]):
        score = scorer.score(idx)
        if score is not None:
            out.append((score, idx))
    return out


def _hits(phrases: tuple[str, ...], sentences: Sentences, low: str) -> set[int]:
    """Indices of the sentences holding any of `phrases` (plain substring search of the
    offset-true lower-case text)."""
    out: set[int] = set()
    for phrase in phrases:
        i = low.find(phrase)
        while i >= 0:
            out.add(sentences.index_at(i))
            i = low.find(phrase, i + 1)
    return out


def key_sentences(doc: Annotated, figures: list[Figure], ratings: list[Rating], limit: int = 5) -> list[str]:
    """The best `limit` sentences, best first, without repeats.

    Candidates are scored in the order of an upper bound of their score; once `limit`
    distinct sentences score above what any remaining candidate could, the rest are not
    read (the result is the same as scoring every sentence)."""
    scorer = _Scorer(doc, figures, ratings)
    sentences = doc.sentences
    best: dict[str, tuple[float, int]] = {}  # normalised text -> (score, index) of its best
    for bound, idx in sorted(scorer.candidates(), key=lambda x: (-x[0], x[1])):
        if len(best) >= limit:
            kth = sorted(best.values(), key=lambda x: (-x[0], x[1]))[limit - 1]
            if bound < kth[0]:
                break
        score = scorer.score(idx)
        if score is None:
            continue
        s, e = sentences.spans[idx]
        norm = re.sub(r"\W+", " ", sentences.text[s:e].lower()).strip()
        held = best.get(norm)
        if held is None or (-score, idx) < (-held[0], held[1]):
            best[norm] = (score, idx)
    chosen = [idx for _score, idx in sorted(best.values(), key=lambda x: (-x[0], x[1]))[:limit]]
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
