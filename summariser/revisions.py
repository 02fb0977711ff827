"""What an updated document changed: for each measure the new version states, the value
the earlier version of the same document gave, when it was different ("risk of harm: 31%
-> 33%"). Only trusted figures take part (summariser/policy.py), so a restated or weakly
read figure is never reported as changed."""

from __future__ import annotations

from collections.abc import Sequence

from summariser.models import Figure, PriorFigure, Revision
from summariser.policy import trusted


def revisions(findings: Sequence[Figure], before: Sequence[PriorFigure]) -> tuple[Revision, ...]:
    earlier = {(p.metric, (p.scope or "").lower(), p.unit): p for p in before}
    out: list[Revision] = []
    seen: set[tuple[str, str]] = set()
    for f in findings:
        if not trusted(f):
            continue
        key = (f.metric, (f.scope or "").lower(), f.unit)
        p = earlier.get(key)
        if p is None or p.value == f.value or key[:2] in seen:
            continue
        seen.add(key[:2])
        out.append(Revision(metric=f.metric, label=f.label, unit=f.unit, scope=f.scope,
                            before=p.value, before_text=p.text, after=f.value, after_text=f.text))
    return tuple(out)
