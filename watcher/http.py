"""Polite, bounded HTTP for every request the watcher makes.

A User-Agent naming the tool, conditional GET, connect/read timeouts and a deadline over
the whole request (headers included), size caps enforced while the body streams in (so an
endless or 60 MB body costs at most the cap), gzip, at most five redirects followed by
hand (each hop checked: http/https only, no loops), and at most `per_host` requests in
flight to one host. Every failure is a `FetchError` saying what went wrong, with the
status and Retry-After when there are some.

Links found in content (and every redirect hop) are fetched only when they stay on the
origin of the source the operator configured, or an origin `fetch.allow_private` lists,
or when their host's addresses are all public (`watcher.connections`); credentials in
such links are never sent.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3

from watcher.connections import Deadline, GuardedAdapter
from watcher.errors import FetchError
from watcher.hosts import HostLimiter, Origin, host_of, origin_of

if TYPE_CHECKING:  # watcher.config imports the source kinds, which import this module
    from watcher.config import FetchSettings
    from watcher.isolation import ExtractionPool

MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024
Accept = Literal["feed", "page", "pdf"]
ACCEPT_HEADERS: dict[str, str] = {
    "feed": "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
    "page": "text/html, application/xhtml+xml;q=0.9, application/pdf;q=0.8, */*;q=0.5",
    "pdf": "application/pdf, */*;q=0.5",
}


def user_agent(contact: str, version: str | None = None) -> str:
    """`inspectwatch/0.1.0 (+https://...)`: who we are and where to complain."""
    if version is None:
        from watcher import __version__ as version
    return f"inspectwatch/{version} (+{contact})"


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds ("120") or an HTTP date. None when
    missing or unreadable; never negative."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


@dataclass(frozen=True, slots=True)
class Response:
    """A successful answer: 200 with its body, or 304 (nothing new) without one."""

    url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-case names, as feedparser wants them
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        """The media type alone, lower-case: "text/html"."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf" or self.body[:5] == b"%PDF-"


