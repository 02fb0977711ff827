"""Sources, fetching, text extraction, the scheduler and the `inspectwatch` command."""

from typing import Any


def __getattr__(name: str) -> Any:
    """`__version__`, read from the installed metadata on first use (importlib.metadata
    costs a few tens of milliseconds that `--help` and `check` need not pay)."""
    if name != "__version__":
        raise AttributeError(f"module 'watcher' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("inspectwatch")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        value = "0.0.0"
    globals()["__version__"] = value
    return value
