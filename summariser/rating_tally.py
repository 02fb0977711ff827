"""A count of services with a rating ("four rated 'Good'", "'Inadequate' in two out of
five"): the rating names what the number counts."""

from __future__ import annotations

import re

from summariser.table_cells import row_label

_RATING = re.compile(
    r"['‘’\"“”]?\b([Oo]utstanding|[Gg]ood|[Rr]equire[sd]? improvement|[Rr]equiring improvement|[Ii]nadequate"
    r"|in need of improvement|need(?:s|ed|ing)? improvement"
    r"|(?:second[ -])?(?:lowest|highest|top|bottom)(?: possible)? (?:rating|grade|mark))\b['‘’\"“”]?"
)
_SUPERLATIVE = re.compile(r"(?:(second)[ -])?(lowest|highest|top|bottom)")
"""A grade named by its place on the scale ("the lowest possible rating", "our top grade")."""
_RATED_LIST = re.compile(r"\b(?:rated|graded|judged)\b[^.;:]{0,50}:\s")
"""A list of grades after the verb that gives them ("we graded all 20 units: three were
outstanding, ..."): its lower-case words are ratings."""
_GRADED_BEFORE = re.compile(
    r"\b(?:rated|graded|judged)(?: as)? ['‘\"“]?(?:outstanding|good|inadequate|requires? improvement)\b(?! or (?:better|above|worse|below))", re.I
)
"""A rating verb that gave a lower-case grade earlier in the sentence ("four were rated
outstanding, twelve good"): the list goes on in grades."""
_TOLD_BEFORE = re.compile(r"\b(?:told (?:that )?(?:they|it)|rated(?: as)?|(?:judged|found|assessed) to|graded(?: as)?) $")
"""The verb that makes a lower-case "require improvement" a rating ("were told they
require improvement"); elsewhere it is only a finding ("areas that require improvement")."""


_RATING_KEYS = {
    "outstanding": "rated_outstanding",
    "good": "rated_good",
    "requires improvement": "rated_requires_improvement",
    "require improvement": "rated_requires_improvement",
    "required improvement": "rated_requires_improvement",
    "requiring improvement": "rated_requires_improvement",
    "inadequate": "rated_inadequate",
    "in need of improvement": "rated_requires_improvement",
    "need improvement": "rated_requires_improvement",
    "needs improvement": "rated_requires_improvement",
    "needed improvement": "rated_requires_improvement",
    "needing improvement": "rated_requires_improvement",
}


def rating_key(word: str) -> str:
    """The tally key of a rating word or of a place on the scale."""
    place = _SUPERLATIVE.match(word.lower())
    if place is None:
        return _RATING_KEYS[word.lower()]
    low = place.group(2) in ("lowest", "bottom")
    if place.group(1):
        return "rated_requires_improvement" if low else "rated_good"
    return "rated_inadequate" if low else "rated_outstanding"


def _quoted_or_rated(text: str, a: int, b: int, sentence: tuple[int, int] | None = None) -> bool:
    """The rating word is one: quoted, next to a rating verb, or in a sentence that names a
    rating no prose uses capitalised mid-sentence ("were Outstanding", "Requires
    improvement"), where a capitalised "Good" is a rating too."""
    chunk = text[a:b].lower()
    if any(w in chunk for w in ("rated", "rating", "graded", "judged", "told", "'", "‘", "’")):
        return True
    return sentence is not None and _STRONG_MID_SENTENCE.search(text, sentence[0] + 1, sentence[1]) is not None


_STRONG_MID_SENTENCE = re.compile(r"(?<=[a-z,] )(?:Outstanding|Inadequate|Requires? improvement)\b")


_RATING_FIRST = re.compile(
    r"\b(Outstanding|Good|Requires improvement|Inadequate)(?:['’\"”]?\s*(?:in|-|–|:)|['’\"”])\s*$"
)
"""The rating before its count, capitalised: "Good in six", "Inadequate - two", or quoted
and right before it in a list of grades ("'Good' 4; 'Inadequate' 1")."""

_LIST_ITEM_END = re.compile(r"\s*(?:[;,.)]|and\b|$)")
"""What follows a count that a quoted rating right before it names: the item ends."""


_ASIDE = re.compile(r",(?: [\w'’-]+){1,4},")
"""What a tally's number counts, set off by commas before its rating."""


_VERB_AFTER_CLAUSE = re.compile(
    r"(?:\s+(?:that|which|we|inspectors|they|the inspectorate|[\w'’-]+)){0,7}?\s+"
    r"(?:(?:were|was|are|is|had been|have been|has been)\s+(?:rated|graded|judged|given|awarded)|received|got|earned|achieved)\b"
)
"""A clause that says which units were counted ("... PDUs we inspected this year were
rated"), between the count and its rating verb: the rating is still the count's."""


_COMBINED_AFTER = re.compile(r"\s*(?:or|and)\s+(?:better|above|higher|worse|below|lower|outstanding)\b", re.I)
_COMBINED_BEFORE = re.compile(r"\b(?:below|above|beat|beats|exceeded|than|at least|short of|less than|better than|worse than)\s+(?:the\s+)?['‘’\"“]?$", re.I)


_SCORED = re.compile(r"\bscor(?:e|ed|es|ing)\b|\bpoints?\b|\bout of a (?:possible|maximum)\b", re.I)


_RATED_WORDS = re.compile(r"\b(?:rated|rating|ratings|graded|judged)\b", re.I)


