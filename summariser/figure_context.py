"""What every figure rule reads: the text, its tokens in a window, the masked tokens and
the window's quantities (so a rule can look at a range's other end or an earlier count)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from summariser.quantity import Quantity
from summariser.text import Token


@dataclass(frozen=True, slots=True)
class Context:
    text: str
    tokens: list[Token]
    masked: frozenset[int]
    quantities: tuple[Quantity, ...] = ()  # every number phrase of the window, in order


Rule = Callable[[Quantity, Context], "str | None"]


def partner(q: Quantity, c: Context) -> Quantity | None:
    """The other end of q's range ("between 3 and 8"), if q is one end of a range."""
    return c.quantities[q.partner] if q.partner is not None else None
