"""From a recognised measure and the figure's facets to the measure the figure is given,
or none. A wrong measure makes a confident wrong comparison, so this step abstains:

- evidence only from a heading, the title or the sentence before is too weak;
- a measure of one population is not given to a figure counted in another (a staff
  survey's share is not a casework share; a review of a serious further offence is not a
  case review);
- a measure of adults stated about children becomes the youth measure of the same name
  (`youth.<key>`), never the adult one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from importlib import resources

from summariser.facets import Facets, Population, qualifier_of, qualifier_required
from summariser.measures import Measure, base_key, measure
from summariser.recognise import Recognised

WEAK_EVIDENCE = frozenset({"topic", "previous", "question", "next", "none"})
YOUTH_PREFIX = "youth."

_STAFF_TOPICS = frozenset({"staffing", "workloads", "training", "sickness", "retention", "workforce"})
_SERVICE_KEYS = frozenset({"inspections", "recommendations_made", "recommendations_implemented"})
_PROGRAMME_KEYS = frozenset({"inspections", "recommendations_made"})
"""Counts of the inspectorate's own work: never a level to compare."""


@dataclass(frozen=True, slots=True)
class Identity:
    key: str | None
    label: str
    measure: Measure | None
    confidence: float = 0.0
    abstained: str | None = None  # why no measure was given, when the recogniser had one
    population: str | None = None  # whom the figure counts, when the measure says it better


def _weights() -> dict[str, float]:
    """How far a measure read from each kind of evidence can be trusted: the share of
    figures of that kind given the right measure on the labelled development sets, fitted
    by `python -m bench.fit_confidence` and frozen in data/confidence.toml."""
    raw = tomllib.loads(resources.files("summariser").joinpath("data/confidence.toml").read_text("utf-8"))
    return {k: float(v) for k, v in raw["confidence"].items()}


CONFIDENCE: dict[str, float] = _weights()


def evidence_class(r: Recognised, m: Measure) -> str:
    """The kind of evidence a measure was read from, as the fitted weights name it."""
    if r.evidence in ("tally", "table"):
        return r.evidence
    if r.evidence in ("question", "next"):
        return "previous"  # weighed as a neighbouring sentence, which it is
    if r.adjacent:
        return "adjacent"
    if r.evidence == "clause" and len(m.requires) < 2:
        return "clause_one"
    return r.evidence


def confidence(r: Recognised, m: Measure) -> float:
    return CONFIDENCE.get(evidence_class(r, m), 0.0)


def native_population(m: Measure) -> Population:
    """Whom a measure of the taxonomy counts."""
    base = m.key.removesuffix("_not")
    if base.startswith(("rated_", "sfo_reviews", "standards")) or base in _SERVICE_KEYS:
        return "services"
    if base.startswith("manage") and "oversight" in base or "caseload" in base:
        return "adult"  # oversight of cases, cases held: counted as cases
    if set(m.topics) & _STAFF_TOPICS or base.startswith(("manager", "staff_")):
        return "staff"
    return "adult"


def programme(key: str | None) -> bool:
    return bool(key) and base_key(key) in _PROGRAMME_KEYS


def identify(
    r: Recognised, facets: Facets, *, counted: Population | None, unit: str, noun: str | None,
    sentence: str = "", title: str = "", own_sentence: str = "",
    of: float | None = None, value: float | None = None, text: str = "",
) -> Identity:
    """The measure the figure is given; `counted` is the population named as what the
    figure counts ("of the staff", "children"), when the text names one."""
    if r.measure is None:
        return Identity(None, "", None)
    plausible = _plausible(r, value)
    if plausible is None:
        return Identity(None, "", None, abstained=f"implausible:{r.key}:{value}")
    r = plausible
    m = r.measure
    assert m is not None
    if _first_person(own_sentence, text):  # still counts whom the measure counts ("my caseload": people)
        return Identity(None, "", None, abstained="first_person", population=counted or native_population(m))
    refused = _refusal(r, m, facets, counted, unit, noun, own_sentence or sentence)
    if refused:
        return Identity(None, "", None, abstained=refused)
    key = _qualified(r.key, own_sentence or sentence, sentence, title, text)
    if key is None:
        return Identity(None, "", None, abstained=f"unqualified:{r.key}")
    key = _with_facets(key, m, facets, noun or _standards_named_before(own_sentence or sentence, text), of, value, text)
    native = native_population(m)
    q = measure(key)
    population = counted or ("youth" if facets.youth_context and native == "adult" else native)
    return Identity(key, q.label if q else r.label, m, confidence(r, m), population=population)


_MINE = re.compile(r"^\W*(?:My|I (?:have|had|hold|held|carry|carried|supervise|manage|managed))\b")


