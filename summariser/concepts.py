"""Concepts: the ideas probation inspection measures are built from, each with the many
ways reports say it ("risk of serious harm", "RoSH", "public protection", "keeping
people safe" all name HARM).

Measures (`measures.py`) are defined over concepts, not over sentences, so a report
that says "work to keep others safe was sufficient in 41% of cases" is recognised
without ever having been seen. Phrases are stemmed (`stems.py`) before matching, so one
form covers its inflections ("assess" covers "assessed", "assessments").
"""

from __future__ import annotations

from functools import lru_cache

from summariser.stems import stem, words

CONCEPTS: dict[str, tuple[str, ...]] = {
    # --- stages of casework (HMI Probation standards: assessment, planning, implementation
    # and delivery, reviewing)
    "ASSESS": (
        "assess", "assessment", "analysis", "analyse", "screening", "screen",
        "oasys", "identify the risk", "identified risks", "risk identification",
        "understanding of the risk", "sara",
    ),
    "PLAN": ("plan", "planning", "sentence plan", "objectives"),
    "CONTINGENCY": (
        "contingency", "contingency plan", "contingency plans", "contingency planning",
        "contingency arrangements", "what to do if the risk escalated",
    ),
    "IMPLEMENT": (
        "implementation", "implement", "delivery of the sentence", "sentence delivery",
        "delivery", "delivered", "service delivery", "work delivered",
    ),
    "REVIEW": ("review", "reviewing", "reassessment", "reassess", "re-assessment"),
    # --- what the work is about
    "HARM": (
        "risk of harm", "risk of serious harm", "rosh", "harm", "public protection",
        "protect the public", "protecting the public", "keep others safe", "keeping others safe",
        "keep people safe", "keeping people safe", "safety of others", "risk management",
        "protect victims", "protecting victims", "protect actual and potential victims",
        "risk to others", "safety of victims", "victim safety", "keep other people safe",
        "keeping other people safe", "keep the public safe", "keeping the public safe",
        "safety of other people", "protecting others", "protect others",
    ),
    "DESIST": (
        "desistance", "desist", "reoffending", "re-offending", "likelihood of reoffending",
        "offending behaviour", "factors related to offending", "factors relating to offending",
        "criminogenic", "rehabilitation", "reduce offending", "reducing offending",
        "engagement", "strengths", "protective factors",
        "linked to offending", "related to offending", "offending-related", "offending related",
    ),
    "DA": (
        "domestic abuse", "domestic violence", "domestically abusive", "intimate partner",
        "abusive behaviour", "abusive relationships", "coercive control", "partner abuse",
        "da", "dv", "domestic abuse perpetrator", "building better relationships", "bbr",
        "clare's law", "domestic abuse enquiries",
    ),
    "CHILD": (
        # the safety and wellbeing of children, not children as the people supervised
        "child safeguarding", "safeguarding", "child protection", "children's social care",
        "children's services", "safeguarding enquiries", "safeguarding checks",
        "risk to children", "risks to children", "risk to the child", "risks to the child",
        "keep the child safe", "keeping the child safe", "keep children safe",
        "keeping children safe", "child safe", "child's safety", "safety of children",
        "safety of the child", "safety and wellbeing", "safety and well-being", "wellbeing",
        "well-being", "concerns about children", "children at risk", "child at risk",
    ),
    # --- judgements
    "SUFFICIENT": (
        "sufficient", "sufficiently", "adequate", "adequately", "satisfactory", "good enough",
        "effective", "effectively", "appropriate", "appropriately", "well enough",
        "good quality", "high quality", "met the standard", "of a good standard", "thorough",
        "insufficient", "insufficiently", "inadequate", "inadequately", "poor", "poor quality",
        "well", "clear", "right decision", "correct",
        "not good enough", "of sufficient quality", "to the required standard", "judged",
        "quality", "take account", "takes account", "take into account", "takes into account",
        "enough attention", "sufficient attention", "paid enough attention", "did enough",
    ),
    "TIMELY": (
        "within", "on time", "timely", "timescale", "timescales", "in time", "promptly",
        "target time", "deadline",
    ),
    # --- staffing
    "STAFF": (
        "staff", "practitioners", "practitioner", "probation officers", "probation officer",
        "probation services officers", "pso", "workforce", "employees", "officers",
        "case managers", "responsible officers", "offender managers",
    ),
    "VACANCY": (
        "vacancy", "vacancies", "vacant posts", "unfilled posts", "staff shortage", "short of",
        "staff shortages", "staffing shortfall", "shortfall", "understaffed", "short of staff",
        "gaps in staffing",
    ),
    "STAFFING_LEVEL": (
        "in post", "should have had", "fully staffed", "staffing level", "staffing levels",
        "it needed", "they needed", "needed in post", "required number",
        "target staffing", "establishment", "complement", "required staff",
     "posts filled", "filled posts", "fill rate",
     "were filled", "was filled", "filled",
    ),
    "WORKLOAD": (
        "workload", "workloads", "workload management tool", "wmt", "workload measurement tool",
        "overloaded", "overworked", "over worked", "over capacity", "above capacity",
        "expected capacity",
    ),
    "CAPACITY_OF": ("capacity", "expected capacity", "target", "target levels", "wmt", "workload management tool"),
    "CASELOAD": (
        "caseload", "caseloads", "cases per", "cases on their books", "cases to manage",
        "cases each", "cases held", "held cases", "carrying cases", "number of cases",
    ),
    "SICKNESS": (
        "sickness", "sickness absence", "sick leave", "off sick", "absence", "absence rate",
        "absence rates", "days lost",
    ),
    "MANAGER": (
        "manager", "managers", "middle managers", "senior probation officer", "senior probation officers",
        "spo", "spos", "team leader", "team leaders", "line manager", "line managers",
    ),
    "MANAGEMENT_TASK": (
        "management tasks", "management task", "management duties", "management work",
        "supervision of staff", "staff supervision",
    ),
    "SPAN": (
        "supervising", "supervise", "line manage", "line managing", "members of staff", "span of control",
        "spans of control", "direct reports", "staff each", "staff to supervise",
    ),
    "OVERSIGHT": ("management oversight", "oversight", "manager oversight", "countersigning"),
    "EXTRA_HOURS": (
        "extra hours", "additional hours", "unpaid overtime", "overtime", "hours per week",
        "longer hours", "beyond their contracted hours", "contracted hours",
    ),
    "TRAINING": ("training", "trained", "learning and development", "newly qualified", "pqip"),
    "ETE": ("training or employment", "training and employment", "training or education", "employment support"),
    "WORKFORCE_SIZE": (
        "employed", "employs", "employ", "in post", "workforce", "headcount", "full-time equivalent",
        "fte",
    ),
    "VACANCY_RATE": (
        "vacancy rate", "vacancy rates", "posts vacant", "posts were vacant", "posts unfilled",
        "of posts", "vacant",
    ),
    "COMPLETION": (
        "completed successfully", "successful completion", "successfully completed",
        "completion rate", "completion rates", "completed their order", "completed their orders",
    ),
    # --- people and cases
    "SUPERVISED": (
        "people on probation", "people supervised", "under supervision", "supervision of",
        "supervises", "supervising", "supervised", "caseload of", "offenders", "high-risk offenders",
        "people under probation supervision", "service users", "cases from", "people in custody",
        "works with", "work with", "worked with", "working with",
    ),
    "DIVERSITY": (
        "diversity", "diversity issues", "diversity needs", "barriers to engagement",
        "protected characteristics", "individual needs", "diverse needs",
    ),
    "PRE_RELEASE": ("pre-release", "pre release", "before release", "prior to release", "release planning"),
    "SEN": ("special educational need", "special educational needs", "sen", "send", "ehcp"),
    "PERPETRATOR": ("perpetrator", "perpetrators", "perpetrated"),
    "VICTIM": (
        "victim", "victims", "victim liaison", "victim liaison officers", "victim contact",
        "victim contact scheme", "vlo", "vlos", "dasos", "daso",
    ),
    "INTERVENTION": (
        "intervention", "interventions", "programme", "programmes", "accredited programme",
        "accredited programmes", "structured intervention", "rehabilitative activity",
        "rar", "commissioned rehabilitative services", "building better relationships",
        "bbr", "thinking skills programme", "tsp", "kaizen", "new me strengths",
        "becoming new me",
    ),
    "INFO_SHARING": (
        "information sharing", "information from other agencies", "shared information",
        "information had been gathered", "information gathered", "police checks",
        "domestic abuse enquiries", "safeguarding enquiries", "enquiries", "checks",
        "liaison with", "other agencies", "information from the police", "shared with",
        "share information", "information shared", "information was shared",
    ),
    "LICENCE": ("licence", "licences", "pre-release", "release", "resettlement", "post-sentence supervision"),
    "CONDITIONS": ("licence conditions", "conditions", "restrictions", "restraining order", "restraining orders"),
    "FIRST_CONTACT": (
        "first appointment", "first appointments", "induction", "inductions", "seen by",
        "first contact", "first seen", "initial appointment", "first meeting",
    ),
    "ALLOCATE": ("allocation", "allocated", "assigned", "case allocation", "allocate"),
    "COURT": (
        "court", "courts", "pre-sentence report", "pre-sentence reports", "psr", "psrs",
        "sentencers", "court reports", "oral reports", "court work",
    ),
    "CONTACT": (
        "appointments", "contact", "home visits", "home visit", "face-to-face",
        "frequency of contact", "seen", "reporting",
    ),
    "ENFORCE": (
        "enforcement", "enforce", "enforced", "breach", "breaches", "breach action",
        "non-compliance", "compliance", "returned to court",
        "breach packs", "warnings",
    ),
    "RECALL": ("recall", "recalls", "recalled", "recall to custody", "returned to custody"),
    "WAIT": ("wait", "waits", "waiting", "waiting list", "waiting lists", "delay", "delays", "backlog"),
    "UNPAID_WORK": (
        "unpaid work", "community payback", "upw", "hours of unpaid work", "unpaid work hours",
        "community service", "first session", "first sessions", "work session", "work sessions",
        "work placement", "work placements",  # not "placement": it stems like "place"
    ),
    "FACILITY": (
        "facilities", "premises", "buildings", "estate", "approved premises",
        "repairs", "repair", "maintenance", "facilities management",
    ),
    "REPAIR": ("repair", "repairs", "fixed", "fix", "maintenance jobs", "jobs to be fixed"),
    "RECOMMEND": ("recommendation", "recommendations"),
    "RECOMMEND_DONE": (
        "implemented", "met", "achieved", "completed", "progressed", "acted on", "in full",
        "addressed", "answered", "responded to",
    ),
    "INSPECTION": ("inspection", "inspections", "inspected", "visited"),
    "SAMPLE": (
        # not "inspected" alone: it stems like "inspection" ("the inspection report covers ...")
        "we inspected", "cases inspected", "examined", "we examined", "we looked at", "looked at",
        "we read", "sample", "case sample", "our sample", "we reviewed", "cases inspected",
    ),
    "ACCOMMODATION": ("accommodation", "housing", "homeless", "homelessness", "settled accommodation"),
    "EMPLOYMENT": (
        "employment", "education training and employment", "ete", "in work", "job outcomes",
        "into work", "education", "full-time education", "in education",
    ),
    "REOFFENDING_RATE": ("reoffending rate", "proven reoffending", "reoffended", "reoffend"),
    "SFO": ("serious further offence", "serious further offences", "sfo", "sfos"),
    "FUNDING": ("funding", "budget", "cost", "costs", "spend", "spending", "spent", "contract value", "paid", "pay"),
    "WOMEN": ("women", "female", "gender"),
    "SENTENCE_PLAN": ("sentence plan", "sentence plans", "sentence planning"),
    "RATED_OUTSTANDING": ("outstanding",),
    "RATED_GOOD": ("good",),
    "RATED_RI": ("requires improvement", "require improvement", "requiring improvement"),
    "RATED_INADEQUATE": ("inadequate",),
    "CASES_HELD": (
        "held", "hold", "holding", "holds", "carrying", "carried", "carry", "on their books",
        "on their caseload", "allocated", "responsible for",
    ),
    "TURNOVER": (
        "left", "leave", "leaving", "leavers", "turnover", "attrition", "resigned", "resignations",
        "retention", "quit",
    ),
    "NOT_A_MANAGER": ("case manager", "case managers", "offender manager", "offender managers"),
    "OFFER": ("offered", "offer", "a say", "consulted", "given the opportunity", "informed", "contacted"),
    "INTENT_TO_LEAVE": (
        "considered leaving", "considering leaving", "thinking of leaving", "thinking about leaving",
        "plan to leave", "planning to leave", "intend to leave", "intending to leave",
        "want to leave", "wanted to leave", "looking for other jobs", "looking to leave",
    ),
    "LEAVE_TYPE": ("sick leave", "sickness leave", "maternity leave", "annual leave", "parental leave"),
    "AS_WELL": ("as well", "as well as", "well-being", "wellbeing", "well established", "well known"),
    "INSPECTOR_VERB": (
        "we assessed", "we have assessed", "inspectors assessed", "we assessed that",
        "assessed as needing", "assessed as being", "were assessed as", "was assessed as",
        "assessed as high", "assessed as medium", "assessed as low",
    ),
    "NEGATION": (
        "not", "no", "never", "seldom", "rarely", "without", "failed", "fail", "failing",
        "lacked", "lacking", "insufficient", "insufficiently", "inadequate", "inadequately",
        "unsatisfactory", "missed", "too few", "neither", "nor", "longer than", "later than",
        "outside the",
    ),
    "UNMANAGEABLE": (
        "unmanageable", "not manageable", "could not manage", "cannot manage", "can't manage",
        "unable to manage", "unsafe", "unsustainable", "too high", "not safe",
        "could not cope", "overwhelmed",
    ),
    "PER_HEAD": (
        "per person", "per head", "each person", "a head", "per case", "each case",
        "per offender", "per child", "for every person", "per person supervised",
    ),
}  # fmt: skip
"""Concept -> the phrases that name it. Add a phrase here when reports word an idea anew."""

