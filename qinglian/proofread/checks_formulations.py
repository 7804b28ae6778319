"""政治关: the formulation knowledge base (提法库). Filled in by issue #15."""

from __future__ import annotations

from .context import Context
from .model import Issue


def check_formulations(ctx: Context) -> list[Issue]:
    return []
