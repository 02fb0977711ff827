"""Golden files: each `tests/data/summariser/<case>.txt` beside `<case>.expected.json`.

The documents were written for these tests in the shapes of HMI Probation HTML reports,
legacy press releases, blog posts with comments and PDF text, including hard negatives.
A case file is read here, not by the watcher, so the summariser sees the raw text
(licence boilerplate and all): the title is the first line, `Published: <date>` gives
the date, and a line `=== comments ===` starts the reader comments.

Regenerate on purpose with INSPECTWATCH_REGEN_GOLDEN=1, then review every changed
expected file by hand before committing it.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path

import pytest

from bots.render.digest import plain_message
from summariser import analyse, build_digest
from summariser.models import Document

DATA = Path(__file__).resolve().parent.parent / "data" / "summariser"
CASES = sorted(p.stem for p in DATA.glob("*.txt"))
REGEN = os.environ.get("INSPECTWATCH_REGEN_GOLDEN") == "1"
_NOT_TITLE = re.compile(r"^(?:Published|Posted)\b|^\w+day \d{1,2} \w+ \d{4}$")
_PUBLISHED = re.compile(r"^Published:?\s+(\d{1,2} \w+ \d{4})", re.M)


def read_case(path: Path) -> Document:
    text = path.read_text(encoding="utf-8")
    body, _, comments = text.partition("=== comments ===\n")
    title = next(
        line.strip()
        for line in body.splitlines()
        if line.strip() and len(line) < 150 and not _NOT_TITLE.match(line.strip())
    )
    m = _PUBLISHED.search(body)
    published = datetime.strptime(m.group(1), "%d %B %Y").date() if m else None
    return Document(ref=path.name, title=title, body=body, comments=comments, published=published)


def observed(doc: Document) -> dict:
    analysis = analyse(doc)
    digest = build_digest(doc, analysis, [])
    return {
        "scope": analysis.scope,
        "rating": analysis.rating,
        "ratings": [
            {"subject": r.subject, "value": r.value, "scope": r.scope} for r in analysis.ratings
        ],
        "figures": [
            {
                "text": f.text,
                "value": f.value,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "of": f.of,
                "metric": f.metric if f.measured else None,
                "scope": f.scope,
                "population": f.population,
                "stat": f.stat,
                "in_comments": f.in_comments,
            }
            for f in analysis.figures
        ],
        "message": plain_message(digest).splitlines(),
    }


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 6


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    doc = read_case(DATA / f"{case}.txt")
    got = observed(doc)
    expected_path = DATA / f"{case}.expected.json"
    if REGEN:
        expected_path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", "utf-8")
        pytest.skip(f"regenerated {expected_path.name}: review it by hand")
    assert expected_path.exists(), f"no {expected_path.name}; run with INSPECTWATCH_REGEN_GOLDEN=1"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    for key in ("scope", "rating", "ratings"):
        assert got[key] == expected[key], key
    got_figures = [json.dumps(f, sort_keys=True) for f in got["figures"]]
    want_figures = [json.dumps(f, sort_keys=True) for f in expected["figures"]]
    assert got_figures == want_figures
    assert got["message"] == expected["message"]
