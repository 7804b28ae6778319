"""A unit's task page: the item, status, 认领, progress reports with evidence, 销号 or 退回, 督办, history.

Parse → access → service → redirect. `access_assignment` decides who sees the task; the services decide who
may claim, report and confirm, and say why not in Chinese (shown as a message, or a form error).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput, QinglianError
from qinglian.core.history import changes_for
from qinglian.duty.choices import ListStatus, Recurrence
from qinglian.duty.forms.tasks import ReportForm, ReturnForm
from qinglian.duty.models import DutyAssignment, ProgressReport
from qinglian.duty.permissions import access_assignment, can_claim, can_confirm, can_issue_notices, can_report
from qinglian.duty.selectors.tasks import (
    EvidenceCounts,
    evidence_counts,
    last_percent,
    mark_status,
    siblings,
    task_notices,
)
from qinglian.duty.services import tasks as services
from qinglian.duty.services.transitions import allows
from qinglian.duty.views.common import require_business, tell_outcome
from qinglian.evidence import services as evidence_services
from qinglian.evidence.uploads import SizeLimitHandler, limit_uploads


def _abilities(user: Any, task: DutyAssignment) -> dict[str, bool]:
    published = task.item.duty_list.status == ListStatus.PUBLISHED
    return {
        "can_claim": published and not task.claimed_at and can_claim(user, task),
        "can_report": published and allows("task_report", task.status) and can_report(user, task),
        "can_confirm": allows("task_confirm", task.status) and can_confirm(user, task),
        "can_return": allows("task_return", task.status) and can_confirm(user, task),
        "can_supervise": published and can_issue_notices(user),
    }


def _task(request: HttpRequest, pk: int) -> DutyAssignment:
    require_business(request.user)
    task = access_assignment(request.user, pk)
    return mark_status(task, clock.today())


@login_required
def duty_task(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    return _render_task(request, task, _report_form(task), ReturnForm())


def _report_form(task: DutyAssignment, data: Any = None, files: Any = None) -> ReportForm:
    item = task.item
    recurring = item.recurrence != Recurrence.ONCE
    period = services.period_key(item, clock.today()) if recurring else ""
    return ReportForm(data, files, recurring=recurring, period=period, percent=last_percent(task))


def _render_task(
    request: HttpRequest, task: DutyAssignment, form: ReportForm, return_form: ReturnForm, status: int = 200
) -> HttpResponse:
    notices = task_notices(request.user, task)
    counts = evidence_counts(task)
    for notice in notices:
        notice.link = reverse("duty_notice", args=[notice.pk])
    context = {
        "task": task,
        "item": task.item,
        "siblings": siblings(task, clock.today()),
        "reports": _with_counts(task, counts),
        "evidence": counts,
        "notices": notices,
        "form": form,
        "return_form": return_form,
        "changes": changes_for(task),
        "notice_new_url": f"{reverse('duty_notice_new')}?assignment={task.pk}",
        **_abilities(request.user, task),
    }
    return render(request, "duty/task.html", context, status=status)


def _done(request: HttpRequest, task: DutyAssignment, action: Callable[[], object], success: str) -> HttpResponse:
    """Run a service; a refusal (403 included) is shown on the task page as a message, not a bare error."""
    tell_outcome(request, action, success, shown=(InvalidInput, Forbidden))
    return redirect("duty_task", pk=task.pk)


@login_required
@require_POST
def duty_task_claim(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    claim = partial(services.assignment_claim, assignment=task, by=request.user)
    return _done(request, task, claim, f"{task.unit.name}已认领该任务")


# CSRF is checked by `_report` after the upload size limit is in place: the middleware would read the whole body
# (request.POST) before the view could install it. Same pattern as evidence_upload.
@csrf_exempt
@login_required
@require_POST
def duty_task_report(request: HttpRequest, pk: int) -> HttpResponse:
    limiter = limit_uploads(request, evidence_services.max_bytes())
    return _report(request, pk, limiter)


@csrf_protect
def _report(request: HttpRequest, pk: int, limiter: SizeLimitHandler) -> HttpResponse:
    """The report and its files in one step: the service writes the report, then attaches each file."""
    task = _task(request, pk)
    form = _report_form(task, request.POST, request.FILES)
    if limiter.exceeded:
        form.add_error(None, evidence_services.too_big_message(limiter.limit) + "；本次进展未报送")
    elif form.is_valid():
        data = form.cleaned_data
        try:
            report = services.progress_report(
                assignment=task,
                by=request.user,
                date=data["date"],
                content=data["content"],
                percent=data["percent"],
                is_final=data["is_final"],
                period=data.get("period") or "",
                files=data["files"],
                request=request,
            )
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            _tell_reported(request, report)
            return redirect("duty_task", pk=task.pk)
    status = 403 if not can_report(request.user, task) else 400
    return _render_task(request, task, form, ReturnForm(), status=status)


def _tell_reported(request: HttpRequest, report: ProgressReport) -> None:
    files = f"，佐证材料{len(report.attached)}份" if report.attached else ""
    if report.is_final:
        messages.success(request, f"已报告完成{files}，待确认销号")
    else:
        messages.success(request, f"已报送进展{files}")
    for refusal in report.refused:
        messages.error(request, f"未上传：{refusal}")
    if report.held:
        messages.warning(request, f"佐证材料均未能上传，尚未申请销号。{services.NEEDS_EVIDENCE}")


def _with_counts(task: DutyAssignment, counts: EvidenceCounts) -> list[ProgressReport]:
    reports = list(task.reports.select_related("reported_by").order_by("-date", "-id"))
    for report in reports:
        report.evidence_count = counts.by_report.get(report.pk, 0)
    return reports


@login_required
@require_POST
def duty_task_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    confirm = partial(services.assignment_confirm, assignment=task, by=request.user)
    return _done(request, task, confirm, "已确认销号")


@login_required
@require_POST
def duty_task_return(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    form = ReturnForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    give_back = partial(services.assignment_return, assignment=task, by=request.user, reason=reason)
    return _done(request, task, give_back, f"已退回{task.unit.name}：{reason}")
