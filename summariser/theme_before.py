"""A stage judged with no theme of its own ("found well assessed in 58 per cent"),
right after a sentence that names the theme ("Risk of harm?", "risk of harm was
looked at in every file"): the stage of that theme. The figure's clause keeps its stage
and its verdict; only the theme is borrowed, and only to make the measure narrower.

Pure: reads sentences already marked."""

from __future__ import annotations

from summariser import recognition_weights as rw
from summariser.annotated import Annotated
from summariser.measure_choice import STAGE_CONCEPTS, WEAK_CONCEPTS, Measure, best_measure, bump
from summariser.neighbours import narrower


def theme_from_before(
    doc: Annotated, idx: int, own: dict[str, float], best: Measure, unit: str, of: float | None, noun: str | None
) -> Measure | None:
    """The narrower measure the theme of the sentence before gives a themeless stage, or
    None. A new paragraph starts a new subject, unless its first sentence answers a
    question ending the one before."""
    if idx == 0:
        return None
    if doc.sentences.new_paragraph(idx) and not doc.sentences.after_question(idx):
        return None
    themes = {c for c, _a, _b in doc.marks(idx - 1).concepts if c not in STAGE_CONCEPTS | WEAK_CONCEPTS | {"NEGATION"}}
    if not themes:
        return None
    trial = dict(own)
    for c in themes:
        bump(trial, c, rw.WEIGHTS.present)
    found = best_measure(trial, set(), unit, of, noun)
    return found if found is not None and narrower(found.key, best.key) else None
