"""Does a digest fall under a subscription? Kinds (all, source, tag, topic, body) and the
per-subscription filters (words it must or must not mention, "only when worse").

Pure over a digest's stored payload, so the outbox rows written with a digest and the
forum topic chosen at send time agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class DigestFacts:
    """What subscriptions look at in one digest, lower-cased."""

    source: str
    tags: frozenset[str]
    topics: tuple[str, ...]
    bodies: tuple[str, ...]  # places and services named by the digest's figures and ratings
    text: str  # title, summary and message: what keyword filters read
    worse: bool  # at least one comparison or rating got worse

    @classmethod
    def of(
        cls,
        source: str,
        tags: Iterable[str] = (),
        topics: Iterable[str] = (),
        payload: Mapping[str, Any] | None = None,
    ) -> DigestFacts:
        p = payload or {}
        title = str(p.get("title") or "")
        scopes = [f.get("scope") for f in p.get("figures", [])]
        scopes += [r.get("scope") for r in p.get("ratings", [])]
        bodies = tuple(dict.fromkeys(s.lower() for s in scopes if s)) + (title.lower(),)
        changes = [*p.get("changes", []), *p.get("rating_changes", [])]
        text = " ".join((title, str(p.get("summary") or ""), str(p.get("message") or "")))
        return cls(
            source=source.lower(),
            tags=frozenset(t.lower() for t in tags),
            topics=tuple(t.lower() for t in topics),
            bodies=bodies,
            text=" ".join(text.lower().split()),
            worse=any(c.get("assessment") == "worse" for c in changes),
        )


def words_of(raw: str) -> list[str]:
    """A stored include/exclude list (JSON); "" is no filter."""
    if not raw:
        return []
    value = json.loads(raw)
    return [str(w) for w in value] if isinstance(value, list) else []


def kind_matches(kind: str, value: str, facts: DigestFacts) -> bool:
    if kind == "all":
        return True
    if kind == "source":
        return value == facts.source
    if kind == "tag":
        return value in facts.tags
    if kind == "topic":
        return any(value == t or value in t for t in facts.topics)
    if kind == "body":
        return any(value in b for b in facts.bodies)
    return False


def matches(
    kind: str,
    value: str,
    facts: DigestFacts,
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    worse_only: bool = False,
) -> bool:
    """The subscription's kind matches, and its filters let the digest through."""
    if not kind_matches(kind, value, facts):
        return False
    if worse_only and not facts.worse:
        return False
    include, exclude = list(include), list(exclude)
    if include and not any(w.lower() in facts.text for w in include):
        return False
    return not any(w.lower() in facts.text for w in exclude)