def rating_tally(
    text: str, sentence: tuple[int, int], start: int, end: int, others: list[tuple[int, int]], lead_in: str = ""
) -> str | None:
    """ "Four services 'Good'", "rated 'Inadequate' in two out of five"; a
    rating with another figure between it and this one is that figure's tally. A list
    item ("- five were Good") may take its rating verb from its lead-in ("Of the services
    we rated:")."""
    if _SCORED.search(text, max(sentence[0], start - 40), min(sentence[1], end + 25)):
        return None  # "scored 9 out of a possible 27, so 'Inadequate'": points, not rated units
    first = _RATING_FIRST.search(text, max(sentence[0], start - 30), start)
    if first is not None and (first.group(0)[-1] not in "'’\"”" or _LIST_ITEM_END.match(text, end, sentence[1])):
        return _RATING_KEYS[first.group(1).lower()]  # "Good in six", "Inadequate - two"
    window_start = max(sentence[0], start - 45)
    aside = _ASIDE.match(text, end, sentence[1])  # "one, reviewing of orders, 'Inadequate'"
    verb = _VERB_AFTER_CLAUSE.match(text, end, sentence[1])  # "nine of the 12 PDUs we inspected in May were rated"
    reach = verb.end() if verb else aside.end() if aside else end
    window_end = min(sentence[1], reach + 30 + _brackets_after(text, end, others))
    best: tuple[int, str] | None = None
    listed = _RATED_LIST.search(text, sentence[0], start) is not None or _GRADED_BEFORE.search(text, sentence[0], start) is not None
    # a rating word that starts within the window counts, however long it is
    for m in _RATING.finditer(text, window_start, min(sentence[1], window_end + 24)):
        if m.start() >= window_end:
            break
        word = m.group(1)
        if _COMBINED_AFTER.match(text, m.end()) or _COMBINED_BEFORE.search(text, max(0, m.start() - 25), m.start()):
            return None  # "'Good' or better", "below 'Good'": more grades than one, no one grade's tally
        quoted = m.group(0)[0] in "'‘’\"“" or m.group(0)[-1] in "'‘’\"”"
        right_after = m.start() >= end and not text[end : m.start()].strip()  # "Eleven required improvement"
        if not (quoted or word[0].isupper() or right_after or listed or _SUPERLATIVE.match(word)) and not _TOLD_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        if (
            not quoted
            and m.start(1) > 0
            and text[m.start(1) - 2 : m.start(1)].strip() in ("", ".")
            and word == "Good"
        ):
            continue
        if any(
            ((end <= o_start < m.start()) or (m.end() <= o_start < start)) and not _aside(text, o_start, o_end)
            for o_start, o_end in others
        ):
            continue
        if m.start() >= end and ":" in text[end : m.start()]:
            continue  # "the nine standards were marked as below: Good in five": a list begins
        # a tally names the number first ("seven 'Inadequate'"): prefer what follows
        dist = m.start() - end if m.start() >= end else 1000 + start - m.end()
        if best is None or dist < best[0]:
            best = (dist, rating_key(word))
    if best is None or not (listed or _quoted_or_rated(text, window_start, window_end, sentence) or _RATED_WORDS.search(lead_in)):
        return None
    return best[1]


def _brackets_after(text: str, end: int, others: list[tuple[int, int]]) -> int:
    """How many characters a bracketed restatement right after the figure takes ("six CRCs
    inspected (60 per cent) were ..."): the tally's window reaches past it."""
    return next(
        (o_end - o_start + 2 for o_start, o_end in others if end <= o_start < end + 30 and _aside(text, o_start, o_end)), 0
    )


def _aside(text: str, start: int, end: int) -> bool:
    """A figure in brackets ("six CRCs (60 per cent) were rated ...") restates its
    neighbour: it does not take the rating from it."""
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"


def rating_row(text: str, start: int) -> str | None:
    """The tally key of a cell in a ratings table, whose row label is a rating itself
    ("Requires improvement      8      5"): the cell counts the services so rated."""
    found = row_label(text, start)
    if found is None:
        return None
    label = found[0].strip(" '‘’\"“”:–-").lower()
    return _RATING_KEYS.get(" ".join(label.split()))


_RESTATED_GAP = re.compile(r"(?:\s+[\w'’-]+){0,4}\s*")
"""The words between a count and its restatement in brackets ("ten CRCs inspected (")."""


_RATED_UNITS = re.compile(r"\b(?:PDUs|CRCs|services|divisions|regions|YOTs|YOSs|YJSs|teams|providers|partnerships)\b")
_REVIEWS = re.compile(r"\breviews\b", re.I)


def restated_tally(
    text: str, sentence: tuple[int, int], start: int, end: int, others: list[tuple[int, int]], lead_in: str
) -> str | None:
    """A share in brackets after a count of rated services ("six of the ten CRCs (60
    per cent) were rated ..."): the count's tally, as a share. So is a share of rated
    units stated outright ("of the PDUs inspected, 40 per cent were rated ..."); a share
    of reviews is left to the review measures."""
    if text[start - 1 : start] != "(" or text[end : end + 1] != ")":
        said = text[sentence[0] : sentence[1]]
        if _RATED_UNITS.search(said) and not _REVIEWS.search(said):
            return rating_tally(text, sentence, start, end, others, lead_in)
        return None
    before = [(a, b) for a, b in others if b <= start and _RESTATED_GAP.fullmatch(text, b, start - 1)]
    if not before:
        return None
    a, b = before[-1]
    rest = [(x, y) for x, y in others if (x, y) != (a, b)] + [(start, end)]
    return rating_tally(text, sentence, a, b, rest, lead_in)
