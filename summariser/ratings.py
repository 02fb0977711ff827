"""Ratings a report states: the overall rating of the inspected body, however it is worded,
and ratings per domain or standard ("Leadership was rated 'Good'").

HMI Probation's scale since 2018: Outstanding, Good, Requires improvement, Inadequate.
A rating word counts only when it is quoted or capitalised as a rating and stands with a
rating verb or noun ("rated", "rating", "judged"): "the work required improvement" is
prose. A sentence naming three or more ratings describes the scale.

Each statement is read into a `Statement` with a strength, and the overall rating is chosen
from them by one rule (`choose_overall`):
- `overall`: the text says so ("an overall rating of", "rated 'Good' overall", "the overall
  rating for the region was");
- `rank`: a rating named by its place on the scale ("the lowest possible rating");
- `body`: a body rated with no domain named ("the team was rated as 'Good'", "a rating of
  'Good'"). Taken only when every such statement agrees: a page rating several bodies
  differently states no one rating.
Tallies across services ("six services were rated 'Good'", "eight of ten CRCs received the
lowest rating") and past ratings ("previously rated 'Inadequate' in 2022") are never the
document's own rating; tallies are figures, found by the figure scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summariser.models import Rating

_Q = r"['‘’\"“”]"
_VALUE = (
    rf"(?P<q>{_Q}?)(?P<v>Outstanding|Good|Requires? [Ii]mprovement|Requiring [Ii]mprovement|"
    r"Inadequate|REQUIRES IMPROVEMENT|OUTSTANDING|GOOD|INADEQUATE)(?P=q)?"
)
_ANY_CASE_VALUE = _VALUE.replace("(?P<v>", "(?P<v>outstanding|good|requires improvement|inadequate|")
_ANY_RATING = re.compile(
    r"Outstanding|Good|[Ii]mprovement|Inadequate|OUTSTANDING|GOOD|INADEQUATE|IMPROVEMENT"
    r"|(?:lowest|highest|bottom|top) (?:possible )?(?:\w+ )?rating|(?:lowest|highest) of (?:the |our |its )?(?:four|4) ",
    re.I,
)
_CANON = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires improvement": "Requires improvement",
    "require improvement": "Requires improvement",
    "requiring improvement": "Requires improvement",
    "inadequate": "Inadequate",
}
RATED = r"(?:rated|rating|judged|graded|assessed|given|received|awarded|scored)"
_AS = r"(?:as:? |to be )?"
_AUX = r"(?:was|is|were|are|has been|have been|had been)"
_RATING_NOUN = r"(?:rating|grade)"
"""What a report calls the mark it gives: "the 'Good' grade", "the lowest grade"."""
_VERDICT = r"(?:rating|grade|verdict|judgement|judgment)"
"""What "overall" may qualify when a report gives its one mark: "our overall grade: Good"."""
_VERDICT_VALUE = (
    rf"(?P<q>{_Q}?)(?P<v>(?<=['‘’\"“”])good|outstanding|requires improvement|inadequate|"
    r"Outstanding|Good|Requires improvement|Inadequate)\b(?P=q)?"
)
"""A verdict's value, in lower case too; a lower-case "good" only when quoted (else prose)."""
_LIST_LINE = re.compile(
    rf"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?P<s>[A-Z][\w'’ ,&-]{{2,60}}?)\s*[:–-]\s*{_VALUE}\s*\.?\s*$"
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One rating as a sentence states it, before the overall rating is chosen."""

    value: str
    subject: str  # "overall" or a domain ("leadership")
    strength: str  # overall | rank | body | domain
    text: str


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# (pattern, strength): `s` names a subject where the pattern has one
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # "an overall rating of 'Inadequate'", "overall regional rating: Good", "overall 'Good' rating"
    (_rx(rf"\b[Oo]verall (?:\w+ )?{_VERDICT}:?\s*(?:of |was |is |as )?(?:an? )?{_VALUE}"), "overall"),
    # "our overall judgement is that the unit requires improvement"
    (_rx(rf"\b[Oo]verall {_VERDICT} {_AUX} that (?:the|this|it|its)\b[^.;:]{{0,60}}? (?:{_AUX} )?(?:rated )?{_ANY_CASE_VALUE}\b"), "overall"),
    (_rx(rf"\b[Oo]verall {_VALUE} rating\b"), "overall"),
    # "is a 'Good' organisation overall", "remains an 'Inadequate' service overall"
    (_rx(rf"\b(?:is|was|remains|remained|became|is now) an? {_VALUE} (?:[\w'’-]+ ){{1,2}}overall\b"), "overall"),
    # "the overall rating for the region was 'Good'"
    (_rx(rf"\b[Oo]verall {_VERDICT} (?:for|of|on) (?:[\w'’&-]+ ){{1,6}}{_AUX} {_VALUE}"), "overall"),
    # "the overall rating inspectors have awarded the unit is 'Good'"
    (_rx(rf"\b[Oo]verall rating (?:we|inspectors) (?:have |has )?(?:given|awarded) (?:[\w'’&-]+ ){{1,4}}{_AUX} {_VALUE}"), "overall"),
    # "rated 'Requires improvement' overall", "rated good overall", "rated the unit as
    # requires improvement overall": "overall" makes even a lower-case word a rating
    (_rx(rf"\b{RATED} (?:that )?(?:(?:the|this|its|their|it)\b[\w'’ &-]{{0,50}}? )?{_AS}{_ANY_CASE_VALUE} overall\b"), "overall"),
    # "rating Exbridge 'Good' overall": a named subject between the verb and its value
    (_rx(rf"\b(?:rating|rated|judging|judged|grading|graded) [A-Z][\w'’&-]*(?: [A-Z][\w'’&-]*){{0,5}} {_AS}{_VALUE} overall\b"), "overall"),
    # "Overall, the PDU was rated 'Good'", "overall it was rated as 'Good'"
    (_rx(rf"\b[Oo]verall,? (?:[\w'’&-]+ ){{0,6}}{_AUX} {RATED} {_AS}{_VALUE}"), "overall"),
    # "Overall, we judged the work of the service to be 'Good'"
    (_rx(rf"\b[Oo]verall,? (?:we|inspectors) (?:have )?(?:rated|judged|assessed|graded) [^.;]{{0,60}}? {_AS}{_VALUE}"), "overall"),
    # "given the highest rating, 'Outstanding'": the place on the scale and the value together
    (_rx(rf"\bthe (?:second[- ])?(?:lowest|highest) (?:possible )?{_RATING_NOUN}(?:(?P<gap>(?: [\w'’-]+){{1,5}}?),|,?(?:\s*of)?)\s*{_VALUE}"), "ranked"),
    # a report's ratings block: "Overall: Good", "Hull PDU – Overall rating: 'Inadequate'"
    (_rx(rf"^\s*(?:[A-Z][\w'’ ,&-]{{2,60}}?\s*[–-]\s*)?[Oo]verall(?: rating)?\s*[:–-]\s*{_VALUE}\s*\.?\s*$"), "overall"),
    # "judged its public protection work to require improvement", "rated the service to be inadequate"
    (_rx(r"\b(?:judged|assessed|rated|found) (?P<s>[\w'’ &-]{3,80}?) to (?P<q>)(?P<v>require improvement|requires improvement)\b"), "domain"),
    (_rx(r"\b(?:[Ww]e|[Ii]nspectors) (?:have )?(?:therefore )?(?:judged|assessed|rated) (?P<s>[\w'’ &-]{3,60}?) (?:to be|as) (?P<q>)(?P<v>outstanding|inadequate)\b"), "domain"),
    # "the lowest possible rating", "the second-highest rating available"
    # ("grade" only with the value named: "the lowest grade" alone may be a pay grade)
    (_rx(r"\bthe (?P<v>(?:second[- ])?(?:lowest|highest)) (?:possible )?(?:\w+ )?rating\b"), "rank"),
    # "the lowest of the four grades", "our bottom rating band": the scale is named, so a
    # grade here is no pay grade
    (_rx(r"\bthe (?P<v>(?:second[- ])?(?:lowest|highest)) of (?:the |our |its )?(?:four|4) (?:possible )?(?:\w+ )?(?:grades|ratings|bands)\b"), "rank"),
    (_rx(r"\b(?:the|our|its|their) (?P<v>bottom|top) (?:rating|grade)(?: band)?\b"), "rank"),
    # "rated 'Good' for leadership", "rated as 'Inadequate' for assessment"
    (_rx(rf"\b{RATED} {_AS}{_VALUE} (?:for|in) (?P<s>(?:the )?[\w'’ ,&-]{{3,60}}?)(?=[.;,)]| and | but |$)"), "domain"),
    # "Leadership was rated 'Good'", "Assessment was rated as 'Inadequate'"
    (_rx(rf"(?P<s>\b[A-Z][\w'’&-]*(?: [\w'’&-]+){{0,5}}) {_AUX} (?:also )?{RATED} {_AS}{_VALUE}"), "domain"),
    # "we rated assessment as 'Inadequate'", "we have therefore rated the PDU as 'Inadequate'"
    (_rx(rf"\b(?:[Ww]e|[Ii]nspectors|[Ii]nspectorate|has|have) (?:have |has )?(?:therefore |also )?rated (?P<s>(?:the )?[\w'’ &()-]{{3,50}}?) (?:as )?{_VALUE}"), "domain"),
    # "has climbed to 'Requires improvement'", "has moved up from 'Inadequate' to 'Good'"
    (_rx(rf"\b(?:has|have) (?:now )?(?:climbed|risen|moved|moved up|gone up|improved|fallen|dropped|slipped|gone down)"
         rf"(?: (?:a|one|two) (?:grade|rating|band|notch|level)s?)?(?: from {_Q}[^'’\"”]{{3,25}}{_Q})? to {_VALUE}"), "body"),
    # "we rated it good", "rated it 'Inadequate'"
    (_rx(rf"\brated (?P<s>it|them) (?:as )?{_ANY_CASE_VALUE}\b"), "domain"),
    # "assessed as good - the second highest rating"
    (_rx(rf"\b{RATED} {_AS}{_ANY_CASE_VALUE}(?=\s*[-–—,(]\s*the (?:second[- ])?(?:highest|lowest))"), "body"),
    # "a rating of 'Requires improvement'", "an 'Inadequate' rating"
    (_rx(rf"\b(?i:an?|the|this|its|their) (?:\w+ )?{_RATING_NOUN} (?:of|was|is) {_VALUE}"), "body"),
    (_rx(rf"\b(?i:an?|the|its|their|this) (?:[\w-]+ ){{0,2}}{_VALUE} {_RATING_NOUN}\b"), "body"),
    # "has been judged to 'require improvement'", "told the service that it requires improvement"
    (_rx(rf"\b{_AUX} (?:judged|assessed|found|rated) to {_Q}?(?P<q>)(?P<v>require improvement|requires improvement)\b"), "body"),
    # "the team was judged as requiring improvement"
    (_rx(rf"\b{_AUX} (?:judged|assessed|rated|graded) as (?P<q>)(?P<v>requiring improvement)\b"), "body"),
    (_rx(rf"\b(?:(?:told|found|judged|concluded|decided)\b[^.;]{{0,80}}?\bthat |told )it (?:now )?{_Q}?(?P<q>)(?P<v>requires improvement)\b"), "body"),
    # "the verdict is 'requires improvement'", "Our verdict: inadequate": a verdict names the
    # body's one mark, in lower case too (but a plain "good" is prose)
    (_rx(rf"\b(?i:the|its|our|this|their) (?:\w+ )?(?:verdict|judgement|judgment)(?: (?:is|was)|:|,)\s*{_VERDICT_VALUE}"), "body"),
    # "the region is rated as 'Good'", "the first CRC to be rated as 'Inadequate'"
    (_rx(rf"\b{RATED} {_AS}{_VALUE}"), "body"),
    # a ratings list on a report page: "2.3 Planning: Inadequate", "Leadership: 'Good'"
    (_LIST_LINE, "domain"),
]
_RANK = {
    "lowest": "Inadequate",
    "second-lowest": "Requires improvement",
    "second lowest": "Requires improvement",
    "second-highest": "Good",
    "second highest": "Good",
    "highest": "Outstanding",
    "bottom": "Inadequate",
    "top": "Outstanding",
}
_OVERALL_SUBJECTS = re.compile(
    r"^(?:the )?(?:pdu|region|service|organisation|division|crc|nps|yot|yos|yjs|probation delivery unit|"
    r"youth (?:offending|justice) (?:team|service)|probation service|inspectorate|it|they|them|this)$",
    re.I,
)
_BODY_NOUN = re.compile(
    r"\b(?:pdu|region|crc|nps|yot|yos|yjs|division|team|probation delivery unit|probation trust|"
    r"(?:probation|justice|offending) services?)\)?$",
    re.I,
)
"""A subject ending in a body noun is an inspected body, not a domain of its work."""
_NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?)"
)
"""A number alone, without "all", "both", "each" and the other quantifiers."""
_COUNT = rf"(?:{_NUMBER}|all|most|half|some|many|none|each|every|both|several)"
_TALLY_AFTER = re.compile(
    rf"{_Q}?\s+(?:in|for|across)\s+{_COUNT}\b"  # "rated 'Good' in six of seven"
    rf"|{_Q}?\s+or (?:better|above|worse|below)\b"  # a band of the scale, counted
    rf"|{_Q}?\s*[:–-]\s*(?:\d|{_COUNT}\b|an? (?:third|quarter|fifth|half))",  # "rated 'Good': 54 per cent"
    re.I,
)
_TALLY_BEFORE = re.compile(
    r"\b(?:PDUs|CRCs|YOTs|services|regions|divisions|trusts|teams) (?:were|are|have been|had been)(?: all)?\s*$|"
    r"\b(?:PDUs|CRCs|YOTs|services|regions|divisions|trusts|teams|units)\s+$|"  # "among the services rated 'Good'"
    r"\b\d+(?:\.\d+)? ?(?:per ?cent|%)[^.;:]{0,40}$|"
    rf"\b{_COUNT}\b[^.;:]{{0,40}}\b(?:of|out of)\s+(?:the|these|those|our|its|their|all|\d+|ten)\b"
    r"(?!\s+(?:\d[\d,]*\s+)?cases\b)[^.;:]{0,50}$"  # "160 of its cases" is a sample, not bodies rated
    r"|\b(?:proportion|share|percentage|number|fraction)\b[^.;:]{0,60}$"
    rf"|\b(?:not (?:one|a single \w+)|none(?: of [^.;:]{{0,40}})?|[Nn]o (?:[\w-]+ ){{0,4}}\w+)\s+{_AUX}\s+$"  # zero tallies
    rf"|^\s*{_COUNT},[^.;:]{{0,60}},\s+{_AUX}\s+$"  # "One, which we saw twice, was rated": one of those counted
    r"|\b(?:most|least|more|less) (?:often|commonly|frequently|usually)\s+$"  # "the standard most often rated"
    rf"|(?:^|[,;:(]\s*|\b(?:and|but|while|whereas|with)\s+)(?:only |just )?{_COUNT}\s+(?:[\w'’-]+\s+){{0,4}}"
    rf"(?:{_AUX}|were all|have all|received|got|achieved)\b[^.;:]{{0,30}}$"
    rf"|(?:^|[,;:(]\s*|\b(?:and|but|while|whereas|with)\s+)(?:only |just )?{_NUMBER}(?:\s+[\w'’-]+){{0,2}}\s+$",  # "14 were found to"
    re.I,
)
"""A count over several bodies before the rating: a tally, counted as a figure."""
_PAST_BEFORE = re.compile(
    r"\b(?:previously|formerly|last time|earlier|in (?:early |late |mid-|the spring of |the autumn of )?20\d\d"
    r"|when (?:it|the \w+|they) (?:was|were)|(?:we|inspectors) last (?:inspected|visited|rated))\b[^.;]{0,60}$"
    r"|\b(?:years?|months?) (?:after|since|before)\b[^.;]{0,80}$"  # "three years after it was rated"
    r"|\b(?:years?|months?) ago\b[^.;]{0,80}$"  # "two years ago it was in the bottom band"
    r"|\b(?:at|in|after|following) (?:the|its|their) (?:last|previous|earlier|first) inspection\b(?![^.;]*\bnow\b)[^.;]{0,40}$",
    re.I,
)
_PAST_AFTER = re.compile(rf"{_Q}?\s+(?:rating\s+)?(?:in|during) (?:19|20)\d\d\b|{_Q}?\s+(?:rating\s+)?(?:at|in) (?:its|their|the) (?:last|previous)\b")
_MOVED_TO = re.compile(r"(?:has|have) (?:now )?(?:climbed|risen|moved|gone|improved|fallen|dropped|slipped)\b")
"""A rating the body has moved to: the present one, whatever past the sentence recalls."""
_TO_BE_RATED = re.compile(r"\bto (?:be|have been)\s*$")
_ITSELF = re.compile(r"\b(?:[Ii]t|[Tt]his|[Ww]hich) (?:is|was|has become|became|is now) the\b")
_DOMAIN_BEFORE = re.compile(r"\b(?:separately|also)\s+$|\bwas (?:found to be|judged)\s+$", re.I)


def _canon(v: str) -> str:
    v = " ".join(v.lower().split())
    return _RANK.get(v) or _CANON[v]


def statements(sentence: str) -> list[Statement]:
    """Every rating this sentence states, in pattern order, at most one per place."""
    if not _ANY_RATING.search(sentence):
        return []
    values = {_canon(m.group("v")) for m in re.finditer(_VALUE, sentence)}
    if len(values) >= 3:
        return []  # the scale itself ("Outstanding, Good, Requires improvement or Inadequate")
    text = " ".join(sentence.split())
    out: list[Statement] = []
    taken: list[tuple[int, int]] = []
    for rx, strength in _PATTERNS:
        for m in rx.finditer(sentence):
            span = m.span("v")
            if any(a <= span[0] < b for a, b in taken):
                continue  # the same rating word, read already by a stronger pattern
            st = _statement(sentence, m, strength, text)
            if st is not None:
                taken.append(span)
                out.append(st)
    return out


def _statement(sentence: str, m: re.Match[str], strength: str, text: str) -> Statement | None:
    """The statement this match makes, or None when it is prose, a tally or the past."""
    v = m.group("v")
    if strength in ("domain", "body") and not m.group("q") and v == "Good" and m.re is not _LIST_LINE:
        return None  # "was judged Good" without quotes is too often plain English
    before, after = sentence[: m.start()], sentence[m.end() :]
    if _TALLY_AFTER.match(after) or _TALLY_BEFORE.search(before):
        return None  # "rated 'Good' in six of seven divisions", "eight of ten CRCs received"
    if (_PAST_BEFORE.search(before) or _PAST_AFTER.match(after)) and not _MOVED_TO.match(m.group()):
        return None  # "previously rated 'Inadequate' in 2022"; not "rated X in 2023, has climbed to Y"
    if before.rstrip().endswith("("):
        return None  # "Sheffield PDU (rated 'Inadequate')": a sibling named in passing
    if strength == "rank" and re.search(_VALUE, sentence):
        return None  # "rated 'Inadequate', the lowest rating": the value is read on its own
    value = _canon(v)
    if strength == "ranked":
        strength = "rank"  # the value is named: read it, as a rank (the strength of a place on the scale)
        if re.search(r"\bfor (?:the )?\w", after[:6]) or re.match(r" (?:for|in) ", _group(m, "gap") or ""):
            return None  # "the lowest rating for delivery, 'Inadequate'": a domain
        return Statement(value, "overall", strength, text)
    if strength in ("overall", "rank"):
        if strength == "rank" and re.search(r"\bfor (?:the )?\w", after[:6]):
            return None  # "the lowest rating for delivery": a domain, not the body
        return Statement(value, "overall", strength, text)
    if strength == "body":
        if _TO_BE_RATED.search(before) and not _ITSELF.search(before):
            return None  # "the first PDU to be rated 'Good' was in Kent": another body's record
        if _DOMAIN_BEFORE.search(before):
            return None  # "which on its own was rated 'Good'": a domain named before
        return _body_or_domain(before, value, text)
    return _domain(m, value, after, text)


_SUBJECT_BEFORE = re.compile(
    rf"(?:^|[,;:]\s+|\b(?:and|but|while|whereas)\s+)(?P<s>[^,;:]{{1,80}}?)\s+{_AUX}\s+(?:(?:also|both|all|each)\s+)?$"
)
_DOMAIN_WORDS = frozenset(
    ["leadership", "staff", "staffing", "services", "information", "partnerships", "assessment", "planning", "implementation", "delivery", "reviewing", "review", "unpaid", "court", "case", "resettlement", "governance", "management", "diversity"]
)
"""First words of the parts of an inspection that are rated on their own."""
_APPOSED = re.compile(r"^\s*(?P<s>[^,;:]{1,60}),[^;:]{1,100},\s*$")
"""A subject, an aside between commas, then the verb: "Three of the ten standards, X and Y, were"."""
_RELATIVE = frozenset({"which", "that", "who", "it", "they", "this"})


def _body_or_domain(before: str, value: str, text: str) -> Statement | None:
    """ "the PDU was rated 'Good'" rates the body; "reviewing was rated 'Requires
    improvement'", "its court work was judged 'Outstanding'" rate a part of its work: a
    subject in lower case that names no body is a domain."""
    apposed = _APPOSED.match(re.sub(rf"\s+{_AUX}\s+(?:(?:also|both|all|each)\s+)?$", "", before))
    if apposed is not None and apposed.group("s").split()[0].lower() in _COUNT_WORDS:
        return None  # "Three of the ten standards, ..., were rated": a tally, counted as a figure
    m = _SUBJECT_BEFORE.search(before)
    if m is None:
        return Statement(value, "overall", "body", text)
    subject = re.sub(r"^(?:(?:and|but|while|whereas) )?(?:the|its|their|our|his|her) ", "", " ".join(m.group("s").split()), flags=re.I)
    first = subject.split()[0] if subject else ""
    if first.lower() in _DOMAIN_WORDS and not _BODY_NOUN.search(subject):
        return Statement(value, subject.lower(), "domain", text)  # "Leadership and partnerships were judged"
    if not first or not first[0].islower() or first in _RELATIVE:
        return Statement(value, "overall", "body", text)
    if _OVERALL_SUBJECTS.match(subject) or _BODY_NOUN.search(subject) or re.match(r"(?:pdu|crc|service)\b", subject):
        return Statement(value, "overall", "body", text)
    return Statement(value, subject.lower(), "domain", text) if len(subject.split()) <= 8 else None


def _domain(m: re.Match[str], value: str, after: str, text: str) -> Statement | None:
    subject = _subject(_group(m, "s"))
    if subject is None:
        return None
    if _PLURAL_BODIES.match(subject) and re.search(r"\b(?:were|are|have been)\b", m.group()):
        return None  # "PDUs were rated ...": several bodies, a tally
    if after.lstrip(" '’\"”").startswith("overall") or subject in ("overall", "overall rating"):
        return Statement(value, "overall", "overall", text)
    if _OVERALL_SUBJECTS.match(subject) or _BODY_NOUN.search(subject):
        return Statement(value, "overall", "body", text)
    return Statement(value, subject, "domain", text)


def _group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def choose_overall(found: list[Statement]) -> Statement | None:
    """The document's own rating: the first stated as overall, else by rank, else the
    body ratings when they all agree."""
    for strength in ("overall", "rank"):
        first = next((s for s in found if s.strength == strength), None)
        if first is not None:
            return first
    body = [s for s in found if s.strength == "body"]
    if body and len({s.value for s in body}) == 1:
        return body[0]
    return None


def find_ratings(sentences: list[str]) -> list[Rating]:
    """Ratings stated in these sentences: the overall one first, then each domain once."""
    found = [st for sentence in sentences for st in statements(sentence)]
    found += _answers(sentences)
    out: list[Rating] = []
    overall = choose_overall(found)
    if overall is not None:
        out.append(Rating(value=overall.value, subject="overall", text=overall.text))
    seen: set[str] = set()
    for st in found:
        if st.strength == "domain" and st.subject not in seen:
            seen.add(st.subject)
            out.append(Rating(value=st.value, subject=st.subject, text=st.text))
    return out


_ASKED = re.compile(r"\b(?:rating|rated|grade|graded|verdict)\b[^.!]*\?\s*$", re.I)
_VALUE_ALONE = re.compile(rf"\s*{_VALUE}\s*[.!]?\s*$")


def _answers(sentences: list[str]) -> list[Statement]:
    """A question about the rating answered by the rating alone ("And its rating? 'Good'.")."""
    out = []
    for asked, answer in zip(sentences, sentences[1:], strict=False):
        m = _VALUE_ALONE.match(answer)
        if m and _ASKED.search(asked):
            out.append(Statement(_canon(m.group("v")), "overall", "body", " ".join(answer.split())))
    return out


def _subject(raw: str | None) -> str | None:
    if not raw:
        return None
    s = " ".join(raw.split()).strip(" ,")
    s = re.sub(r"^(?:the|its|their|our) ", "", s, flags=re.I)
    words = s.split()
    if not words or (len(words) > 8 and not (len(words) <= 12 and _BODY_NOUN.search(s))):
        return None  # a long subject is prose, unless it ends by naming a body
    if words[0] in ("We", "They", "This", "That", "There"):
        return None
    if words[0] == "It" and len(words) > 1:
        return None
    if words[0].lower() in ("only", "just") and len(words) > 1:
        words = words[1:]
    if words[0].lower() in _COUNT_WORDS or words[0][0].isdigit():
        return None  # "One region was rated 'Good'": a tally, counted as a figure
    return s.lower()


_PLURAL_BODIES = re.compile(r"^(?:PDUs|CRCs|YOTs|YOSs|services|regions|divisions|teams|trusts)$", re.I)
_COUNT_WORDS = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "none", "no", "all", "each", "both", "half"]
)
RATING_ORDER = {"Inadequate": 0, "Requires improvement": 1, "Good": 2, "Outstanding": 3}
