"""The rest of a split: "In 22 the plan was sound. The other 18 fell short." A figure named
only as what is left of a group ("the remaining", "the other", "the rest") measures the other
side of the split the figure before it measured: the same measure stated the other way round.

The two shares must add up to the whole (within rounding); otherwise the "other" figure is a
breakdown of something else and is left as it was. Pure: a pass over figures already read."""

from __future__ import annotations

import re
from dataclasses import replace

from summariser.measures import measure
from summariser.models import Figure
from summariser.policy import complement
from summariser.text import Sentences

_REST = re.compile(
    r"(?:^|[,;:(]\s*|\b(?:in|for|of|among|with)\s+)"
    r"the\s+(?:remaining|other|rest(?:\s+of\s+(?:them|the\s+(?:cases|files|reviews|sample|group)))?)\s*[,(–—-]?\s*"
    r"(?:(?:just|only|about|around|nearly|almost|some|roughly|fewer than|less than|more than|over|under)\s+)?$",
    re.I,
)

_TOLERANCE = 2.0  # percentage points of rounding between the two sides of one split


def rest_of_splits(figures: list[Figure], text: str, sentences: Sentences) -> list[Figure]:
    """Each share named as the rest of a group takes the twin of the share before it."""
    out = list(figures)
    for i, f in enumerate(figures):
        if f.in_comments or f.stat != "level" or f.share is None:
            continue
        lo, _hi = sentences.span_at(f.start)
        if not _REST.search(text[max(lo, f.start - 80) : f.start]):
            continue
        g = _split_before(figures, i, sentences)
        if g is None:
            continue
        twin = complement(g.metric)
        m = measure(twin)
        if m is not None:
            out[i] = replace(
                f, metric=twin, label=m.label, polarity=m.polarity, measured=True, evidence="pointer",
                confidence=g.confidence, population=g.population,
            )
    return out


def _split_before(figures: list[Figure], i: int, sentences: Sentences) -> Figure | None:
    """The nearest measured share in the same sentence or the one before it, in the same
    paragraph, that adds up with figure `i` to the whole."""
    f = figures[i]
    idx = sentences.index_at(f.start)
    for j in range(i - 1, -1, -1):
        g = figures[j]
        jdx = sentences.index_at(g.start)
        if jdx < idx - 1 or (jdx == idx - 1 and sentences.new_paragraph(idx)):
            return None
        if g.share is None or g.in_comments:
            continue
        if abs(g.share + (f.share or 0.0) - 100.0) <= _TOLERANCE:
            return g if g.measured and g.stat == "level" else None
    return None
