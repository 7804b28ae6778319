"""The yearly handling-report ledger (代表建议办理情况的报告, NPC-013): every year that owes a report with its deadline
(before the next session) and where it stands, one year's report with its evidence and history, the suggestions
desk's form, the Excel export.

Parse → access → service/selector → render: the list from `selectors.reports.report_rows` (the reader's organ),
one row from `access_handling_report`, writes through `services.reports.handling_report_save`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from qinglian.core import clock
from qinglian.core.errors import Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import int_param
from qinglian.npc.exports import reports as exports
from qinglian.npc.forms.reports import HandlingReportForm
from qinglian.npc.models import HandlingReport
from qinglian.npc.permissions import access_handling_report, can_write_suggestions
from qinglian.npc.selectors.reports import report_rows
from qinglian.npc.services.reports import handling_report_save
from qinglian.npc.views.common import form_page, saved_redirect
from qinglian.org.scope import scope_of

_DESK_ONLY = "只有建议办理台账的负责委室可以登记办理情况报告"


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    context = {"rows": report_rows(request.user), "can_write": can_write_suggestions(request.user)}
    return render(request, "npc/report_list.html", context)


@login_required
def report_export(request: HttpRequest) -> HttpResponse:
    return exports.reports_xlsx(request, report_rows(request.user))


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access_handling_report(request.user, pk)
    row = next((r for r in report_rows(request.user) if r.year == report.year), None)
    context = {
        "report": report,
        "row": row,
        "can_write": can_write_suggestions(request.user),
        "changes": changes_for(report),
    }
    return render(request, "npc/report_detail.html", context)


@login_required
def report_create(request: HttpRequest) -> HttpResponse:
    if not can_write_suggestions(request.user):
        raise Forbidden(_DESK_ONLY)
    year = int_param(request, "year") or clock.today().year
    return _form(request, HandlingReport(organ_id=scope_of(request.user).organ_id, year=year))


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form(request, access_handling_report(request.user, pk, write=True))


def _form(request: HttpRequest, report: HandlingReport) -> HttpResponse:
    creating = report.pk is None
    form = HandlingReportForm(request.POST or None, instance=report, user=request.user)
    done = saved_redirect(
        request,
        form,
        save=lambda: handling_report_save(report=form.instance, by=request.user),
        then=lambda saved: reverse("npc_report", args=[saved.pk]),
    )
    title = "登记代表建议办理情况报告" if creating else f"修改：{report}"
    return done or form_page(request, "npc/report_form.html", form, title, report=report)
