"""Hosts: politeness per host (at most `per_host` requests in flight to one host name at a
time, and jobs run so that no host has more than `per_host` of them going), and which
addresses a link found in content may reach (public ones only, unless trusted)."""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import TypeVar
from urllib.parse import urlsplit

log = logging.getLogger(__name__)
T = TypeVar("T")
Origin = tuple[str, str, int]
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def host_of(url: str) -> str:
    """The host name a URL points at, lower-case, without port ("" when it has none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def origin_of(url: str) -> Origin | None:
    """(scheme, host, port) of a URL, default ports filled in; None when it has no host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower().rstrip(".")
    if not host:
        return None
    return scheme, host, port if port is not None else _DEFAULT_PORTS.get(scheme, 0)


def refused_reason(address: str) -> str | None:
    """Why a link in content may not reach this IP address ("loopback", "private", ...),
    or None when it is public. IPv4-mapped and 6to4 IPv6 addresses are judged by the IPv4
    address inside them."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "unreadable"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is not None:
            return refused_reason(str(inner))
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("shared (CGNAT)", ip in _CGNAT),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved or not ip.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def resolve_public(host: str, port: int) -> str:
    """Resolve `host` once and return an address to connect to, every address it has being
    public. Raises LookupError (unknown name) or PermissionError (saying which address)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise LookupError(f"cannot resolve {host}: {exc}") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for address in addresses:
        reason = refused_reason(address)
        if reason:
            shown = host if host == address else f"{host} ({address})"
            raise PermissionError(f"{shown} is a {reason} address")
    if not addresses:
        raise LookupError(f"cannot resolve {host}: no address")
    return addresses[0]


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


def run_bounded(
    jobs: list[tuple[str, Callable[[], T]]],
    *,
    concurrency: int,
    per_host: int,
    on_done: Callable[[int, T], None] | None = None,
) -> list[T]:
    """Run (host, job) pairs on `concurrency` threads with at most `per_host` jobs of one
    host running at once. Jobs waiting for their host do not hold a thread, so the other
    hosts' jobs go ahead. Results in the order of `jobs`."""
    queues: dict[str, deque[int]] = {}
    for i, (host, _job) in enumerate(jobs):
        queues.setdefault(host, deque()).append(i)
    running: Counter[str] = Counter()
    results: dict[int, T] = {}
    futures: dict[Future[T], tuple[int, str]] = {}
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="poll")
    try:

        def fill() -> None:
            progress = True
            while progress and len(futures) < concurrency:
                progress = False
                for host, queue in queues.items():  # one per host per round: fair
                    if len(futures) >= concurrency:
                        break
                    if queue and running[host] < per_host:
                        i = queue.popleft()
                        running[host] += 1
                        futures[pool.submit(jobs[i][1])] = (i, host)
                        progress = True

        fill()
        while futures:
            done, _ = wait(list(futures), return_when=FIRST_COMPLETED)
            for fut in done:
                i, host = futures.pop(fut)
                running[host] -= 1
                results[i] = fut.result()
                if on_done is not None:
                    try:
                        on_done(i, results[i])
                    except Exception:  # a listener's bug must not end the poll
                        log.exception("a job listener failed")
            fill()
    except BaseException:  # Ctrl-C, or the caller's own failure: do not wait for requests
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return [results[i] for i in range(len(jobs))]
