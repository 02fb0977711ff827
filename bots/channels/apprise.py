"""Any service Apprise speaks (Slack, Discord, Matrix, e-mail, ntfy, ...) by its URL."""

from __future__ import annotations

import itertools
import logging
import re
from typing import Literal

from pydantic import field_validator

from bots.channels.base import Channel, ChannelOptions
from bots.channels.errors import TemporaryFailure
from bots.channels.messages import Item, Part
from bots.redaction import SECRETS, Redactor, protect

# Apprise and the renderers are imported when a channel is built or renders, not when the
# config (which validates AppriseOptions) loads: `inspectwatch check` stays quick.


class AppriseOptions(ChannelOptions):
    kind: Literal["apprise"] = "apprise"
    url: str  # an Apprise URL, e.g. "slack://T000/B000/XXXX" or "ntfys://topic"; may hold secrets
    format: Literal["markdown", "text", "html"] = "markdown"

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        if "://" not in v:
            raise ValueError("must be an Apprise URL such as 'slack://...' or 'mailto://...'")
        return v.strip()


class AppriseChannel(Channel, kind="apprise"):
    """One Apprise URL; secrets in it are registered for redaction and masked in messages."""

    Options = AppriseOptions
    options: AppriseOptions

    def __init__(
        self, options: AppriseOptions, *, max_figures: int = 6, redactor: Redactor = SECRETS
    ) -> None:
        import apprise

        super().__init__(options, max_figures=max_figures)
        self.apprise = apprise.Apprise()
        if not self.apprise.add(options.url):
            scheme = options.url.split("://", 1)[0]
            raise ValueError(
                f"channels[{options.name}].url: Apprise cannot use this {scheme}:// URL"
            )
        self.display_url: str = self.apprise[0].url(privacy=True)
        self.redactor = redactor
        for secret in _secrets_of(options.url, self.display_url):
            protect(secret, redactor)
        self._ids = itertools.count(1)

    def render(self, item: Item) -> list[Part]:
        from bots.render.markdown import to_markdown
        from bots.render.plain import to_plain
        from bots.render.telegram_html import to_html

        doc = self.document(item)
        fmt = self.options.format
        if fmt == "html":
            body = "".join(to_html(doc, limit=10**9)).replace("\n", "<br/>")
        elif fmt == "markdown":
            body = to_markdown(doc)
        else:
            body = to_plain(doc)
        return [Part(body, format=fmt, title=doc.title)]

    async def send_part(self, address: str, part: Part, chat_type: str = "private") -> str:
        import apprise

        formats = {
            "markdown": apprise.NotifyFormat.MARKDOWN,
            "text": apprise.NotifyFormat.TEXT,
            "html": apprise.NotifyFormat.HTML,
        }
        # async_notify returns a bare bool; the reason is only in Apprise's log, so capture it.
        with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured:
            result = await self.apprise.async_notify(
                body=part.text, title=part.title, body_format=formats[part.format]
            )
        if result:
            return f"{self.name}-{next(self._ids)}"
        reasons = "; ".join(line for line in captured.getvalue().splitlines() if line.strip())
        raise TemporaryFailure(
            self.redactor.redact(f"{self.display_url}: {reasons[:500] or 'notification failed'}")
        )


def _secrets_of(url: str, masked: str) -> list[str]:
    """Parts of the URL that Apprise's privacy view hides: tokens, passwords, keys."""
    parts = [p for p in re.split(r"[/:@?&=#,]+", url.split("://", 1)[-1]) if len(p) >= 6]
    return [url, *(p for p in parts if p not in masked)]
