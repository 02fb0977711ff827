"""When two figures may be compared: each rule a named predicate over the new figure and an
earlier one, so the policy reads as a list and is tested as a table
(tests/summariser/data/comparison_policy.toml).

A wrong comparison stated with confidence is worse than none: every rule abstains.
"""

from __future__ import annotations

from collections.abc import Callable

from summariser.models import Figure, PriorFigure

MIN_CONFIDENCE = 0.8
"""The least confidence in a figure's measure for it to enter history or be compared. The
fitted weights (data/confidence.toml) put every kind of evidence from the figure's own
sentence above it, and evidence borrowed from the sentence before or a heading below it."""


def trusted(f: Figure) -> bool:
    """A level of a known measure, read from strong evidence, stated by this document."""
    return f.comparable and f.confidence >= MIN_CONFIDENCE


def history_metric(f: Figure) -> str:
    """The measure a figure is stored under for later comparisons: its own when trusted,
    else a key no comparison reads (`unmeasured:<unit>`)."""
    return f.metric if trusted(f) else f"unmeasured:{f.unit}"


def dated_apart(f: Figure, p: PriorFigure, published) -> bool:
    """Different periods: two statements of one year's figure are one fact, not a trend."""
    if published is None:
        return True  # an undated document is compared with everything dated
    if p.published is None:
        return False
    return p.published < published and p.published.year != published.year or (
        p.published < published and p.value != f.value
    )


RULES: list[tuple[str, Callable[..., bool]]] = [
    ("trusted", lambda f, p, published: trusted(f)),
    ("dated_apart", dated_apart),
]


def allowed(f: Figure, p: PriorFigure, published) -> str | None:
    """None when every rule holds, else the name of the first that does not."""
    for name, rule in RULES:
        if not rule(f, p, published):
            return name
    return None
