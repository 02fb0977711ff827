"""Generated documents for the replay and memory benchmarks: inspection reports, press
releases and blog posts in the shapes the service reads, written from templates of our own
with a seeded random generator (the same seed gives the same corpus).

Each document states several measures (risk of harm assessment, planning, contact,
caseloads, vacancies, sickness, recalls...) as percentages, counts, "N of the M" shares and
averages, about a scope (a PDU, a region, a youth offending service, the NPS/CRCs), with a
rating now and then, dated across 2014-2026; blog posts quote a report and carry reader
comments with figures of their own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

PDUS = [
    "Tameside", "Riverside", "North Essex", "Cardiff and Vale", "Bradford and Calderdale",
    "Hull and East Riding", "Plymouth", "Stoke-on-Trent", "Leicester", "Swindon and Wiltshire",
    "South Tyneside", "Merseyside North", "Kent West", "Norfolk", "Gwent", "Oxfordshire",
    "Teesside", "Brighton and Hove", "Coventry", "Lincolnshire West",
]  # fmt: skip
REGIONS = [
    "the North West", "the North East", "Wales", "London", "the South West", "the Midlands",
    "Yorkshire and the Humber", "the East of England", "Kent, Surrey and Sussex",
]  # fmt: skip
YOTS = ["Lambeth", "Sefton", "Wirral", "Derby City", "Sheffield", "Croydon", "Bristol"]
RATINGS = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
NUMBER_WORDS = {
    2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
    10: "ten", 11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty",
}  # fmt: skip
BLOGGERS = ["Jim", "Anna", "a probation officer", "Ruth", "a reader"]


@dataclass(frozen=True, slots=True)
class Generated:
    name: str  # file name, with its suffix
    text: str
    title: str
    published: date | None
    url: str


def _pct(rng: random.Random, lo: int = 15, hi: int = 92) -> int:
    return rng.randint(lo, hi)


def _per_cent(rng: random.Random, value: int) -> str:
    return rng.choice([f"{value} per cent", f"{value}%", f"{value} percent"])


def _count(rng: random.Random, n: int) -> str:
    return NUMBER_WORDS[n] if n in NUMBER_WORDS and rng.random() < 0.3 else str(n)


def _casework(rng: random.Random, cases: int) -> list[str]:
    """Sentences about casework quality: the measures most reports state."""
    p = lambda: _per_cent(rng, _pct(rng))  # noqa: E731
    sufficient = rng.randint(cases // 4, cases - 2)
    pool = [
        f"Assessment of the risk of harm posed by people on probation was sufficient in {p()} of the cases we inspected.",
        f"Assessments analysed how to keep people safe sufficiently in {p()} of cases.",
        f"Planning focused sufficiently on keeping other people safe in {p()} of the cases.",
        f"Sentence plans were sufficient overall in {p()}, while contingency plans were adequate in only {p()}.",
        f"Domestic abuse enquiries had been made with the police in {sufficient} of the {cases} cases that required them.",
        f"Safeguarding checks with children's social care were completed in {p()} of relevant cases.",
        f"First appointments took place within five working days of sentence in {p()} of cases.",
        f"In {p()} of cases, reviews did not take account of a significant change in circumstances.",
        f"Implementation and delivery of services supported desistance in {p()} of the cases we examined.",
        f"Home visits had taken place where needed in {p()} of cases.",
        f"Recall decisions were appropriate in {p()} of the cases we inspected.",
        f"Engagement with the person on probation was sufficient in {p()} of cases.",
    ]
    return rng.sample(pool, rng.randint(3, 7))


def _staffing(rng: random.Random) -> list[str]:
    vacancies = rng.randint(2, 40)
    caseload = rng.randint(28, 75)
    pool = [
        f"The unit was carrying {_count(rng, vacancies)} probation officer vacancies when we visited, a vacancy rate of {_per_cent(rng, _pct(rng, 5, 45))}.",
        f"Practitioners held an average of {caseload} cases each.",
        f"{_per_cent(rng, _pct(rng, 20, 90)).capitalize()} of probation officers had workloads above 110 per cent of their capacity.",
        f"Sickness absence averaged {rng.randint(6, 16)}.{rng.randint(0, 9)} days per member of staff, against a target of 8.5 days.",
        f"Only {rng.randint(3, 30)} of the {rng.randint(31, 60)} practitioners we interviewed said their workload was manageable.",
        f"Staff turnover was {_per_cent(rng, _pct(rng, 8, 35))} over the previous twelve months.",
        f"{_count(rng, rng.randint(3, 20)).capitalize()} trainee probation officers had joined in the last year.",
    ]
    return rng.sample(pool, rng.randint(2, 5))


def _services(rng: random.Random) -> list[str]:
    pool = [
        f"Unpaid work hours completed fell to {rng.randint(40_000, 180_000):,} in the year.",
        f"Accredited programme completions stood at {_per_cent(rng, _pct(rng))} of referrals.",
        f"{_per_cent(rng, _pct(rng, 30, 95)).capitalize()} of people leaving custody had settled accommodation on release.",
        f"Only {_per_cent(rng, _pct(rng, 10, 60))} of people on probation were in employment six weeks after release.",
        f"Waiting lists for programmes held {rng.randint(50, 900)} people.",
    ]
    return rng.sample(pool, rng.randint(1, 3))


def _scope(rng: random.Random) -> tuple[str, str, str]:
    """(kind, name, title) of what a document is about."""
    kind = rng.choices(["pdu", "region", "yot", "thematic"], weights=[6, 2, 2, 1])[0]
    if kind == "pdu":
        name = rng.choice(PDUS)
        return kind, name, f"An inspection of probation services in: {name} PDU"
    if kind == "region":
        name = rng.choice(REGIONS)
        return kind, name, f"An inspection of probation services in {name}"
    if kind == "yot":
        name = rng.choice(YOTS)
        return kind, name, f"An inspection of youth offending services in {name}"
    topic = rng.choice(
        ["recall", "domestic abuse", "race equality", "unpaid work", "approved premises"]
    )
    return kind, topic, f"A thematic inspection of {topic} work in probation"


def report_text(rng: random.Random, published: date) -> tuple[str, str]:
    kind, name, title = _scope(rng)
    cases = rng.randint(30, 120)
    rating = rng.choice(RATINGS)
    where = {
        "pdu": f"{name} probation delivery unit (PDU)",
        "region": f"probation services in {name}",
        "yot": f"{name} youth offending service",
        "thematic": f"{name} work across six probation regions",
    }[kind]
    paras = [
        "All content is available under the Open Government Licence v3.0, except where otherwise stated.",
        title,
        f"Published: {published.day} {published:%B %Y}",
        "Foreword (Back to top)",
        f"We inspected {where}. We examined {cases} cases and interviewed "
        f"{rng.randint(10, 60)} practitioners and managers. "
        + (
            f"Having weighed the evidence, we rated it as '{rating}' overall."
            if kind != "thematic"
            else ""
        ),
        "Key findings (Back to top)",
        " ".join(_staffing(rng)),
        " ".join(_casework(rng, cases)),
        " ".join(_services(rng)),
        "Recommendations (Back to top)",
        f"We have made {NUMBER_WORDS[rng.randint(4, 9)]} recommendations. Contact us on 0300 047 0000.",
    ]
    return title, "\n\n".join(p for p in paras if p)


def press_release_text(rng: random.Random, published: date) -> tuple[str, str]:
    kind, name, title = _scope(rng)
    rating = rng.choice(RATINGS)
    head = f"{name}: probation services rated '{rating}'" if kind != "thematic" else title
    lines = [
        f"{published.day} {published:%B %Y}",
        head,
        f"HM Chief Inspector of Probation said today that {name} must improve. "
        + " ".join(_casework(rng, rng.randint(30, 80))[:3]),
        " ".join(_staffing(rng)[:2]),
        "Notes to editors: the inspection took place over two weeks of fieldwork.",
    ]
    return head, "\n\n".join(lines)


def blog_text(rng: random.Random, published: date) -> tuple[str, str]:
    _kind, name, _title = _scope(rng)
    head = rng.choice(
        ["Still dire", "Recall figures again", "Another one bites the dust", "Numbers game",
         "What the inspectors found", f"{name} under the microscope"]
    )  # fmt: skip
    quote = " ".join(_casework(rng, rng.randint(30, 90))[:3] + _staffing(rng)[:1])
    comments = "\n\n".join(
        f"Anonymous said...\n    {c}\n\n    ReplyDelete"
        for c in rng.sample(
            [
                f"I had {rng.randint(2, 6)} recalls last month alone and a caseload of {rng.randint(40, 90)}.",
                f"When I qualified in {rng.randint(1995, 2012)} we had a week to write a report.",
                f"{_pct(rng)} per cent? Pull the other one.",
                "Nothing changes, does it.",
                f"Our office lost {rng.randint(2, 9)} POs this year.",
            ],
            rng.randint(1, 4),
        )
    )
    text = (
        f"{published:%A} {published.day} {published:%B %Y}\n\n{head}\n\n"
        f"Someone kindly sent me this from today's inspectorate report on {name}:\n\n"
        f'"{quote}"\n\nPosted by {rng.choice(BLOGGERS)} at 0{rng.randint(6, 9)}:{rng.randint(10, 59)}\n\n'
        f"{rng.randint(1, 9)} comments:\n\n{comments}\n"
    )
    return head, text


def generate(n: int, seed: int = 7) -> list[Generated]:
    """`n` documents, dated over 2014-2026 (a few undated), in no particular order."""
    rng = random.Random(seed)
    start, span = date(2014, 1, 6), (date(2026, 6, 30) - date(2014, 1, 6)).days
    out: list[Generated] = []
    for i in range(n):
        published = start + timedelta(days=rng.randrange(span))
        maker, suffix = rng.choices(
            [(report_text, "txt"), (press_release_text, "txt"), (blog_text, "txt")],
            weights=[5, 2, 3],
        )[0]
        title, text = maker(rng, published)
        url = f"https://hmiprobation.example.org/document/{i:05d}-{published:%Y%m%d}"
        dated = rng.random() > 0.02
        out.append(
            Generated(f"doc{i:05d}.{suffix}", text, title, published if dated else None, url)
        )
    return out


def write(docs: list[Generated], folder) -> dict[str, dict]:
    """Write the documents as files; return a replay manifest (file -> url, title, published)."""
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict] = {}
    for d in docs:
        (folder / d.name).write_text(d.text, encoding="utf-8")
        manifest[d.name] = {
            "url": d.url,
            "title": d.title,
            "published": d.published.isoformat() if d.published else "",
        }
    return manifest
