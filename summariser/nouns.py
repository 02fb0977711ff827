"""The noun a count counts ("615 probation officer vacancies", "all four of our
standards", "15 of them") and the unit a label names ("Hours outstanding: 410,000")."""

from __future__ import annotations

from summariser import vocabulary as V
from summariser.numbers import NUMBER_WORDS
from summariser.quantity import (
    Draft,
    is_plural,
    low_at,
)
from summariser.text import Token
from summariser.vocabulary import words_of

_PARTITIVE_PRONOUNS = words_of("them us those these you")


_GRADES = frozenset({"outstanding", "good", "inadequate"})


def read_noun(tokens: list[Token], q: Draft) -> None:
    """The noun a count counts ("615 probation officer vacancies") and a "per ..." rate."""
    j = q.unit_end
    end = j
    if q.unit == "count" and low_at(tokens, j) == "of" and low_at(tokens, j + 1) in _PARTITIVE_PRONOUNS:
        q.noun, q.noun_plural = tokens[j + 1].low, True  # "15 of them": counts what came before
        q.end = j + 2
        return
    if q.unit == "count" and low_at(tokens, j) == "of" and q.kind == "words":
        j = _partitive_head(tokens, j)  # "all four of our standards": counts the standards
    if low_at(tokens, j) in ("require", "requires", "required") and low_at(tokens, j + 1) == "improvement":
        pass  # "Eleven required improvement": a grade, not what is counted
    elif low_at(tokens, j) in _GRADES and not (j + 1 < len(tokens) and tokens[j + 1].is_word and low_at(tokens, j + 1) not in ("and", "or")):
        pass  # "..., twelve good, two inadequate": a grade that ends its item, not what is counted
    elif q.unit == "count" or q.unit == "currency":
        q.noun, q.noun_plural, end = _head_noun(tokens, j, tokens[q.i].wide)
        end = q.unit_end if q.noun is None else end
    q.end = max(_per_rate(tokens, end), q.unit_end, q.k)


def _head_noun(tokens: list[Token], j: int, in_table: bool) -> tuple[str | None, bool, int]:
    """(head noun, plural, token after it) of the noun phrase from j: the first plural noun,
    else the first word."""
    head: str | None = None
    end = j
    words = 0
    m = j
    while m < len(tokens) and words < 7:
        t = tokens[m]
        if t.low in ("-", "‑", "–") and t.glued and words:
            # inside a compound ("full-time", "out-of-court"): take the next word too
            m += 1
            if m < len(tokens) and tokens[m].glued and tokens[m].is_word:
                words += 1
                m += 1
            continue
        if not t.is_word or t.low in V.NP_STOP or ((words or t.text[0].isupper()) and t.low in NUMBER_WORDS):
            # a number word ends the phrase; a capitalised one right after the number opens
            # a new sentence ("2.3 Nine of the cases ...")
            if t.low in ("and", "or") and words and _later_plural(tokens, m + 1) and low_at(tokens, m + 1) not in NUMBER_WORDS:
                m += 1
                continue
            break
        if t.para or (t.newline and (not is_plural(t.text) or in_table)) or t.wide:
            break  # a new paragraph, a new line that does not end the phrase, a table row, the next cell
        words += 1
        m += 1
        if is_plural(t.text) and t.low in V.IRREGULAR_PLURALS and _later_plural(tokens, m):
            continue  # "10 youth justice services", "3 police forces": a modifier
        if is_plural(t.text):
            head, end = _plural_head(tokens, m)
            return head, True, end
        if head is None and words == 1:
            head, end = t.text, m
    return head, False, end


def _plural_head(tokens: list[Token], m: int) -> tuple[str, int]:
    """The plural noun just before m, or the noun it leads to: "615 staff vacancies",
    "20 members of staff"."""
    t = tokens[m - 1]
    nxt = tokens[m] if m < len(tokens) else None
    if nxt is not None and not nxt.newline and is_plural(nxt.text) and nxt.low not in V.IRREGULAR_PLURALS and nxt.low not in V.NP_STOP \
            and not _regular_plural_before(t.low):
        return nxt.text, m + 1  # "615 staff vacancies"; not "30 officers inspectors met"
    if t.low in V.PARTITIVE_NOUNS and low_at(tokens, m) == "of" and _is_plural_or_mass(low_at(tokens, m + 1)):
        return tokens[m + 1].text, m + 2
    return t.text, m


def _regular_plural_before(word: str) -> bool:
    """English compounds take a singular modifier ("case files"): a regular plural ("cases",
    "officers") ends its phrase, and a plural after it opens a new one, the subject of a
    clause ("the 40 files inspectors chose"). "services" leads a job title ("probation
    services officers")."""
    return word.endswith("s") and not word.endswith("ss") and word != "services"


def _per_rate(tokens: list[Token], end: int) -> int:
    """Past a "per ..." rate after the phrase ("cases per officer"), else end."""
    if low_at(tokens, end) != "per":
        return end
    m = end + 1
    words = 0
    while m < len(tokens) and words < 4:
        t = tokens[m]
        if t.low in ("-", "‑") and t.glued:
            m += 1
            continue
        if not t.is_word or (t.low in V.NP_STOP and words):
            break
        words += 1
        m += 1
    return m if words else end


def _partitive_head(tokens: list[Token], j: int) -> int:
    """After "of the", "of our", "of the Inspectorate's": where the counted noun phrase starts
    (j itself when "of" does not open a partitive)."""
    k = j + 1
    if low_at(tokens, k) in ("the", "our", "its", "their", "these", "those"):
        k += 1
    t = tokens[k] if k < len(tokens) else None
    if t is not None and t.is_word and t.low.endswith(("'s", "’s")):
        k += 1
    return k if k > j + 1 else j


def _later_plural(tokens: list[Token], j: int) -> bool:
    """ "low and medium-risk cases": a plural noun within three words, before any stop."""
    for m in range(j, min(j + 5, len(tokens))):
        t = tokens[m]
        if t.low in ("-", "‑"):
            continue
        if not t.is_word or t.low in V.NP_STOP:
            return False
        if is_plural(t.text):
            return True
    return False


def _is_plural_or_mass(w: str) -> bool:
    return is_plural(w) or w in ("staff", "people")


def unit_from_label(tokens: list[Token], q: Draft) -> None:
    """ "Unpaid work hours outstanding: just over 410,000": a value after a label that
    names its unit takes that unit; "Cases inspected: 186" counts what its label names."""
    k = q.start - 1
    if low_at(tokens, k) != ":":
        return
    counted: str | None = None
    for j in range(k - 1, max(k - 9, -1), -1):
        w = tokens[j].low
        if w in V.DURATION_UNITS and w.endswith("s"):
            q.unit = V.DURATION_UNITS[w]
            return
        if w in ("percentage", "percent", "%", "rate"):
            return  # a rate label with a bare number is ambiguous; leave it a count
        if tokens[j].is_word and w not in V.NP_STOP and is_plural(tokens[j].text):
            counted = tokens[j].text  # the leftmost plural noun of the label
        if tokens[j].newline or w in (".", ";", ":") or j == 0 or not (tokens[j - 1].is_word or tokens[j - 1].low == ","):
            break  # a comma stays inside the label ("Empty posts, all grades: 31")
    if counted is not None:
        q.noun, q.noun_plural = counted, True
