"""Rule: a length of time is a figure only as a measure (time taken or allowed); course,
sentence and career lengths, tenure, the age of a scheme and time references are not."""

from __future__ import annotations

from summariser import vocabulary as V
from summariser.figure_context import Context, partner
from summariser.quantity import (
    Quantity,
    low_at,
    noun_follows,
)
from summariser.text import Token
from summariser.vocabulary import words_of

_FIRST_PERSON = words_of("i i've i'm i’ve i’m my me")


_WAITING = words_of("within waiting wait waited delay delays")


_INSPECTION_WORK = words_of("fieldwork inspectors inspection inspected visited written")


_WAIT_WORDS = words_of("within waiting wait waited delay delays took taken")


_TIMESCALE_NOUNS = words_of("standard standards target targets timescale timescales deadline limit window requirement maximum")


_DURATION_PREPOSITIONS = words_of("within for in after up than of to over under by about around only just least most nearly almost")


_SPENT = words_of("spent spend spending took")


_INSPECTORS = words_of("we inspectors team")


_PRONOUNS = words_of("we they i you he she it there this that")


_MEASURE = "a measure"
"""What a step returns to accept a length outright ("the 10-day target")."""


def duration_is_a_measure(q: Quantity, c: Context) -> str | None:
    """Time taken or allowed ("within five working days", "up to six weeks", "more than six
    months after sentence") is a measure; course, sentence and career lengths, tenure, the
    age of a scheme, ages and time references ("three years after our last visit", "ten
    years on") are not."""
    if q.unit not in ("days", "weeks", "months", "hours", "years", "other") or q.kind == "ratio":
        return None
    for step in (_as_adjective, _reference_before, _reference_after, _in_its_context):
        verdict = step(q, c)
        if verdict == _MEASURE:
            return None
        if verdict:
            return verdict
    return None


def _as_adjective(q: Quantity, c: Context) -> str | None:
    """ "a five-day course" is no length of anything measured; "a 10-day target" is."""
    if q.hyphen_unit and low_at(c.tokens, q.unit_end) in _TIMESCALE_NOUNS:
        return _MEASURE  # "the 40-working-day standard", "a 10-day target": a timescale
    p = partner(q, c)
    if q.hyphen_unit or (p is not None and p.hyphen_unit):
        return "length as an adjective (five-day course)"
    return None


def _reference_before(q: Quantity, c: Context) -> str | None:
    """What stands before the length: "for the past", "every", "the Five Year ..."."""
    t = c.tokens
    before = low_at(t, q.start - 1)
    if before in V.TIME_REFERENCE_WORDS or (before == "the" and q.qualifier is None and low_at(t, q.start - 2) in ("for", "in", "over", "during")):
        return "time reference"
    if before == "every":
        return "a frequency"  # "the board met every six weeks"
    if q.kind == "words" and q.value == 1 and q.qualifier is None and before not in _DURATION_PREPOSITIONS:
        return "time reference"  # "one day", "one week we ...": an idiom, not a length
    unit_tok = t[q.unit_end - 1] if 0 < q.unit_end <= len(t) else None
    if (
        t[q.i].text[0].isupper()
        and unit_tok is not None
        and unit_tok.text[0].isupper()
        and q.start > 0
        and (t[q.start - 1].is_word or t[q.start - 1].low == "the")
    ):
        return "part of a title"  # "the Five Year Forward View"
    if before in ("first", "initial", "opening") and low_at(t, q.unit_end) == "of":
        return "time reference"  # "the first 100 days of the new service"
    return None


def _after(q: Quantity, c: Context) -> tuple[int, str]:
    """The token after the unit (over a genitive apostrophe) and its lower-case text."""
    after = q.unit_end
    a1 = low_at(c.tokens, after)
    if a1 in ("’", "'") and after < len(c.tokens):
        after += 1
        a1 = low_at(c.tokens, after)
    return after, a1


_COURSE_WORDS = words_of("experience service standing course programme training term contract sentence curfew order time qualified")


