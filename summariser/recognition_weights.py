"""The recogniser's weights as one named, frozen object (data/recognition.toml), so the
scoring reads as features times weights and a fitting script can try others."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from importlib import resources


@dataclass(frozen=True, slots=True)
class RecognitionWeights:
    near_words: int
    near: float
    mid_words: int
    mid: float
    far_words: int
    far: float
    beyond: float
    colon: float
    semicolon: float
    next_clause: float
    earlier_clause_with_figure: float
    earlier_clause: float
    list_neighbour: float
    shared_by_list: float
    elliptical_words: int
    after_words: int
    present: float
    previous_sentence: float
    previous_tiebreak: float
    topic: float
    refine: float
    table_caption: float
    same_words: float
    per_requirement: float
    boost: float
    excluded_at: float
    stage_tie: float

    def by_distance(self, words: int) -> float:
        """A concept's weight by how many words lie between it and the figure."""
        if words <= self.near_words:
            return self.near
        if words <= self.mid_words:
            return self.mid
        return self.far if words <= self.far_words else self.beyond


def parse(text: str) -> RecognitionWeights:
    """Every field exactly once across the file's tables; a missing, unknown or
    non-numeric weight is an error naming it."""
    flat: dict[str, float] = {}
    for table, values in tomllib.loads(text).items():
        for key, value in values.items():
            if key in flat:
                raise ValueError(f"recognition weight {key!r} is set twice (again in [{table}])")
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise ValueError(f"recognition weight {key!r} must be a number")
            flat[key] = value
    names = {f.name for f in fields(RecognitionWeights)}
    if unknown := sorted(set(flat) - names):
        raise ValueError(f"unknown recognition weights: {', '.join(unknown)}")
    if missing := sorted(names - set(flat)):
        raise ValueError(f"missing recognition weights: {', '.join(missing)}")
    return RecognitionWeights(**flat)  # type: ignore[arg-type]


def load() -> RecognitionWeights:
    return parse(resources.files("summariser").joinpath("data/recognition.toml").read_text("utf-8"))


WEIGHTS: RecognitionWeights = load()
"""The frozen weights every recognition reads (a fitting script may rebind it to try others)."""
