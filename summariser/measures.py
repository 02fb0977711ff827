"""The measures probation inspection reports keep coming back to, as a curated taxonomy.

Each measure has a stable key (stored in state, used in subscriptions), a label a
subscriber reads, the unit it is stated in, and its polarity (is a higher value better,
worse, or neither). Recognition (`recognise.py`) matches a figure to a measure by the
*concepts* around it (`concepts.py`): `requires` must all be present near the figure,
`boosts` add weight. `topics` are the words people subscribe with ("domestic abuse",
"staffing"). A measure with a `negative_label` has a twin, key `<key>_not`, for figures
stated in the negative ("information had not been gathered in over half of cases").

Sources for the list: HMI Probation's inspection standards (assessment, planning,
implementation and delivery, reviewing, each judged for desistance, keeping people
safe, and - since 2023 - domestic abuse and child safeguarding as themes), its staffing
and workload findings, court work and allocation, unpaid work, enforcement, victims,
facilities, and the recommendation tallies of every report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from summariser.concepts import find_concepts
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


_STAFF_NOUNS = ("staff", "officer", "practitioner", "member", "pso", "po", "employee", "manager", "people", "worker")
_PEOPLE_NOUNS = ("people", "person", "offender", "individual", "user", "child", "children", "men", "women",
                 "perpetrator", "adult", "young")
_CASE_NOUNS = ("case", "child", "children", "people", "person", "offender")

# Casework quality: stage x theme, the grid HMI Probation reports are written around.
_STAGES = {
    "assessment": ("ASSESS", "Assessment", "assessed", "assessment"),
    "planning": ("PLAN", "Planning", "planned for", "planning"),
    "implementation": ("IMPLEMENT", "Implementation and delivery", "managed in delivering the sentence", "delivery"),
    "review": ("REVIEW", "Reviewing", "reviewed", "reviewing"),
}  # fmt: skip
_THEMES = {
    "risk_of_harm": ("HARM", "risk of harm", "keeping other people safe from harm", ("risk of harm", "public protection", "keeping people safe")),
    "desistance": ("DESIST", "desistance", "supporting desistance and reducing reoffending", ("desistance", "reoffending", "rehabilitation")),
    "domestic_abuse": ("DA", "domestic abuse", "the risk of domestic abuse", ("domestic abuse", "domestic violence")),
    "child_safeguarding": ("CHILD", "child safeguarding", "the safety and wellbeing of children", ("child safeguarding", "children", "child protection")),
}  # fmt: skip


_OF = {"assessment": "of", "planning": "for", "review": "of"}


def _casework() -> list[Measure]:
    out: list[Measure] = []
    for theme, (tconcept, tlabel, tdesc, ttopics) in _THEMES.items():
        out.append(
            Measure(
                key=f"{theme}_quality",
                label=f"Work on {tlabel} sufficient",
                unit="percent",
                polarity="higher_better",
                description=f"Share of inspected cases where work on {tdesc} was sufficient (no stage named).",
                topics=(*ttopics, "casework quality"),
                requires=(tconcept, "SUFFICIENT"),
                negative_label=f"Work on {tlabel} not sufficient",
            )
        )
    for stage, (concept, stage_label, verb, noun) in _STAGES.items():
        out.append(
            Measure(
                key=f"{stage}_quality",
                label=f"{stage_label} sufficient",
                unit="percent",
                polarity="higher_better",
                description=f"Share of inspected cases where {noun} was sufficient overall.",
                topics=(noun, "casework quality"),
                requires=(concept, "SUFFICIENT"),
                negative_label=f"{stage_label} not sufficient",
            )
        )
        for theme, (tconcept, tlabel, tdesc, ttopics) in _THEMES.items():
            out.append(
                Measure(
                    key=f"{stage}_{theme}",
                    label=f"{stage_label} {_OF[stage]} {tlabel} sufficient"
                    if stage != "implementation"
                    else f"Delivery managing {tlabel} sufficient",
                    unit="percent",
                    polarity="higher_better",
                    description=f"Share of inspected cases where {tdesc} was sufficiently {verb}.",
                    topics=(noun, *ttopics),
                    requires=(concept, tconcept, "SUFFICIENT"),
                    negative_label=f"{stage_label} {_OF[stage]} {tlabel} not sufficient"
                    if stage != "implementation"
                    else f"Delivery managing {tlabel} not sufficient",
                )
            )
    return out


def _rating_tallies() -> list[Measure]:
    out = []
    for value, concept, polarity in (
        ("outstanding", "RATED_OUTSTANDING", "higher_better"),
        ("good", "RATED_GOOD", "higher_better"),
        ("requires_improvement", "RATED_RI", "lower_better"),
        ("inadequate", "RATED_INADEQUATE", "lower_better"),
    ):
        words_ = value.replace("_", " ")
        out.append(
            Measure(
                key=f"rated_{value}",
                label=f"Rated '{words_.capitalize()}'",
                unit="count",
                polarity=polarity,  # type: ignore[arg-type]
                description=f"How many services, regions or domains were rated {words_}.",
                topics=("ratings", words_),
                requires=(concept,),
                boosts=("INSPECTION",),
            )
        )
    return out


_CURATED: list[Measure] = [
    # ---- staffing and workloads
    Measure("vacancies", "Staff vacancies", "count", "lower_better",
            "Number of unfilled posts, for example probation officer vacancies.",
            ("staffing", "vacancies", "recruitment"), ("VACANCY",), ("STAFF",), nouns=_STAFF_NOUNS + ("vacancy", "post", "role", "position")),
    Measure("vacancy_rate", "Staff vacancy rate", "percent", "lower_better",
            "Share of posts that are vacant.", ("staffing", "vacancies"), ("VACANCY_RATE",), ("STAFF",)),
    Measure("staff_employed", "Staff in post", "count", "neutral",
            "How many staff (often full-time equivalent probation officers) a service employs.",
            ("staffing", "workforce"), ("STAFF", "WORKFORCE_SIZE"), nouns=_STAFF_NOUNS),
    Measure("staff_in_post", "Staff in post against need", "percent", "higher_better",
            "Share of the staff a unit needs that it actually has in post.",
            ("staffing",), ("STAFF", "STAFFING_LEVEL")),
    Measure("workload_over_capacity", "Staff workloads above expected capacity", "percent", "lower_better",
            "Share of staff whose workload exceeds their expected capacity on the workload tool.",
            ("workloads", "staffing"), ("WORKLOAD|CASELOAD",), ("STAFF", "CAPACITY_OF"), not_after=("CAPACITY_OF",)),
    Measure("workload_unmanageable", "Staff saying their workload is unmanageable", "percent", "lower_better",
            "Share of practitioners who say their workload or caseload is unmanageable or unsafe.",
            ("workloads", "staffing"), ("WORKLOAD|CASELOAD", "UNMANAGEABLE"), ("STAFF",)),
    Measure("workload_level", "Workload as a share of capacity", "percent", "lower_better",
            "A workload level stated against capacity, for example 120% of expected capacity.",
            ("workloads",), ("WORKLOAD|CAPACITY_OF",), (), after=("CAPACITY_OF",)),
    Measure("caseload_average", "Average caseload", "count", "lower_better",
            "Cases held per practitioner (an average or typical caseload).",
            ("caseloads", "workloads"), ("CASELOAD|CASES_HELD",), ("STAFF", "WORKLOAD"), nouns=_CASE_NOUNS),
    Measure("victim_liaison_caseload", "Victim liaison officer caseload", "count", "lower_better",
            "Cases held per victim liaison officer.", ("victims", "caseloads"), ("VICTIM", "CASELOAD|CASES_HELD"),
            nouns=_CASE_NOUNS),
    Measure("sickness_absence", "Staff sickness absence", "percent", "lower_better",
            "Share of working time lost to sickness absence, or the absence rate.",
            ("staffing", "sickness"), ("SICKNESS",), ("STAFF",)),
    Measure("sickness_days", "Sickness absence days per person", "days", "lower_better",
            "Working days lost to sickness per member of staff.", ("staffing", "sickness"), ("SICKNESS",), ("STAFF",)),
    Measure("staff_turnover", "Staff leaving", "percent", "lower_better",
            "Share of staff who left (turnover or attrition), for example newly qualified officers leaving.",
            ("staffing", "retention"), ("STAFF", "TURNOVER")),
    Measure("management_tasks_completed", "Managers completing their management tasks", "percent", "higher_better",
            "Share of managers who complete their management tasks each week.",
            ("management", "staffing"), ("MANAGEMENT_TASK",), ("MANAGER",),
            negative_label="Managers not completing their management tasks"),
    Measure("manager_span_of_control", "Staff supervised per manager", "count", "lower_better",
            "How many staff one middle manager supervises.", ("management",), ("MANAGER", "STAFF"), ("SPAN",),
            nouns=_STAFF_NOUNS + ("member", "report")),
    Measure("managers_over_span", "Managers supervising too many staff", "percent", "lower_better",
            "Share of middle managers supervising more staff than the expected span.",
            ("management",), ("MANAGER", "SPAN")),
    Measure("staff_extra_hours", "Staff working extra hours", "percent", "lower_better",
            "Share of staff or managers working hours beyond their contract.",
            ("workloads", "management"), ("EXTRA_HOURS",)),
    Measure("extra_hours_per_week", "Extra hours worked per week", "hours", "lower_better",
            "Hours worked beyond contract each week.", ("workloads",), ("EXTRA_HOURS",)),
    Measure("management_oversight", "Management oversight sufficient", "percent", "higher_better",
            "Share of cases where management oversight was sufficient.",
            ("management",), ("OVERSIGHT",), ("SUFFICIENT",), negative_label="Management oversight not sufficient"),
    Measure("staff_trained", "Staff trained", "percent", "higher_better",
            "Share of staff who had received the relevant training.", ("training", "staffing"), ("TRAINING",), ("STAFF",),
            negative_label="Staff not trained"),
    Measure("staff_women", "Staff who are women", "percent", "neutral",
            "Share of the workforce who are women.", ("staffing", "diversity"), ("STAFF", "WOMEN")),
    # ---- people supervised
    Measure("people_supervised", "People supervised", "count", "neutral",
            "How many people (cases) a service supervises.", ("people on probation", "caseloads"), ("SUPERVISED",),
            nouns=_PEOPLE_NOUNS + _CASE_NOUNS, excludes=("SAMPLE",)),
    Measure("domestic_abuse_perpetrators_share", "People on probation who are domestic abuse perpetrators", "percent", "neutral",
            "Share of people on probation identified as current or former domestic abuse perpetrators.",
            ("domestic abuse", "people on probation"), ("DA", "PERPETRATOR")),
    Measure("domestic_abuse_perpetrators", "Domestic abuse perpetrators supervised", "count", "neutral",
            "Number of people supervised identified as domestic abuse perpetrators.",
            ("domestic abuse", "people on probation"), ("DA", "PERPETRATOR"), nouns=_PEOPLE_NOUNS + _CASE_NOUNS),
    # ---- court work, allocation, first contact
    Measure("court_allocation_quality", "Court work and allocation sufficient", "percent", "higher_better",
            "Share of cases with sufficient information, assessment and tools completed before allocation.",
            ("court work", "allocation"), ("ALLOCATE",), ("COURT", "SUFFICIENT", "ASSESS"),
            negative_label="Court work and allocation not sufficient"),
    Measure("court_reports_quality", "Pre-sentence reports sufficient", "percent", "higher_better",
            "Share of pre-sentence and court reports of sufficient quality.",
            ("court work",), ("COURT",), ("SUFFICIENT",), negative_label="Pre-sentence reports not sufficient"),
    Measure("allocation_timescale", "Time from sentence to allocation", "days", "lower_better",
            "The time within which cases are allocated after sentence.", ("allocation", "timeliness"), ("ALLOCATE",)),
    Measure("first_appointment_on_time", "First appointment within the timescale", "percent", "higher_better",
            "Share of cases seen for a first appointment within the required time after sentence or release.",
            ("timeliness", "first appointment"), ("FIRST_CONTACT",), ("TIMELY",),
            negative_label="First appointment not within the timescale"),
    Measure("first_appointment_timescale", "Time to first appointment", "days", "lower_better",
            "The time within which people are first seen after sentence or release.",
            ("timeliness", "first appointment"), ("FIRST_CONTACT",)),
    Measure("contact_sufficient", "Contact sufficient", "percent", "higher_better",
            "Share of cases with sufficient frequency and type of contact, including home visits.",
            ("contact", "home visits"), ("CONTACT",), ("SUFFICIENT",), negative_label="Contact not sufficient"),
    Measure("sentence_plans_sufficient", "Sentence plans sufficient", "percent", "higher_better",
            "Share of cases with a sufficient sentence plan.", ("planning",), ("SENTENCE_PLAN", "SUFFICIENT"), (),
            negative_label="Sentence plans not sufficient"),
    Measure("contingency_plans_sufficient", "Contingency planning sufficient", "percent", "higher_better",
            "Share of cases with sufficient contingency planning: what to do if risk escalates.",
            ("planning", "risk of harm"), ("CONTINGENCY", "SUFFICIENT"),
            negative_label="Contingency planning not sufficient"),
    Measure("diversity_needs_addressed", "Diversity needs and barriers addressed", "percent", "higher_better",
            "Share of cases where diversity needs and barriers to engagement were planned for.",
            ("diversity", "engagement"), ("DIVERSITY", "PLAN"), ("SUFFICIENT",)),
    # ---- interventions, information sharing, licences
    Measure("interventions_delivered", "Needed interventions delivered", "percent", "higher_better",
            "Share of cases that received the interventions or programmes they needed.",
            ("interventions", "programmes"), ("INTERVENTION",), ("IMPLEMENT", "SUFFICIENT"),
            negative_label="Needed interventions not delivered"),
    Measure("information_sharing", "Information shared with other agencies", "percent", "higher_better",
            "Share of cases where information was gathered from or shared with police, children's services and other agencies.",
            ("information sharing", "safeguarding", "domestic abuse"), ("INFO_SHARING",), ("DA", "CHILD"),
            negative_label="Information not shared with other agencies"),
    Measure("licence_conditions", "Licence conditions appropriate", "percent", "higher_better",
            "Share of licence cases with appropriate licence conditions and restrictions.",
            ("licences", "release"), ("CONDITIONS",), ("LICENCE", "SUFFICIENT"),
            negative_label="Licence conditions not appropriate"),
    Measure("pre_release_work", "Pre-release work sufficient", "percent", "higher_better",
            "Share of licence cases with sufficient work before release.",
            ("licences", "release", "resettlement"), ("PRE_RELEASE|LICENCE", "SUFFICIENT"), ("PRE_RELEASE",),
            negative_label="Pre-release work not sufficient"),
    # ---- enforcement, unpaid work, outcomes
    Measure("enforcement_appropriate", "Enforcement appropriate", "percent", "higher_better",
            "Share of cases where compliance and enforcement were handled appropriately.",
            ("enforcement", "breach", "recall"), ("ENFORCE|RECALL",), ("SUFFICIENT",), negative_label="Enforcement not appropriate"),
    Measure("recalls", "Recalls to custody", "count", "neutral",
            "How many people on licence were recalled to custody.", ("recall", "enforcement"), ("RECALL",),
            nouns=_PEOPLE_NOUNS + _CASE_NOUNS + ("recall",)),
    Measure("enforcement_wait", "Wait for breach hearings", "weeks", "lower_better",
            "How long breach and enforcement cases wait to be heard in court.",
            ("enforcement", "courts", "delays"), ("WAIT", "ENFORCE|COURT|RECALL")),
    Measure("programme_waiting_time", "Waiting time for programmes", "weeks", "lower_better",
            "How long people wait to start an intervention or programme.",
            ("interventions", "delays"), ("WAIT", "INTERVENTION")),
    Measure("unpaid_work_hours", "Unpaid work hours", "hours", "neutral",
            "Hours of unpaid work ordered, delivered or outstanding.", ("unpaid work",), ("UNPAID_WORK",)),
    Measure("unpaid_work_start_timescale", "Time to start unpaid work", "days", "lower_better",
            "The time within which people start their unpaid work placement.", ("unpaid work", "timeliness"),
            ("UNPAID_WORK", "TIMELY")),
    Measure("orders_completed", "Orders completed successfully", "percent", "higher_better",
            "Share of community orders or licences that ended in successful completion.",
            ("outcomes", "compliance"), ("COMPLETION",)),
    Measure("unpaid_work_quality", "Unpaid work delivered well", "percent", "higher_better",
            "Share of unpaid work cases delivered sufficiently or started on time.",
            ("unpaid work",), ("UNPAID_WORK",), ("SUFFICIENT", "TIMELY")),
    Measure("victim_contact", "Victims offered contact", "percent", "higher_better",
            "Share of eligible victims offered or receiving victim contact.", ("victims",), ("VICTIM", "CONTACT|OFFER"),
            (), negative_label="Victims not offered contact"),
    Measure("accommodation", "People in settled accommodation", "percent", "higher_better",
            "Share of people on probation in settled accommodation.", ("accommodation", "resettlement"),
            ("ACCOMMODATION",)),
    Measure("employment", "People in employment, training or education", "percent", "higher_better",
            "Share of people on probation in employment, training or education.", ("employment", "resettlement"),
            ("EMPLOYMENT",), ("SUPERVISED",)),
    Measure("reoffending_rate", "Proven reoffending rate", "percent", "lower_better",
            "Share of people who reoffend within the follow-up period.", ("reoffending", "outcomes"),
            ("REOFFENDING_RATE",)),
    Measure("serious_further_offences", "Serious further offences", "count", "lower_better",
            "Number of serious further offences by people under supervision.", ("serious further offences",),
            ("SFO",), nouns=("offence", "sfo", "case", "review")),
    # ---- facilities, inspections, recommendations, money
    Measure("facilities_repairs_on_time", "Facilities repairs done on time", "percent", "higher_better",
            "Share of repair and maintenance jobs completed within the target time.",
            ("facilities", "estates"), ("REPAIR|FACILITY", "TIMELY|REPAIR")),
    Measure("facilities_repair_timescale", "Target time for facilities repairs", "days", "lower_better",
            "The time within which repair jobs should be done.", ("facilities", "estates"), ("REPAIR",)),
    Measure("recommendations_made", "Recommendations made", "count", "neutral",
            "How many recommendations the inspectorate made.", ("recommendations",), ("RECOMMEND",),
            nouns=("recommendation",)),
    Measure("recommendations_implemented", "Earlier recommendations implemented", "percent", "higher_better",
            "Share of earlier recommendations implemented or progressed.", ("recommendations",),
            ("RECOMMEND", "RECOMMEND_DONE"), negative_label="Earlier recommendations not implemented"),
    Measure("inspections", "Inspections", "count", "neutral",
            "How many inspections a finding is drawn from.", ("inspections",), ("INSPECTION",),
            nouns=("inspection", "division", "pdu", "region", "area", "service", "crc", "yot", "yos", "yjs", "unit",
                   "team", "report", "ap", "premise")),
    Measure("funding", "Funding and costs", "currency", "neutral",
            "Money: budgets, contract values, costs, pay.", ("funding", "money"), ("FUNDING",)),
    Measure("cost_per_person", "Cost per person", "currency", "neutral",
            "Money per person supervised or per case (a unit cost, not a budget).", ("funding", "money"),
            ("PER_HEAD",), ("FUNDING", "SUPERVISED")),
]  # fmt: skip

def _sfo_review_ratings() -> list[Measure]:
    """The inspectorate's ratings of serious further offence reviews, as shares of reviews."""
    out = []
    for value, concept, polarity in (
        ("outstanding", "RATED_OUTSTANDING", "higher_better"),
        ("good", "RATED_GOOD", "higher_better"),
        ("requires_improvement", "RATED_RI", "neutral"),
        ("inadequate", "RATED_INADEQUATE", "lower_better"),
    ):
        words_ = value.replace("_", " ")
        out.append(
            Measure(
                key=f"sfo_reviews_rated_{value}",
                label=f"SFO reviews rated '{words_.capitalize()}'",
                unit="percent",
                polarity=polarity,  # type: ignore[arg-type]
                description=f"Share of serious further offence reviews the inspectorate rated {words_}.",
                topics=("serious further offences", "ratings"),
                requires=("SFO", concept),
            )
        )
    return out


_ALL: list[Measure] = _sfo_review_ratings() + _casework() + _CURATED + _rating_tallies()

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
    "youth.": "children: ",
    "services.": "services ",
    "standards.": "standards ",
    "crc.": "CRCs: ",
    "change.": "change in: ",
}
"""A measure qualified by a facet is a measure of its own: children's assessment is not
adults'; services rated Good is not standards rated Good; a change is not a level."""


@lru_cache(maxsize=512)
def _with_qualifier(m: Measure, value: str) -> Measure:
    from summariser.facets import qualifier_label

    words_ = qualifier_label(value) or value.replace("_", " ")
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
    words_ = FACET_PREFIXES[prefix]
    label = m.label[0].lower() + m.label[1:] if m.label[:2] != m.label[:2].upper() else m.label
    return replace(m, key=f"{prefix}{m.key}", label=(words_ + label)[0].upper() + (words_ + label)[1:])


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
