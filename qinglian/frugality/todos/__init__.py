"""The 八项规定 sources of 我的待办 (imported by registry.discover as `<app>.todos`), one module per part."""

from qinglian.frugality.todos import (
    abroad,
    cars,
    checks,
    conferences,
    plans,
    receptions,
    standards,
    training,
    travel,
)

__all__ = [
    "abroad",
    "cars",
    "checks",
    "conferences",
    "plans",
    "receptions",
    "standards",
    "training",
    "travel",
]