def _first_person(sentence: str, figure_text: str) -> str | None:
    """A writer's own number, the writer the clause's subject ("My caseload: 61", "I
    supervise 48 people"): an anecdote about one practitioner, no measure of a service.
    A survey item in the first person ("enough time for my cases") is no such clause."""
    clause = own_clause(sentence, figure_text)
    at = clause.find(figure_text) if figure_text else -1
    return "first_person" if at > 0 and _MINE.search(clause[:at]) else None


def _plausible(r: Recognised, value: float | None) -> Recognised | None:
    """The recognised measure, or the one a value too large for it is (an average caseload
    in the thousands is a service's caseload); None when no measure takes such a value."""
    m = r.measure
    if m is None or m.at_most is None or value is None or value <= m.at_most:
        return r
    larger = measure(m.above_is) if m.above_is else None
    return None if larger is None else replace(r, key=larger.key, label=larger.label, measure=larger)


def _refusal(
    r: Recognised, m: Measure, facets: Facets, counted: Population | None, unit: str, noun: str | None, sentence: str
) -> str | None:
    """Why the figure may not take the measure it was read with, or None."""
    if r.evidence in WEAK_EVIDENCE and not _completed(r, m, sentence):
        return f"weak:{r.key}:{r.evidence}"
    if broad(m) and not r.adjacent:
        return f"broad:{r.key}"
    native = native_population(m)
    if counted is not None and counted != native and not _compatible(counted, native, noun, r.adjacent):
        return f"population:{r.key}:{counted}!={native}"
    if unit == "count" and _rates_standards(noun, facets) and "standard" not in r.key and not r.key.startswith("rated_"):
        return f"standards:{r.key}"  # "3 of 4 standards" is no casework share
    if unit == "count" and _OF_STANDARDS.search(sentence) and "standard" not in r.key and not r.key.startswith("rated_"):
        return f"standards:{r.key}"  # "of the four standards, one (reviewing) fell short": a count of standards
    return None


_OF_STANDARDS = re.compile(r"\b[Oo]f (?:the|our|its|their) (?:\w+ ){0,3}standards,")


def _qualified(key: str, own_sentence: str, sentence: str, title: str, text: str) -> str | None:
    """The key with the qualifier its clause (else its sentence) names ("@police", "@po");
    None when the measure needs one and none is named."""
    clause = own_clause(own_sentence, text)
    qualifier = qualifier_of(key, clause, title)
    if qualifier is None and not _all_of_them(clause) and not _other_clause_has_figure(own_sentence, clause):
        qualifier = qualifier_of(key, sentence, title)
    if qualifier:
        return f"{key}@{qualifier}"
    return None if qualifier_required(key) else key


def _with_facets(
    key: str, m: Measure, facets: Facets, noun: str | None, of: float | None, value: float | None, text: str
) -> str:
    """The key with the facets that make it a measure of its own: what a tally counts, the
    size of a standards framework, one sector's count, children."""
    if key.startswith("rated_"):
        key = f"{'standards' if _rates_standards(noun, facets) else 'services'}.{key}"
    if key.startswith("standards.") or key == "standards_insufficient":
        framework = of or (value if text.lower().startswith("all ") else None)
        if framework:
            key = f"{key}@of{int(framework)}"  # "8 of our 9 standards" is not "3 of our 4"
    if key == "inspection_score" and of:
        key = f"{key}@of{int(of)}"  # 14 of 36 points is no level of a 27-point framework
    if facets.level == "crc" and m.unit == "count":
        key = f"crc.{key}"  # a CRC's count is of one sector, not of the whole service
    native = native_population(m)
    if native in ("adult", "services") and (
        facets.population == "youth" or (facets.youth_context and facets.population == "services")
    ):
        key = f"{YOUTH_PREFIX}{key}"
    return key


_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas|of whom|of which|among whom)\s+|;\s+")
_ALL_GRADES = re.compile(r"\b(?:all|every) (?:grades|staff|roles|posts)\b|\bacross the (?:whole )?workforce\b", re.I)


def own_clause(sentence: str, figure_text: str) -> str:
    """The clause of `sentence` that holds the figure (clauses split at ", and", ", but",
    ";"), or the whole sentence when the figure's text is not found."""
    if not figure_text or figure_text not in sentence:
        return sentence
    at = sentence.index(figure_text)
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at + len(figure_text):
            return sentence[start : m.start()]
    return sentence[start:]


def _other_clause_has_figure(sentence: str, clause: str) -> bool:
    """Another clause of the sentence states a figure of its own ("190,000 people, of whom
    women were 16 per cent"): what that clause names qualifies its figure, not this one."""
    rest = sentence.replace(clause, " ", 1) if clause != sentence else ""
    return any(ch.isdigit() for ch in rest)


def _all_of_them(clause: str) -> bool:
    """The figure's own clause speaks for every grade ("the vacancy rate across all
    grades"): a grade named in another clause is not its qualifier."""
    return bool(_ALL_GRADES.search(clause))


