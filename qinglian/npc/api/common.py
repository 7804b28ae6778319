"""Helpers shared by the npc API routers: the caller, rows named in a request body, dates and times sent by a
client, the per-unit tables of a year.
"""

# No `from __future__ import annotations`: the routers import YEAR and ERRORS into ninja signatures.
import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query

from qinglian.core import clock
from qinglian.core.api import ERRORS, ErrorOut, auth_user
from qinglian.core.errors import InvalidInput
from qinglian.npc.deadlines import after_now, now_minute
from qinglian.npc.permissions import reading_organ_id

# The services raise Conflict (409) on a duplicate number or a step the status does not allow.
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 409: ErrorOut}

YEAR = Query(None, ge=2000, le=2100, description="年度")


def references(queryset: QuerySet, pks: list[int], field: str, noun: str) -> list[Any]:
    """Several rows named in the body, in the order given; any unknown one is a 400 on that field."""
    wanted = list(dict.fromkeys(pks))
    found = {row.pk: row for row in queryset.filter(pk__in=wanted)}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        message = f"{noun}不存在或无权查看：{'、'.join(str(pk) for pk in missing)}"
        raise InvalidInput(message, detail={field: message})
    return [found[pk] for pk in wanted]


def day_or_today(day: dt.date | None) -> dt.date:
    """Dates of a handling step default to today, as the forms' initial values do."""
    return day or clock.today()


def moment(value: dt.datetime | None, field: str, label: str) -> dt.datetime:
    """A submission or receipt time: now when omitted; a time without an offset is Beijing time; not in the
    future (the forms refuse it too; the services do not check it)."""
    if value is None:
        return now_minute()
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if after_now(value):
        message = f"{label}不能晚于现在"
        raise InvalidInput(message, detail={field: message})
    return value


def stats_report(request: HttpRequest, year: int | None, stats: Callable[..., tuple[list, Any]]) -> dict[str, Any]:
    """A year's per-unit table and its totals (`stats(organ_id=, year=, as_of=)`), this year when not given;
    empty for the administrators, who read no ledger."""
    year = year or clock.today().year
    organ_id = reading_organ_id(auth_user(request))
    if organ_id is None:
        return {"year": year, "units": [], "total": None}
    units, total = stats(organ_id=organ_id, year=year, as_of=clock.today())
    return {"year": year, "units": units, "total": total}
