"""The errors of state, in a module light enough for the CLI to import at start-up."""

from __future__ import annotations


class StateError(Exception):
    """The database cannot be used: a bad URL, an unreachable server, a failed migration."""


class NotInitialised(StateError):
    """A read-only command met a database that was never created or is not migrated."""
