"""Finding measures by key or by words, for /subscribe, /figure, /trend and /measures.

The taxonomy is the summariser's (`summariser.measures`); measures that only exist in
state (figures stored under a key the taxonomy does not list) are found by their label.
`lookup` says whether a query *names* a measure or only comes near some: a near match is
offered, never answered as if it had been asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from state import history


@dataclass(frozen=True, slots=True)
class MeasureInfo:
    key: str
    label: str
    unit: str = ""
    topics: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()

    @property
    def group(self) -> str:
        """The heading /measures lists it under: its first topic."""
        return self.topics[0] if self.topics else "other"

    def names(self) -> set[str]:
        """What a subscriber may type to mean exactly this measure."""
        label = norm(self.label)
        out = {label, norm(self.key.replace("_", " ")), *(norm(s) for s in self.synonyms)}
        for suffix in (" sufficient", " appropriate"):
            if label.endswith(suffix):
                out.add(label[: -len(suffix)])
        if label.startswith("staff "):
            out.add(label[len("staff ") :])
        return out


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a query found: `exact` when it names a measure, else the nearest ones."""

    query: str
    exact: MeasureInfo | None
    nearest: tuple[MeasureInfo, ...]


def norm(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def _taxonomy():
    try:
        from summariser import measures
    except ImportError:  # the taxonomy is optional for the bot: state still knows labels
        return None
    return measures


def _info(m) -> MeasureInfo:
    return MeasureInfo(m.key, m.label, m.unit, tuple(m.topics), tuple(m.synonyms))


def all_measures() -> list[MeasureInfo]:
    """Every measure of the taxonomy, in its order."""
    tax = _taxonomy()
    return [_info(m) for m in tax.MEASURES.values()] if tax is not None else []


def groups(measures: Sequence[MeasureInfo]) -> dict[str, list[MeasureInfo]]:
    out: dict[str, list[MeasureInfo]] = {}
    for m in measures:
        out.setdefault(m.group, []).append(m)
    return out


def find(session: Session, query: str, limit: int = 5) -> list[MeasureInfo]:
    """Best matches first: an exact key, the taxonomy's word search, then labels in state."""
    query = " ".join(query.split())[:100]
    if not query:
        return []
    out: dict[str, MeasureInfo] = {}
    exact = describe(session, query.lower().replace(" ", "_"))
    if exact is not None:
        out[exact.key] = exact
    tax = _taxonomy()
    if tax is not None:
        for m in tax.find_measures(query, limit=limit):
            out.setdefault(m.key, _info(m))
    words = [w for w in query.lower().split() if len(w) > 2]
    if words:
        for key, label, _n in history.metrics_in_use(session):
            text = f"{key.replace('_', ' ')} {label}".lower()
            if all(w in text for w in words):
                out.setdefault(key, MeasureInfo(key, label or key))
    return list(out.values())[:limit]


def lookup(session: Session, query: str, limit: int = 5) -> Lookup:
    """Does `query` name a measure (label, key, synonym), or only come near some?"""
    q = norm(query)
    candidates = find(session, query, limit=limit)
    for m in [*candidates, *all_measures()]:
        if q in m.names():
            rest = tuple(c for c in candidates if c.key != m.key)
            return Lookup(query, m, rest)
    for key, label, _n in history.metrics_in_use(session):
        if q in (norm(label), norm(key)):
            return Lookup(query, describe(session, key), tuple(candidates))
    return Lookup(query, None, tuple(candidates))


def describe(session: Session, key: str) -> MeasureInfo | None:
    """The measure with exactly this key, from the taxonomy or from state."""
    tax = _taxonomy()
    if tax is not None:
        m = tax.measure(key) if hasattr(tax, "measure") else tax.MEASURES.get(key)
        if m is not None:
            return _info(m)
    for k, label, _n in history.metrics_in_use(session):
        if k == key:
            return MeasureInfo(k, label or k)
    return None
