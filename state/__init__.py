"""Persistence: schema, migrations, repositories, and the shipped seed baseline.

`Store` (SQLAlchemy) is loaded on first use, so commands that never open a database
(`--help`, `check`) do not pay for importing it.
"""

from typing import TYPE_CHECKING, Any

from state.errors import StateError
from state.urls import DEFAULT_URL

if TYPE_CHECKING:
    from state.db import Store

__all__ = ["DEFAULT_URL", "StateError", "Store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from state.db import Store

        return Store
    raise AttributeError(f"module 'state' has no attribute {name!r}")
