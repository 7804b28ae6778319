"""Helpers for the persona × model × action matrix tests every app writes (see qinglian/org/tests/
test_permission_matrix.py). Test-only; nothing in the product imports this."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest

from qinglian.core.errors import Forbidden, NotFound


def matrix_cases(matrix: Mapping[str, str], personas: Sequence[str]) -> list[tuple[str, str, str]]:
    """(target, persona, expected) for each cell of a table whose rows are "w r - …" in persona order."""
    return [
        (target, persona, expected)
        for target, row in matrix.items()
        for persona, expected in zip(personas, row.split(), strict=True)
    ]


def check_cell(*, model: Any, access: Callable[..., Any], user: Any, obj: Any, expected: str, label: str) -> None:
    """r: listed and readable, refused on write (403); w: also writable; -: neither listed nor found (404)."""
    visible = model.objects.visible_to(user).filter(pk=obj.pk).exists()
    assert visible == (expected in "rw"), label
    if expected == "-":
        with pytest.raises(NotFound):
            access(user, obj.pk)
        return
    assert access(user, obj.pk).pk == obj.pk, label
    if expected == "w":
        assert access(user, obj.pk, write=True).pk == obj.pk, label
    else:
        with pytest.raises(Forbidden):
            access(user, obj.pk, write=True)
