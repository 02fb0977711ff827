"""Button data the bot makes, signed so a client cannot forge it (issue 15, item 9).

Telegram returns `callback_data` (at most 64 bytes) exactly as the bot set it, but any
client can send any value. Each value is `action|field|field|signature`, the signature an
HMAC over the rest with a key derived from the bot token; a value too long for 64 bytes
is kept server-side and travels as a random handle (`~action|handle`), which after a
restart is simply unknown. Anything that does not verify is refused, never acted on.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections import OrderedDict

LIMIT = 64
SIG = 8  # characters of base64: 48 bits
ACTIONS = frozenset({"sub", "unsub", "fig", "trend", "group", "measures", "poll", "mode", "near"})
KEEP = 2000  # long values remembered server-side, newest kept


class Callbacks:
    """Encode and verify button data for one bot."""

    def __init__(self, token: str) -> None:
        self._key = hashlib.sha256(f"inspectwatch-callback:{token}".encode()).digest()
        self._long: OrderedDict[str, tuple[str, ...]] = OrderedDict()

    def encode(self, action: str, *fields: str) -> str:
        if action not in ACTIONS or any("|" in f for f in fields):
            raise ValueError(f"cannot encode {action!r} {fields!r}")
        body = "|".join((action, *fields))
        data = f"{body}|{self._sign(body)}"
        if len(data.encode("utf-8")) <= LIMIT:
            return data
        handle = secrets.token_urlsafe(9)
        self._long[handle] = (action, *fields)
        while len(self._long) > KEEP:
            self._long.popitem(last=False)
        body = f"~{action}|{handle}"
        return f"{body}|{self._sign(body)}"

    def decode(self, data: str | None) -> tuple[str, tuple[str, ...]] | None:
        """(action, fields) for data this bot made; None for anything else."""
        if not data or len(data.encode("utf-8")) > LIMIT:
            return None
        body, sep, sig = data.rpartition("|")
        if not sep or not hmac.compare_digest(sig, self._sign(body)):
            return None
        if body.startswith("~"):
            action, _, handle = body[1:].partition("|")
            found = self._long.get(handle)
            if found is None or found[0] != action:
                return None
            return found[0], found[1:]
        action, *fields = body.split("|")
        return (action, tuple(fields)) if action in ACTIONS else None

    def _sign(self, body: str) -> str:
        mac = hmac.new(self._key, body.encode("utf-8"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode()[:SIG]
