"""`analyse(document)`: figures (post and reader comments kept apart), what each measures,
who it is about, the ratings stated, and the sentences that carry the findings."""

from __future__ import annotations

import re

from summariser.annotated import Annotated, annotate
from summariser.facets import facets_of, youth_document
from summariser.figures import Found, extract
from summariser.identity import YOUTH_PREFIX, evidence_class, identify, programme, thresholds
from summariser.measures import measure
from summariser.models import Analysis, Document, Figure, Rating
from summariser.neighbours import carry_over, split_lists
from summariser.pointers import follow_pointers
from summariser.ratings import find_ratings
from summariser.recognise import generic
from summariser.recognise_text import recognise_all
from summariser.remainder import rest_of_splits
from summariser.restated import link_changes_to_levels, link_same_facts, mark_quotations
from summariser.scope import main_scope
from summariser.scope_finder import ScopeFinder
from summariser.summary import key_sentences
from summariser.table_periods import mark_earlier_columns
from summariser.text import Sentences


def analyse(document: Document, *, summary: bool = True) -> Analysis:
    """Everything the summariser reads from one document, before any comparison.

    `summary=False` skips choosing the key sentences, which only a digest shows: `extract`
    prints figures and ratings, and the summary scan is a fifth of the time on real pages."""
    body_doc = annotate(document.body)
    scope = main_scope(document.title, document.body, list(body_doc.mentions), document.published)
    body = figures_of(body_doc, scope, title=document.title)
    body = link_changes_to_levels(link_same_facts(body, document.body))
    body = mark_earlier_columns(mark_quotations(body, document.body, document.published), document.body)
    comments = figures_of(annotate(document.comments, in_comments=True), scope) if document.comments.strip() else []
    ratings = _ratings(body_doc, scope)
    return Analysis(
        figures=tuple(body + comments),
        ratings=tuple(ratings),
        scope=scope,
        key_sentences=tuple(key_sentences(body_doc, body, ratings)) if summary else (),
    )


def figures_of(doc: Annotated, default_scope: str | None, *, title: str = "") -> list[Figure]:
    """The figures of one annotated text (a post body or its comments), recognised and scoped."""
    text = doc.text
    if not text.strip():
        return []
    figures: list[Found] = extract(doc)
    if not figures:
        return []
    sentences = doc.sentences
    measures = recognise_all(doc, [(f.start, f.end, f.unit, f.of, f.noun) for f in figures], title)
    finder = ScopeFinder(text, default_scope, list(doc.mentions), doc.newlines)
    youth = youth_document(title, text)
    read = [_read_one(text, sentences, finder, f, r, youth, title) for f, r in zip(figures, measures, strict=True)]
    sentences_of = [sentence for sentence, *_ in read]
    gaps = [""] + [text[a.end : b.start] for a, b in zip(figures, figures[1:], strict=False)]
    keys = split_lists(
        [ident.key for _s, _sp, _sc, _fa, ident in read],
        sentences_of,
        [100.0 * f.value / f.of if f.of else f.value for f in figures],  # "41 of the 60" as a share
        [r.adjacent for r in measures],
        [r.paired for r in measures],
        gaps,
        [_rounds(f, text) for f in figures],
    )
    keys = carry_over(keys, sentences_of, gaps, [f.unit for f in figures])
    bounds = thresholds([f.unit for f in figures], [f.of for f in figures], [f.qualifier for f in figures],
                        sentences_of, gaps, [f.text for f in figures])
    out = []
    for f, r, (sentence, _span, scope, facets, ident), key, bound in zip(
        figures, measures, read, keys, bounds, strict=True
    ):
        # sizes of what was inspected have no measure (the labelling conventions' "none")
        measured = key is not None and not programme(key) and not bound and facets.stat != "sample"
        label, polarity = _named(key, ident) if measured else (generic(f.unit, f.noun).label, None)
        out.append(
            Figure(
                value=f.value,
                unit=f.unit,  # type: ignore[arg-type]
                text=f.text,
                sentence=sentence,
                metric=key if measured else generic(f.unit, f.noun).key,  # type: ignore[arg-type]
                label=label,
                qualifier=f.qualifier,
                of=f.of,
                scope=scope,
                in_comments=doc.in_comments,
                start=f.start,
                population=_population(key if measured else None, ident, facets.population),
                level=facets.level,
                body=facets.body,
                stat="threshold" if bound else "sample" if programme(ident.key) else facets.stat,
                polarity=polarity,
                measured=measured,
                evidence=evidence_class(r, ident.measure) if ident.measure else r.evidence,
                confidence=ident.confidence if measured else 0.0,
            )
        )
    return rest_of_splits(follow_pointers(out, text, sentences), text, sentences)


