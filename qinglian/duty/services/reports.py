"""The Party group's yearly report to the superior Party organisation on its main responsibility: recorded (and
corrected) by the party-affairs office once it has been sent, one per year reported on."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.duty.models import SuperiorReport
from qinglian.duty.permissions import can_record_superior_reports


@transaction.atomic
def superior_report_save(*, report: SuperiorReport, by: Any) -> SuperiorReport:
    """Record the report as sent: a date not after today and not before the year it reports on, the superior
    Party organisation it went to, and at most one report per year."""
    if not can_record_superior_reports(by):
        raise Forbidden("只有机关党委专责人员可以登记主体责任年度报告")
    if report.reported_on > clock.today():
        raise InvalidInput("报送日期不能晚于今天")
    if report.reported_on.year < report.year:
        raise InvalidInput(f"{report.year}年度的报告不能早于{report.year}年报送，请核对报告年度和报送日期")
    report.recipient, report.title = report.recipient.strip(), report.title.strip()
    if not report.recipient:
        raise InvalidInput("请填写报送的上级党组织")
    if not report.title:
        raise InvalidInput("请填写报告标题")
    taken = SuperiorReport.objects.filter(organ_id=report.organ_id, year=report.year).exclude(pk=report.pk)
    if taken.exists():
        raise Conflict(f"{report.year}年度的报告已登记，请修改原记录")
    return save_checked(report, by=by)
