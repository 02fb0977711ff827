"""Logging: one line per event with its context, text or JSON, secrets never printed."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

CONTEXT_KEYS = ("source", "document", "chat", "digest", "delivery", "url")
URL_LIMIT = 160  # longer URLs are shortened in log lines
_URL = re.compile(r"\bhttps?://[^\s'\"<>]+", re.I)  # one class repeated: linear
_SECRET_KEYS = re.compile(r"(key|token|secret|pass|pwd|auth|sig|session|credential|code)", re.I)


def safe_url(url: str, limit: int = URL_LIMIT) -> str:
    """A URL fit for a log line: no user:password@, secret-looking query values masked,
    and at most `limit` characters (head and tail kept, the middle elided)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url[:limit]
    netloc = parts.netloc.rsplit("@", 1)[1] if "@" in parts.netloc else parts.netloc
    query = "&".join(
        f"{k}=***" if v and _SECRET_KEYS.search(k) else (f"{k}={v}" if sep else k)
        for k, sep, v in (pair.partition("=") for pair in parts.query.split("&") if pair)
    )
    out = urlunsplit(parts._replace(netloc=netloc, query=query))
    if len(out) > limit:
        head = max(limit - 41, 20)
        out = f"{out[:head]}…{out[-40:]}"
    return out


def scrub_urls(text: str) -> str:
    return _URL.sub(lambda m: safe_url(m.group(0)), text) if "://" in text else text


class RedactFilter(logging.Filter):
    """Replace every known secret (the bot token, Apprise URLs) wherever it appears in a
    record, and write every URL in it the safe way (`safe_url`): URLs come from content
    and from operators' configs, with credentials, API keys and tens of kilobytes in them."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s and len(s) >= 6]

    def add(self, secret: str | None) -> None:
        if secret and len(secret) >= 6 and secret not in self.secrets:
            self.secrets.append(secret)

    def redact(self, text: str) -> str:
        for s in self.secrets:
            if s in text:
                text = text.replace(s, "[REDACTED]")
        return scrub_urls(text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        for key in CONTEXT_KEYS:
            val = getattr(record, key, None)
            if isinstance(val, str):
                setattr(record, key, self.redact(val))
        return True


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ctx = " ".join(
            f"{k}={getattr(record, k)}"
            for k in CONTEXT_KEYS
            if getattr(record, k, None) is not None
        )
        ts = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        line = f"{ts} {record.levelname:<7} {record.name}: {record.getMessage()}"
        if ctx:
            line += f" [{ctx}]"
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line += "\n" + record.exc_text
        return line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for k in CONTEXT_KEYS:
            if getattr(record, k, None) is not None:
                out[k] = getattr(record, k)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            out["exc"] = record.exc_text
        return json.dumps(out, ensure_ascii=False, default=str)


REDACTOR = RedactFilter()
# What the command line asked for, so the config's log_format applies only when it did not.
_CHOSEN: dict[str, object] = {"format_explicit": False, "stream": None}


def setup(level: str = "info", fmt: str = "text", stream=None, *, explicit: bool = True) -> None:
    """Configure the root logger for the CLI process. `explicit=False`: the format is only
    a default, and a config's `service.log_format` replaces it (`use_config_format`)."""
    _CHOSEN.update(format_explicit=explicit, stream=stream)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(REDACTOR)
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(level.upper())
    # Libraries that log request URLs (which hold the bot token) or chatter at INFO.
    _quiet_libraries(root.level)


def use_config_format(fmt: str) -> None:
    """The config's `service.log_format`, for every command, unless --log-format was given."""
    root = logging.getLogger()
    if _CHOSEN["format_explicit"] or not root.handlers:
        return
    for h in root.handlers:
        if isinstance(h, logging.StreamHandler):
            h.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())


def _quiet_libraries(level: int) -> None:
    for noisy in (
        "httpx",
        "httpcore",
        "telegram.ext.Updater",
        "urllib3",
        "trafilatura",
        "alembic",
    ):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, level))
