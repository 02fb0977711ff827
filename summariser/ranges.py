"""Two figures of one measure that state a range ("between 2.5% and 7.1%", "8-16 weeks"),
not a change ("from 4.2% to 6.9%")."""

from __future__ import annotations

import re

from summariser.models import Figure

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
