"""One digest, one set of words: what `replay --format text` prints (the digest's plain
message) is what Telegram shows and what Apprise's Markdown says, rendered from the same
document. Checked on digests the summariser built from real development documents too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bots.render.digest import digest_doc, plain_message
from bots.render.markdown import to_markdown
from bots.render.telegram_html import to_html
from summariser import analyse, build_digest
from tests.bots.conftest import make_digest
from tests.bots.test_render_telegram import accepted
from watcher.extract import load_path

REALWORLD = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "realworld-dev" / "docs"


def _words(text: str) -> list[str]:
    """The words a reader sees, whatever the markup: links' targets and emphasis dropped."""
    text = re.sub(r"<https?://[^>]*>", "", text)  # plain text shows a link's target
    text = re.sub(r"\]\([^)]*\)", "", text)  # Markdown's link targets
    return re.findall(r"[\w%£$€.,:;'’()–—▲▼=•…/-]+", text.replace("*", " ").replace("_", " ").replace("[", " "))


def _same_words(d) -> None:
    plain = plain_message(d)
    (telegram,) = accepted(to_html(digest_doc(d), limit=10**6), limit=10**6)
    assert _words(telegram) == _words(plain)
    assert _words(to_markdown(digest_doc(d))) == _words(plain)


def test_telegram_markdown_and_plain_say_the_same_words() -> None:
    _same_words(make_digest(2))


@pytest.mark.parametrize("name", ["223.txt", "241.txt", "249.txt", "237.txt"])
def test_the_same_words_on_digests_of_real_documents(name: str) -> None:
    path = REALWORLD / name
    if not path.is_file():
        pytest.skip(f"no development corpus at {REALWORLD}")
    doc = load_path(path)
    _same_words(build_digest(doc, analyse(doc), []))