class Fetcher:
    """Makes GET requests under the fetch settings. Thread-safe: one requests.Session per
    thread, one HostLimiter for all. Share one Fetcher across polls to keep the per-host
    bound across them."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        version: str | None = None,
        limiter: HostLimiter | None = None,
    ) -> None:
        self.settings = settings
        self.user_agent = user_agent(settings.user_agent_contact, version)
        self.limiter = limiter or HostLimiter(settings.per_host)
        self.trusted: frozenset[Origin] = frozenset(
            o for o in (origin_of(u) for u in getattr(settings, "allow_private", ())) if o
        )
        self._local = threading.local()
        self._sessions: list[tuple[threading.Thread, requests.Session]] = []
        self._lock = threading.Lock()
        self._pool: ExtractionPool | None = None

    @property
    def extraction(self) -> ExtractionPool:
        """The worker processes that read what this fetcher brings (started on first use,
        ended by `close`)."""
        from watcher.isolation import ExtractionPool

        with self._lock:
            if self._pool is None:
                self._pool = ExtractionPool.from_settings(self.settings)
            return self._pool

    def _session(self, public_only: bool = False) -> requests.Session:
        """This thread's session: one for trusted origins, one that connects only to
        checked public addresses (no proxies, no .netrc credentials)."""
        attr = "public" if public_only else "session"
        s = getattr(self._local, attr, None)
        if s is None:
            s = requests.Session()
            s.headers["User-Agent"] = self.user_agent
            s.max_redirects = MAX_REDIRECTS
            adapter = GuardedAdapter(public_only=public_only)
            s.mount("http://", adapter)
            s.mount("https://", adapter)
            if public_only:
                s.trust_env = False
            setattr(self._local, attr, s)
            with self._lock:
                # A long-lived Fetcher outlives the threads polls run on: close the sessions
                # of threads that have ended, or they would pile up, one per poll.
                for thread, old in self._sessions:
                    if not thread.is_alive():
                        old.close()
                self._sessions = [(t, x) for t, x in self._sessions if t.is_alive()]
                self._sessions.append((threading.current_thread(), s))
        return s

    def close(self) -> None:
        with self._lock:
            for _thread, s in self._sessions:
                s.close()
            self._sessions.clear()
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ requests

    def get(
        self,
        url: str,
        *,
        accept: Accept = "page",
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
        origin: str | None = None,
    ) -> Response:
        """GET `url`, following up to five redirects. 200 -> body, 304 -> not_modified;
        anything else raises FetchError. `origin`: the configured source URL this link was
        found in (content); without it `url` is the operator's own and only its redirect
        hops are checked. The deadline covers every hop."""
        headers = {"Accept": ACCEPT_HEADERS[accept]}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        home = origin_of(origin or url)
        seen = [url]
        current = url
        with Deadline(self._deadline()) as deadline:
            for hop in range(MAX_REDIRECTS + 1):
                scheme = urlsplit(current).scheme.lower()
                if scheme not in ("http", "https"):
                    where = "" if current == url else f" (redirected from {seen[0]})"
                    raise FetchError(f"unsupported address scheme {scheme or 'none'!r}{where}")
                content = origin is not None or hop > 0
                public_only = content and origin_of(current) not in {home, *self.trusted}
                target = without_credentials(current) if content else current
                try:
                    with self.limiter.slot(host_of(current), timeout=deadline.remaining()):
                        result = self._one(
                            target, headers, accept, max_bytes, deadline, public_only
                        )
                except TimeoutError as exc:
                    raise FetchError(str(exc)) from None
                if isinstance(result, Response):
                    return result
                nxt = result
                if nxt in seen:
                    raise FetchError(
                        "redirect loop: " + " -> ".join([*seen[seen.index(nxt) :], nxt])
                    )
                seen.append(nxt)
                current = nxt
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}) from {url}")

    def _deadline(self) -> float:
        return self.settings.deadline.total_seconds()

    def _one(
        self,
        url: str,
        headers: dict[str, str],
        accept: Accept,
        max_bytes: int | None,
        deadline: Deadline,
        public_only: bool = False,
    ) -> Response | str:
        """One hop: a Response, or the next URL when redirected."""
        s = self.settings
        timeout = (s.connect_timeout.total_seconds(), s.read_timeout.total_seconds())
        try:
            resp = self._session(public_only).get(
                url, headers=headers, stream=True, allow_redirects=False, timeout=timeout
            )
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            if deadline.expired:
                raise FetchError(deadline.message("before the headers arrived")) from None
            raise FetchError(_request_failure(exc, timeout)) from None
        if deadline.expired:  # the headers were cut short, not complete
            resp.close()
            raise FetchError(deadline.message("before the headers arrived"))
        with resp:
            status = resp.status_code
            rheaders = {k.lower(): v for k, v in resp.headers.items()}
            if status in REDIRECTS and rheaders.get("location"):
                return urljoin(url, rheaders["location"].strip())
            if status == 304:
                return Response(url=url, status=304, headers=rheaders)
            if not 200 <= status < 300:
                retry = parse_retry_after(rheaders.get("retry-after"))
                reason = f" {resp.reason}" if resp.reason else ""
                when = f" (retry after {retry:.0f}s)" if retry is not None else ""
                raise FetchError(f"HTTP {status}{reason}{when}", status=status, retry_after=retry)
            cap = max_bytes or self._cap(url, rheaders, accept)
            body = self._read(resp, cap, deadline)
            rheaders.setdefault("content-location", url)
            return Response(url=url, status=status, headers=rheaders, body=body)

    def _cap(self, url: str, headers: dict[str, str], accept: Accept) -> int:
        ctype = headers.get("content-type", "").lower()
        pdf = (
            "pdf" in ctype
            or (accept == "pdf" or urlsplit(url).path.lower().endswith(".pdf"))
            and ("octet-stream" in ctype or not ctype)
        )
        return self.settings.max_pdf_bytes if pdf else self.settings.max_page_bytes

    def _read(self, resp: requests.Response, cap: int, deadline: Deadline) -> bytes:
        """The body, decoded (gzip), aborted past `cap` bytes or past the deadline."""
        announced = resp.headers.get("Content-Length", "")
        if announced.isdigit() and int(announced) > cap and "Content-Encoding" not in resp.headers:
            raise FetchError(f"body too large: {_mb(int(announced))} announced, limit {_mb(cap)}")
        parts: list[bytes] = []
        size = 0
        raw = resp.raw
        try:
            while True:
                chunk = raw.read1(CHUNK, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise FetchError(f"body too large: more than {_mb(cap)}")
                parts.append(chunk)
                if deadline.expired or not deadline.remaining():
                    raise FetchError(
                        deadline.message(f"while reading the body ({size} bytes read)")
                    )
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if deadline.expired:
                raise FetchError(
                    deadline.message(f"while reading the body ({size} bytes read)")
                ) from None
            raise FetchError(self._body_failure(exc, size)) from None
        if deadline.expired:  # the body was cut short by the deadline, not complete
            raise FetchError(deadline.message(f"while reading the body ({size} bytes read)"))
        return b"".join(parts)

    def _body_failure(self, exc: Exception, size: int) -> str:
        if isinstance(exc, urllib3.exceptions.ReadTimeoutError):
            return (
                f"body stalled: nothing for {self.settings.read_timeout.total_seconds():g}s "
                f"after {size} bytes"
            )
        if isinstance(exc, urllib3.exceptions.ProtocolError):
            return f"truncated body: connection broken after {size} bytes ({_reason(exc)})"
        if isinstance(exc, urllib3.exceptions.DecodeError):
            return f"cannot decode the body: {_reason(exc)}"
        return f"reading the body failed after {size} bytes: {_reason(exc)}"


def _request_failure(exc: Exception, timeout: tuple[float, float]) -> str:
    """What a failed request (before any body) means, in a few words."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"could not connect within {timeout[0]:g}s"
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return f"no answer within {timeout[1]:g}s"
    if isinstance(exc, requests.exceptions.SSLError):
        return f"TLS error: {_reason(exc)}"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return f"cannot connect: {_reason(exc)}"
    return f"request failed: {_reason(exc)}"


def without_credentials(url: str) -> str:
    """`url` without any user:password@ (a link in content never gets them sent)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _reason(exc: BaseException) -> str:
    """The innermost useful message of a requests/urllib3 exception chain."""
    seen = exc
    for _ in range(6):
        inner = getattr(seen, "reason", None) or (seen.args[0] if seen.args else None)
        if isinstance(inner, BaseException) and inner is not seen:
            seen = inner
            continue
        break
    text = str(seen)
    for marker in ("Failed to establish a new connection: ", "] "):
        if marker in text:
            text = text.split(marker, 1)[1]
    return text.strip("() ") or type(seen).__name__
