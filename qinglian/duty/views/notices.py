"""督办单 pages: ledger, issue (from a task or a finding), detail with reply / close / escalate. The workbench card of
a unit head's unanswered notices is in duty/nav.py.

Rows come from OversightNotice.objects.visible_to(user), one notice from access_notice; every write goes
through services.notices, whose Chinese refusals become messages (403s become the error page).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.core import clock, workdays
from qinglian.core.errors import Conflict, Forbidden, InvalidInput, NotFound, QinglianError
from qinglian.core.history import changes_for
from qinglian.duty import exports
from qinglian.duty.forms.notices import NoticeEscalateForm, NoticeFilterForm, NoticeForm, NoticeReplyForm
from qinglian.duty.models import OversightNotice
from qinglian.duty.permissions import access_notice, can_issue_notices, can_record_talks, notice_stakes
from qinglian.duty.selectors.notices import (
    default_escalation,
    default_reply_due,
    draft_from_finding,
    draft_from_task,
    escalation_leaders,
    is_overdue,
    notice_form_choices,
    notice_ledger,
    notice_talks,
    open_notices_on,
    visible_finding,
    visible_task,
)
from qinglian.duty.services import notices as services
from qinglian.duty.services.transitions import allows
from qinglian.duty.views.common import rows_or_page, tell_outcome
from qinglian.org.choices import Role
from qinglian.org.models import Unit
from qinglian.org.permissions import own_stake, scope_of


def _ledger(request: HttpRequest) -> tuple[NoticeFilterForm, QuerySet[OversightNotice]]:
    if not scope_of(request.user).is_business:
        raise NotFound("督办单不存在或无权查看")
    form = NoticeFilterForm(request.GET or None, units=Unit.objects.visible_to(request.user))
    return form, notice_ledger(request.user, form.filters())


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    form, notices = _ledger(request)
    context = {
        "form": form,
        "today": clock.today(),
        "overdue_through": workdays.overdue_through(clock.today()),
        "can_issue": can_issue_notices(request.user),
    }
    context |= rows_or_page(request, notices)
    return render(request, "duty/notices.html", context)


@login_required
def notice_export(request: HttpRequest) -> HttpResponse:
    _, notices = _ledger(request)
    return exports.notices_export(request, notices)


# --- issue ---------------------------------------------------------------------------------------------


def _prefill(request: HttpRequest, notice: OversightNotice) -> None:
    """`?assignment=` or `?finding=` fills the unit, the responsible person, the reason (and for a finding the reply
    date) from the source; the notice form's script asks for the same page when a task or finding is chosen."""
    raw_task, raw_finding = request.GET.get("assignment", ""), request.GET.get("finding", "")
    if raw_task:
        task = visible_task(request.user, raw_task)
        if task is None:
            raise NotFound("责任任务不存在或无权查看")
        draft_from_task(notice, task, clock.today())
    elif raw_finding:
        finding = visible_finding(request.user, raw_finding)
        if finding is None:
            raise NotFound("预警不存在或无权查看")
        draft_from_finding(notice, finding, clock.today())


@login_required
def notice_new(request: HttpRequest) -> HttpResponse:
    """下发督办单, blank or from a source: `?assignment=<task id>` or `?finding=<finding id>` (the 督办 button of
    a finding's page)."""
    if not can_issue_notices(request.user):
        raise Forbidden("只有机关党委专责人员或党组成员可以下发督办单")
    today = clock.today()
    notice = OversightNotice(organ_id=scope_of(request.user).organ_id, issued_on=today)
    notice.reply_due = default_reply_due(today)
    if request.method == "GET":
        _prefill(request, notice)
    form = NoticeForm(request.POST or None, instance=notice, **notice_form_choices(request.user, notice))
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_issue(notice=notice, by=request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已下发督办单 {notice.number}，已通知{notice.unit.name}负责人")
            return redirect("duty_notice", pk=notice.pk)
    context = {"form": form, "title": "下发督办单", "open_notices": open_notices_on(request.user, notice)}
    return render(request, "duty/notices_form.html", context)


# --- one notice ------------------------------------------------------------------------------------------


@login_required
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = access_notice(request.user, pk)
    scope, today = scope_of(request.user), clock.today()
    manages = can_issue_notices(request.user)
    answers = notice.unit_id in scope.head_unit_ids or scope.has(Role.PARTY_OFFICER)
    escalate_form = NoticeEscalateForm(
        leaders=escalation_leaders(notice, today), initial={"to_person": default_escalation(notice, today)}
    )
    context = {
        "notice": notice,
        "overdue": is_overdue(notice, today),
        "can_reply": answers and allows("notice_reply", notice.status),
        "can_close": manages
        and allows("notice_close", notice.status)
        and not own_stake(request.user, **notice_stakes(notice)),
        "can_escalate": manages and allows("notice_escalate", notice.status),
        "can_talk": can_record_talks(request.user),
        "reply_form": NoticeReplyForm(initial={"reply": notice.reply}),
        "escalate_form": escalate_form,
        "talks": notice_talks(request.user, notice),
        "task_url": reverse("duty_task", args=[notice.assignment_id]) if notice.assignment_id else None,
        "finding_url": reverse("finding_detail", args=[notice.finding_id]) if notice.finding_id else None,
        "changes": changes_for(notice),
    }
    return render(request, "duty/notices_detail.html", context)


def _done(request: HttpRequest, pk: int, action: Callable[[], object], success: str) -> HttpResponse:
    """Run a service; its Chinese refusal becomes an error message, a 403 or 404 the error page."""
    tell_outcome(request, action, success, shown=(InvalidInput, Conflict))
    return redirect("duty_notice", pk=pk)


@login_required
@require_POST
def notice_reply(request: HttpRequest, pk: int) -> HttpResponse:
    notice = access_notice(request.user, pk, write=True)
    form = NoticeReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写回复内容和回复日期")
        return redirect("duty_notice", pk=pk)
    data = form.cleaned_data
    reply = partial(
        services.notice_reply,
        notice=notice,
        by=request.user,
        reply=data["reply"],
        replied_on=data["replied_on"],
    )
    return _done(request, pk, reply, "已回复督办单")


@login_required
@require_POST
def notice_close(request: HttpRequest, pk: int) -> HttpResponse:
    notice = access_notice(request.user, pk, write=True)
    close = partial(services.notice_close, notice=notice, by=request.user)
    return _done(request, pk, close, "督办单已办结")


@login_required
@require_POST
def notice_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    notice = access_notice(request.user, pk, write=True)
    if not can_issue_notices(request.user):
        raise Forbidden("只有机关党委专责人员或党组成员可以升级督办")
    form = NoticeEscalateForm(request.POST, leaders=escalation_leaders(notice, clock.today()))
    if not form.is_valid():
        messages.error(request, "请选择升级至的党组领导")
        return redirect("duty_notice", pk=pk)
    person = form.cleaned_data["to_person"]
    escalate = partial(services.notice_escalate, notice=notice, by=request.user, to_person_id=person.pk)
    return _done(request, pk, escalate, f"已升级至{person.name}，并通知被督办委室负责人")
