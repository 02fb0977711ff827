"""Site profiles, tried in this order; the first that recognises a page extracts it.
`generic` (trafilatura, then a plain fallback) recognises every page, so it is last."""

from __future__ import annotations

from watcher.extract.profiles import blogger, generic, inspectorate, wordpress

PROFILES = (inspectorate, blogger, wordpress, generic)

__all__ = ["PROFILES"]
