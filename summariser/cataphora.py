"""A figure standing alone, defined by the sentence after it: "61 per cent. That is how
often inspectors found ...". Written lists of striking numbers do this; the fragment names
nothing, and the next sentence, opening on "that" or "this" (or the rest of a paragraph the
fragment heads: "9 per cent. Officer posts standing empty, ..."), says what it counts.

Pure: reads sentences already marked."""

from __future__ import annotations

import re

from summariser import recognition_weights as rw
from summariser.annotated import Annotated
from summariser.measure_choice import bump
from summariser.measures import Measure

_FRAGMENT = re.compile(r"^\W*[\w£$€.,%/-]+(?:\s+[\w£$€.,%/-]+){0,4}\W*$")
"""A sentence of at most five words: the figure and little else ("9 per cent.", "61 per
cent and 37%.")."""

_DEFINES = re.compile(r"\W*(?:That|This|It|These|Those)(?:'s|’s|\s+(?:is|was|are|were)\b)")
"""The next sentence opens by pointing at the fragment (matched from its start)."""


def defined_after(doc: Annotated, idx: int) -> tuple[dict[str, float], bool] | None:
    """The concept weights of the sentence that defines the fragment at `idx`, and whether
    it is negated; None when the sentence is no fragment or the next does not define it."""
    spans = doc.sentences.spans
    if idx + 1 >= len(spans):
        return None
    a, b = spans[idx]
    if b - a > 60 or not _FRAGMENT.match(doc.text[a:b]) or doc.marks(idx).concepts:
        return None
    nxt = doc.marks(idx + 1)
    heads = doc.sentences.new_paragraph(idx) and not doc.sentences.new_paragraph(idx + 1)
    if not (_DEFINES.match(doc.text, nxt.start) or heads):
        return None
    weights: dict[str, float] = {}
    negated = False
    for concept, _a, _b in nxt.concepts:
        if concept == "NEGATION":
            negated = True
        else:
            bump(weights, concept, rw.WEIGHTS.present)
    return weights, negated


def negated_or_plain(best: Measure, negated: bool) -> Measure:
    return best.negated() if negated and best.negative_label else best
