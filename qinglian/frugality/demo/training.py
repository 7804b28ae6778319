"""(training demo: stub, written by the training helper.)"""

from __future__ import annotations

from qinglian.core.demo import DemoContext


def build(ctx: DemoContext) -> None:
    return None