_STANDARD_WORDS = ("standard", "domain", "aspect", "area", "question", "element")


_STANDARDS_BEFORE = re.compile(r"\b(standards?|domains?)\b", re.I)


def _standards_named_before(sentence: str, text: str) -> str | None:
    """ "The ten standards were graded: Good in six, ...": a tally with no noun of its own
    counts the standards its sentence named before it."""
    k = sentence.find(text)
    found = _STANDARDS_BEFORE.findall(sentence[: max(k, 0)])
    return found[-1] if found else None


def _rates_standards(noun: str | None, facets: Facets) -> bool:
    """A tally of rated standards (of one inspection) rather than of rated services."""
    named = [noun.lower()] if noun else []
    return any(w.startswith(_STANDARD_WORDS) for w in [*named, *facets.counted_words[:6]])


_DEMONSTRATIVE = re.compile(r"\b(?:these|those|this|such)\b|\bthe (?:figure|share|proportion|rate) (?:was|is|had|has|stood|fell|rose)\b", re.I)
"""A sentence that points back at the measure the one before it named ("In the other
sample the figure was 83 per cent")."""


def _completed(r: Recognised, m: Measure, sentence: str) -> bool:
    """Evidence from outside the sentence that only completes it: the sentence points back
    with a demonstrative ("these checks") to the one before ("they" or "it" may point
    anywhere), or a heading names the field of a measure whose other idea the sentence
    states ("rated Good" under a heading on SFO reviews)."""
    if broad(m):
        return False
    if r.evidence in ("question", "next"):
        return True  # the answer to the question before it; the fragment "That is ..." defines
    if r.evidence == "previous":
        return bool(_DEMONSTRATIVE.search(sentence))
    return r.evidence == "topic" and len(m.requires) > 1


_TOPICS = frozenset({"COURT", "CONTACT", "FUNDING"})
"""Concepts that name a whole field of work rather than one quantity in it."""


def broad(m: Measure) -> bool:
    """A measure named by one topic word ("court", "contact", "funding"): any sentence on
    the subject names it, so the figure must name it in its own words."""
    concepts = {c for req in m.requires for c in req.split("|")}
    return len(m.requires) < 2 and concepts <= _TOPICS


_ANYONE = frozenset({"people", "person", "individual", "individuals"})
_YOUTH_UNITS = frozenset({"services", "teams", "yots", "yoss", "yjss", "partnerships"})


def _compatible(counted: Population, native: Population, noun: str | None = None, adjacent: bool = False) -> bool:
    """Children's cases are cases: a youth figure may take an adult casework measure
    (it becomes the youth twin). People are anyone: "300 people" may be staff when the
    measure counts staff and is named right after them ("300 people training to qualify")."""
    if native == "staff" and counted == "adult" and noun in _ANYONE and adjacent:
        return True
    if native == "services" and counted == "youth" and (noun is None or noun.lower() in _YOUTH_UNITS):
        return True  # "four youth services were rated ...", "of 20 youth teams, six were rated ...": services
    return {counted, native} == {"youth", "adult"}


_BOUNDS = frozenset({"more than", "over", "at least", "fewer than", "less than", "under", "above", "below"})


def thresholds(units: list[str], ofs: list[float | None], qualifiers: list[str | None],
               sentences: list[str], gaps: list[str], texts: list[str] | None = None) -> list[bool]:
    """A bounded count right after a share in one clause is the threshold the share is
    stated against ("a fifth of officers held more than 60 cases"), and so is a bound in a
    condition ("where caseloads were above 60 per cent, ..."): not a level itself."""
    out = [False] * len(units)
    for i in range(1, len(units)):
        share_before = units[i - 1] == "percent" or ofs[i - 1] is not None
        if (share_before and units[i] == "count" and (qualifiers[i] or "").lower() in _BOUNDS
                and sentences[i] == sentences[i - 1] and not re.search(r"[.;:]", gaps[i])):
            out[i] = True
    for i, text in enumerate(texts or ()):
        at = sentences[i].find(text) if text else -1
        if at >= 0 and _CONDITION_BOUND.search(sentences[i][:at] + _bound_of(text)):
            out[i] = True
    return out


_BOUND_WORDS = ("at or above", "at or below", "more than", "less than", "fewer than", "at least", "up to",
                "below", "above", "under", "over")  # fmt: skip


def _bound_of(text: str) -> str:
    """The bound a figure's own words open with ("below 70 per cent" -> "below "), if any."""
    low = text.lower()
    return next((b + " " for b in _BOUND_WORDS if low.startswith(b + " ")), "")


_CONDITION_BOUND = re.compile(
    rf"\b(?:[Ww]here|[Ww]hen|[Ii]f|[Ww]herever)\b[^,;:.]*\b(?:{'|'.join(_BOUND_WORDS)})\s+$"
)
"""A figure in a condition, right after its bound: "where caseloads were above 60 per cent"."""
