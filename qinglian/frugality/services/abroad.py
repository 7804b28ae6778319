"""Writes of the trips abroad ledger (因公临时出国（境）): the finance officer records a delegation, corrects it,
records later the day its report was handed in (提交出访报告), or withdraws a row entered in error.

A trip's own facts are checked alike by the form, the API and the import (`check_trip`): return on or after
departure, at least one country and one member, the number of countries equal to the countries listed, the approval
and the report not in the future, the report on or after return. The plan item must be one of the organ's abroad plan
of the year of departure. Whoever led the delegation does not record their own report (it closes their own duty).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked, withdraw
from qinglian.frugality.choices import PlanKind
from qinglian.frugality.models import AbroadTrip, PlanItem
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.frugality.rules.abroad import split_countries
from qinglian.org.models import Person, Unit
from qinglian.org.permissions import refuse_own_stake
from qinglian.org.scope import scope_of

REFUSAL = "只有财务专责人员可以登记和修改因公出国（境）台账"
OWN_REPORT = "登记本人率团的出访报告"


def check_trip(
    *,
    countries: str,
    country_count: int | None,
    team_size: int | None,
    depart_on: dt.date | None,
    return_on: dt.date | None,
    approved_on: dt.date | None,
    report_on: dt.date | None,
) -> None:
    """A trip's own facts (the import judges its rows by the same function)."""
    today = clock.today()
    if depart_on is None or return_on is None:
        raise InvalidInput("请填写出境日期和入境日期")
    if return_on < depart_on:
        raise InvalidInput("入境日期不能早于出境日期")
    if not country_count or country_count < 1:
        raise InvalidInput("出访国家（地区）数应至少为1")
    if not team_size or team_size < 1:
        raise InvalidInput("团组人数应至少为1")
    listed = split_countries(countries)
    if listed and len(listed) != country_count:
        raise InvalidInput(
            f"出访国家（地区）数填写{country_count}个，与所列国家（地区）{len(listed)}个（{'、'.join(listed)}）不一致"
        )
    if approved_on is not None and approved_on > today:
        raise InvalidInput("审批日期不能晚于今天")
    if report_on is not None and report_on < return_on:
        raise InvalidInput("出访报告提交日期不能早于入境日期")
    if report_on is not None and report_on > today:
        raise InvalidInput("出访报告提交日期不能晚于今天")


def _keeper(by: Any, organ_id: int | None) -> int:
    if not can_keep_ledgers(by):
        raise Forbidden(REFUSAL)
    own = scope_of(by).organ_id
    if organ_id is not None and organ_id != own:
        raise Forbidden("不能修改其他机关的记录")
    return own


def _current(trip: AbroadTrip) -> AbroadTrip:
    current = AbroadTrip.all_objects.select_for_update().filter(pk=trip.pk).first()
    if current is None or current.deleted_at is not None:
        raise Conflict("该出国（境）记录已删除")
    return current


def _check_links(trip: AbroadTrip) -> None:
    """The leader and the unit are the organ's; the plan item is of its abroad plan of the year of departure."""
    leader_unit = Person.all_objects.filter(pk=trip.leader_id, organ_id=trip.organ_id).values_list("unit_id", flat=True)
    if trip.leader_id is None or not leader_unit:
        raise InvalidInput("请选择本机关的团长")
    if trip.unit_id is None:
        trip.unit_id = leader_unit[0]
    if not Unit.objects.filter(pk=trip.unit_id, organ_id=trip.organ_id).exists():
        raise InvalidInput("请选择本机关的委室")
    if trip.plan_item_id is None:
        return
    year = trip.depart_on.year
    item = PlanItem.objects.filter(
        pk=trip.plan_item_id,
        plan__organ_id=trip.organ_id,
        plan__kind=PlanKind.ABROAD,
        plan__year=year,
        plan__deleted_at__isnull=True,
    )
    if not item.exists():
        raise InvalidInput(f"年度计划事项须为本机关{year}年因公出国（境）计划中的事项")


@transaction.atomic
def abroad_save(*, trip: AbroadTrip, by: Any, reason: str = "") -> AbroadTrip:
    """Record a delegation or correct one (the report date too, as the import does); `reason` for its history."""
    trip.organ_id = _keeper(by, trip.organ_id)
    trip.purpose = (trip.purpose or "").strip()
    trip.countries = "、".join(split_countries(trip.countries))
    if not trip.purpose:
        raise InvalidInput("请填写出访任务")
    if not trip.countries:
        raise InvalidInput("请填写出访国家（地区）")
    if trip.total_amount is None or trip.total_amount < 0:
        raise InvalidInput("费用合计不能为负数")
    check_trip(
        countries=trip.countries,
        country_count=trip.country_count,
        team_size=trip.team_size,
        depart_on=trip.depart_on,
        return_on=trip.return_on,
        approved_on=trip.approved_on,
        report_on=trip.report_on,
    )
    _check_links(trip)
    reported = None
    if trip.pk is not None:
        current = _current(trip)
        reported, trip.entry_source = current.report_on, current.entry_source
    if trip.report_on != reported:
        refuse_own_stake(by, OWN_REPORT, responsible_people=[trip.leader_id])
    trip._change_reason = reason or ("登记因公出国（境）" if trip.pk is None else "修改因公出国（境）")  # type: ignore[attr-defined]
    return save_checked(trip, by=by)


@transaction.atomic
def abroad_report(*, trip: AbroadTrip, report_on: dt.date | None, by: Any) -> AbroadTrip:
    """提交出访报告: the day the delegation's report was handed in, recorded (or corrected) after return."""
    _keeper(by, trip.organ_id)
    current = _current(trip)
    refuse_own_stake(by, OWN_REPORT, responsible_people=[current.leader_id])
    if report_on is None:
        raise InvalidInput("请填写出访报告提交日期")
    if report_on < current.return_on:
        raise InvalidInput("出访报告提交日期不能早于入境日期")
    if report_on > clock.today():
        raise InvalidInput("出访报告提交日期不能晚于今天")
    current.report_on = report_on
    current._change_reason = "提交出访报告"  # type: ignore[attr-defined]
    save_checked(current, by=by)
    trip.report_on = report_on
    return current


@transaction.atomic
def abroad_delete(*, trip: AbroadTrip, by: Any, reason: str) -> None:
    """Withdraw a row entered in error (soft delete, the reason in its history and the audit log)."""
    _keeper(by, trip.organ_id)
    current = _current(trip)
    withdraw(current, by=by, reason=reason, target_repr=f"因公出国（境） {current}")
    trip.deleted_at = current.deleted_at