CONCEPT_WEIGHT: dict[str, float] = {
    "PLAN": 0.9,  # broad: any plan; a named kind of plan (sentence, contingency) is narrower
    "CASES_HELD": 0.5,  # "responsible for", "held": weak without a caseload word
    "DA": 1.3,
    "CHILD": 1.1,
    "HARM": 1.0,
    "DESIST": 0.9,
    "SUFFICIENT": 0.3,
    "TIMELY": 0.6,
    "STAFF": 0.5,
    "SUPERVISED": 0.6,
    "INTERVENTION": 0.8,
    "CONTACT": 0.5,
    "LICENCE": 0.8,
    "COURT": 0.8,
    "MANAGER": 0.8,
    "INSPECTION": 0.6,
    "EMPLOYMENT": 0.7,
}
"""How much one concept counts; 1.0 when absent. Broad ideas count less than precise ones."""


@lru_cache(maxsize=1)
def compiled() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """First stem -> [(concept, stems of the phrase)], longest phrases first."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for concept, phrases in CONCEPTS.items():
        for phrase in phrases:
            seq = tuple(stem(w) for w in words(phrase.replace("-", " ")))
            if seq:
                index.setdefault(seq[0], []).append((concept, seq))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[1]))
    return index


MASKS: dict[str, str] = {
    "INSPECTOR_VERB": "ASSESS",
    "ETE": "TRAINING",
    "LEAVE_TYPE": "TURNOVER",
    "INTENT_TO_LEAVE": "TURNOVER",  # thinking of leaving is not leaving
    "NOT_A_MANAGER": "MANAGER",
    "AS_WELL": "SUFFICIENT",
    "SEN": "EMPLOYMENT",
}
"""A concept whose phrase hides another inside it: in "we assessed that reviewing was
sufficient" the inspectors' verb is not the assessment stage."""


def find_concepts(stem_list: list[str]) -> list[tuple[str, int, int]]:
    """Every (concept, first index, index after) whose phrase occurs in `stem_list`."""
    found = _find(stem_list)
    masks = [(MASKS[c], a, b) for c, a, b in found if c in MASKS]
    if not masks:
        return found
    # the masking phrase stays (it is an idea of its own: "considered leaving"); what it
    # hides goes
    return [(c, a, b) for c, a, b in found if not any(c == m and ma <= a < mb for m, ma, mb in masks)]


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
            if k == 1 or (
                i + k <= n and stem_list[i + 1] == seq[1] and tuple(stem_list[i : i + k]) == seq
            ):
                out.append((concept, i, i + k))
                seen.add(concept)
    return out
