"""Database URLs read without SQLAlchemy, so `check` and `--help` stay quick: the backend,
the SQLite file, a relative SQLite path made absolute, a password masked for display."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "sqlite:///inspectwatch.db"
_SCHEME = re.compile(r"^(?P<backend>[A-Za-z][A-Za-z0-9]*)(?:\+(?P<driver>[A-Za-z0-9_]+))?://(?P<rest>.*)$", re.S)


def normalise_url(url: str) -> str:
    """Accept the URLs operators write (postgres://, postgresql://) and pick the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def backend(url: str) -> str | None:
    """"sqlite", "postgresql", ... or None when this is no database URL at all."""
    m = _SCHEME.match(normalise_url(url.strip()))
    return m.group("backend").lower() if m else None


def url_problem(url: str) -> str | None:
    """Why this cannot be a database URL we use, or None."""
    kind = backend(url)
    if kind is None:
        return f"not a database URL: {url!r}; e.g. 'sqlite:///inspectwatch.db'"
    if kind not in ("sqlite", "postgresql"):
        return f"unsupported database {kind!r}; use sqlite or postgresql"
    if kind == "postgresql":
        try:
            parts = urlsplit(normalise_url(url))
            parts.port  # noqa: B018 - raises on a port that is not a number
        except ValueError as exc:
            return f"cannot parse {mask(url)!r}: {exc}"
        if not parts.hostname and "host=" not in parts.query:
            return f"no host in {mask(url)!r}; e.g. 'postgresql+psycopg://user@host/dbname'"
    return None


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases, memory and `file:` URIs)."""
    m = _SCHEME.match(url.strip())
    if m is None or m.group("backend").lower() != "sqlite":
        return None
    rest = m.group("rest")
    if not rest.startswith("/"):
        return None
    database = rest[1:].split("?", 1)[0]
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def resolve_sqlite(url: str, base: Path) -> str:
    """A relative SQLite path made absolute against `base` (the config file's folder)."""
    path = sqlite_file(url)
    if path is None or path.is_absolute():
        return url
    m = _SCHEME.match(url.strip())
    assert m is not None
    query = m.group("rest").partition("?")[2]
    head = url.strip()[: m.start("rest")]
    return f"{head}/{(base / path).resolve()}" + (f"?{query}" if query else "")


def mask(url: str) -> str:
    """The URL with its password replaced by ***, for printing."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        user = parts.username or ""
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return urlunsplit(parts._replace(netloc=f"{user}:***@{host}{port}"))
    except ValueError:
        return url
