"""Persistence: schema, migrations, repositories, and the shipped seed baseline."""

from state.db import DEFAULT_URL, StateError, Store

__all__ = ["DEFAULT_URL", "StateError", "Store"]
