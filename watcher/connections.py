"""What requests cannot do on its own, done where urllib3 opens sockets.

- A deadline over the whole request: connect, headers and body. Read timeouts apply to
  each read only, so a server dripping one byte a second could hold a request for ever;
  here a timer shuts the request's sockets when its deadline passes.
- Links found in content reach public addresses only: the host is resolved once, every
  address it has is checked, and the socket connects to the checked address (no second
  lookup a rebinding DNS server could answer differently).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from watcher.errors import FetchError, LinkRefused
from watcher.hosts import resolve_public

_local = threading.local()


class Deadline:
    """One request's deadline on the monotonic clock. Used as a context manager around the
    request, on the thread that makes it; when it passes, the sockets are shut down, so a
    blocked read returns at once and `expired` says why."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._conns: list[HTTPConnection] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def remaining(self) -> float:
        return max(0.0, self.ends - time.monotonic())

    def watch(self, conn: HTTPConnection) -> None:
        with self._lock:
            if self.expired:
                raise FetchError(self.message("before the request was sent"))
            self._conns.append(conn)

    def message(self, when: str) -> str:
        return f"deadline of {self.seconds:g}s passed {when}"

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            conns = list(self._conns)
        for conn in conns:
            sock = getattr(conn, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):  # the plain socket's, under any TLS
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def __enter__(self) -> Deadline:
        _local.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _local.deadline = None


def current_deadline() -> Deadline | None:
    return getattr(_local, "deadline", None)


class _Guards:
    """Mixed into urllib3's connections: the deadline, and (when `public_only`) the check
    of the address before connecting."""

    public_only = False
    _dns_host: str
    host: str
    port: int
    timeout: Any

    def _new_conn(self) -> socket.socket:
        deadline = current_deadline()
        if deadline is not None:
            if deadline.expired:
                raise FetchError(deadline.message("before connecting"))
            if isinstance(self.timeout, int | float):
                self.timeout = max(0.001, min(float(self.timeout), deadline.remaining()))
        if not self.public_only:
            return super()._new_conn()  # type: ignore[misc]
        try:
            address = resolve_public(self._dns_host, self.port)
        except PermissionError as exc:
            raise LinkRefused(
                f"refused: {exc}; links in content may reach only public addresses, the "
                "source's own site, or what fetch.allow_private lists"
            ) from None
        except LookupError as exc:
            raise FetchError(f"cannot connect: {exc}") from None
        name, self._dns_host = self._dns_host, address
        try:
            return super()._new_conn()  # type: ignore[misc]
        finally:
            self._dns_host = name

    def request(self, *args: Any, **kwargs: Any) -> Any:
        deadline = current_deadline()
        if deadline is not None:
            deadline.watch(self)  # type: ignore[arg-type]
        return super().request(*args, **kwargs)  # type: ignore[misc]


class _HTTP(_Guards, HTTPConnection):
    pass


class _HTTPS(_Guards, HTTPSConnection):
    pass


class _PublicHTTP(_HTTP):
    public_only = True


class _PublicHTTPS(_HTTPS):
    public_only = True


def _pools(public_only: bool) -> dict[str, type[HTTPConnectionPool]]:
    http, https = (_PublicHTTP, _PublicHTTPS) if public_only else (_HTTP, _HTTPS)
    return {
        "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
        "https": type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
    }


class GuardedAdapter(HTTPAdapter):
    """requests' adapter with the connections above. `public_only`: every connection it
    opens is to a checked public address (its pool never holds any other)."""

    def __init__(self, public_only: bool = False, **kwargs: Any) -> None:
        self.public_only = public_only
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _pools(self.public_only)  # type: ignore[assignment]

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        manager.pool_classes_by_scheme = _pools(False)  # the proxy is the operator's choice
        return manager
