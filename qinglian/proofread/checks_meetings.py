"""事实关/政治关: bodies, meetings and titles valid by the document's date. Filled in by issue #15."""

from __future__ import annotations

from .context import Context
from .model import Issue


def check_meetings(ctx: Context) -> list[Issue]:
    return []
