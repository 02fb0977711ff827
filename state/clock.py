"""The one place state reads the time, so callers can pass their own `now`."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
