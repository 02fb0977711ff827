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


SOURCE_LABELS = {"seed-corpus": "earlier reports", "replay": "replayed"}


def source_label(name: str) -> str:
    """A source as subscribers read it: local pseudo-sources by what they are."""
    return SOURCE_LABELS.get(name, one_line(name, 60))


def body_of(r: HistoryRow) -> str:
    """The body a value speaks for, as one series: a PDU's values never join the country's."""
    return one_line(r.scope or "", 60) or "all services"


def series(rows: Sequence[HistoryRow]) -> dict[str, list[HistoryRow]]:
    """Dated values by body, oldest first, in order of each body's first value."""
    out: dict[str, list[HistoryRow]] = {}
    for r in rows:
        if r.published is not None:
            out.setdefault(body_of(r), []).append(r)
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def change_words(rows: Sequence[HistoryRow]) -> str:
    """ "Latest 55, up from 48 (1 Jun 2020)": the last change in words, not arrows."""
    dated = [r for r in rows if r.published]
    if not dated:
        return ""
    last = dated[-1]
    body = body_of(last)
    earlier = [r for r in dated if r.published < last.published and r.unit == last.unit and body_of(r) == body]
    if not earlier:  # one date only, or only other bodies: neither is a change
        return ""
    prev = earlier[-1]
    now = value_text(last.value, last.unit, of=last.of)
    before = value_text(prev.value, prev.unit, of=prev.of)
    how = "up" if last.value > prev.value else "down" if last.value < prev.value else "unchanged"
    if how == "unchanged":
        return f"Latest {now} ({day(last.published)}), unchanged since {day(prev.published)}."
    return f"Latest {now} ({day(last.published)}), {how} from {before} ({day(prev.published)})."


def history_doc(
    label: str,
    key: str,
    rows: Sequence[HistoryRow],
    *,
    limit: int = 40,
    see_also: Sequence[str] = (),
) -> Doc:
    """Values oldest first, each with its date, body, report and source; the key is not
    shown (subscribers read labels)."""
    b = DocBuilder()
    b.paragraph().add(one_line(label, 160) or "This measure", bold=True)
    if not rows:
        b.paragraph().add("No figures recorded for this measure yet.")
        if see_also:
            b.paragraph().add("See also: " + ", ".join(see_also), italic=True)
        return b.build(title=label)
    shown = rows[-limit:]
    b.add(f" ({_plural(len(rows), 'value')})", italic=True)
    b.paragraph()
    for i, r in enumerate(shown):
        if i:
            b.line()
        value = value_text(r.value, r.unit, of=r.of, qualifier=r.qualifier)
        scope = f" ({one_line(r.scope, 60)})" if r.scope else ""
        b.add(f"{day(r.published)}: ", bold=False).add(f"{value}{scope}", bold=True).add(" – ")
        b.link(one_line(r.title, 120) or "untitled", r.url)
        if r.source:
            b.add(f" [{source_label(r.source)}]", italic=True)
    if len(rows) > len(shown):
        b.paragraph().add(f"Showing the latest {len(shown)} of {len(rows)}.", italic=True)
    words = change_words(rows)
    if words:
        b.paragraph().add(words)
    if see_also:
        b.paragraph().add("See also: " + ", ".join(see_also), italic=True)
    return b.build(title=label)


def trend_caption_doc(label: str, key: str, rows: Sequence[HistoryRow]) -> Doc:
    b = DocBuilder()
    b.paragraph().add(one_line(label, 160) or "This measure", bold=True)
    dated = [r for r in rows if r.published]
    if dated:
        first, last = dated[0], dated[-1]
        b.line().add(
            f"{_plural(len(dated), 'value')}, {day(first.published)} to {day(last.published)}."
        )
        words = change_words(dated)
        if words:
            b.line().add(words)
    sources = sorted({source_label(r.source) for r in dated if r.source})
    if sources:
        b.line().add("Sources: " + ", ".join(sources), italic=True)
    return b.build(title=label)
