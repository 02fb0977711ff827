"""What a /subscribe argument can mean, and the inline buttons that let the user choose.

Button data is limited to 64 bytes by Telegram and comes back from the client, so it is
parsed strictly: an action, a filter kind from a fixed set, and a value; longer values
travel by a short token kept in memory (a token unknown after a restart is "expired").
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bots.measures import MeasureInfo
from bots.render.document import one_line

MAX_BUTTONS = 8
_KINDS = {"a": "all", "s": "source", "g": "tag", "t": "topic"}
_CODES = {v: k for k, v in _KINDS.items()}
ACTIONS = ("sub", "unsub")


@dataclass(frozen=True)
class Choice:
    kind: str  # all | source | tag | topic
    value: str
    label: str


def resolve(
    query: str, sources: Iterable[str], tags: Iterable[str], measures: Sequence[MeasureInfo]
) -> tuple[list[Choice], bool]:
    """The choices a query may mean, and whether the first is certain (subscribe at once)."""
    q = " ".join(query.split()).lower()
    if not q:
        return [Choice("all", "", "Everything")], True
    sources, tags = sorted(set(sources)), sorted(set(tags))
    for s in sources:
        if s.lower() == q:
            return [Choice("source", s.lower(), f"Source: {s}")], True
    for t in tags:
        if t.lower() == q:
            return [Choice("tag", t.lower(), f"Tag: {t}")], True
    out: list[Choice] = []
    topic_words = dict.fromkeys(t.lower() for m in measures for t in m.topics)
    out += [Choice("topic", t, f"Topic: {t}") for t in topic_words if t == q]
    out += [Choice("source", s.lower(), f"Source: {s}") for s in sources if q in s.lower()]
    out += [Choice("tag", t.lower(), f"Tag: {t}") for t in tags if q in t.lower()]
    out += [Choice("topic", m.key, f"Measure: {one_line(m.label, 50)}") for m in measures]
    out += [Choice("topic", t, f"Topic: {t}") for t in topic_words if q in t and t != q]
    seen: set[tuple[str, str]] = set()
    unique = []
    for c in out:
        if (c.kind, c.value) not in seen:
            seen.add((c.kind, c.value))
            unique.append(c)
    return unique[:MAX_BUTTONS], False


def encode(action: str, kind: str, value: str, store: MutableMapping[str, tuple[str, str]]) -> str:
    data = f"{action}|{_CODES[kind]}|{value}"
    if len(data.encode("utf-8")) <= 64:
        return data
    token = hashlib.sha256(f"{kind}|{value}".encode()).hexdigest()[:16]
    store[token] = (kind, value)
    return f"{action}#{token}"


def decode(data: str, store: MutableMapping[str, tuple[str, str]]) -> tuple[str, str, str] | None:
    """(action, kind, value), or None for data this bot did not make (or a lost token)."""
    if len(data) > 64:
        return None
    if "#" in data:
        action, _, token = data.partition("#")
        found = store.get(token)
        return (action, *found) if action in ACTIONS and found else None
    parts = data.split("|", 2)
    if len(parts) != 3 or parts[0] not in ACTIONS or parts[1] not in _KINDS:
        return None
    return parts[0], _KINDS[parts[1]], parts[2]


def keyboard(
    action: str, choices: Sequence[Choice], store: MutableMapping[str, tuple[str, str]]
) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    one_line(c.label, 60), callback_data=encode(action, c.kind, c.value, store)
                )
            ]
            for c in choices
        ]
    )
