"""What the 八项规定 workbench cards count, each figure the count of the list it links to.

- The finance officer's 单据待补齐: receptions without the letter, the signed list or the invoice (the three
  documents of a reimbursement, FRG-007); trips without the approval's date (FRG-013); meetings and courses outside
  the yearly plan without an ad-hoc approval (FRG-020, FRG-030); trips abroad back home whose report is past its due
  (FRG-053's months after the return, rolled to a working day) and not handed in. Every year: a gap of last year is
  still a gap.
- A unit head's 本委室八项规定问题: the open findings of the FRG rules that their units answer for, per unit.

The lists are the ledgers' pages, named by path (`LINKS`): each must list exactly what is counted here for the
query string given (the ledgers' helpers add the filters; `MISSING` is the condition for the querysets).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Model, Q

from qinglian.compliance.choices import OPEN_STATUSES
from qinglian.compliance.models import Finding
from qinglian.compliance.params import sets_in_force
from qinglian.core import workdays
from qinglian.frugality.choices import Ledger
from qinglian.frugality.models import AbroadTrip, Conference, Reception, TrainingCourse, Trip
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.models import Unit
from qinglian.org.scope import scope_of

FRG_PREFIX = "FRG-"
REPORT_RULE = "FRG-053"  # the trip abroad's report: `report_months` after the return
UNAPPROVED_GATHERING = Q(plan_item__isnull=True, adhoc_approved_on__isnull=True)
MISSING: dict[str, Q] = {
    Ledger.RECEPTION: Q(letter_on__isnull=True) | Q(list_signed_on__isnull=True) | Q(invoice_on__isnull=True),
    Ledger.TRAVEL: Q(approved_on__isnull=True),
    Ledger.CONFERENCE: UNAPPROVED_GATHERING,
    Ledger.TRAINING: UNAPPROVED_GATHERING,
}
MODELS: dict[str, type[Model]] = {
    Ledger.RECEPTION: Reception,
    Ledger.TRAVEL: Trip,
    Ledger.CONFERENCE: Conference,
    Ledger.TRAINING: TrainingCourse,
}
# The filtered lists the figures open ("year=" empty: every year, as the count).
LINKS: dict[str, str] = {
    Ledger.RECEPTION: "/frugality/receptions/?year=&documents=missing",
    Ledger.TRAVEL: "/frugality/trips/?year=&approval=missing",
    Ledger.CONFERENCE: "/frugality/conferences/?year=&planned=unapproved",
    Ledger.TRAINING: "/frugality/training/?year=&planned=unapproved",
    Ledger.ABROAD: "/frugality/abroad/?year=&report=overdue",
}
LABELS: dict[str, str] = {
    Ledger.RECEPTION: "接待缺公函、清单或发票",
    Ledger.TRAVEL: "差旅未登记审批",
    Ledger.CONFERENCE: "计划外会议未审批",
    Ledger.TRAINING: "计划外培训未审批",
    Ledger.ABROAD: "出访报告逾期未交",
}
FINDINGS_PATH = "/compliance/findings/"


@dataclass(frozen=True)
class Figure:
    key: str  # the figure's name on the card (data-figure)
    label: str
    count: int
    link: str


def report_overdue(return_on: dt.date, months: int, today: dt.date) -> bool:
    """The report of a delegation back on `return_on` is past its due on `today` (due `months` months after the
    return, a rest day rolled to the next working day)."""
    return today > workdays.add_months(return_on, months)


def _report_months(organ_id: int | None, today: dt.date) -> int | None:
    found = sets_in_force(organ_id=organ_id or 0, on=today, codes=[REPORT_RULE]).get(REPORT_RULE)
    months = found.values.get("report_months") if found is not None else None
    return int(months) if months is not None else None


def abroad_reports_overdue(user: Any, today: dt.date) -> int | None:
    """Trips abroad whose report is overdue; None when no FRG-053 figure is in force (nothing to count against)."""
    months = _report_months(scope_of(user).organ_id, today)
    if months is None:
        return None
    returns = AbroadTrip.objects.visible_to(user).filter(report_on__isnull=True, return_on__lt=today)
    return sum(1 for day in returns.values_list("return_on", flat=True) if report_overdue(day, months, today))


def missing_documents(user: Any, today: dt.date) -> list[Figure] | None:
    """The finance officer's figures, one query per ledger; None for anybody else."""
    if not can_keep_ledgers(user):
        return None
    figures = [
        Figure(f"{code}-missing", LABELS[code], MODELS[code].objects.visible_to(user).filter(q).count(), LINKS[code])
        for code, q in MISSING.items()
    ]
    abroad = abroad_reports_overdue(user, today)
    if abroad is not None:
        figures.append(Figure("abroad-missing", LABELS[Ledger.ABROAD], abroad, LINKS[Ledger.ABROAD]))
    return figures


@dataclass(frozen=True)
class UnitFindings:
    unit: Unit
    count: int
    link: str


def unit_findings(user: Any) -> tuple[list[UnitFindings], list[Finding]]:
    """A unit head's open FRG findings per unit they head (zero included) and the first few of them, red first."""
    heads = scope_of(user).head_unit_ids
    if not heads:
        return [], []
    rows = Finding.objects.visible_to(user).filter(
        status__in=OPEN_STATUSES, rule_code__startswith=FRG_PREFIX, responsible_unit_id__in=heads
    )
    counts = dict(rows.order_by().values_list("responsible_unit_id").annotate(n=Count("id")))
    units = Unit.objects.filter(pk__in=heads).order_by("order", "pk")
    per_unit = [UnitFindings(u, counts.get(u.pk, 0), unit_findings_link(u.pk)) for u in units]
    first = list(rows.select_related("responsible_unit").by_severity()[:5])
    return per_unit, first


def unit_findings_link(unit_id: int) -> str:
    """The findings page filtered to one unit's open FRG findings (the findings page's `category` filter)."""
    return f"{FINDINGS_PATH}?status=open&unit={unit_id}&category=八项规定"
