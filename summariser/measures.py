"""The measures probation inspection reports keep coming back to, as a curated taxonomy.

Each measure has a stable key (stored in state, used in subscriptions), a label a
subscriber reads, the unit it is stated in, and its polarity (is a higher value better,
worse, or neither). The list itself is data, `data/measures.toml`, validated here.
Recognition (`recognise.py`) matches a figure to a measure by the *concepts* around it
(`data/concepts.toml`): `requires` must all be present near the figure, `boosts` add
weight. `topics` are the words people subscribe with. A measure with a `negative_label`
has a twin, key `<key>_not`, for figures stated in the negative (checks "were not done"
in some share of cases).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summariser.concepts import CONCEPTS, find_concepts
from summariser.models import Polarity
from summariser.stems import stem, words


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    label: str
    unit: str  # percent | count | days | hours | currency | years (durations compare by days)
    polarity: Polarity
    description: str
    topics: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()  # concepts; "A|B" means either
    boosts: tuple[str, ...] = ()
    after: tuple[str, ...] = ()  # concepts that must follow the figure directly
    not_after: tuple[str, ...] = ()
    negative_label: str | None = None
    synonyms: tuple[str, ...] = field(default=())
    nouns: tuple[str, ...] = ()  # for counts: what is counted (singular); empty = anything
    excludes: tuple[str, ...] = ()  # concepts that, named in the figure's own clause, rule it out
    at_most: float | None = None  # the largest value the measure can take (an average caseload is no 250,000)
    above_is: str | None = None  # the measure a larger value is (a whole service's caseload)
    per_unit: bool = False  # an average per person ("cases per officer"): never "N of M"

    def negated(self) -> Measure:
        """The same measure stated in the negative: label flipped, polarity flipped."""
        flip: dict[str, Polarity] = {
            "higher_better": "lower_better",
            "lower_better": "higher_better",
            "neutral": "neutral",
        }
        return Measure(
            key=f"{self.key}_not",
            label=self.negative_label or f"not: {self.label}",
            unit=self.unit,
            polarity=flip[self.polarity],
            description=f"The share of cases where this was not so: {self.description}",
            topics=self.topics,
            requires=self.requires,
            boosts=self.boosts,
            synonyms=self.synonyms,
            nouns=self.nouns,
            excludes=self.excludes,
        )


class MeasureSpec(BaseModel):
    """The schema of one [[measure]] of data/measures.toml."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=3)
    unit: Literal["percent", "count", "currency", "days", "weeks", "months", "hours", "years"]
    polarity: Literal["higher_better", "lower_better", "neutral"]
    description: str
    topics: list[str] = []
    requires: list[str] = []
    boosts: list[str] = []
    after: list[str] = []
    not_after: list[str] = []
    negative_label: str | None = None
    synonyms: list[str] = []
    nouns: list[str] = []
    excludes: list[str] = []
    at_most: float | None = None
    above_is: str | None = None
    per_unit: bool = False


def load_measures(text: str | None = None) -> list[Measure]:
    """Read and validate the taxonomy (the shipped one unless `text` is given): every key
    unique, every concept a measure names defined in data/concepts.toml."""
    if text is None:
        text = resources.files("summariser").joinpath("data/measures.toml").read_text("utf-8")
    specs = [MeasureSpec.model_validate(d) for d in tomllib.loads(text).get("measure", [])]
    seen: set[str] = set()
    for sp in specs:
        if sp.key in seen:
            raise ValueError(f"measure {sp.key!r} is listed twice")
        seen.add(sp.key)
        named = {c for field_ in (sp.requires, sp.boosts, sp.after, sp.not_after, sp.excludes) for r in field_ for c in r.split("|")}
        unknown = named - set(CONCEPTS)
        if unknown:
            raise ValueError(f"measure {sp.key!r} names unknown concepts {sorted(unknown)}")
    return [
        Measure(**{k: tuple(v) if isinstance(v, list) else v for k, v in sp.model_dump().items()})
        for sp in specs
    ]


_ALL: list[Measure] = load_measures()

MEASURES: dict[str, Measure] = {m.key: m for m in _ALL}
"""Every measure by key (negative twins are not listed; `measure()` finds them too)."""

GENERIC_LABELS = {
    "percent": "Percentage",
    "count": "Count",
    "currency": "Amount",
    "days": "Days",
    "weeks": "Weeks",
    "months": "Months",
    "hours": "Hours",
    "years": "Years",
    "other": "Figure",
}


def measure(key: str | None) -> Measure | None:
    """A measure by key, including the negative twins (`<key>_not`) and the youth twins
    (`youth.<key>`: the same measure stated about children)."""
    if not key:
        return None
    if "@" in key:
        base_m, _, value = key.partition("@")
        found = measure(base_m)
        return None if found is None else _with_qualifier(found, value)
    for prefix in FACET_PREFIXES:
        if key.startswith(prefix):
            base = measure(key[len(prefix) :])
            return None if base is None else _qualified(prefix, base)
    if key in MEASURES:
        return MEASURES[key]
    if key.endswith("_not") and key[:-4] in MEASURES and MEASURES[key[:-4]].negative_label:
        return MEASURES[key[:-4]].negated()
    return None


FACET_PREFIXES: dict[str, str] = {
    "youth.": "children: {}",
    "services.": "services {}",
    "standards.": "standards {}",
    "crc.": "{} (CRCs)",
}
"""A measure qualified by a facet is a measure of its own: children's assessment is not
adults'; services rated Good is not standards rated Good; a CRC's count is one sector's.
(A change keeps its measure's key; `stat` says it is a change.) The value is how the label
reads."""


