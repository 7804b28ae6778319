"""The 八项规定 menu entries and workbench cards (imported by name as `<app>.nav`), one module per part.

Orders 110–129 keep the section together in the menu."""

from qinglian.frugality.nav import (
    abroad,
    cars,
    checks,
    conferences,
    imports,
    plans,
    receptions,
    standards,
    summary,
    training,
    travel,
)

__all__ = [
    "abroad",
    "cars",
    "checks",
    "conferences",
    "imports",
    "plans",
    "receptions",
    "standards",
    "summary",
    "training",
    "travel",
]
