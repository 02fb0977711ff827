"""The plain-text digest a subscriber reads: about ten short lines, readable on a phone.

Built from the Digest's own fields only, so a digest stored as JSON renders exactly as
it did when it was built. Channels that format (Telegram HTML) start from the same
fields; this is the plain version.
"""

from __future__ import annotations

import re

from summariser.measures import measure
from summariser.models import Change, Digest, Figure, RatingChange
from summariser.numbers import format_value

_UNIT_WORDS = {
    "days": ("day", "days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
    "hours": ("hour", "hours"),
    "years": ("year", "years"),
}


_TITLE_MAX = 120


def value_text(value: float, unit: str, qualifier: str | None = None, of: float | None = None) -> str:
    """ "31%", "about 50%", "17 of 60 (28.3%)", "5 days", "£27", "615"."""
    v = format_value(value)
    if of:
        text = f"{v} of {format_value(of)} ({format_value(round(100 * value / of, 1))}%)"
    elif unit == "percent":
        text = f"{v}%"
    elif unit == "currency":
        text = f"£{v}"
    elif unit in _UNIT_WORDS:
        one, many = _UNIT_WORDS[unit]
        text = f"{v} {one if value == 1 else many}"
    else:
        text = v
    return f"{qualifier} {text}" if qualifier else text


_RANGE_GAP = re.compile(r"^\s*(?:and|to|-|–|—)\s*$")


def is_range(first: Figure, second: Figure) -> bool:
    """ "between 2.5% and 7.1%", "11 to 20 members", "8-16 weeks": two figures of one
    measure that state a range (not "from 4.2% to 6.9%", which is a change)."""
    if first.metric != second.metric or first.sentence != second.sentence or first.unit != second.unit:
        return False
    if first.in_comments != second.in_comments or first.value >= second.value:
        return False
    sentence = first.sentence
    a = sentence.find(first.text)
    if a < 0:
        return False
    b = sentence.find(second.text, a + len(first.text))
    if b < 0:
        return False
    gap = sentence[a + len(first.text) : b]
    if not _RANGE_GAP.match(gap) and not (gap.strip() == "" and first.text.rstrip().endswith((" to", "-", "–"))):
        return False
    return not sentence[max(0, a - 6) : a].lower().rstrip().endswith("from")


def range_text(first: Figure, second: Figure) -> str:
    """ "3.8%–6.2%", "11–20", "8–16 weeks", "£1–£2"."""
    low = value_text(first.value, first.unit)
    high = value_text(second.value, second.unit)
    if first.unit in _UNIT_WORDS:
        low = format_value(first.value)
    text = f"{low}–{high}"
    return f"{first.qualifier} {text}" if first.qualifier else text


def _when(d) -> str:
    return str(d.year) if d else "earlier"


def comparison_text(change: Change) -> str:
    """ "was about 50% in 2015, worse"; "was 40% in 2023 (stated then as 'Reviewing
    sufficient: 60%'), worse" when the earlier figure was stated the other way round."""
    prev = value_text(change.previous_value, change.unit)
    where = ""
    if change.previous_scope and change.previous_scope != change.scope:
        where = f" for {change.previous_scope}"
    verdict = {"better": "better", "worse": "worse", "neutral": ""}[change.assessment]
    if change.direction == "same":
        verdict = "no change"
    elif not verdict:
        verdict = "up" if change.direction == "up" else "down"
    stated = ""
    if change.previous_metric and change.previous_metric != change.metric and change.previous_stated_value is not None:
        m = measure(change.previous_metric)
        label = m.label if m else change.previous_metric
        stated = f" (stated then as '{label}: {value_text(change.previous_stated_value, change.unit)}')"
    return f"was {prev}{where} in {_when(change.previous_published)}{stated}, {verdict}"


def figure_line(figure: Figure, change: Change | None, first: bool, upper: Figure | None = None) -> str:
    label = figure.label
    if figure.scope and figure.metric.startswith(("other_", "count_")):
        label = f"{label} ({figure.scope})"
    if upper is not None:
        text = range_text(figure, upper)
    else:
        text = value_text(figure.value, figure.unit, figure.qualifier, figure.of)
    if change is not None:
        return f"• {label}: {text} ({comparison_text(change)})"
    if first:
        return f"• {label}: {text} (first reported)"
    return f"• {label}: {text}"


def rating_line(digest: Digest) -> str | None:
    if not digest.rating:
        domain = [r for r in digest.ratings if r.subject != "overall"][:3]
        if not domain:
            return None
        return "Ratings: " + "; ".join(f"{r.subject} {r.value}" for r in domain)
    line = f"Rating: {digest.rating}"
    change = next((c for c in digest.rating_changes if c.subject == "overall"), None)
    if change is not None:
        line += f" ({_rating_change_text(change)})"
    return line


def _rating_change_text(c: RatingChange) -> str:
    verdict = {"better": "better", "worse": "worse", "neutral": "no change"}[c.assessment]
    return f"was {c.previous_value} in {_when(c.previous_published)}, {verdict}"


def render_text(digest: Digest) -> str:
    """The plain-text message: title, source line, rating, summary, key figures."""
    lines: list[str] = []
    title = digest.title or digest.document
    if len(title) > _TITLE_MAX:
        title = title[: _TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
    lines.append(f"Updated: {title}" if digest.updated else title)
    meta = [x for x in (digest.source, digest.published.isoformat() if digest.published else "") if x]
    if meta:
        lines.append(" · ".join(meta))
    if digest.url:
        lines.append(digest.url)
    rating = rating_line(digest)
    if rating:
        lines.append(rating)
    if digest.summary:
        lines.append("")
        lines.append(digest.summary)
    if digest.figures:
        lines.append("")
        lines.append("Key figures:")
        first = set(digest.first_reported)
        figures = digest.figures
        k = 0
        while k < len(figures):
            f = figures[k]
            upper = figures[k + 1] if k + 1 < len(figures) and is_range(f, figures[k + 1]) else None
            change = next(
                (c for c in digest.changes if c.metric == f.metric and c.text in (f.text, upper.text if upper else f.text)),
                None,
            )
            lines.append(figure_line(f, change, f.metric in first, upper))
            k += 2 if upper is not None else 1
    return "\n".join(lines)
