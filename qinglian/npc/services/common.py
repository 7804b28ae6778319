"""Checks every npc service makes before it writes: the writer's organ, the desk's permission, related rows of
the same organ, no dates after today, deputies named by id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.npc.models import Deputy
from qinglian.org.scope import scope_of


def own(obj: models.Model, by: Any) -> None:
    """Put a new row in the writer's organ; refuse a row of another organ."""
    organ_id = scope_of(by).organ_id
    if obj.organ_id is None:
        obj.organ_id = organ_id
    elif obj.organ_id != organ_id:
        raise Forbidden("不能修改其他机关的记录")


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise Forbidden(message)


def same_organ(obj: models.Model, *related: models.Model | None) -> None:
    """Every related row (unit, deputy, session…) must belong to the row's organ."""
    for other in related:
        if other is not None and getattr(other, "organ_id", obj.organ_id) != obj.organ_id:
            raise InvalidInput(f"“{other}”不属于本机关")


def not_future(day: dt.date | None, label: str) -> None:
    if day is not None and day > clock.today():
        raise InvalidInput(f"{label}不能晚于今天")


def organ_deputies(organ_id: int, ids: Iterable[int], *, unknown: str) -> list[Deputy]:
    """The organ's deputies with these ids; `unknown` (a Chinese refusal) when any id is not one of them."""
    wanted = set(ids)
    found = list(Deputy.objects.filter(organ_id=organ_id, pk__in=wanted))
    if len(found) != len(wanted):
        raise InvalidInput(unknown)
    return found
