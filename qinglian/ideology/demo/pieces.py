"""The demo organ's part: written by the part's owner."""

from __future__ import annotations

from qinglian.core.demo import DemoContext


def build(ctx: DemoContext) -> None:
    return None
