"""Writes the PDF inputs of the extraction golden tests, byte for byte the same every time:

    .venv/bin/python -m tests.data.watcher.make_pdfs

`test_golden.py` checks the committed PDFs still match what this script writes.
"""

from __future__ import annotations

from pathlib import Path

from tests.fakes.pdf import make_pdf

HERE = Path(__file__).parent
TITLE = "An inspection of probation services in Eastmoor PDU"


def report() -> bytes:
    """A report in the inspectorate's shape: cover, contents, sections, running header,
    "Page N of M" footers, a paragraph across a page break, a hyphenated line end."""
    cover = [
        "# " + TITLE,
        "",
        "HM Inspectorate of Probation",
        "Published: 9 September 2026",
        "",
        "An inspection by HM Inspectorate of Probation",
    ]
    contents = [
        "# Contents",
        "Foreword ........................................ 3",
        "1. Overall findings ............................. 4",
        "2. Recommendations .............................. 5",
    ]
    foreword = [
        "# Foreword",
        "This inspection is one of a programme of inspections of probation delivery",
        "units. We examined 58 cases of people on probation in Eastmoor during",
        "May 2026, and we interviewed 37 members of staff.",
        "",
        "We have given the PDU an overall rating of 'Inadequate'. The reasons are set",
        "out in the findings that follow, and they are mostly about staffing and the",
    ]
    findings = [
        "quality of risk work.",
        "",
        "# 1. Overall findings",
        "Only 29 per cent of cases had a sufficient assessment of the risk of harm",
        "to others. In almost one-third (31 per cent) of cases there was no plan to",
        "manage that risk at all.",
        "",
        "\u2022 The PDU had 23 probation officer vacancies.",
        "\u2022 Sickness absence averaged 14 days per person over the year.",
        "\u2022 Seven-out-of-ten practitioners said their workload was unmanage-",
        "able.",
    ]
    recommendations = [
        "# 2. Recommendations",
        "The Eastmoor PDU should:",
        "1. recruit and retain enough probation officers to manage its caseload",
        "2. review every case where no risk management plan is in place.",
    ]
    return make_pdf(
        [cover, contents, foreword, findings, recommendations],
        title=TITLE,
        header=TITLE,
        footer="Page {page} of {pages}",
    )


def notice() -> bytes:
    """A one-page notice without a title in its metadata and a bare page number."""
    return make_pdf(
        [
            [
                "# Thematic inspection of unpaid work",
                "Inspectors found that 63 per cent of people completed their hours",
                "within twelve months.",
            ]
        ],
        footer="{page}",
    )


CASES = {"report": report, "notice": notice}


def main() -> None:
    for name, build in CASES.items():
        (HERE / f"{name}.pdf").write_bytes(build())


if __name__ == "__main__":
    main()
