"""Politeness per host: at most `per_host` requests in flight to one host name at a time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit


def host_of(url: str) -> str:
    """The host name a URL points at, lower-case, without port ("" when it has none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class HostLimiter:
    """One bounded semaphore per host, made on first use. Shared by every thread of a poll
    (or of the whole service, when the caller passes the same Fetcher along)."""

    def __init__(self, per_host: int) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        self.per_host = per_host
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            sem = self._slots.get(host)
            if sem is None:
                sem = self._slots[host] = threading.BoundedSemaphore(self.per_host)
            return sem

    @contextmanager
    def slot(self, host: str, timeout: float | None = None) -> Iterator[None]:
        """Hold one of the host's slots for the duration of the block. With `timeout`,
        raise TimeoutError when no slot frees up in time."""
        sem = self._semaphore(host)
        if not sem.acquire(timeout=timeout):
            raise TimeoutError(f"no free connection slot for {host} within {timeout:.0f}s")
        try:
            yield
        finally:
            sem.release()
