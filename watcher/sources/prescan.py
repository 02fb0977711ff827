"""What is done to a fetched body before a parser sees it, each step linear in its size
(finds and single-repetition patterns only, never a pattern with nested repetition over
the body), so a hostile body costs no more than a long one.

- `defuse`: a DOCTYPE's internal subset removed (entity declarations cannot expand);
  entities defined through other entities refused.
- `safe_charrefs`: character references to code points that are no characters
  (`&#xD800;`, `&#x110000;`, `&#0;`) rewritten as U+FFFD, which feedparser would choke on.
- `cut_entries`: a feed cut after its `max_entries`-th item, its open elements closed, so
  a 12 MB feed of tiny items is not parsed whole for the 100 entries that are kept.
- `skip_prolog`: where the first element starts, past whitespace, `<?xml ...?>` and comments.
"""

from __future__ import annotations

import re

from watcher.errors import ParseError

HEAD = 65536  # where a DOCTYPE must start
_PREDEFINED = {b"amp", b"lt", b"gt", b"quot", b"apos"}
_SPECIAL = re.compile(rb"[\"'<\[\]>]")
_ENTITY_REF = re.compile(rb"[&%]([\w.:-]+);")
_NAME = re.compile(rb"\s*%?\s*([\w.:-]+)\s*")
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_ITEM_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")
_ITEM_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s>/]")
_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)[^<>]*>")


def _find_ci(body: bytes, needle: bytes, start: int = 0, end: int | None = None) -> int:
    """bytes.find, ignoring ASCII case (`needle` lower-case). Linear."""
    k = body[start:end].lower().find(needle)
    return k + start if k >= 0 else -1


def _doctype_end(body: bytes, start: int) -> int | None:
    """Index just past the DOCTYPE that starts at `start`: its closing `>` outside quotes,
    comments and the bracketed internal subset. None when it never closes."""
    i, depth = start + 9, 0
    while True:
        m = _SPECIAL.search(body, i)
        if m is None:
            return None
        i, c = m.start(), body[m.start()]
        if c in b"\"'":
            j = body.find(bytes([c]), i + 1)
            if j < 0:
                return None
            i = j + 1
        elif c == ord("<") and body.startswith(b"<!--", i):
            j = body.find(b"-->", i + 4)
            if j < 0:
                return None
            i = j + 3
        else:
            depth += c == ord("[")
            depth -= c == ord("]")
            if c == ord(">") and depth <= 0:
                return i + 1
            i += 1


def _entity_values(subset: bytes) -> list[bytes]:
    """The quoted replacement text of each <!ENTITY> in a DOCTYPE."""
    values, i, low = [], 0, subset.lower()
    while (i := low.find(b"<!entity", i)) >= 0:
        m = _NAME.match(subset, i + 8)
        i += 8
        if m is None:
            continue
        j = m.end()
        if j < len(subset) and subset[j] in b"\"'":
            k = subset.find(bytes([subset[j]]), j + 1)
            if k > j:
                values.append(subset[j + 1 : k])
                i = k + 1
    return values


def defuse(body: bytes) -> tuple[bytes, list[str]]:
    """Entity declarations in a feed's DOCTYPE: entities defined through other entities
    (the "billion laughs" attack) make the feed refused (ParseError); plain ones are
    removed with the subset and reported, so nothing can expand whatever the parser
    underneath does."""
    if b"<!entity" not in body[:HEAD].lower():
        return body, []
    start = _find_ci(body, b"<!doctype", 0, HEAD)
    end = _doctype_end(body, start) if start >= 0 else None
    if end is None:
        raise ParseError("the feed declares XML entities outside a well-formed DOCTYPE; refused")
    for value in _entity_values(body[start:end]):
        refs = {m.group(1).lower() for m in _ENTITY_REF.finditer(value)}
        if refs - _PREDEFINED:
            raise ParseError(
                "the feed defines XML entities through other entities "
                "(an entity-expansion attack); refused"
            )
    return body[:start] + body[end:], ["the feed declares XML entities; they were ignored"]


def _charref(m: re.Match[bytes]) -> bytes:
    hexa, dec = m.group(1), m.group(2)
    digits = (hexa or dec).lstrip(b"0") or b"0"
    if len(digits) > 8:
        return b"&#xFFFD;"
    cp = int(digits, 16 if hexa else 10)
    bad = cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF or cp in (0xFFFE, 0xFFFF)
    bad = bad or (cp < 0x20 and cp not in (9, 10, 13))
    return b"&#xFFFD;" if bad else m.group(0)


def safe_charrefs(body: bytes) -> tuple[bytes, int]:
    """Character references to non-characters replaced by `&#xFFFD;`; how many there were."""
    if b"&#" not in body:
        return body, 0
    count = 0

    def sub(m: re.Match[bytes]) -> bytes:
        nonlocal count
        out = _charref(m)
        count += out is not m.group(0)
        return out

    return _CHARREF.sub(sub, body), count


def cut_entries(body: bytes, max_entries: int) -> tuple[bytes, bool]:
    """The body up to the end of its `max_entries`-th item or entry, with the elements
    open before the first item closed again (`</channel></rss>`, `</feed>`). Unchanged
    when it has no more items than that. Whether it was cut."""
    ends = _ITEM_END.finditer(body)
    last = None
    for n, m in enumerate(ends, 1):
        if n == max_entries:
            last = m
        elif n > max_entries:
            break
    else:
        return body, False
    assert last is not None
    first = _ITEM_START.search(body)
    head = body[: first.start() if first else 0]
    stack: list[bytes] = []
    for t in _TAG.finditer(head):
        closing, name = t.group(1), t.group(2)
        if t.group(0).endswith(b"/>"):
            continue
        if not closing:
            stack.append(name)
        elif name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
    closers = b"".join(b"</" + name + b">" for name in reversed(stack))
    return body[: last.end()] + closers, True


def skip_prolog(head: bytes) -> int:
    """Where the first element (or DOCTYPE) of `head` starts: past whitespace, a BOM, the
    XML declaration, processing instructions and comments."""
    i = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while i < len(head) and head[i] in b" \t\r\n\f":
            i += 1
        if head.startswith(b"<!--", i):
            j = head.find(b"-->", i + 4)
            if j < 0:
                return len(head)
            i = j + 3
        elif head.startswith(b"<?", i):
            j = head.find(b"?>", i + 2)
            if j < 0:
                return len(head)
            i = j + 2
        else:
            return i
