"""A digest as subscribers read it, top to bottom.

Title (linked), source and date, rating (with its change), the short summary, then the
figures: those compared with earlier documents first, worst change first, then figures
reported for the first time. Every value passes through the document model, which the
channel's serialiser escapes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from bots.render.document import Doc, DocBuilder, one_line
from bots.render.numbers import day, delta_text, month, value_text
from summariser.models import Change, Digest, Figure, RatingChange

TITLE_MAX = 300
LABEL_MAX = 160
SUMMARY_MAX = 1500
_ASSESSMENT_ORDER = {"worse": 0, "neutral": 1, "better": 2}
_ARROW = {"up": "▲", "down": "▼", "same": "="}


def worst_first(changes: Iterable[Change]) -> list[Change]:
    """Worse before neutral before better; bigger moves first within each."""
    return sorted(
        changes, key=lambda c: (_ASSESSMENT_ORDER.get(c.assessment, 1), -abs(c.delta or 0.0))
    )


def digest_doc(d: Digest, *, max_figures: int = 6) -> Doc:
    b = DocBuilder()
    _heading(b, d)
    rating = _rating_line(d)
    if rating:
        b.paragraph()
        for text, style in rating:
            b.add(text, **style)
    summary = one_line(d.summary, SUMMARY_MAX)
    if summary:
        b.paragraph().add(summary)
    lines = figure_lines(d)
    if lines:
        b.paragraph().add("Key figures", bold=True)
        for line in lines[:max_figures]:
            b.line().add(line)
        if len(lines) > max_figures:
            b.line().add(
                f"… and {len(lines) - max_figures} more: ask /figure <measure>.", italic=True
            )
    return b.build(preview=False, title=one_line(d.title, TITLE_MAX) or "Untitled document")


def _heading(b: DocBuilder, d: Digest) -> None:
    title = one_line(d.title, TITLE_MAX) or "Untitled document"
    b.paragraph()
    if d.updated:
        b.add("Updated: ", bold=True)
    b.link(title, d.url, bold=True)
    meta = " · ".join(x for x in (one_line(d.source, 80), day(d.published)) if x)
    b.line().add(meta, italic=True)


def _rating_line(d: Digest) -> list[tuple[str, dict]]:
    change = _overall_change(d.rating_changes)
    value = d.rating or (change.value if change else None)
    if not value:
        return []
    out: list[tuple[str, dict]] = [("Rating: ", {}), (one_line(value, 60), {"bold": True})]
    if change and change.previous_value:
        verb = {"better": "up from", "worse": "down from"}.get(change.assessment, "was")
        out.append(
            (
                f" ({verb} {one_line(change.previous_value, 60)}, {month(change.previous_published)})",
                {},
            )
        )
    return out


def _overall_change(changes: Sequence[RatingChange]) -> RatingChange | None:
    for c in changes:
        if c.subject == "overall":
            return c
    return changes[0] if changes else None


def figure_lines(d: Digest) -> list[str]:
    """One line per figure: compared ones worst first, then the rest in document order."""
    lines = [_change_line(c) for c in worst_first(d.changes)]
    compared = {(c.metric, c.value) for c in d.changes}
    seen: set[tuple[str, float]] = set()
    for f in d.figures:
        key = (f.metric, f.value)
        if f.in_comments or key in compared or key in seen:
            continue
        seen.add(key)
        lines.append(_figure_line(f, first=f.metric in d.first_reported))
    return lines


def _change_line(c: Change) -> str:
    arrow = _ARROW.get(c.direction, "•")
    label = one_line(c.label or c.metric, LABEL_MAX)
    now = value_text(c.value, c.unit)
    before = value_text(c.previous_value, c.unit)
    when = month(c.previous_published)
    scope = f" ({one_line(c.scope, 60)})" if c.scope else ""
    move = delta_text(c.delta, c.delta_unit)
    verdict = {"worse": ", worse", "better": ", better"}.get(c.assessment, "")
    return f"{arrow} {label}{scope}: {now}, was {before} in {when} ({move}{verdict})"


def _figure_line(f: Figure, *, first: bool) -> str:
    label = one_line(f.label or f.metric or f.text, LABEL_MAX)
    scope = f" ({one_line(f.scope, 60)})" if f.scope else ""
    value = value_text(f.value, f.unit, of=f.of, qualifier=f.qualifier)
    note = " (first reported)" if first else ""
    return f"• {label}{scope}: {value}{note}"


def brief_doc(digests: Sequence[Digest], heading: str, *, figures_each: int = 2) -> Doc:
    """Several digests in one message: title, source and date, the worst figures of each."""
    b = DocBuilder()
    b.paragraph().add(heading, bold=True)
    for d in digests:
        b.paragraph()
        b.link(one_line(d.title, TITLE_MAX) or "Untitled document", d.url, bold=True)
        meta = " · ".join(x for x in (one_line(d.source, 80), day(d.published)) if x)
        if d.rating:
            meta += f" · rated {one_line(d.rating, 60)}"
        b.line().add(meta, italic=True)
        summary = _first_sentence(one_line(d.summary, SUMMARY_MAX))
        if summary:
            b.line().add(summary)
        for line in figure_lines(d)[:figures_each]:
            b.line().add(line)
    return b.build(title=heading)


def daily_doc(day_: date, digests: Sequence[Digest]) -> Doc:
    n = len(digests)
    heading = f"Daily digest, {day(day_)}: {n} new document{'s' if n != 1 else ''}"
    return brief_doc(digests, heading)


def notice_doc(text: str) -> Doc:
    b = DocBuilder()
    for para in str(text).split("\n\n"):
        b.paragraph().add(para)
    return b.build(title="inspectwatch notice")


def _first_sentence(text: str, limit: int = 300) -> str:
    for end in (". ", "? ", "! "):
        i = text.find(end)
        if 0 < i < limit:
            return text[: i + 1]
    return one_line(text, limit)
