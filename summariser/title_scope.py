"""What a document's title says about the body it is on: a place alone after a colon
("Public protection: Wessex") over a text that speaks of "the region"; a unit named by its
place without its kind ("Bolton" for Bolton PDU); an annual report, the whole service."""

from __future__ import annotations

import re
from collections import Counter

_ANNUAL_REPORT = re.compile(r"\b[Aa]nnual [Rr]eport\b")


def whole_service(title: str) -> str | None:
    """An annual report that names no unit speaks for the whole service."""
    return "national" if _ANNUAL_REPORT.search(title) else None


_TITLE_PLACE = re.compile(r"[:–—-]\s*([A-Z][a-z]+(?:(?: and| &)? [A-Z][a-z]+){0,3})\s*$")
_TITLE_LEAD = re.compile(r"^([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?:'s|’s)?(?:\s*[:–—-]|\s+(?:probation|PDU)\b)")
_THE_UNIT = re.compile(
    r"\b[Tt]he (?:(?:city|county|borough|town|area|district)(?:'s|’s) )?"
    r"(region|PDU|division|Probation Delivery Unit|probation delivery unit)(?:'s|’s)?\b"
)
_UNIT_FORMS = {"region": "{} region", "PDU": "{} PDU", "division": "NPS {} division"}
_SAME_KIND = {"Probation Delivery Unit": "PDU", "probation delivery unit": "PDU"}


def place_of_title(title: str, body: str) -> str | None:
    """A title ending in a place alone ("Public protection: Wessex"), or opening with one
    ("Leeds probation told to ...") that the text names again, over a text that speaks of
    "the region" (or "the PDU", "the borough's Probation Delivery Unit"): that place's unit."""
    place = _TITLE_PLACE.search(title) or _TITLE_LEAD.search(title)
    if place is None:
        return None
    kinds = Counter(_SAME_KIND.get(m.group(1), m.group(1)) for m in _THE_UNIT.finditer(body, 0, 4000))
    if not kinds or (place.re is _TITLE_LEAD and body.count(place.group(1)) < 2):
        return None  # a title that opens with a place names the body only if the text names it too
    return _UNIT_FORMS[kinds.most_common(1)[0][0]].format(place.group(1))


_UNIT_WORDS_OF_SCOPE = re.compile(r"^NPS | (?:PDU|CRC|YJS|region|division)$")


def named_in(title: str, scope: str) -> bool:
    """The title names the unit by its place name, without its kind ("Bolton" for Bolton PDU)."""
    name = _UNIT_WORDS_OF_SCOPE.sub("", scope).strip()
    plain = " ".join(title.replace(",", " ").split())  # "Bath, Wells and Frome" names "Bath Wells and Frome"
    return len(name) >= 3 and re.search(rf"\b{re.escape(name)}\b", plain, re.I) is not None
