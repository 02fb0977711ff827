"""Ratings a report states: overall ("an overall rating of 'Inadequate'", "rated
'Requires improvement' overall") and per domain or standard ("Leadership was rated
'Good'", "we rated assessment as 'Inadequate'").

HMI Probation's scale since 2018: Outstanding, Good, Requires improvement, Inadequate.
A rating word counts only when it is quoted or capitalised as a rating and stands with a
rating verb ("rated", "rating", "judged", "graded"): "the work required improvement" is
prose, not a rating. A sentence naming three or more ratings is describing the scale.
Tallies ("Six services 'Good'") are figures, found by `recognise.py`.
"""

from __future__ import annotations

import re

from summariser.models import Rating

_VALUE = r"(?P<q>['‘’\"“”]?)(?P<v>Outstanding|Good|Requires? [Ii]mprovement|Requiring [Ii]mprovement|Inadequate|REQUIRES IMPROVEMENT|OUTSTANDING|GOOD|INADEQUATE)(?P=q)?"
_ANY_RATING = re.compile(r"Outstanding|Good|[Ii]mprovement|Inadequate|OUTSTANDING|GOOD|INADEQUATE|IMPROVEMENT")
_CANON = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires improvement": "Requires improvement",
    "require improvement": "Requires improvement",
    "requiring improvement": "Requires improvement",
    "inadequate": "Inadequate",
}
_RATED = r"(?:rated|rating|judged|graded|assessed|given|received|awarded|scored)"
_LIST_LINE = re.compile(
    rf"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?P<s>[A-Z][\w'’ ,&-]{{2,60}}?)\s*[:–-]\s*{_VALUE}\s*\.?\s*$"
)
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # "an overall rating of 'Inadequate'", "overall rating: Good"
    (re.compile(rf"\b[Oo]verall rating:? ?(?:of |was |is |as )?(?:an? )?{_VALUE}"), "overall"),
    # "rated 'Requires improvement' overall"
    (re.compile(rf"\b{_RATED} (?:as )?{_VALUE} overall\b"), "overall"),
    # "Overall, the PDU was rated 'Good'", "overall it was rated as 'Good'"
    (re.compile(rf"\b[Oo]verall,? (?:[\w'’&-]+ ){{0,6}}(?:was|is|were|has been|have been) {_RATED} (?:as )?{_VALUE}"), "overall"),
    # "rated 'Good' for leadership", "rated as 'Inadequate' for assessment"
    (re.compile(rf"\b{_RATED} (?:as )?{_VALUE} (?:for|in) (?P<s>(?:the )?[\w'’ ,&-]{{3,60}}?)(?=[.;,)]| and | but |$)"), "subject"),
    # "Leadership was rated 'Good'", "Assessment was rated as 'Inadequate'"
    (re.compile(rf"(?P<s>\b[A-Z][\w'’&-]*(?: [\w'’&-]+){{0,5}}) (?:was|were|is|are|has been|have been) (?:also )?{_RATED} (?:as )?{_VALUE}"), "subject"),
    # "we rated assessment as 'Inadequate'"
    (re.compile(rf"\b(?:[Ww]e|[Ii]nspectors|[Ii]nspectorate|has|have) (?:have |has )?rated (?P<s>(?:the )?[\w'’ &-]{{3,50}}?) (?:as )?{_VALUE}"), "subject"),
    # a ratings list on a report page: "2.3 Planning: Inadequate", "Leadership: 'Good'"
    (_LIST_LINE, "subject"),
]
_OVERALL_SUBJECTS = re.compile(
    r"^(?:the )?(?:pdu|region|service|organisation|division|crc|nps|yot|yos|probation delivery unit|"
    r"youth offending (?:team|service)|probation service|inspectorate|it|they|this)$",
    re.I,
)


def _canon(v: str) -> str:
    return _CANON[" ".join(v.lower().split())]


def find_ratings(sentences: list[str]) -> list[Rating]:
    """Ratings stated in these sentences, overall first, each subject once."""
    out: list[Rating] = []
    seen: set[tuple[str, str]] = set()
    for sentence in sentences:
        if not _ANY_RATING.search(sentence):
            continue
        values = {_canon(m.group("v")) for m in re.finditer(_VALUE, sentence)}
        if len(values) >= 3:
            continue  # the scale itself ("Outstanding, Good, Requires improvement or Inadequate")
        for rx, kind in _PATTERNS:
            for m in rx.finditer(sentence):
                v = m.group("v")
                if not m.group("q") and v[0].islower():
                    continue
                if not m.group("q") and v == "Good" and kind == "subject" and rx is not _LIST_LINE:
                    continue  # "was judged Good" without quotes is too often plain English
                if _TALLY_AFTER.match(sentence, m.end()):
                    continue  # "rated ... 'Requires improvement' in six out of seven divisions"
                if _TALLY_BEFORE.search(sentence[: m.start()]):
                    continue  # "Seven of the last eight inspections have rated staffing 'Inadequate'"
                value = _canon(v)
                subject = "overall"
                if kind == "subject":
                    subject = _subject(m.group("s"))
                    if subject is None:
                        continue
                    if _OVERALL_SUBJECTS.match(subject) or sentence[m.end() : m.end() + 9] in (
                        " overall",
                        " overall.",
                        " overall,",
                    ):
                        subject = "overall"  # "We have rated X Youth Justice Service as 'Outstanding' overall"
                key = (subject, value)
                if any(s == subject for s, _ in seen):
                    continue
                seen.add(key)
                out.append(Rating(value=value, subject=subject, text=" ".join(sentence.split())))
    out.sort(key=lambda r: r.subject != "overall")
    return out


def _subject(raw: str | None) -> str | None:
    if not raw:
        return None
    s = " ".join(raw.split()).strip(" ,")
    s = re.sub(r"^(?:the|its|their|our) ", "", s, flags=re.I)
    words = s.split()
    if not words or len(words) > 8:
        return None
    if words[0] in ("We", "It", "They", "This", "That", "There"):
        return None
    if words[0].lower() in _COUNT_WORDS or words[0][0].isdigit():
        return None  # "One region was rated 'Good'": a tally, counted as a figure
    return s.lower()


_TALLY_AFTER = re.compile(
    r"['’”\"]?\s+(?:in|for|across)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|all|most|half|some|many)\b",
    re.I,
)
_TALLY_BEFORE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|all|most|half|none|each|every|many)"
    r"\b[^.;:]{0,40}\b(?:of|out of)\s+(?:the|these|those|our|its|their|all)\b",
    re.I,
)
"""A count over several bodies before the rating verb: a tally, counted as a figure."""
_COUNT_WORDS = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "none", "no", "all", "each", "both", "half"]
)
RATING_ORDER = {"Inadequate": 0, "Requires improvement": 1, "Good": 2, "Outstanding": 3}
