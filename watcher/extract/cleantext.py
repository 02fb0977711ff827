"""The one boundary where text from feeds, pages and PDFs becomes ours: code points that
cannot be stored or encoded (lone surrogates such as `&#xD800;`, NUL and other C0 controls
but tab and newline, U+FFFE/U+FFFF) become U+FFFD. Never raises, whatever it is given."""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
# C0 controls but \t \n \r, DEL and C1 stay out of stored text; surrogates cannot be encoded.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str | None) -> str:
    """`text` with every code point that is no character replaced by U+FFFD (linear)."""
    if not text:
        return ""
    if not isinstance(text, str):
        text = str(text)
    return _BAD.sub(REPLACEMENT, text)


def has_bad(text: str | None) -> bool:
    return bool(text) and _BAD.search(text) is not None
