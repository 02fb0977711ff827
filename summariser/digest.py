"""`build_digest`: comparisons, the most important figures (worst changes first), the
summary, the topics subscribers filter on, and the message itself."""

from __future__ import annotations

from collections.abc import Sequence

from summariser.compare import (
    comparable_metric,
    compare,
    compare_ratings,
    pick_prior,
    placed,
    twin_of,
)
from summariser.measures import importance, measure
from summariser.models import (
    Analysis,
    Change,
    Digest,
    Document,
    Figure,
    PriorFigure,
    PriorRating,
)
from summariser.ranges import is_range
from summariser.revisions import revisions
from summariser.summary import summarise

_DELTA_SCALE = {"points": 1.0, "percent": 4.0, "absolute": 1.0}


def build_digest(
    document: Document,
    analysis: Analysis,
    history: Sequence[PriorFigure],
    rating_history: Sequence[PriorRating] = (),
    *,
    max_figures: int = 6,
    previous_version: Sequence[PriorFigure] = (),
) -> Digest:
    """What a subscriber reads about `document`, compared with everything earlier.

    `history` holds earlier figures of the measures this document states (the caller
    filters by metric and date; the most relevant prior per figure is picked here).
    Reader-comment figures never become findings or changes.
    """
    findings = analysis.findings
    metrics_with_history = {p.metric for p in history if p.document != document.ref}
    metrics_with_history |= {t for m in list(metrics_with_history) if (t := twin_of(m))}
    changes: dict[int, Change] = {}
    for i, f in enumerate(findings):
        f = placed(f, history)
        prior = pick_prior(f, history, document)
        if prior is not None:
            changes[i] = compare(f, prior)
    first_reported = tuple(
        dict.fromkeys(
            f.metric
            for f in findings
            if comparable_metric(f.metric) and f.metric not in metrics_with_history
        )
    )
    chosen = _choose(findings, changes, analysis, max_figures, document.body)
    shown = tuple(findings[i] for i in chosen)
    shown_changes = tuple(changes[i] for i in chosen if i in changes)
    digest = Digest(
        document=document.ref,
        title=document.title,
        url=document.url,
        published=document.published,
        source=document.source,
        summary=summarise(analysis.key_sentences),
        rating=analysis.rating,
        ratings=analysis.ratings,
        figures=shown,
        changes=shown_changes,
        rating_changes=tuple(compare_ratings(analysis.ratings, rating_history, document)),
        first_reported=first_reported,
        updated=document.updated,
        tags=document.tags,
        topics=topics(findings, analysis),
        scope=analysis.scope,
        revisions=revisions(findings, previous_version) if document.updated else (),
    )
    return digest  # its words are rendered at the edge (bots/render), one renderer for all


def _choose(
    findings: tuple[Figure, ...],
    changes: dict[int, Change],
    analysis: Analysis,
    limit: int,
    body: str,
) -> list[int]:
    """Indices of the figures to show, in display order: worse changes first (largest
    first), then other changes, then known measures, then the rest; one per measure."""
    key_rank = {s: r for r, s in enumerate(analysis.key_sentences)}
    order = lambda i: _display_order(findings[i], changes.get(i), key_rank, i)  # noqa: E731
    representative = _representatives(findings, changes, body)
    picked: list[int] = []
    seen_text: set[tuple[str, float]] = set()
    shown = 0
    for i in sorted(range(len(findings)), key=order):
        f = findings[i]
        if not f.measured:
            continue  # a figure with no measure makes a line that tells a reader nothing
        if comparable_metric(f.metric) and representative[f.metric] != i:
            continue
        if (f.metric, f.value) in seen_text:
            continue
        seen_text.add((f.metric, f.value))
        picked.append(i)
        _with_range_end(findings, i, picked, seen_text)
        shown += 1
        if shown >= limit:
            break
    return picked


