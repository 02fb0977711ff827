"""What a /subscribe argument can mean, its filters, and the buttons that let the user choose.

A query is followed at once only when it *names* something: a source, a tag, a topic, a
measure or a place (body) the documents have named. Otherwise the nearest matches are
offered as buttons, with the query said back ("no source, topic, place or measure called
…"), and a place not reported yet can still be followed by name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bots.measures import Lookup, norm
from bots.render.document import one_line
from bots.telegram_bot.callbacks import Callbacks

MAX_BUTTONS = 8
KIND_CODES = {"all": "a", "source": "s", "tag": "g", "topic": "t", "body": "b"}
CODE_KINDS = {v: k for k, v in KIND_CODES.items()}
_BODY_SUFFIXES = (" pdu", " probation delivery unit", " region", " yjs", " youth justice service")
_FILTER = re.compile(r"\b(only|not):\s*(?:\"([^\"]+)\"|(\S+))", re.IGNORECASE)
_WORSE = re.compile(r"\b(?:when:worse|worse-only|only-worse)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Choice:
    kind: str  # all | source | tag | topic | body
    value: str
    label: str


@dataclass(frozen=True)
class Filters:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    worse_only: bool = False

    def describe(self) -> str:
        parts = []
        if self.include:
            parts.append("only when mentioning " + " or ".join(f"“{w}”" for w in self.include))
        if self.exclude:
            parts.append("never when mentioning " + " or ".join(f"“{w}”" for w in self.exclude))
        if self.worse_only:
            parts.append("only when something got worse")
        return ", ".join(parts)


@dataclass(frozen=True)
class Resolved:
    """`certain`: follow `choices[0]` at once; else offer `choices` as buttons."""

    query: str
    choices: list[Choice] = field(default_factory=list)
    certain: bool = False


def parse(argument: str) -> tuple[str, Filters]:
    """'Essex North only:"domestic abuse" not:youth when:worse' -> query and filters."""
    text = argument.replace("“", '"').replace("”", '"')
    include, exclude = [], []
    for m in _FILTER.finditer(text):
        word = (m.group(2) or m.group(3)).strip().replace("|", " ")
        (include if m.group(1).lower() == "only" else exclude).append(word)
    worse = bool(_WORSE.search(text))
    query = _WORSE.sub(" ", _FILTER.sub(" ", text))
    return " ".join(query.split()), Filters(tuple(include), tuple(exclude), worse)


def body_names(name: str) -> set[str]:
    """ "Essex North PDU" is also "essex north"."""
    n = norm(name)
    out = {n}
    for suffix in _BODY_SUFFIXES:
        if n.endswith(suffix):
            out.add(n[: -len(suffix)])
    return out


def resolve(
    query: str,
    sources: Iterable[str],
    tags: Iterable[str],
    topics: Iterable[str],
    bodies: Iterable[str],
    found: Lookup | None,
) -> Resolved:
    """What `query` names, or the nearest things it might mean."""
    q = norm(query)
    if not q:
        return Resolved(query, [Choice("all", "", "Everything")], True)
    sources, tags = sorted(set(sources)), sorted(set(tags))
    topics, bodies = list(dict.fromkeys(topics)), list(dict.fromkeys(bodies))
    exact = (
        [Choice("source", s.lower(), f"Source: {s}") for s in sources if norm(s) == q]
        + [Choice("tag", t.lower(), f"Tag: {t}") for t in tags if norm(t) == q]
        + [Choice("topic", t.lower(), f"Topic: {t}") for t in topics if norm(t) == q]
    )
    if found is not None and found.exact is not None:
        exact.append(Choice("topic", found.exact.key, f"Measure: {found.exact.label}"))
    exact += [Choice("body", q, f"Place: {b}") for b in bodies if q in body_names(b)]
    if exact:
        return Resolved(query, exact[:1], True)
    words = [w for w in q.split() if len(w) > 2]
    near = [Choice("source", s.lower(), f"Source: {s}") for s in sources if q in norm(s)]
    near += [Choice("tag", t.lower(), f"Tag: {t}") for t in tags if q in norm(t)]
    near += [Choice("topic", t, f"Topic: {t}") for t in topics if q in norm(t) or norm(t) in q]
    near += [
        Choice("topic", m.key, f"Measure: {m.label}") for m in (found.nearest if found else ())
    ]
    near += [
        Choice("body", norm(b), f"Place: {b}")
        for b in bodies
        if words and any(w in norm(b) for w in words)
    ]
    near = _unique(near)[: MAX_BUTTONS - 1]
    near.append(Choice("body", q, f"Follow “{one_line(query, 30)}” as a place"))
    return Resolved(query, near, False)


def _unique(choices: Sequence[Choice]) -> list[Choice]:
    seen: set[tuple[str, str]] = set()
    out = []
    for c in choices:
        if (c.kind, c.value) not in seen:
            seen.add((c.kind, c.value))
            out.append(c)
    return out


def sub_data(cb: Callbacks, action: str, choice: Choice, filters: Filters = Filters()) -> str:
    """Button data for subscribing to (or removing) `choice`, filters included."""
    fields = [KIND_CODES[choice.kind], choice.value.replace("|", " ")]
    if filters != Filters():
        fields += [json.dumps(list(filters.include)), json.dumps(list(filters.exclude))]
        fields.append("w" if filters.worse_only else "")
    return cb.encode(action, *fields)


def read_sub(fields: tuple[str, ...]) -> tuple[Choice, Filters] | None:
    """The choice and filters of a verified sub/unsub button; None if malformed."""
    if len(fields) not in (2, 5) or fields[0] not in CODE_KINDS:
        return None
    choice = Choice(CODE_KINDS[fields[0]], fields[1], fields[1])
    if len(fields) == 2:
        return choice, Filters()
    try:
        include, exclude = json.loads(fields[2]), json.loads(fields[3])
    except ValueError:
        return None
    return choice, Filters(tuple(include), tuple(exclude), fields[4] == "w")


def keyboard(
    cb: Callbacks, action: str, choices: Sequence[Choice], filters: Filters = Filters()
) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    one_line(c.label, 60), callback_data=sub_data(cb, action, c, filters)
                )
            ]
            for c in choices
        ]
    )
