"""The error hierarchy of the watcher and the CLI."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """Something the user can fix: a bad path, a bad argument. Printed as one line."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class ConfigError(Exception):
    """The configuration cannot be used. `problems` holds one "path: message" per field."""

    def __init__(self, problems: list[str], path: Path | None = None) -> None:
        self.problems = problems
        self.path = path
        where = f"{path}: " if path else ""
        super().__init__(where + "; ".join(problems))


class FetchError(Exception):
    """A request failed: HTTP status, network, size cap, deadline. `retry_after` in seconds when
    the server said when to come back."""

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class ParseError(Exception):
    """A body could not be read as what it should be (feed, page, PDF)."""


class LinkRefused(FetchError):
    """A link found in content points at an address it may not reach (loopback, private,
    link-local...). Asking again will not help."""


class TooExpensive(ParseError):
    """A document or entry would cost more than its budget (memory, CPU time, pages, time);
    it is reported, not read."""
