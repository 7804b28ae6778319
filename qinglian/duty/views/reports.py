"""主体责任年度报告 pages: the Party group's yearly reports to its superior Party organisation, each against the due
date the rule's parameters set (DUTY-009); record/correct one, its detail with the report as sent (evidence)
and history, and the Excel 台账.

Read by the organ readers (party-affairs office, leaders, stationed supervisor); written through
services.reports.superior_report_save by the party-affairs office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from qinglian.core import clock
from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.history import changes_for
from qinglian.duty import exports
from qinglian.duty.forms.reports import SuperiorReportForm
from qinglian.duty.models import SuperiorReport
from qinglian.duty.permissions import access_superior_report, can_record_superior_reports
from qinglian.duty.rules.common import annual_due
from qinglian.duty.selectors.reports import report_requirement, superior_reports
from qinglian.duty.services import reports as services
from qinglian.duty.views.common import rows_or_page
from qinglian.org.permissions import scope_of


def _require_reader(user: Any) -> None:
    if not scope_of(user).reads_organ:
        raise Forbidden("主体责任年度报告仅供机关党委、党组成员和派驻纪检监察组查看")


def report_due(organ_id: int, year: int) -> dt.date | None:
    """When the report on `year` is due, by the parameters in force as that year closes (None without them)."""
    need = report_requirement(organ_id, dt.date(year, 12, 31))
    return annual_due(year + 1, need.month, need.day) if need else None


def _mark(organ_id: int, reports: Iterable[SuperiorReport]) -> None:
    """Attach `due` and `on_time` (None when the due date is unknown) to each report, for the page and export."""
    for report in reports:
        report.due = report_due(organ_id, report.year)
        report.on_time = None if report.due is None else report.reported_on <= report.due


def _missing(organ_id: int, today: dt.date) -> dict[str, Any] | None:
    """Last year's report when it is not recorded yet: its year, due date and whether that has passed."""
    year = today.year - 1
    if SuperiorReport.objects.filter(organ_id=organ_id, year=year).exists():
        return None
    due = report_due(organ_id, year)
    return {"year": year, "due": due, "late": due is not None and today > due}


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    organ_id = scope_of(request.user).organ_id
    context = {
        "can_record": can_record_superior_reports(request.user),
        "missing": _missing(organ_id, clock.today()),
        **rows_or_page(request, superior_reports(request.user)),
    }
    _mark(organ_id, context["rows"])
    return render(request, "duty/reports.html", context)


@login_required
def report_export(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    reports = list(superior_reports(request.user))
    _mark(scope_of(request.user).organ_id, reports)
    return exports.superior_reports_export(request, reports)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access_superior_report(request.user, pk)
    _mark(report.organ_id, [report])
    context = {
        "report": report,
        "can_edit": can_record_superior_reports(request.user),
        "changes": changes_for(report),
    }
    return render(request, "duty/reports_detail.html", context)


def _report_form(request: HttpRequest, report: SuperiorReport, title: str) -> HttpResponse:
    form = SuperiorReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.superior_report_save(report=report, by=request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存：{report}")
            return redirect("duty_report", pk=report.pk)
    return render(request, "duty/reports_form.html", {"form": form, "title": title})


@login_required
def report_new(request: HttpRequest) -> HttpResponse:
    if not can_record_superior_reports(request.user):
        raise Forbidden("只有机关党委专责人员可以登记主体责任年度报告")
    today = clock.today()
    report = SuperiorReport(organ_id=scope_of(request.user).organ_id, year=today.year - 1, reported_on=today)
    return _report_form(request, report, "登记主体责任年度报告")


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = access_superior_report(request.user, pk, write=True)
    return _report_form(request, report, "修改主体责任年度报告")
