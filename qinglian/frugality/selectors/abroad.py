"""Reads of the trips abroad ledger (因公临时出国（境）). Every list starts from `visible_to(user)`: the organ's
readers and the finance officer, the heads of the unit that spent, the delegation's leader. The report's due date
is FRG-053's, with the parameters in force today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from qinglian.core import clock, workdays
from qinglian.frugality.models import AbroadTrip
from qinglian.frugality.rules.abroad import report_due
from qinglian.frugality.selectors.cars import in_period
from qinglian.integrity.selectors.inquiries import rule_values
from qinglian.org.scope import scope_of

REPORT_FILTERS = [("pending", "未提交出访报告"), ("overdue", "逾期未提交出访报告"), ("done", "已提交出访报告")]


@dataclass(frozen=True)
class ReportState:
    """Where the delegation's report stands today."""

    due: dt.date
    done_on: dt.date | None
    back: bool  # returned by today
    today: dt.date

    @property
    def late(self) -> bool:
        return self.done_on is not None and self.done_on > self.due

    @property
    def overdue(self) -> bool:
        """Past the due date, which runs to the next working day when it falls on a rest day (as FRG-053 counts)."""
        return self.done_on is None and workdays.is_overdue(self.due, self.today)

    @property
    def label(self) -> str:
        if self.done_on is not None:
            return "逾期提交报告" if self.late else "已按期提交报告"
        if not self.back:
            return "尚未回国"
        return "逾期未提交报告" if self.overdue else "待提交报告"

    @property
    def css(self) -> str:
        if self.late or self.overdue:
            return "danger"
        if self.done_on is not None:
            return "success"
        return "warning" if self.back else "secondary"


def report_months(user: Any) -> int:
    return int(rule_values("FRG-053", scope_of(user).organ_id).get("report_months", 1))


def with_states(user: Any, rows: list[AbroadTrip]) -> list[AbroadTrip]:
    if not rows:  # no parameter read for nothing: the to-do count runs on every page for every person
        return rows
    months, today = report_months(user), clock.today()
    for trip in rows:
        due = report_due(trip.return_on, months)
        trip.state = ReportState(due, trip.report_on, trip.return_on <= today, today)
    return rows


def abroad_list(
    user: Any,
    *,
    year: int | None = None,
    month_from: int | None = None,
    month_to: int | None = None,
    unit_id: int | None = None,
    q: str = "",
    report: str = "",
) -> QuerySet[AbroadTrip]:
    """Trips by departure, filtered; `report` pending (no report yet), overdue (none and past its due) or done."""
    qs = in_period(
        AbroadTrip.objects.visible_to(user).select_related("unit", "leader", "leader__unit", "plan_item"),
        "depart_on",
        year=year,
        month_from=month_from,
        month_to=month_to,
    )
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if q:
        text = Q(countries__icontains=q) | Q(purpose__icontains=q) | Q(leader__name__icontains=q)
        qs = qs.filter(text | Q(voucher_no__icontains=q))
    if report == "pending":
        qs = qs.filter(report_on__isnull=True)
    elif report == "done":
        qs = qs.filter(report_on__isnull=False)
    elif report == "overdue":
        qs = qs.filter(pk__in=_overdue_ids(user, qs))
    return qs.order_by("-depart_on", "-id")


def _overdue_ids(user: Any, qs: QuerySet[AbroadTrip]) -> list[int]:
    """The due date rolls to a working day (core.workdays), which SQL cannot say: the few trips back home without a
    report are judged here."""
    months, today = report_months(user), clock.today()
    pending = qs.filter(report_on__isnull=True, return_on__lt=today).values_list("pk", "return_on")
    return [pk for pk, back in pending if workdays.is_overdue(report_due(back, months), today)]


def reports_due(user: Any) -> list[AbroadTrip]:
    """The delegations this person led, back home, whose report is not yet recorded: oldest return first."""
    person_id = scope_of(user).person_id
    if person_id is None:
        return []
    qs = AbroadTrip.objects.visible_to(user).filter(
        leader_id=person_id, report_on__isnull=True, return_on__lte=clock.today()
    )
    return with_states(user, list(qs.select_related("leader").order_by("return_on", "id")))