def _display_order(f: Figure, c: Change | None, key_rank: dict[str, int], i: int) -> tuple:
    """Worse changes, other moves, no change, known measures, the rest; then size of the
    change, importance of the measure, and how early the document leads with it."""
    if c is not None and c.assessment == "worse":
        group = 0
    elif c is not None:
        group = 1 if c.direction != "same" else 2
    else:
        group = 3 if comparable_metric(f.metric) else 4
    size = -abs(c.delta) / _DELTA_SCALE[c.delta_unit] if c is not None else 0.0
    salience = key_rank.get(f.sentence, len(key_rank))
    return (group, size, -importance(f.metric), salience, i)


def _representatives(findings: tuple[Figure, ...], changes: dict[int, Change], body: str) -> dict[str, int]:
    """One figure per measure: the first one that has a comparison, else the first stated
    level (never the size of a change stated beside it), with the exact figure of a pair
    and the latest of a change or a table row."""
    representative: dict[str, int] = {}
    for i, f in enumerate(findings):
        if not comparable_metric(f.metric):
            continue
        j = representative.get(f.metric)
        if j is None or (j not in changes and i in changes) or (findings[j].stat == "change" and f.stat != "change"):
            representative[f.metric] = i  # the level a change describes stands for the measure
        elif f.stat == "change":
            continue  # "up six points": the change never stands for its measure
        elif (
            findings[j].sentence == f.sentence
            and (j in changes) == (i in changes)
            and not any(ch.isdigit() for ch in findings[j].text)
            and any(ch.isdigit() for ch in f.text)
        ):
            representative[f.metric] = i  # "a third (35 per cent)": show the 35
        elif findings[j].sentence == f.sentence and _from_to(body, findings[j], f):
            representative[f.metric] = i  # "rose from 4.2% to 6.9%": 6.9% is the news
        elif (j in changes) == (i in changes) and findings[j].scope == f.scope and _same_row(body, findings[j], f):
            representative[f.metric] = i  # a table row: the last column of the same body is the latest
    return representative


def _with_range_end(findings: tuple[Figure, ...], i: int, picked: list[int], seen_text: set[tuple[str, float]]) -> None:
    """A range is shown whole ("3.8%–6.2%"): its other end rides along."""
    f = findings[i]
    if i + 1 < len(findings) and is_range(f, findings[i + 1]):
        picked.append(i + 1)
        seen_text.add((f.metric, findings[i + 1].value))
    elif i > 0 and is_range(findings[i - 1], f) and (f.metric, findings[i - 1].value) not in seen_text:
        picked[-1:] = [i - 1, i]
        seen_text.add((f.metric, findings[i - 1].value))


def _same_row(body: str, earlier: Figure, later: Figure) -> bool:
    """Two cells of one table row: on the same line, set apart by a wide gap."""
    if earlier.start >= later.start or not body:
        return False
    between = body[earlier.start + len(earlier.text) : later.start]
    return "\n" not in between and ("  " in between or "\t" in between)


def _from_to(body: str, earlier: Figure, later: Figure) -> bool:
    """ "from A to B" / "from A in 2019 to B": A is the old value, B the current one."""
    before = body[max(0, earlier.start - 12) : earlier.start].lower()
    between = body[earlier.start + len(earlier.text) : later.start].lower()
    return "from" in before.split()[-2:] and (" to " in f" {between} ") and len(between) < 40


def topics(findings: Sequence[Figure], analysis: Analysis) -> tuple[str, ...]:
    """Metric keys and the topic words of their measures, for subscription filters."""
    out: dict[str, None] = {}
    for f in findings:
        if not f.metric.startswith("other_"):
            out[f.metric] = None
        m = measure(f.metric)
        if m is not None:
            if f.metric.endswith("_not"):
                out[f.metric[:-4]] = None
            for t in m.topics:
                out[t] = None
    if analysis.ratings:
        out["ratings"] = None
    return tuple(sorted(out))
