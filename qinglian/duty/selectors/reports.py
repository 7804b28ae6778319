"""Reads of the Party group's yearly report to its superior Party organisation (主体责任年度报告): the ledger a
reader sees, the due date the rule's parameters set (DUTY-009), and, for the rule, the reports sent by a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import RULES
from qinglian.core import asof
from qinglian.duty.models import SuperiorReport

RULE_CODE = "DUTY-009"


def superior_reports(user: Any) -> QuerySet[SuperiorReport]:
    """The reports `user` may see (the organ readers), the latest year first."""
    return SuperiorReport.objects.visible_to(user).order_by("-year", "-id")


@dataclass(frozen=True)
class ReportRequirement:
    """When the report on a year is due: this month and day of the following year (DUTY-009's parameters)."""

    month: int
    day: int


def report_requirement(organ_id: int, on: dt.date) -> ReportRequirement | None:
    """The due month and day in force on `on`, or None when the rule or its parameters are missing (the page then
    shows the reports without a due date)."""
    rule = RULES.get(RULE_CODE)
    if rule is None:
        return None
    try:
        params = resolve(rule, sets_in_force(organ_id=organ_id, on=on, codes=[RULE_CODE]).get(RULE_CODE))
    except MissingParameters:
        return None
    return ReportRequirement(int(params["due_month"]), int(params["due_day"]))


def reports_sent(organ_id: int, years: Iterable[int], on: dt.date) -> dict[int, dt.date]:
    """year reported on → the day its report was sent, for the reports sent on or before `on` (one sent later
    did not exist then) and not deleted by the end of it."""
    rows = SuperiorReport.all_objects.filter(organ_id=organ_id, year__in=list(years), reported_on__lte=on)
    sent: dict[int, dt.date] = {}
    for year, day in rows.filter(asof.live_on(on)).values_list("year", "reported_on"):
        sent[year] = min(day, sent.get(year, day))  # a row deleted after `on` and its replacement: the first
    return sent
