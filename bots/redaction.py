"""Keep the bot token (and other secrets) out of every log line, error and traceback.

python-telegram-bot and httpx log request URLs, and the Bot API URL holds the token;
PTB's own InvalidToken message quotes it. `protect(secret)` registers a secret with a
process-wide redactor that rewrites log records as they are created (so every handler,
caplog included, sees the redacted text, tracebacks too) and quietens the loggers that
print URLs. Channels also pass their error texts through `redact()` before raising.

The CLI's handler-level filter (watcher/logs.REDACTOR) stays in place; this one does not
depend on how logging was configured, which is what `bots` can promise on its own.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Iterable

# Loggers that print request URLs (with the token) at INFO/DEBUG.
URL_LOGGERS = ("httpx", "httpcore", "telegram.Bot", "telegram.ext.ExtBot", "hpack")
_MIN_SECRET = 6


class Redactor(logging.Filter):
    """Replaces every registered secret with [REDACTED]; usable as a logging filter too."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets: list[str] = []
        self._lock = threading.Lock()
        for s in secrets:
            self.add(s)

    def add(self, secret: str | None) -> None:
        if not secret or len(secret) < _MIN_SECRET:
            return
        with self._lock:
            candidates = {secret}
            if ":" in secret:  # a bot token "123:ABC": the part after the colon is the secret
                candidates.add(secret.split(":", 1)[1])
            for c in candidates:
                if len(c) >= _MIN_SECRET and c not in self._secrets:
                    self._secrets.append(c)
            self._secrets.sort(key=len, reverse=True)

    def redact(self, text: object) -> str:
        out = str(text)
        for s in self._secrets:
            if s in out:
                out = out.replace(s, "[REDACTED]")
        return out

    def filter(self, record: logging.LogRecord) -> bool:
        self.scrub(record)
        return True

    def scrub(self, record: logging.LogRecord) -> None:
        if not self._secrets:
            return
        try:
            message = record.getMessage()
        except Exception:  # a bad format string is not ours to fix here
            message = str(record.msg)
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            clean = self.redact(text)
            if clean != text:  # formatters use exc_text when it is set, so this is what prints
                record.exc_text = clean
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)


SECRETS = Redactor()
_ACTIVE: list[Redactor] = []  # redactors the log record factory applies
_installed = False
_install_lock = threading.Lock()


def protect(secret: str | None, redactor: Redactor = SECRETS) -> Redactor:
    """Register a secret, install the record-level redaction once, quieten URL loggers."""
    global _installed
    redactor.add(secret)
    with _install_lock:
        if redactor not in _ACTIVE:
            _ACTIVE.append(redactor)
        if not _installed:
            previous = logging.getLogRecordFactory()

            def factory(*args, **kwargs) -> logging.LogRecord:
                record = previous(*args, **kwargs)
                for r in _ACTIVE:
                    r.scrub(record)
                return record

            logging.setLogRecordFactory(factory)
            _installed = True
    for name in URL_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)
    return redactor


def redact(text: object) -> str:
    return SECRETS.redact(text)
