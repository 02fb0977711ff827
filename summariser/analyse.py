"""`analyse(document)`: figures (post and reader comments kept apart), what each measures,
who it is about, the ratings stated, and the sentences that carry the findings."""

from __future__ import annotations

import re

from summariser.facets import facets_of, youth_document
from summariser.figures import Found, extract
from summariser.identity import (
    carry_over,
    evidence_class,
    identify,
    programme,
    split_lists,
    thresholds,
)
from summariser.models import Analysis, Document, Figure, Rating
from summariser.ratings import find_ratings
from summariser.recognise import generic, recognise_all
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
    youth = youth_document(title, text)
    read = [_read_one(text, sentences, finder, f, r, youth, title) for f, r in zip(figures, measures, strict=True)]
    sentences_of = [sentence for sentence, *_ in read]
    gaps = [""] + [text[a.end : b.start] for a, b in zip(figures, figures[1:], strict=False)]
    keys = split_lists(
        [ident.key for _s, _sp, _sc, _fa, ident in read],
        sentences_of,
        [f.value for f in figures],
        [r.adjacent for r in measures],
        [r.paired for r in measures],
        gaps,
    )
    keys = carry_over(keys, sentences_of, gaps)
    bounds = thresholds([f.unit for f in figures], [f.of for f in figures], [f.qualifier for f in figures],
                        sentences_of, gaps)
    out = []
    for f, r, (sentence, _span, scope, facets, ident), key, bound in zip(
        figures, measures, read, keys, bounds, strict=True
    ):
        # sizes of what was inspected have no measure (the labelling conventions' "none")
        measured = key is not None and not programme(key) and not bound and facets.stat != "sample"
        out.append(
            Figure(
                value=f.value,
                unit=f.unit,  # type: ignore[arg-type]
                text=f.text,
                sentence=sentence,
                metric=key if measured else generic(f.unit, f.noun).key,  # type: ignore[arg-type]
                label=ident.label if measured else generic(f.unit, f.noun).label,
                qualifier=f.qualifier,
                of=f.of,
                scope=scope,
                in_comments=in_comments,
                start=f.start,
                population=(ident.population if measured and ident.population else facets.population),
                level=facets.level,
                body=facets.body,
                stat="threshold" if bound else "sample" if programme(ident.key) else facets.stat,
                polarity=ident.measure.polarity if measured and ident.measure else None,
                measured=measured,
                evidence=evidence_class(r, ident.measure) if ident.measure else r.evidence,
                confidence=ident.confidence if measured else 0.0,
            )
        )
    return out


def _read_one(text: str, sentences: Sentences, finder: ScopeFinder, f: Found, r, youth: bool, title: str):
    """One figure's sentence, scope, facets and measure, before the list rule."""
    span = sentences.span_at(f.start)
    sentence = " ".join(text[span[0] : span[1]].split())
    context = sentence
    if r.evidence == "previous":  # the sentence before named what this one points back to
        idx = sentences.index_at(f.start)
        if idx > 0:
            a, b = sentences.spans[idx - 1]
            context = f"{text[a:b]} {sentence}"
    scope = finder.resolve(finder.scope_at(f.start, f.end, span))
    facets = facets_of(
        text, f.start, f.end, span, unit=f.unit, scope=scope,
        rated=r.evidence == "tally", document_youth=youth, of=f.of,
    )
    return sentence, span, scope, facets, identify(r, facets, counted=facets.counted, unit=f.unit, noun=f.noun, sentence=context, title=title, own_sentence=sentence,
        of=f.of, value=f.value, text=f.text,
    )


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