def _reference_after(q: Quantity, c: Context) -> str | None:
    """What follows the length: "ago", "on", "after our visit", "in the role", "of 2019"."""
    t = c.tokens
    after, a1 = _after(q, c)
    if a1 == "before" and _case_event_follows(t, after + 1):
        return _MEASURE  # "at least 56 days before release": a timescale
    if a1 in ("ago", "later", "earlier", "old", "olds", "since", "before", "previously"):
        return "time reference"
    if a1 == "on" and (low_at(t, after + 1) in ("from", ",", ".", ";", ":", ")", "") or t[after + 1].newline):
        return "time reference"  # "ten years on", "five years on from our last thematic"
    if a1 == "after" and not _case_event_follows(t, after + 1):
        return "time reference"  # "three years after our last visit"; not "six months after sentence"
    if a1 in _COURSE_WORDS:
        return "length of a course or career"
    if _tenure_follows(t, after):
        return "length of tenure"  # "two years in the role", "11 years as a probation officer"
    if low_at(t, q.unit_end) in ("’", "'") and noun_follows(t, after) and a1 not in ("wait", "delay", "delays", "notice"):
        return "length of something (genitive)"
    if low_at(t, q.start - 1) == "in" and q.qualifier is None and (a1 in _PRONOUNS or a1 == ","):
        return "time reference"  # "in 3 weeks we will..."
    if a1 == "of" and (
        (after + 1 < len(t) and t[after + 1].is_digits and len(t[after + 1].text) == 4)
        or low_at(t, after + 1) in ("the", "this", "that", "last", "each")
        and low_at(t, after + 2) in ("year", "month", "financial", "inspection", "pandemic")
    ):
        return "period of a year"
    return None


def _in_its_context(q: Quantity, c: Context) -> str | None:
    """The words of the line before the length: a career, a scheme's age, the inspection's
    own fieldwork, a writer's history, the period of a change."""
    t = c.tokens
    words = _line_window(t, q.start)
    window = set(words)
    waiting = bool(window & _WAIT_WORDS)
    long_unit = q.unit in ("years", "months")
    if long_unit and not waiting and q.qualifier != "up to":
        if window & V.LENGTH_OF_SERVICE_WORDS or _in_post(words):
            return "length of a career or course"
        if window & V.EXISTENCE_WORDS:
            return "age of a scheme or body"  # "has operated for more than 20 years"
    if q.unit == "years" and low_at(t, q.start - 1) == "of" and low_at(t, q.start - 2) in ("term", "sentence", "period"):
        return "length of a sentence"
    if not window & _WAITING and (window & _INSPECTION_WORK or (window & _SPENT and window & _INSPECTORS)):
        return "length of the inspection itself"  # "fieldwork took three weeks", "we spent two days"
    if long_unit and window & _FIRST_PERSON and not window & _WAITING:
        return "a writer's own history"  # "I've been a PO for 17 years"
    if q.qualifier == "over" and long_unit and _figure_just_before(t, q.start):
        return "period of a change"  # "fell by 38 per cent over three years"
    return None


def _case_event_follows(tokens: list[Token], j: int) -> bool:
    """ "after sentence", "after their release", "after being recalled": an event in the
    life of a case, from which a wait or delay is measured."""
    for _ in range(3):  # determiners and "being", "first"
        if low_at(tokens, j) in ("the", "their", "his", "her", "a", "an", "being", "first", "its"):
            j += 1
    return low_at(tokens, j) in V.CASE_EVENTS


def _tenure_follows(tokens: list[Token], j: int) -> bool:
    """ "in the role", "in post", "in this job", "as a probation officer" after a length."""
    w = low_at(tokens, j)
    if w == "in":
        k = j + 1
        if low_at(tokens, k) in ("the", "this", "that", "their", "his", "her", "my", "our", "your", "a", "an"):
            k += 1
        return low_at(tokens, k) in V.TENURE_NOUNS
    if w == "as" and low_at(tokens, j + 1) in ("a", "an", "the"):
        nxt = tokens[j + 2] if j + 2 < len(tokens) else None
        return nxt is not None and nxt.is_word and nxt.low not in ("result", "whole", "rule", "minimum", "maximum", "matter", "consequence", "percentage", "share", "proportion")
    return False


def _in_post(words: list[str]) -> bool:
    """ "had been in post for", "in the role for": tenure named before a length (the
    window is read backwards, nearest word first)."""
    for k in range(len(words) - 1):
        if words[k] in V.TENURE_NOUNS and (
            words[k + 1] == "in" or (k + 2 < len(words) and words[k + 2] == "in" and words[k + 1] in ("the", "their", "this", "his", "her", "my", "our"))
        ):
            return True
    return False


def _line_window(tokens: list[Token], start: int, size: int = 8) -> list[str]:
    """Up to `size` words before token `start`, not reaching back past its line."""
    out: list[str] = []
    for j in range(start - 1, max(start - size, 0) - 1, -1):
        out.append(tokens[j].low)
        if tokens[j].newline:
            break
    return out


def _figure_just_before(tokens: list[Token], j: int) -> bool:
    """A number, per cent sign or "per cent" ends just before token j (the "over")."""
    w = low_at(tokens, j - 1)
    return w in ("%", "cent", "percent") or (j >= 1 and tokens[j - 1].is_digits)
