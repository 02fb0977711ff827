"""Benchmarks: `python -m bench` (full size) or `python -m bench --quick` (small, under two minutes).

Each module listed in BENCHES has `run(quick: bool) -> list[Result]`; a new benchmark is a
module added to that list.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

BENCHES: list[str] = [
    "startup", "fanout", "extraction", "annotated", "realworld", "poll", "pdf_text", "pdf_bombs", "replay", "memory",
    "adversarial", "peers",
]


@dataclass(frozen=True)
class Result:
    """One measured figure beside its target. `better` says which way is good."""

    name: str
    value: float
    unit: str
    target: float | None = None
    better: Literal["higher", "lower"] = "higher"
    note: str = ""

    @property
    def ok(self) -> bool | None:
        if self.target is None:
            return None
        return self.value >= self.target if self.better == "higher" else self.value <= self.target

    def line(self) -> str:
        target = (
            "-"
            if self.target is None
            else f"{'>=' if self.better == 'higher' else '<='}{_fmt(self.target)}"
        )
        status = {True: "ok", False: "short", None: "info"}[self.ok]
        note = f"  ({self.note})" if self.note else ""
        return (
            f"{self.name:<44} {_fmt(self.value):>12} {self.unit:<10} {target:>12}  {status}{note}"
        )

    def to_json(self) -> dict:
        return asdict(self) | {"ok": self.ok}


def _fmt(v: float) -> str:
    if v == int(v) and abs(v) < 1e12:
        return str(int(v))
    return f"{v:.3g}" if abs(v) < 1 else f"{v:.4g}" if abs(v) < 1e4 else f"{v:.0f}"
