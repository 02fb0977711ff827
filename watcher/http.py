"""Polite, bounded HTTP for every request the watcher makes.

A User-Agent naming the tool, conditional GET, connect/read timeouts and a total deadline,
size caps enforced while the body streams in (so an endless or 60 MB body costs at most
the cap), gzip, at most five redirects followed by hand (each hop checked: http/https only,
no loops), and at most `per_host` requests in flight to one host. Every failure is a
`FetchError` saying what went wrong, with the status and Retry-After when there are some.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from watcher.errors import FetchError
from watcher.hosts import HostLimiter, host_of

if TYPE_CHECKING:  # watcher.config imports the source kinds, which import this module
    from watcher.config import FetchSettings

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
        self._local = threading.local()
        self._sessions: list[tuple[threading.Thread, requests.Session]] = []
        self._lock = threading.Lock()

    def _session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        if s is None:
            s = requests.Session()
            s.headers["User-Agent"] = self.user_agent
            s.max_redirects = MAX_REDIRECTS
            self._local.session = s
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
    ) -> Response:
        """GET `url`, following up to five redirects. 200 -> body, 304 -> not_modified;
        anything else raises FetchError."""
        headers = {"Accept": ACCEPT_HEADERS[accept]}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [url]
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            scheme = urlsplit(current).scheme.lower()
            if scheme not in ("http", "https"):
                where = "" if current == url else f" (redirected from {seen[0]})"
                raise FetchError(f"unsupported address scheme {scheme or 'none'!r}{where}")
            try:
                with self.limiter.slot(host_of(current), timeout=self._deadline()):
                    result = self._one(current, headers, accept, max_bytes)
            except TimeoutError as exc:
                raise FetchError(str(exc)) from None
            if isinstance(result, Response):
                return result
            nxt = result
            if nxt in seen:
                raise FetchError("redirect loop: " + " -> ".join([*seen[seen.index(nxt) :], nxt]))
            seen.append(nxt)
            current = nxt
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}) from {url}")

    def _deadline(self) -> float:
        return self.settings.deadline.total_seconds()

    def _one(
        self, url: str, headers: dict[str, str], accept: Accept, max_bytes: int | None
    ) -> Response | str:
        """One hop: a Response, or the next URL when redirected."""
        s = self.settings
        deadline = time.monotonic() + self._deadline()
        timeout = (s.connect_timeout.total_seconds(), s.read_timeout.total_seconds())
        try:
            resp = self._session().get(
                url, headers=headers, stream=True, allow_redirects=False, timeout=timeout
            )
        except requests.exceptions.ConnectTimeout:
            raise FetchError(f"could not connect within {timeout[0]:g}s") from None
        except requests.exceptions.ReadTimeout:
            raise FetchError(f"no answer within {timeout[1]:g}s") from None
        except requests.exceptions.SSLError as exc:
            raise FetchError(f"TLS error: {_reason(exc)}") from None
        except requests.exceptions.ConnectionError as exc:
            raise FetchError(f"cannot connect: {_reason(exc)}") from None
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise FetchError(f"request failed: {_reason(exc)}") from None
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

    def _read(self, resp: requests.Response, cap: int, deadline: float) -> bytes:
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
                if time.monotonic() > deadline:
                    raise FetchError(
                        f"deadline of {self._deadline():g}s passed while reading the body "
                        f"({size} bytes read)"
                    )
        except FetchError:
            raise
        except urllib3.exceptions.ReadTimeoutError:
            raise FetchError(
                f"body stalled: nothing for {self.settings.read_timeout.total_seconds():g}s "
                f"after {size} bytes"
            ) from None
        except urllib3.exceptions.ProtocolError as exc:
            raise FetchError(
                f"truncated body: connection broken after {size} bytes ({_reason(exc)})"
            ) from None
        except urllib3.exceptions.DecodeError as exc:
            raise FetchError(f"cannot decode the body: {_reason(exc)}") from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise FetchError(
                f"reading the body failed after {size} bytes: {_reason(exc)}"
            ) from None
        return b"".join(parts)


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
