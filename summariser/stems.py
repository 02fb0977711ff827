"""A small suffix-stripping stemmer, so "assessed", "assessing" and "assessments" meet.

Not Porter: fewer rules, tuned for the vocabulary of inspection reports. What matters is
that the taxonomy's phrases and a report's words go through the same function.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# (suffix, replacement, shortest stem left); first match wins.
_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    ("ationally", "", 3),
    ("ational", "", 3),
    ("ation", "", 3),
    ("ition", "", 3),
    ("ated", "", 4),
    ("ating", "", 4),
    ("ate", "", 4),
    ("ments", "", 3),
    ("ment", "", 3),
    ("ness", "", 3),
    ("fully", "", 3),
    ("ful", "", 3),
    ("ingly", "", 3),
    ("ing", "", 3),
    ("edly", "", 3),
    ("ed", "", 3),
    ("ly", "", 4),
    ("ance", "", 4),
    ("ence", "", 4),
    ("ancy", "", 4),
    ("ency", "", 4),
    ("ive", "", 4),
    ("ity", "", 3),
    ("ery", "er", 4),
    ("ion", "", 4),
    ("er", "", 4),
    ("or", "", 5),
    ("al", "", 4),
)


_IRREGULAR = {
    "children": "child",
    "analysis": "analys",
    "analyses": "analys",
    "women": "woman",
    "men": "man",
    "people": "person",
    "staff": "staf",
    # people who inspect are not the inspection ("Chief Inspector ... said")
    "employment": "employment",  # people in work, not the staff a service employs
    "offending": "offending",  # the acts ("sexual offending"), not the people who offend
    "supervisor": "supervisor",
    "supervisors": "supervisor",
    "inspector": "inspector",
    "inspectors": "inspector",
    "inspectorate": "inspectorat",
    "inspectorates": "inspectorat",
    # irregular verbs whose forms the concept phrases name by the present tense
    "took": "take",
    "taken": "take",
    "drew": "draw",
    "drawn": "draw",
}
_WHOLE_WORDS = {"did": "do", "does": "do", "done": "do", "doing": "do", "met": "meet", "keeps": "kept"}
"""Forms looked up before any ending is cut (short, or cut wrongly: "does" is no plural).
The finite forms of "keep" stem apart from "keep"/"keeping": "delivery kept people safe"
states an outcome (the work was good enough), "work to keep people safe" names the work."""
_AS_THE = frozenset({"our", "its", "their", "his", "her", "your", "my"})
"""Possessives stem as "the": a phrase written "met the standard" matches "met our
standard", "protect the public" matches "protect their public"."""


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if w in _AS_THE:
        return "the"
    if w in _WHOLE_WORDS:
        return _WHOLE_WORDS[w]
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for _ in range(2):  # "effectively" -> "effective" -> "effect"
        for suffix, repl, shortest in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= shortest:
                w = w[: len(w) - len(suffix)] + repl
                break
        else:
            break
    if w.endswith("y") and len(w) > 4:
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "sl":
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text)]
