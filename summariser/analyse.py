"""`analyse(document)`: figures (post and reader comments kept apart), what each measures,
who it is about, the ratings stated, and the sentences that carry the findings."""

from __future__ import annotations

import re

from summariser.figures import Found, extract
from summariser.models import Analysis, Document, Figure, Rating
from summariser.ratings import find_ratings
from summariser.recognise import recognise_all
from summariser.restated import link_same_facts, mark_quotations
from summariser.scope import Mention, ScopeFinder, main_scope, mentions
from summariser.summary import key_sentences
from summariser.text import Sentences

_RATING_WORD = re.compile(r"Outstanding|Good|[Ii]mprovement|Inadequate|OUTSTANDING|GOOD|INADEQUATE")
_RATING_PHRASE = re.compile(
    r"(?:lowest|highest) (?:possible )?(?:\w+ )?rating|rated it |(?:as|it) (?:good|outstanding|inadequate)\b"
)
"""Ratings stated without a capitalised rating word ("the lowest rating", "rated it good")."""
_PHRASE_HINTS = ("lowest", "highest", "rated it", "s good", "t good", "s outstanding", "t outstanding", "s inadequate", "t inadequate")


def analyse(document: Document) -> Analysis:
    """Everything the summariser reads from one document, before any comparison."""
    body_mentions = mentions(document.body)
    scope = main_scope(document.title, document.body, body_mentions)
    body_sentences = Sentences(document.body)
    body = figures_of(
        document.body,
        scope,
        in_comments=False,
        sentences=body_sentences,
        found=body_mentions,
        title=document.title,
    )
    body = mark_quotations(link_same_facts(body, document.body), document.body, document.published)
    comments = figures_of(document.comments, scope, in_comments=True)
    ratings = _ratings(document.body, body_sentences, scope, body_mentions)
    return Analysis(
        figures=tuple(body + comments),
        ratings=tuple(ratings),
        scope=scope,
        key_sentences=tuple(key_sentences(document, body_sentences, body, ratings)),
    )


def figures_of(
    text: str,
    default_scope: str | None,
    *,
    in_comments: bool,
    sentences: Sentences | None = None,
    found: list[Mention] | None = None,
    title: str = "",
) -> list[Figure]:
    """The figures of one text (a post body or its comments), recognised and scoped."""
    if not text.strip():
        return []
    figures: list[Found] = extract(text)
    if not figures:
        return []
    sentences = sentences or Sentences(text)
    measures = recognise_all(
        text, [(f.start, f.end, f.unit, f.of, f.noun) for f in figures], sentences, title
    )
    finder = ScopeFinder(text, default_scope, found)
    out = []
    normalised: dict[tuple[int, int], str] = {}
    for f, r in zip(figures, measures, strict=True):
        span = sentences.span_at(f.start)
        sentence = normalised.get(span)
        if sentence is None:
            sentence = normalised[span] = " ".join(text[span[0] : span[1]].split())
        out.append(
            Figure(
                value=f.value,
                unit=f.unit,  # type: ignore[arg-type]
                text=f.text,
                sentence=sentence,
                metric=r.key,
                label=r.label,
                qualifier=f.qualifier,
                of=f.of,
                scope=finder.resolve(finder.scope_at(f.start, f.end, span)),
                in_comments=in_comments,
                start=f.start,
            )
        )
    return out


def _ratings(
    body: str, sentences: Sentences, scope: str | None, found_mentions: list[Mention]
) -> list[Rating]:
    # only the sentences that hold a rating word can state a rating
    starts = [m.start() for m in _RATING_WORD.finditer(body)]
    if any(h in body for h in _PHRASE_HINTS):  # a cheap test before the slower scan
        starts += [m.start() for m in _RATING_PHRASE.finditer(body)]
    rated = sorted({sentences.index_at(p) for p in starts})
    texts = [body[s:e] for s, e in (sentences.spans[i] for i in rated)] if sentences.spans else []
    found = find_ratings(texts)
    finder = ScopeFinder(body, scope, found_mentions)
    out = []
    for r in found:
        r_scope = scope
        if r.subject != "overall":
            # a domain rating belongs to the body named in its sentence, if any
            k = next((i for i, t in enumerate(texts) if " ".join(t.split()) == r.text), None)
            if k is not None:
                s, e = sentences.spans[rated[k]]
                r_scope = finder.scope_at(s, s, (s, e)) or scope
        out.append(Rating(value=r.value, subject=r.subject, scope=r_scope, text=r.text))
    return out
