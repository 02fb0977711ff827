"""The summariser is pure: no network, database, clock or file I/O in its modules, and
the same document always gives the same analysis."""

from __future__ import annotations

import ast
from pathlib import Path

import summariser
from summariser.models import Document

PACKAGE = Path(summariser.__file__).resolve().parent
FORBIDDEN_MODULES = {
    "socket", "requests", "urllib", "http", "sqlalchemy", "sqlite3", "psycopg", "time",
    "random", "os", "subprocess", "pathlib", "shutil", "state", "watcher", "bots", "logging",
}  # fmt: skip
FORBIDDEN_CALLS = {"open", "print", "input", "exec", "eval"}


def test_no_io_clock_or_project_imports_in_the_summariser() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [(node.module or "").split(".")[0]]
            else:
                names = []
            assert not set(names) & FORBIDDEN_MODULES, f"{path.name} imports {names}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, f"{path.name} calls {node.func.id}"
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("now", "today", "utcnow"), f"{path.name} reads the clock"


def test_same_document_same_analysis() -> None:
    doc = Document(
        ref="x", title="X PDU", body="In X PDU, 45 per cent of assessments were sufficient."
    )
    assert summariser.analyse(doc) == summariser.analyse(doc)


def test_a_long_report_is_analysed_whole() -> None:
    """Every figure of a 300 KB report is read (its speed is a benchmark's, bench/extraction.py)."""
    paragraph = (
        "Assessment of the risk of harm was sufficient in 41 per cent of cases, and "
        "planning in two-thirds. The PDU had 12 vacancies on 3 May 2024 (see page 14). "
        "Most staff said workloads were high; almost half had more than 60 cases.\n\n"
    )
    body = paragraph * (300_000 // len(paragraph))
    doc = Document(ref="big", title="Big", body=body)
    analysis = summariser.analyse(doc)
    assert len(analysis.figures) == 5 * (300_000 // len(paragraph))
