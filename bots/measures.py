"""Finding measures by key or by words, for /subscribe, /figure and /trend.

The taxonomy is the summariser's (`summariser.measures`); measures that only exist in
state (figures stored under a key the taxonomy does not list) are found by their label.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from state import history


@dataclass(frozen=True, slots=True)
class MeasureInfo:
    key: str
    label: str
    unit: str = ""
    topics: tuple[str, ...] = ()


def _taxonomy():
    try:
        from summariser import measures
    except ImportError:  # the taxonomy is optional for the bot: state still knows labels
        return None
    return measures


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
            out.setdefault(m.key, MeasureInfo(m.key, m.label, m.unit, tuple(m.topics)))
    words = [w for w in query.lower().split() if len(w) > 2]
    if words:
        for key, label, _n in history.metrics_in_use(session):
            text = f"{key.replace('_', ' ')} {label}".lower()
            if all(w in text for w in words):
                out.setdefault(key, MeasureInfo(key, label or key))
    return list(out.values())[:limit]


def describe(session: Session, key: str) -> MeasureInfo | None:
    """The measure with exactly this key, from the taxonomy or from state."""
    tax = _taxonomy()
    if tax is not None:
        m = tax.measure(key) if hasattr(tax, "measure") else tax.MEASURES.get(key)
        if m is not None:
            return MeasureInfo(m.key, m.label, m.unit, tuple(m.topics))
    for k, label, _n in history.metrics_in_use(session):
        if k == key:
            return MeasureInfo(k, label or k)
    return None
