"""Who may read and write the 八项规定 ledgers: the `can_<verb>` predicates and `access_<thing>(user, pk, write=False)`.

Reads are the querysets' `visible_to` (querysets.py); writes are:
- The finance ledgers (receptions, trips, conferences, courses, cars, trips abroad, the yearly plans) and the finance
  system's imports: the finance officer (财务专责人员) only. Those who spend do not keep the books of their spending.
- Standard tables: the finance officer imports a new version when the province or the city publishes one.
- Special checks (专项检查): the stationed group (a registered exception to its read-only accounts, decision 0010)
  and the party-affairs office (机关纪委) start, draw, annotate and report; never the finance officer whose vouchers
  are checked. Sending a problem to rectification is theirs too.
"""

from __future__ import annotations

from typing import Any

from qinglian.core.errors import Forbidden, NotFound
from qinglian.frugality.models import (
    AbroadTrip,
    Conference,
    OfficialCar,
    Reception,
    SpecialCheck,
    SpendingPlan,
    StandardTable,
    TrainingCourse,
    Trip,
)
from qinglian.org.choices import Role
from qinglian.org.scope import scope_of


def is_stationed_group(user: Any) -> bool:
    """An account of the stationed discipline group (派驻纪检监察组)."""
    scope = scope_of(user)
    return scope.is_business and scope.read_only


def can_keep_ledgers(user: Any) -> bool:
    """The finance officer enters and imports the finance ledgers."""
    scope = scope_of(user)
    return scope.is_business and not scope.read_only and scope.has(Role.FINANCE_OFFICER)


def can_keep_standards(user: Any) -> bool:
    return can_keep_ledgers(user)


def can_run_checks(user: Any) -> bool:
    """The stationed group, or the party-affairs office (机关纪委) — unless it is also the finance officer."""
    scope = scope_of(user)
    if not scope.is_business or scope.has(Role.FINANCE_OFFICER):
        return False
    return is_stationed_group(user) or scope.has(Role.PARTY_OFFICER)


# --- one row ---------------------------------------------------------------------------------------------------


def _get(queryset, pk: Any, noun: str):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"{noun}不存在或无权查看") from None


def _checked(obj: Any, *, write: bool, allowed: bool, noun: str) -> Any:
    if write and not allowed:
        raise Forbidden(f"无权修改该{noun}")
    return obj


def _ledger_row(model: Any, user: Any, pk: Any, write: bool, noun: str, *related: str) -> Any:
    row = _get(model.objects.visible_to(user).select_related("unit", *related), pk, noun)
    return _checked(row, write=write, allowed=can_keep_ledgers(user), noun=noun)


def access_reception(user: Any, pk: Any, *, write: bool = False) -> Reception:
    return _ledger_row(Reception, user, pk, write, "公务接待记录", "approver")


def access_trip(user: Any, pk: Any, *, write: bool = False) -> Trip:
    return _ledger_row(Trip, user, pk, write, "差旅记录", "traveller", "approver")


def access_conference(user: Any, pk: Any, *, write: bool = False) -> Conference:
    return _ledger_row(Conference, user, pk, write, "会议记录", "plan_item")


def access_course(user: Any, pk: Any, *, write: bool = False) -> TrainingCourse:
    return _ledger_row(TrainingCourse, user, pk, write, "培训记录", "plan_item")


def access_car(user: Any, pk: Any, *, write: bool = False) -> OfficialCar:
    return _ledger_row(OfficialCar, user, pk, write, "公务用车")


def access_abroad_trip(user: Any, pk: Any, *, write: bool = False) -> AbroadTrip:
    return _ledger_row(AbroadTrip, user, pk, write, "出国（境）记录", "leader", "plan_item")


def access_plan(user: Any, pk: Any, *, write: bool = False) -> SpendingPlan:
    plan = _get(SpendingPlan.objects.visible_to(user), pk, "年度计划")
    return _checked(plan, write=write, allowed=can_keep_ledgers(user), noun="年度计划")


def access_standard_table(user: Any, pk: Any, *, write: bool = False) -> StandardTable:
    table = _get(StandardTable.objects.visible_to(user), pk, "标准表")
    return _checked(table, write=write, allowed=can_keep_standards(user), noun="标准表")


def access_special_check(user: Any, pk: Any, *, write: bool = False) -> SpecialCheck:
    check = _get(SpecialCheck.objects.visible_to(user), pk, "专项检查")
    if write and not can_run_checks(user):
        raise Forbidden("只有派驻纪检监察组或机关纪委可以开展专项检查")
    return check
