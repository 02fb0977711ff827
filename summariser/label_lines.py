"""A label closed by a colon at the start of a sentence ("Planning for safety: 41%",
"Police checks: not made in 9 of 30") names its figure as a table row's label does."""

from __future__ import annotations

from summariser import recognition_weights as rw
from summariser.clause_weights import Evidence, Placed
from summariser.clauses import SentenceMarks
from summariser.measure_choice import PREDICATES, STAGE_CONCEPTS, bump

PREDICATES_SET = frozenset(PREDICATES)
_JUDGED_THEMES = frozenset({"HARM", "DESIST"})
"""Themes an inspection judges case by case: "Public protection overall: 51%" is the share
judged sufficient, as a stage's row is."""


def label_line(sent: SentenceMarks, at: Placed) -> bool:
    """The figure's clause follows the colon that closes a label opening its sentence
    ("Planning for safety: 41%", "Police checks: not made in 9 of 30"): the label is the
    figure's row name, as in a table."""
    k = at.lo - 1 if sent.colons.get(at.lo - 1, False) else at.fa - 1
    return (
        sent.colons.get(k, False) and k <= _LABEL_WORDS
        and not any(b < k for b in sent.colons) and not any(o < k for o in at.o_starts)
    )  # fmt: skip


_LABEL_WORDS = 10
"""A label is a short name; a longer lead-in before a colon is a sentence of its own."""


def take_label(own: dict[str, float], ev: Evidence, at: Placed, unit: str) -> None:
    """A label's ideas are the figure's own; a label that names a stage or a judged theme of
    casework and no judgement gives, as a table row does, the share judged sufficient."""
    for c, (_a, b) in ev.where.items():
        if b < at.fa and c != "NEGATION":
            bump(own, c, ev.weights[c])
    if unit == "percent" and (STAGE_CONCEPTS | _JUDGED_THEMES) & own.keys() and not PREDICATES_SET & ev.weights.keys():
        bump(own, "SUFFICIENT", rw.WEIGHTS.topic)
