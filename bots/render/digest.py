"""A digest as subscribers read it, top to bottom.

Title (linked), source and date, rating (with its change), the short summary, then the
figures in the digest's order: comparisons that matter most, then figures reported for
the first time (wording in `wording.py`). Every channel, the console and replay render
this one document, so a maintainer's replay shows the words a subscriber reads. Every
value passes through the document model, which the channel's serialiser escapes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from bots.render.document import Doc, DocBuilder, one_line
from bots.render.numbers import day, month
from bots.render.wording import LABEL_MAX, change_line, figure_line, revision_line
from summariser.models import Change, Digest, Figure, RatingChange
from summariser.ranges import is_range

TITLE_MAX = 300
SUMMARY_MAX = 1500
_ASSESSMENT_ORDER = {"worse": 0, "neutral": 1, "better": 2}


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
    if d.revisions:
        b.paragraph().add("What changed in this version", bold=True)
        for r in d.revisions:
            b.line().add(revision_line(r))
    lines = figure_lines(d)
    if lines:
        b.paragraph().add("Key figures", bold=True)
        for line, _label in lines[:max_figures]:
            b.line().add(line)
        rest = [label for _line, label in lines[max_figures:]]
        if rest:
            named = "; ".join(rest[:3]) + ("; …" if len(rest) > 3 else "")
            b.line().add(f"… and {len(rest)} more: {named} (ask /figure).", italic=True)
    return b.build(preview=False, title=one_line(d.title, TITLE_MAX) or "Untitled document")


def plain_message(d: Digest, *, max_figures: int = 6) -> str:
    """The digest as plain text: exactly the words of every other channel's rendering."""
    from bots.render.plain import to_plain

    return to_plain(digest_doc(d, max_figures=max_figures))


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


def figure_lines(d: Digest) -> list[tuple[str, str]]:
    """(line, label) per figure, in the digest's order (comparisons that matter most, then
    first-reported figures): a range on one line, each measure once, no figure without a
    measure ("Percentage: 50%" tells a reader nothing)."""
    compared: list[tuple[Change, str]] = []
    first: list[tuple[str, str]] = []
    shown: set[tuple[str, float]] = set()
    figures = [f for f in d.figures if not f.in_comments and f.measured]
    k = 0
    while k < len(figures):
        f = figures[k]
        upper = figures[k + 1] if k + 1 < len(figures) and is_range(f, figures[k + 1]) else None
        k += 2 if upper is not None else 1
        if (f.metric, f.value) in shown:
            continue
        shown.add((f.metric, f.value))
        change = _change_of(d, f, upper)
        label = one_line(f.label or f.metric, LABEL_MAX)
        if change is not None:
            compared.append((change, label))
        else:
            first.append((figure_line(f, first=f.metric in d.first_reported, upper=upper, main=d.scope), label))
    ordered = sorted(compared, key=lambda cl: (_ASSESSMENT_ORDER.get(cl[0].assessment, 1), -abs(cl[0].delta or 0.0)))
    return [(change_line(c, d.scope), label) for c, label in ordered] + first


def _change_of(d: Digest, f: Figure, upper: Figure | None) -> Change | None:
    texts = {f.text} | ({upper.text} if upper else set())
    return next((c for c in d.changes if c.metric == f.metric and (c.text in texts or not c.text)), None)


def brief_doc(digests: Sequence[Digest], heading: str, *, figures_each: int = 2) -> Doc:
    """Several digests in one message: title, source and date, the worst figures of each."""
    b = DocBuilder()
    b.paragraph().add(heading, bold=True)
    for d in latest_versions(digests):
        b.paragraph()
        b.link(one_line(d.title, TITLE_MAX) or "Untitled document", d.url, bold=True)
        meta = " · ".join(x for x in (one_line(d.source, 80), day(d.published)) if x)
        if d.rating:
            meta += f" · rated {one_line(d.rating, 60)}"
        b.line().add(meta, italic=True)
        summary = _first_sentence(one_line(d.summary, SUMMARY_MAX))
        if summary:
            b.line().add(summary)
        for line, _label in figure_lines(d)[:figures_each]:
            b.line().add(line)
    return b.build(title=heading)


def latest_versions(digests: Sequence[Digest]) -> list[Digest]:
    """A document listed once, in its latest version (an update replaces the first read),
    at the place of its first appearance."""
    latest: dict[str, Digest] = {}
    for d in digests:
        latest[d.document] = d
    order = list(dict.fromkeys(d.document for d in digests))
    return [latest[ref] for ref in order]


def daily_doc(day_: date, digests: Sequence[Digest]) -> Doc:
    n = len(latest_versions(digests))
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
