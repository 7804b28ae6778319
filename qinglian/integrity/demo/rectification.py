"""Demo data of the 廉政 rectification ledger (to be built)."""

from __future__ import annotations

from qinglian.core.demo import DemoContext


def build(ctx: DemoContext) -> None:
    return None
