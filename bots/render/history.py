"""The history of one measure: values, dates and sources, oldest first (for /figure, /trend)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bots.render.document import Doc, DocBuilder, one_line
from bots.render.numbers import day, value_text


class HistoryRow(Protocol):
    """What state.history.FigureRow offers that a history needs."""

    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def of(self) -> float | None: ...
    @property
    def qualifier(self) -> str | None: ...
    @property
    def scope(self) -> str | None: ...
    @property
    def published(self): ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str | None: ...
    @property
    def source(self) -> str: ...


def history_doc(
    label: str,
    key: str,
    rows: Sequence[HistoryRow],
    *,
    limit: int = 40,
    see_also: Sequence[str] = (),
) -> Doc:
    b = DocBuilder()
    b.paragraph().add(one_line(label, 160) or key, bold=True)
    b.add(f"  ({key})", code=False, italic=True)
    if not rows:
        b.paragraph().add("No figures recorded for this measure yet.")
        if see_also:
            b.paragraph().add("See also: " + ", ".join(see_also), italic=True)
        return b.build(title=label)
    shown = rows[-limit:]
    b.paragraph()
    for i, r in enumerate(shown):
        if i:
            b.line()
        value = value_text(r.value, r.unit, of=r.of, qualifier=r.qualifier)
        scope = f" ({one_line(r.scope, 60)})" if r.scope else ""
        b.add(f"{day(r.published)}: ", bold=False).add(f"{value}{scope}", bold=True).add(" — ")
        b.link(one_line(r.title, 120) or "untitled", r.url)
        if r.source:
            b.add(f" [{one_line(r.source, 60)}]", italic=True)
    if len(rows) > len(shown):
        b.paragraph().add(f"Showing the latest {len(shown)} of {len(rows)}.", italic=True)
    if see_also:
        b.paragraph().add("See also: " + ", ".join(see_also), italic=True)
    return b.build(title=label)


def trend_caption_doc(label: str, key: str, rows: Sequence[HistoryRow]) -> Doc:
    b = DocBuilder()
    b.paragraph().add(one_line(label, 160) or key, bold=True)
    dated = [r for r in rows if r.published]
    if dated:
        first, last = dated[0], dated[-1]
        b.line().add(
            f"{len(dated)} values, {day(first.published)} to {day(last.published)}; latest "
            f"{value_text(last.value, last.unit, of=last.of)}."
        )
    sources = sorted({one_line(r.source, 60) for r in dated if r.source})
    if sources:
        b.line().add("Sources: " + ", ".join(sources), italic=True)
    return b.build(title=label)
