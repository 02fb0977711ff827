"""Source kinds. Each is one module, imported here: this is the one place a kind is registered."""

from watcher.sources import feed, page  # noqa: F401  (registers the kinds)
from watcher.sources.base import Source, SourceOptions

__all__ = ["Source", "SourceOptions", "kinds"]


def kinds() -> list[str]:
    return sorted(Source.registry)
