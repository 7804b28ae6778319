"""Shapes the npc API's schemas share: a named reference and a rate as a number."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
from typing import Any


def percent(ratio: Any) -> float | None:
    """A `Ratio` as a percentage with one decimal, None when there is nothing to count."""
    return None if ratio.percent is None else float(ratio.percent)
