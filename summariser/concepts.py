"""Concepts: the ideas probation inspection measures are built from, each with the many
ways reports say it ("risk of serious harm", "RoSH", "public protection", "keeping
people safe" all name HARM).

The phrases live in `data/concepts.toml`. Measures (`data/measures.toml`) are defined over concepts, not over sentences, so a report
that says "work to keep others safe was sufficient in 41% of cases" is recognised
without ever having been seen. Phrases are stemmed (`stems.py`) before matching, so one
form covers its inflections ("assess" covers "assessed", "assessments").
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, model_validator

from summariser.stems import stem, words

GAP = "\x00"
"""In a phrase, "..." stands for up to `GAP_WORDS` words within the clause ("police ...
asked" finds "the police had not been asked"): one phrase for a passive and its tenses."""
GAP_WORDS = 4
_CLAUSE_ENDS = frozenset({".", ";", ":", ",", "?", "!", "(", ")"})


def phrase_stems(phrase: str) -> tuple[str, ...]:
    parts = [tuple(stem(w) for w in words(part.replace("-", " "))) for part in phrase.split("...")]
    seq: list[str] = []
    for k, part in enumerate(parts):
        seq.extend(([GAP] if k else []) + list(part))
    return tuple(seq)


def _listed(hidden: str | list[str]) -> list[str]:
    """A mask hides one concept or several."""
    return [hidden] if isinstance(hidden, str) else hidden


class _ConceptFile(BaseModel):
    """The schema of data/concepts.toml."""

    model_config = ConfigDict(extra="forbid")

    phrases: dict[str, list[str]]
    shared: dict[str, list[str]] = {}
    weights: dict[str, float] = {}
    masks: dict[str, str | list[str]] = {}

    @model_validator(mode="after")
    def _consistent(self) -> _ConceptFile:
        for c, phrases in self.phrases.items():
            if any(not p.strip() for p in phrases):
                raise ValueError(f"phrases.{c}: an empty phrase")
        named = set(self.weights) | set(self.masks) | {h for v in self.masks.values() for h in _listed(v)}
        named |= {c for cs in self.shared.values() for c in cs}
        unknown = named - set(self.phrases)
        if unknown:
            raise ValueError(f"weights, masks or shared name unknown concepts: {sorted(unknown)}")
        filed: dict[tuple[str, ...], str] = {}
        for c, phrases in [*self.phrases.items(), *(("shared", [p]) for p in self.shared)]:
            for p in phrases:
                k = phrase_stems(p)
                if k in filed and filed[k] != c:
                    raise ValueError(f"{p!r} is filed under {filed[k]} and {c}: list it once, in [shared] if it names both")
                filed[k] = c
        return self

    def all_phrases(self) -> dict[str, tuple[str, ...]]:
        """Concept -> its own phrases and the shared phrases that name it."""
        out = {c: list(p) for c, p in self.phrases.items()}
        for phrase, concepts in self.shared.items():
            for c in concepts:
                out[c].append(phrase)
        return {c: tuple(p) for c, p in out.items()}


def load_concepts(text: str | None = None) -> _ConceptFile:
    """Read and validate the concept file (the shipped one unless `text` is given)."""
    if text is None:
        text = resources.files("summariser").joinpath("data/concepts.toml").read_text("utf-8")
    return _ConceptFile.model_validate(tomllib.loads(text))


_FILE = load_concepts()
CONCEPTS: dict[str, tuple[str, ...]] = _FILE.all_phrases()
"""Concept -> the phrases that name it (data/concepts.toml)."""
CONCEPT_WEIGHT: dict[str, float] = dict(_FILE.weights)
"""How much one concept counts; 1.0 when absent. Broad ideas count less than precise ones."""
MASKS: dict[str, frozenset[str]] = {c: frozenset(_listed(v)) for c, v in _FILE.masks.items()}
"""A concept whose phrase hides another inside it: in "we assessed that reviewing was
sufficient" the inspectors' verb is not the assessment stage."""


@lru_cache(maxsize=1)
def compiled() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """First stem -> [(concept, stems of the phrase)], longest phrases first."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for concept, phrases in CONCEPTS.items():
        for phrase in phrases:
            seq = phrase_stems(phrase)
            if seq:
                index.setdefault(seq[0], []).append((concept, seq))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[1]))
    return index


def find_concepts(stem_list: list[str]) -> list[tuple[str, int, int]]:
    """Every (concept, first index, index after) whose phrase occurs in `stem_list`."""
    found = _find(stem_list)
    masks = [(MASKS[c], a, b) for c, a, b in found if c in MASKS]
    if not masks:
        return found
    # the masking phrase stays (it is an idea of its own: "considered leaving"); what it
    # hides goes
    return [(c, a, b) for c, a, b in found if not any(c in m and ma <= a < mb for m, ma, mb in masks)]


def _find(stem_list: list[str]) -> list[tuple[str, int, int]]:
    index = compiled()
    out: list[tuple[str, int, int]] = []
    n = len(stem_list)
    for i in [i for i, s in enumerate(stem_list) if s in index]:
        entries = index[stem_list[i]]
        seen: set[str] = set()
        for concept, seq in entries:
            if concept in seen:
                continue
            k = len(seq)
            if GAP in seq:
                end = _gapped_end(stem_list, i, seq)
                if end is not None:
                    out.append((concept, i, end))
                    seen.add(concept)
            elif k == 1 or (
                i + k <= n and stem_list[i + 1] == seq[1] and tuple(stem_list[i : i + k]) == seq
            ):
                out.append((concept, i, i + k))
                seen.add(concept)
    return out


def _gapped_end(stem_list: list[str], i: int, seq: tuple[str, ...]) -> int | None:
    """Where a phrase with gaps that starts at `i` ends, or None: each gap skips at most
    GAP_WORDS words and never the end of a clause."""
    j, n = i, len(stem_list)
    k = 0
    while k < len(seq):
        if seq[k] != GAP:
            if j >= n or stem_list[j] != seq[k]:
                return None
            j, k = j + 1, k + 1
            continue
        nxt = seq[k + 1]
        for skip in range(GAP_WORDS + 1):
            if j + skip >= n or stem_list[j + skip] in _CLAUSE_ENDS:
                return None
            if stem_list[j + skip] == nxt:
                j, k = j + skip, k + 1
                break
        else:
            return None
    return j
