"""Every module imports on its own (no import cycles that only work in a lucky order), and
the top-level packages keep the dependency rules of ARCHITECTURE.md."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("watcher", "summariser", "bots", "state")
ALLOWED = {  # what each package may import of the project
    "summariser": {"summariser"},
    "state": {"state"},
    "bots": {"bots", "state", "summariser"},
    "watcher": {"watcher", "summariser", "bots", "state"},
}


def modules() -> list[str]:
    out = []
    for pkg in PACKAGES:
        out.append(pkg)
        for info in pkgutil.walk_packages([str(ROOT / pkg)], prefix=f"{pkg}."):
            if ".migrations" not in info.name:
                out.append(info.name)
    return sorted(out)


def test_each_module_imports_first_in_a_fresh_interpreter() -> None:
    script = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m.split('.')[0] in ('watcher', 'summariser', 'bots', 'state')]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print("\\n".join(failed))
"""
    r = subprocess.run(
        [sys.executable, "-c", script, *modules()],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", r.stdout


def test_packages_import_only_what_the_architecture_allows() -> None:
    wrong = []
    for pkg, allowed in ALLOWED.items():
        for path in (ROOT / pkg).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                for name in names:
                    top = name.split(".")[0]
                    if top in PACKAGES and top not in allowed:
                        wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []
