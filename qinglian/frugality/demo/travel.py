"""(travel demo: stub, written by the travel helper.)"""

from __future__ import annotations

from qinglian.core.demo import DemoContext


def build(ctx: DemoContext) -> None:
    return None
