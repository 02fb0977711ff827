"""A local HTTP server that serves the feeds, pages and PDFs a test writes.

Threaded, on 127.0.0.1 (or another loopback address) with an ephemeral port. It answers
conditional GETs (ETag / Last-Modified -> 304), gzips when asked, redirects, fails with any
status and Retry-After, hangs, drips, truncates or streams forever, and records every
request (headers, host, timing) and the most requests it had in flight at once, overall
and per Host header. A test may change what it serves between polls with `add()`.

Use it as a pytest fixture (`feed_server`) or as a context manager (`FeedServerProcess`
runs one in a child process, for benchmarks):

    with FeedServer() as server:
        server.feed("/feed/", rss_bytes)
        url = server.url("/feed/")
"""

from __future__ import annotations

import gzip as gzip_mod
import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

import pytest

Behaviour = Literal["normal", "hang", "endless", "truncate", "drip"]

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
PDF = "application/pdf"


def http_date(ts: float) -> str:
    """An HTTP date (RFC 7231) for a Unix time."""
    return formatdate(ts, usegmt=True)


@dataclass
class Route:
    """What one path answers. Change the fields (or call `FeedServer.add` again) between polls."""

    body: bytes = b""
    status: int = 200
    content_type: str = HTML
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    delay: float = 0.0  # seconds the server waits before answering
    behaviour: Behaviour = "normal"
    claimed_length: int | None = None  # "truncate": the Content-Length announced
    chunk: bytes = b"x" * 65536  # "endless": what is sent again and again
    drip_interval: float = 0.0  # "drip": pause between single bytes


