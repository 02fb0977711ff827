"""What must import before anything is polled: the extractors. A library that cannot load
(jusText without lxml_html_clean, a missing PDF engine) is a configuration error said at
start-up and by `check`, never a failure of every page read afterwards."""

from __future__ import annotations

from importlib import import_module

# (module, what needs it). Imported for real: a package present but broken fails here too.
EXTRACTORS = (
    ("bs4", "HTML parsing (beautifulsoup4)"),
    ("lxml.html.clean", "jusText's HTML cleaner (package lxml_html_clean)"),
    ("justext", "trafilatura's fallback extractor (jusText)"),
    ("trafilatura", "the generic page extractor (trafilatura)"),
    ("pypdfium2", "PDF text (pypdfium2)"),
)


# Imported even by the quick check: the failure seen in the field (lxml 6 moved its cleaner
# out, and jusText under trafilatura imports it).
CRITICAL = ("lxml.html.clean",)


def extractor_problems(thorough: bool = True) -> list[str]:
    """One line per extractor that cannot be imported, saying what to do. Not `thorough`
    (for `check`, which must answer at once): the critical modules are imported and the
    others only looked up; start-up (`run`, `poll`) imports them all."""
    from importlib.util import find_spec

    problems = []
    for module, what in EXTRACTORS:
        try:
            if thorough or module in CRITICAL:
                import_module(module)
            elif find_spec(module) is None:
                raise ImportError(f"No module named {module!r}")
        except Exception as exc:  # ImportError, or a broken package's own error
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            problems.append(
                f"extractors: {what} cannot be imported: {reason}; "
                "reinstall with `pip install -r requirements.lock`"
            )
    return problems


def check_extractors() -> None:
    """Raise ConfigError (exit 2) when an extractor cannot be imported."""
    problems = extractor_problems()
    if problems:
        from watcher.errors import ConfigError

        raise ConfigError(problems)
