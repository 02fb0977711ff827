"""A message part without its markup: what is sent once more when a chat service cannot
parse the HTML it was given ("can't parse entities"), rather than losing the message."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

from bots.channels.messages import Part


class _TextOnly(HTMLParser):
    """Telegram HTML to what a reader sees: tags dropped, entities read, link targets kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._hrefs: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._hrefs.append(dict(attrs).get("href"))
        elif tag == "br":
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._hrefs:
            href = self._hrefs.pop()
            if href:
                self.out.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def as_plain_text(part: Part) -> Part:
    """The same part without markup, for a service that could not parse it."""
    reader = _TextOnly()
    if part.format == "html":
        reader.feed(part.text)
        reader.close()
        text = "".join(reader.out)
    else:
        text = part.text
    return dataclasses.replace(part, text=text, format="text")
