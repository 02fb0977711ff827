"""The measures of every figure of one text: figures stated as a pair ("a half (54 per
cent)", "39%, down from 45%", "from 41% to 33%") are one finding, read as one phrase."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from summariser.annotated import Annotated, annotate
from summariser.recognise import Recognised, Recogniser

# "half (47 per cent)", "Fewer than half of recall reports (46 per cent)",
# "33% (down from 41% in 2023)": the bracketed figure restates or dates the first
_RESTATED = re.compile(r"^[^().;:\d]{0,40}\((?:(?:down|up|compared|rising|falling) (?:from|with) )?$")
# "fell to 16 per cent in Q3, from 23 per cent", "39%, down from 45%", "from 41% to 33%":
# the two values of one change are the same measure
_CHANGE_GAP = re.compile(
    r"^(?: of (?:the |all |relevant )?[\w'’ ]{1,30}?)?(?: (?:in|by|at) [\w/ ]{1,24}?| a year earlier| last year)?,? "
    r"(?:(?:up|down|rising|falling|compared) )?(?:from|with|against) $"
)
_COMPARED_TAIL = re.compile(r"^[^.;:()\d%]{0,90}(?:,\s*|\s+)(?:compared (?:with|to)|(?:up|down|rising|falling) from)(?: the| a| an)? $")
"""The first value's clause, then the second stated against it ("56 per cent had been
excluded, compared with 53 per cent"): one measure."""
_FROM_TO_GAP = re.compile(r"^(?: of (?:the |all )?[\w'’ -]{1,30}?)?(?: (?:in|at) [\w/ ]{1,24}?)? to $")


def recognise_all(
    text: str | Annotated,
    spans: list[tuple[int, int, str, float | None, str | None]],
    title: str = "",
) -> list[Recognised]:
    """Measures for every figure of a text: spans are (start, end, unit, of, noun).

    A figure restated in brackets right after another ("Over a half (54 per cent) of
    staff ...") is the same finding: both take the measure read for the pair.
    """
    doc = text if isinstance(text, Annotated) else annotate(text)
    text = doc.text
    r = Recogniser(doc, title)
    all_spans = [(s, e) for s, e, *_ in spans]
    starts = [s for s, _ in all_spans]
    pair_of: dict[int, int] = {}
    for k in range(len(spans) - 1):
        gap = text[spans[k][1] : spans[k + 1][0]]
        if spans[k][2] != spans[k + 1][2] or k in pair_of:
            continue
        from_before = text[max(0, spans[k][0] - 5) : spans[k][0]].lower().endswith("from ")
        if _RESTATED.match(gap) or _CHANGE_GAP.match(gap) or _COMPARED_TAIL.match(gap) or (from_before and _FROM_TO_GAP.match(gap)):
            pair_of[k], pair_of[k + 1] = k + 1, k
    out: list[Recognised] = []
    with_units = [(s, e, u) for s, e, u, _of, _n in spans]
    for k, (s, e, unit, of, noun) in enumerate(spans):
        lo = bisect_left(starts, s - 400)
        hi = bisect_right(starts, e + 400)
        partner_k = pair_of.get(k, -1)
        partner = all_spans[partner_k] if partner_k >= 0 else None
        near = [j for j in range(lo, hi) if j != k and j != partner_k]
        others = [all_spans[j] for j in near]
        units = [with_units[j] for j in near]
        if partner is not None and k < pair_of[k]:
            # read the pair as one phrase, from the first figure to the bracket's end; when
            # that names no measure, the first figure's own reading serves them both
            pair = r.recognise(s, partner[1], unit, of, noun, others, units)
            if pair.measure is None:
                pair = r.recognise(s, e, unit, of, noun, others, units)
            out.append(replace(pair, paired=True))
        elif partner is not None:
            out.append(out[pair_of[k]])
        else:
            out.append(r.recognise(s, e, unit, of, noun, others, units))
    return out