def _named(key: str | None, ident) -> tuple[str, str | None]:
    """The label and polarity of the key a figure ends with: a neighbour may have given it
    another than the one it was read with ("| 2024: 31%" takes the row's negated measure)."""
    if key == ident.key or (m := measure(key)) is None:
        return ident.label, ident.measure.polarity if ident.measure else None
    return m.label, m.polarity


def _population(key: str | None, ident, read: str) -> str:
    """Whom the figure counts: what its measure says (a key a neighbour gave it says it
    too: "youth.<measure>" counts children), else what its words say."""
    if key and key != ident.key and key.startswith(YOUTH_PREFIX):
        return "youth"
    return ident.population if ident.population and (key or ident.abstained) else read


def _rounds(f: Found, text: str) -> bool:
    """A share in words or a qualified one that closes its clause, so may round the figure
    before it ("..., under half."); not one that counts a part of it ("a third of them") or
    is the subject of a clause of its own ("a half were ...")."""
    rough = f.qualifier is not None or not any(ch.isdigit() for ch in f.text)
    closes = text[f.end : f.end + 2].strip()[:1] in ("", ".", ",", ";", ")", "–", "—")
    return rough and closes and f.unit == "percent" and " of " not in f.text


def _read_one(text: str, sentences: Sentences, finder: ScopeFinder, f: Found, r, youth: bool, title: str):
    """One figure's sentence, scope, facets and measure, before the list rule."""
    span = sentences.span_at(f.start)
    sentence = " ".join(text[span[0] : span[1]].split())
    context = sentence
    idx = sentences.index_at(f.start)
    asked = sentences.after_question(idx)
    if idx > 0 and (r.evidence in ("previous", "question") or asked):  # the sentence before named what this one points back to
        a, b = sentences.spans[idx - 1]
        context = f"{text[a:b]} {sentence}"
    elif r.evidence == "next" and idx + 1 < len(sentences.spans):
        a, b = sentences.spans[idx + 1]
        context = f"{sentence} {text[a:b]}"
    scope = finder.resolve(finder.scope_at(f.start, f.end, span))
    facets = facets_of(
        text, f.start, f.end, span, unit=f.unit, scope=scope,
        rated=r.evidence == "tally", document_youth=youth, of=f.of,
    )
    return sentence, span, scope, facets, identify(r, facets, counted=facets.counted, unit=f.unit, noun=f.noun, sentence=context, title=title, own_sentence=sentence,
        of=f.of, value=f.value, text=f.text,
    )


_WHOLE_SERVICE = frozenset({"national", "HMPPS"})


def _with_questions(doc: Annotated) -> list[int]:
    """The sentences that hold a rating word, each short one with the sentence before it:
    a rating may answer a question ("Its grade? 'Good'.")."""
    spans = doc.sentences.spans
    out: set[int] = set(doc.rated_sentences)
    for i in doc.rated_sentences:
        if i > 0 and spans[i][1] - spans[i][0] < 40:
            out.add(i - 1)
    return sorted(out)


def _named_body_as_overall(found: list[Rating], scope: str | None) -> list[Rating]:
    """A "domain" whose name ends the document's own body's name ("..., Exshire and
    Wyeshire has been rated 'Good'") is the body: its overall rating, when none is stated."""
    if not scope or any(r.subject == "overall" for r in found):
        return found
    name = " ".join(scope.lower().replace(",", " ").split())
    for i, r in enumerate(found):
        if len(r.subject) > 3 and re.search(rf"\b{re.escape(r.subject)}\b", name):
            return [Rating(value=r.value, subject="overall", text=r.text), *found[:i], *found[i + 1 :]]
    return found


def _ratings(doc: Annotated, scope: str | None) -> list[Rating]:
    """The ratings the body states; only the sentences that hold a rating word or phrase
    can state one."""
    body, sentences = doc.text, doc.sentences
    rated = _with_questions(doc)
    texts = [body[s:e] for s, e in (sentences.spans[i] for i in rated)]
    found = _named_body_as_overall(find_ratings(texts), scope)
    finder = ScopeFinder(body, scope, list(doc.mentions), doc.newlines)
    out = []
    for r in found:
        r_scope = scope
        if r.subject == "overall" and scope in _WHOLE_SERVICE:
            continue  # no one rates the whole country: an overall rating here is a unit's
        if r.subject != "overall":
            # a domain rating belongs to the body named in its sentence, if any
            k = next((i for i, t in enumerate(texts) if " ".join(t.split()) == r.text), None)
            if k is not None:
                s, e = sentences.spans[rated[k]]
                r_scope = finder.scope_at(s, s, (s, e)) or scope
        out.append(Rating(value=r.value, subject=r.subject, scope=r_scope, text=r.text))
    return out
