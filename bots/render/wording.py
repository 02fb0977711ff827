"""How one figure or one comparison reads, for a reader in a hurry.

- A figure is quoted as the document states it ("two-thirds", "19 of 52 cases (37%)",
  "$5 million"), not re-rendered from its value.
- A comparison names the earlier body and when ("31%, was 50% for the NPS in November
  2015"), says the direction in words as well as with an arrow, and says when the earlier
  figure was stated the other way round.
"""

from __future__ import annotations

import math
import re

from bots.render.document import one_line
from bots.render.numbers import month, number, value_text
from summariser.models import Change, Figure, Revision

LABEL_MAX = 160
STATED_MAX = 40
_ARROW = {"up": "▲", "down": "▼", "same": "="}
_EDITORIAL = re.compile(r"^(?:only|just(?! (?:over|under|below|above|short|more|less|fewer))|a mere|fully)\s+", re.I)
_FUNCTION = frozenset({"of", "the", "out", "in", "a", "an", "our", "its", "their", "to", "and", "or"})
_PER_CENT = re.compile(r"(?<=\d)\s*(?:per ?cent|percent)\b", re.I)
_HAS_NUMBER_WORD = re.compile(
    r"\d|\b(?:half|third|thirds|quarter|quarters|fifth|fifths|tenth|tenths|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|none|zero)\b",
    re.I,
)


def as_stated(text: str, value: float, unit: str, *, of: float | None = None,
              qualifier: str | None = None) -> str:
    """The figure in the document's own words, tidied: "per cent" as "%", an editorial
    "only" dropped, a share added to "N of M"; the value itself when the words are long."""
    t = one_line(text)
    if len(t) > STATED_MAX:
        t = _head(t) or ""
    if not t or len(t) > STATED_MAX or not _HAS_NUMBER_WORD.search(t):
        return value_text(value, unit, of=of, qualifier=qualifier)
    t = _EDITORIAL.sub("", t)
    t = _PER_CENT.sub("%", t)
    if len(t) > 1 and t[0].isupper() and t[1].islower():
        t = t[0].lower() + t[1:]  # "Around half" starts a sentence there, not here
    if of:
        if " of " not in f" {t} ":
            t = f"{t} of {number(of)}"
        share = 100.0 * value / of
        t = f"{t} ({number(round(share)) if math.isfinite(share) else '?'}%)"
    return t


def _head(text: str) -> str | None:
    """The number and the word after it, of a long figure text ("50 cases"); None when
    that word is a function word ("four of ..."): the value is shown instead."""
    words = text.split()
    for i, w in enumerate(words):
        if _HAS_NUMBER_WORD.search(w) and i + 1 < len(words):
            nxt = words[i + 1]
            return None if nxt.lower() in _FUNCTION else " ".join(words[: i + 2])
    return None


def direction_words(c: Change) -> str:
    """ "up 3 points, worse", "down 12%", "no change"."""
    if c.direction == "same":
        return "no change"
    if not c.delta:  # one value, worded to lean the other way
        verdict = {"worse": ", worse", "better": ", better"}.get(c.assessment, "")
        return f"{'up' if c.direction == 'up' else 'down'}, by the wording{verdict}"
    size = number(abs(c.delta))
    unit = {"points": " points", "percent": "%"}.get(c.delta_unit, "")
    if c.delta_unit == "points" and abs(c.delta) == 1:
        unit = " point"
    move = f"{'up' if c.direction == 'up' else 'down'} {size}{unit}"
    verdict = {"worse": ", worse", "better": ", better"}.get(c.assessment, "")
    return move + verdict


def earlier_text(c: Change) -> str:
    """ "was 50% for the NPS in November 2015"; the body is named whenever it is not the
    figure's own, so a PDU's figure never reads as if the country's were its past."""
    if c.previous_text:
        before = as_stated(c.previous_text, c.previous_value, c.unit)
    else:
        before = value_text(c.previous_value, c.unit)
    if c.previous_metric and c.previous_metric != c.metric and c.previous_stated_value is not None:
        before = f"{value_text(c.previous_value, c.unit)} (reported as {value_text(c.previous_stated_value, c.unit)} the other way round)"
    body = ""
    previous = c.previous_scope or "national"  # a figure no body was named for speaks for the whole service
    if _whole(previous) != _whole(c.scope or "national"):
        body = f" for {_body_name(previous)}"
    return f"was {before}{body} in {month(c.previous_published)}"


_WHOLE_SERVICE = frozenset({"national", "probation service", "hmpps", "england and wales"})


def _whole(scope: str) -> str:
    """One name for the names of the whole service, so they do not read as two bodies."""
    s = scope.lower()
    return "national" if s in _WHOLE_SERVICE else s


def _body_name(scope: str) -> str:
    """ "the NPS", "the Probation Service", "Hull PDU"."""
    s = one_line(scope, 60)
    if s.lower() in ("nps", "probation service", "national probation service", "crc", "hmpps"):
        return f"the {s}"
    if s.lower() == "national":
        return "the country"
    return s


def _scope_note(scope: str | None, main: str | None) -> str:
    """ "(Hull PDU)" when a figure speaks for a body other than the document's own."""
    if not scope or scope.lower() in ("national", (main or "").lower()):
        return ""
    return f" ({one_line(scope, 60)})"


def change_line(c: Change, main: str | None = None) -> str:
    label = one_line(c.label or c.metric, LABEL_MAX)
    scope = _scope_note(c.scope, main)
    now = as_stated(c.text, c.value, c.unit) if c.text else value_text(c.value, c.unit)
    arrow = _ARROW.get(c.direction, "•")
    return f"{arrow} {label}{scope}: {now}, {earlier_text(c)} ({direction_words(c)})"


def figure_line(f: Figure, *, first: bool, upper: Figure | None = None, main: str | None = None) -> str:
    label = one_line(f.label or f.metric, LABEL_MAX)
    scope = _scope_note(f.scope, main)
    if upper is not None:
        value = f"{as_stated(f.text, f.value, f.unit)} to {as_stated(upper.text, upper.value, upper.unit)}"
    else:
        value = as_stated(f.text, f.value, f.unit, of=f.of, qualifier=f.qualifier)
    quoted = getattr(f, "quotes", None)
    if quoted is not None and getattr(quoted, "published", None):
        note = f" (reported in {quoted.published})"
    elif first:
        note = " (first reported)"
    else:
        note = ""
    return f"• {label}{scope}: {value}{note}"


def revision_line(r: Revision) -> str:
    """ "• Assessment of risk of harm sufficient: from 31% to 33%"."""
    label = one_line(r.label or r.metric, LABEL_MAX)
    before = as_stated(r.before_text, r.before, r.unit) if r.before_text else value_text(r.before, r.unit)
    after = as_stated(r.after_text, r.after, r.unit)
    return f"• {label}: from {before} to {after}"