@lru_cache(maxsize=512)
def _with_qualifier(m: Measure, value: str) -> Measure:
    from summariser.facets import qualifier_label

    words_ = qualifier_label(value) or (f"of {value[2:]}" if value[2:].isdigit() and value.startswith("of") else value.replace("_", " "))
    return replace(m, key=f"{m.key}@{value}", label=f"{m.label} ({words_})")


def base_key(key: str | None) -> str | None:
    """The taxonomy measure under a facet-qualified key ("youth.assessment_quality",
    "vacancy_rate@po")."""
    key = key.partition("@")[0] if key else key
    while key:
        prefix = next((p for p in FACET_PREFIXES if key.startswith(p)), None)
        if prefix is None:
            break
        key = key[len(prefix) :]
    return key


@lru_cache(maxsize=512)
def _qualified(prefix: str, m: Measure) -> Measure:
    if prefix == "youth." and m.key.startswith("services."):  # a tally of youth justice services
        return replace(m, key=f"{prefix}{m.key}", label=m.label.replace("Services", "Youth justice services", 1))
    label = m.label if m.label[:2].isupper() else m.label[0].lower() + m.label[1:]
    text = FACET_PREFIXES[prefix].format(label)
    return replace(m, key=f"{prefix}{m.key}", label=text[0].upper() + text[1:])


def singular(noun: str) -> str:
    """ "vacancies" -> "vacancy", "divisions" -> "division", "PDUs" -> "pdu"."""
    if re.fullmatch(r"[A-Z]{2,}s", noun):
        return noun[:-1].lower()
    w = noun.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def generic_key(unit: str, noun: str | None) -> str:
    """Key for a figure no measure claims: "other_percent", or "count_<noun>" for counts."""
    if unit == "count" and noun and noun.lower() not in ("them", "us", "those", "these", "you"):
        return "count_" + re.sub(r"[^a-z0-9]+", "_", singular(noun)).strip("_")
    return f"other_{unit}"


_THRESHOLDS = frozenset({"workload_level"})


def importance(key: str) -> float:
    """How much a figure of this measure says about performance: judged shares (casework
    quality, workloads over capacity) most, counts with a good direction (vacancies,
    caseloads) next, durations, then neutral counts and unrecognised figures."""
    m = measure(key)
    if m is None:
        return 0.5 if key == "other_percent" else 0.3
    if key in _THRESHOLDS:
        return 1.0  # usually the threshold a finding is stated against ("above 110% of capacity")
    if m.unit == "percent":
        return 3.0 if m.polarity != "neutral" else 1.5
    if m.unit == "count":
        return 2.5 if m.polarity != "neutral" else 1.0
    return 1.5


def polarity(key: str) -> Polarity:
    m = measure(key)
    return m.polarity if m else "neutral"


def topics_of(key: str) -> tuple[str, ...]:
    m = measure(key)
    return m.topics if m else ()


# ---------------------------------------------------------------- look-up by free words
@lru_cache(maxsize=1)
def _search_index() -> list[tuple[Measure, frozenset[str], frozenset[str], frozenset[str]]]:
    """Per measure: stems of its words, concepts it is built on, stems of topic words."""
    out = []
    for m in _ALL:
        text = " ".join((m.key.replace("_", " "), m.label, m.description, *m.synonyms))
        word_stems = frozenset(stem(w) for w in words(text)) - _STOP_STEMS
        topic_stems = frozenset(stem(w) for t in m.topics for w in words(t)) - _STOP_STEMS
        concepts = frozenset(c for r in (*m.requires, *m.boosts) for c in r.split("|"))
        out.append((m, word_stems, concepts, topic_stems))
    return out


_STOP_STEMS = frozenset(
    stem(w)
    for w in ["the", "a", "an", "of", "in", "on", "for", "to", "and", "or", "by", "with", "from", "as", "at", "is", "are", "was", "were", "be", "how", "many", "share", "what", "which", "who"]
)


def find_measures(query: str, limit: int = 5) -> list[Measure]:
    """Measures that best match free words ("domestic abuse", "risk assessments",
    "vacancies"), best first. Words are stemmed and read as concepts, so "risk of harm
    planning" finds planning_risk_of_harm and "DV assessments" finds the domestic abuse
    assessment measure."""
    q_words = [stem(w) for w in words(query.replace("_", " ").replace("-", " "))]
    if not q_words:
        return []
    q_set = frozenset(q_words) - _STOP_STEMS
    q_concepts = {c for c, _, _ in find_concepts(q_words) if c not in ("NEGATION", "SUFFICIENT")}
    key = query.strip().lower().replace(" ", "_")
    scored: list[tuple[float, int, Measure]] = []
    for order, (m, word_stems, concepts, topic_stems) in enumerate(_search_index()):
        if m.key == key:
            scored.append((100.0, order, m))
            continue
        score = 0.0
        required = [set(r.split("|")) for r in m.requires]
        matched_required = sum(1 for alts in required if alts & q_concepts)
        score += 2.0 * matched_required
        if required and matched_required == len(required):
            score += 1.0
        score += 0.5 * len(q_concepts & concepts - {c for alts in required for c in alts})
        score += 1.0 * len(q_set & topic_stems)
        score += 0.6 * len(q_set & word_stems)
        # penalise measures built on concepts the query did not ask for
        score -= 0.4 * (len(required) - matched_required)
        if score > 0.5:
            scored.append((score, order, m))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [m for _, _, m in scored[:limit]]