@dataclass(slots=True)
class Hit:
    """One request as the server saw it. Recorded as soon as it arrives (so a client that
    got its answer always finds it here); `status` and `ended` are set once answered."""

    method: str
    path: str
    host: str  # hostname from the Host header, without the port
    headers: dict[str, str]  # lower-case names
    started: float
    status: int = 0
    ended: float | None = None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256
    block_on_close = False
    owner: FeedServer

    def handle_error(self, request, client_address) -> None:  # clients hanging up: not news
        return


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        return

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        owner = self.server.owner
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        self._hit = Hit(
            method=self.command,
            path=self.path,
            host=host,
            headers={k.lower(): v for k, v in self.headers.items()},
            started=time.monotonic(),
        )
        owner._enter(self._hit)
        status = 0
        try:
            status = self._answer(owner, head)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            self.close_connection = True
        finally:
            self._done(status)

    def _done(self, status: int) -> None:
        """Count the request as answered: called before the last bytes go out, so the
        client cannot start its next request while this one still counts as in flight."""
        if self._hit.ended is None:
            self._hit.status = status or self._hit.status
            self.server.owner._leave(self._hit)

    def _answer(self, owner: FeedServer, head: bool) -> int:
        route = owner._route(self.path)
        if route is None:
            return self._send(404, b"not found\n", {"Content-Type": "text/plain"}, head)
        if route.delay and owner._stopping.wait(route.delay):
            return 0
        if route.behaviour == "hang":
            owner._stopping.wait()
            self.close_connection = True
            return 0
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if route.status == 200 and _not_modified(self.headers, route):
            return self._send(
                304, b"", {k: v for k, v in headers.items() if k != "Content-Type"}, True
            )
        body = route.body
        if route.gzip and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip_mod.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
        if route.behaviour == "endless":
            return self._endless(route, headers, owner)
        if route.behaviour == "truncate":
            self.send_response(route.status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(route.claimed_length or len(body) * 2))
            self.end_headers()
            self._done(route.status)
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
            return route.status
        if route.behaviour == "drip":
            self.send_response(route.status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for i in range(len(body)):
                if i == len(body) - 1:
                    self._done(route.status)
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
                if owner._stopping.wait(route.drip_interval):
                    break
            self.close_connection = True
            return route.status
        return self._send(route.status, body, headers, head)

    def _send(self, status: int, body: bytes, headers: dict[str, str], head: bool) -> int:
        self._done(status)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and status != 304 and body:
            self.wfile.write(body)
        return status

    def _endless(self, route: Route, headers: dict[str, str], owner: FeedServer) -> int:
        self.send_response(route.status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        frame = f"{len(route.chunk):x}\r\n".encode() + route.chunk + b"\r\n"
        while not owner._stopping.is_set():
            self.wfile.write(frame)  # ends with BrokenPipe when the client gives up
        self.close_connection = True
        return route.status


def _not_modified(request_headers, route: Route) -> bool:
    inm = request_headers.get("If-None-Match")
    if inm is not None and route.etag:
        return route.etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
    ims = request_headers.get("If-Modified-Since")
    if ims and route.last_modified:
        try:
            return parsedate_to_datetime(route.last_modified) <= parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


class FeedServer:
    """The server and what it serves; see the module docstring."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self._routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._hits: list[Hit] = []
        self._in_flight: Counter[str] = Counter()
        self._max_in_flight: Counter[str] = Counter()
        self._total_in_flight = 0
        self._max_total = 0
        self._changed = threading.Condition(self._lock)
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ life cycle

    def start(self) -> FeedServer:
        self._httpd = _Server((self.host, 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    def url(self, path: str = "/", host: str | None = None) -> str:
        """The address of `path`; `host` names the server otherwise (e.g. "localhost"),
        which a client treats as another host."""
        return f"http://{host or self.host}:{self.port}{path}"

    # ------------------------------------------------------------ what it serves

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        content_type: str = HTML,
        status: int = 200,
        headers: dict[str, str] | None = None,
        etag: bool | str = True,
        last_modified: str | float | None = None,
        gzip: bool = False,
        delay: float = 0.0,
    ) -> Route:
        """Serve `body` at `path` (replacing what was there). `etag=True` derives a strong
        ETag from the body; `last_modified` is an HTTP date or a Unix time."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        tag = (
            f'"{hashlib.sha1(data).hexdigest()[:16]}"'
            if etag is True
            else (etag or None)
            if isinstance(etag, str)
            else None
        )
        lm = http_date(last_modified) if isinstance(last_modified, int | float) else last_modified
        route = Route(
            body=data,
            status=status,
            content_type=content_type,
            headers=dict(headers or {}),
            etag=tag,
            last_modified=lm,
            gzip=gzip,
            delay=delay,
        )
        with self._lock:
            self._routes[path] = route
        return route

    def feed(self, path: str, xml: bytes | str, **kw) -> Route:
        kw.setdefault("content_type", ATOM if b"<feed" in _b(xml)[:500] else RSS)
        return self.add(path, xml, **kw)

    def page(self, path: str, html: bytes | str, **kw) -> Route:
        return self.add(path, html, content_type=HTML, **kw)

    def pdf(self, path: str, data: bytes, **kw) -> Route:
        return self.add(path, data, content_type=PDF, **kw)

    def redirect(self, path: str, to: str, status: int = 302) -> Route:
        return self.add(path, b"", status=status, headers={"Location": to}, etag=False)

    def fail(
        self, path: str, status: int, *, retry_after: str | int | None = None, body: bytes = b""
    ) -> Route:
        headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
        return self.add(
            path, body, status=status, headers=headers, etag=False, content_type="text/plain"
        )

    def hang(self, path: str) -> Route:
        """Accept the request and never answer (until the server stops)."""
        return self._special(path, Route(behaviour="hang"))

    def endless(self, path: str, content_type: str = RSS) -> Route:
        """Answer 200 and stream a body that never ends."""
        return self._special(path, Route(behaviour="endless", content_type=content_type))

    def truncated(self, path: str, body: bytes, claimed_length: int, **kw) -> Route:
        """Announce `claimed_length` bytes, send `body`, close the connection."""
        return self._special(
            path, Route(body=body, behaviour="truncate", claimed_length=claimed_length, **kw)
        )

    def drip(self, path: str, body: bytes, interval: float, **kw) -> Route:
        """Send the body one byte at a time, `interval` seconds apart."""
        return self._special(path, Route(body=body, behaviour="drip", drip_interval=interval, **kw))

    def remove(self, path: str) -> None:
        with self._lock:
            self._routes.pop(path, None)

    def _special(self, path: str, route: Route) -> Route:
        with self._lock:
            self._routes[path] = route
        return route

    def _route(self, path: str) -> Route | None:
        with self._lock:
            return self._routes.get(path) or self._routes.get(path.split("?", 1)[0])

    # ------------------------------------------------------------ what it saw

    def _enter(self, hit: Hit) -> None:
        host = hit.host
        with self._lock:
            self._hits.append(hit)
            self._in_flight[host] += 1
            self._total_in_flight += 1
            self._max_in_flight[host] = max(self._max_in_flight[host], self._in_flight[host])
            self._max_total = max(self._max_total, self._total_in_flight)
            self._changed.notify_all()

    def _leave(self, hit: Hit) -> None:
        with self._lock:
            if hit.ended is not None:
                return
            hit.ended = time.monotonic()
            self._in_flight[hit.host] -= 1
            self._total_in_flight -= 1
            self._changed.notify_all()

    def hits(self, path: str | None = None) -> list[Hit]:
        """Requests received, in the order they arrived; `path` without its query matches too."""
        with self._lock:
            hits = list(self._hits)
        if path is None:
            return hits
        return [h for h in hits if h.path == path or h.path.split("?", 1)[0] == path]

    def count(self, path: str | None = None) -> int:
        return len(self.hits(path))

    def max_in_flight(self, host: str | None = None) -> int:
        """The most requests in flight at once: overall, or for one Host name."""
        with self._lock:
            return self._max_total if host is None else self._max_in_flight[host]

    def in_flight(self, host: str | None = None) -> int:
        with self._lock:
            return self._total_in_flight if host is None else self._in_flight[host]

    def wait_for(self, predicate, timeout: float = 5.0) -> bool:
        """Block until `predicate(self)` holds (re-checked whenever a request starts or ends)."""
        deadline = time.monotonic() + timeout
        while not predicate(self):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            with self._changed:
                self._changed.wait(min(remaining, 0.05))
        return True

    def reset_stats(self) -> None:
        with self._lock:
            self._hits.clear()
            self._max_in_flight.clear()
            self._max_total = self._total_in_flight


def _b(x: bytes | str) -> bytes:
    return x.encode("utf-8") if isinstance(x, str) else x


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A started FeedServer on 127.0.0.1, stopped after the test."""
    with FeedServer() as server:
        yield server


class FeedServerProcess:
    """A FeedServer in a child process, driven through the same methods (add, feed, page,
    fail, hang, url, hits, max_in_flight...). For benchmarks: the server's threads then do
    not share the client's interpreter lock, so the client's timings are its own."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self._conn = None
        self._proc = None

    def start(self) -> FeedServerProcess:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve_child, args=(self.host, child), daemon=True)
        self._proc.start()
        child.close()  # so a child that dies is an EOFError here, not a hang
        self._conn = parent
        self._call("start")
        return self

    def _call(self, name: str, *args, **kwargs):
        assert self._conn is not None, "server process not started"
        self._conn.send((name, args, kwargs))
        ok, value = self._conn.recv()
        if not ok:
            raise value
        return value

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self._call(name, *args, **kwargs)

    def stop(self) -> None:
        if self._proc is not None:
            try:
                self._call("stop")
                self._conn.send(None)
            except (EOFError, OSError):
                pass
            self._proc.join(timeout=5)
            if self._proc.is_alive():
                self._proc.kill()
            self._proc = None

    def __enter__(self) -> FeedServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _serve_child(host: str, conn) -> None:
    server = FeedServer(host)
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            break
        if msg is None:
            break
        name, args, kwargs = msg
        try:
            result = getattr(server, name)(*args, **kwargs)
            conn.send((True, None if result is server else result))
        except Exception as exc:
            conn.send((False, exc))
    server.stop()
