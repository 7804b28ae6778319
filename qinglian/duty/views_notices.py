"""督办单 pages: ledger, issue (from a task or a finding), detail with reply / close / escalate, and the
workbench card of a unit head's unanswered notices.

Rows come from SupervisionNotice.objects.visible_to(user), one notice from access_notice; every write goes
through services_notices, whose Chinese refusals become messages (403s become the error page).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from qinglian.core.errors import Forbidden, NotFound, QinglianError
from qinglian.core.excel import Column, export_table
from qinglian.core.history import changes_for
from qinglian.core.workdays import add_working_days
from qinglian.duty import selectors, services_notices
from qinglian.duty.choices import OPEN_TASK_STATUSES, NoticeStatus
from qinglian.duty.forms_oversight import (
    NoticeEscalateForm,
    NoticeFilterForm,
    NoticeForm,
    NoticeReplyForm,
    filter_notices,
)
from qinglian.duty.models import AccountabilityTalk, DutyAssignment, SupervisionNotice
from qinglian.duty.permissions import access_notice, can_issue_notices, can_record_talks
from qinglian.org.models import Person, Unit
from qinglian.org.permissions import scope_of

PRINT_LIMIT = 1000
REPLY_WORKING_DAYS = 5  # default reply period offered on the form; the issuer may change it


def url_or_none(name: str, *args: Any) -> str | None:
    """A link to a page another module owns, or None while that page does not exist yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def rows_or_page(request: HttpRequest, rows: QuerySet) -> dict:
    """`?print=1` lists every row (up to PRINT_LIMIT) for printing; otherwise one page."""
    if request.GET.get("print"):
        return {"rows": rows[:PRINT_LIMIT], "page_obj": None, "printing": True}
    page = Paginator(rows, settings.QINGLIAN_PAGE_SIZE).get_page(request.GET.get("page"))
    return {"rows": page, "page_obj": page, "printing": False}


def _ledger(request: HttpRequest) -> tuple[NoticeFilterForm, QuerySet[SupervisionNotice]]:
    form = NoticeFilterForm(request.GET or None, units=Unit.objects.visible_to(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    notices = SupervisionNotice.objects.visible_to(request.user).select_related(
        "unit", "responsible", "escalated_to", "assignment__item", "finding"
    )
    return form, filter_notices(notices, data)


def is_overdue(notice: SupervisionNotice, today) -> bool:
    return notice.status == NoticeStatus.ISSUED and notice.reply_due < today


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).is_business:
        raise NotFound("督办单不存在或无权查看")
    form, notices = _ledger(request)
    context = {"form": form, "today": timezone.localdate(), "can_issue": can_issue_notices(request.user)}
    context |= rows_or_page(request, notices)
    return render(request, "duty/notices.html", context)


@login_required
def notice_export(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).is_business:
        raise NotFound("督办单不存在或无权查看")
    _, notices = _ledger(request)
    today = timezone.localdate()
    headers = [
        Column("序号", 6),
        Column("督办单编号", 16),
        Column("被督办委室", 16),
        Column("责任人", 10),
        Column("督办事由", 36),
        Column("督办日期", 12),
        Column("回复期限", 12),
        Column("状态", 10),
        Column("是否逾期", 10),
        Column("回复日期", 12),
        Column("回复内容", 36),
        Column("升级至", 10),
    ]
    rows = [
        (
            i,
            n.number,
            n.unit.name,
            n.responsible.name if n.responsible_id else "",
            n.reason,
            n.issued_on,
            n.reply_due,
            n.get_status_display(),
            "逾期" if is_overdue(n, today) else "",
            n.replied_on,
            n.reply,
            n.escalated_to.name if n.escalated_to_id else "",
        )
        for i, n in enumerate(notices, start=1)
    ]
    return export_table(request, "督办单台账", headers, rows)


# --- issue ---------------------------------------------------------------------------------------------


def _prefill(request: HttpRequest, notice: SupervisionNotice) -> None:
    """`?assignment=` or `?finding=` fills the unit, the responsible person and the reason from the source."""
    from qinglian.compliance.models import Finding

    raw_task, raw_finding = request.GET.get("assignment", ""), request.GET.get("finding", "")
    if raw_task:
        task = DutyAssignment.objects.visible_to(request.user).filter(pk=raw_task if raw_task.isdigit() else 0)
        task = task.select_related("item", "unit").first()
        if task is None:
            raise NotFound("责任任务不存在或无权查看")
        heads = selectors.unit_heads(task.organ_id).get(task.unit_id, [])
        notice.assignment, notice.unit, notice.responsible_id = task, task.unit, next(iter(heads), None)
        deadline = f"（完成时限{task.item.deadline:%Y-%m-%d}）" if task.item.deadline else ""
        state = task.display_status(timezone.localdate())
        notice.reason = f"责任任务“{task.item.content}”{deadline}目前{state}，请加快推进并书面回复。"
    elif raw_finding:
        finding = Finding.objects.visible_to(request.user).filter(pk=raw_finding if raw_finding.isdigit() else 0)
        finding = finding.first()
        if finding is None:
            raise NotFound("预警不存在或无权查看")
        notice.finding, notice.unit_id = finding, finding.responsible_unit_id
        notice.responsible_id = finding.responsible_person_id
        notice.reason = f"{finding.rule_code}：{finding.reason}"


def _choices(user: Any, notice: SupervisionNotice) -> dict:
    """Open tasks and open findings the issuer may see (plus the pre-filled one, whatever its state)."""
    from qinglian.compliance.choices import OPEN_STATUSES
    from qinglian.compliance.models import Finding

    tasks = DutyAssignment.objects.visible_to(user).filter(
        Q(status__in=OPEN_TASK_STATUSES) | Q(pk=notice.assignment_id)
    )
    findings = Finding.objects.visible_to(user).filter(Q(status__in=OPEN_STATUSES) | Q(pk=notice.finding_id))
    return {
        "assignments": tasks.select_related("item__duty_list", "unit").order_by("item__order", "unit__order"),
        "findings": findings.order_by("-id"),
        "units": Unit.objects.visible_to(user),
        "people": Person.objects.visible_to(user).filter(is_active=True).select_related("unit"),
    }


@login_required
def notice_new(request: HttpRequest) -> HttpResponse:
    if not can_issue_notices(request.user):
        raise Forbidden("只有机关党委专责人员或党组成员可以下发督办单")
    today = timezone.localdate()
    notice = SupervisionNotice(organ_id=scope_of(request.user).organ_id, issued_on=today)
    notice.reply_due = add_working_days(today, REPLY_WORKING_DAYS)
    if request.method == "GET":
        _prefill(request, notice)
    form = NoticeForm(request.POST or None, instance=notice, **_choices(request.user, notice))
    if request.method == "POST" and form.is_valid():
        try:
            services_notices.notice_issue(notice=notice, by=request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已下发督办单 {notice.number}，已通知{notice.unit.name}负责人")
            return redirect("duty_notice", pk=notice.pk)
    return render(request, "duty/notices_form.html", {"form": form, "title": "下发督办单"})


# --- one notice ------------------------------------------------------------------------------------------


def _default_leader(notice: SupervisionNotice) -> int | None:
    return selectors.supervising_leaders(notice.organ_id, timezone.localdate()).get(notice.unit_id)


def _leaders(notice: SupervisionNotice):
    ids = [pid for pid, _ in selectors.leading_group(notice.organ_id, timezone.localdate())]
    return Person.objects.filter(pk__in=ids).select_related("unit")


@login_required
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = access_notice(request.user, pk)
    scope, today = scope_of(request.user), timezone.localdate()
    manages = can_issue_notices(request.user)
    answers = notice.unit_id in scope.head_unit_ids or scope.has("party_officer")
    context = {
        "notice": notice,
        "overdue": is_overdue(notice, today),
        "can_reply": answers and notice.status != NoticeStatus.CLOSED,
        "can_close": manages and notice.status == NoticeStatus.REPLIED,
        "can_escalate": manages and notice.status == NoticeStatus.ISSUED,
        "can_talk": can_record_talks(request.user),
        "reply_form": NoticeReplyForm(initial={"reply": notice.reply}),
        "escalate_form": NoticeEscalateForm(leaders=_leaders(notice), initial={"to_person": _default_leader(notice)}),
        "talks": AccountabilityTalk.objects.visible_to(request.user)
        .filter(notice=notice)
        .select_related("interviewer", "interviewee"),
        "task_url": url_or_none("duty_task", notice.assignment_id) if notice.assignment_id else None,
        "finding_url": url_or_none("finding_detail", notice.finding_id) if notice.finding_id else None,
        "changes": changes_for(notice),
    }
    return render(request, "duty/notices_detail.html", context)


def _done(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    """Run a service; its Chinese refusal becomes an error message, nothing is written (it is atomic)."""
    try:
        action()
    except (Forbidden, NotFound):
        raise
    except QinglianError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
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
        services_notices.notice_reply,
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
    close = partial(services_notices.notice_close, notice=notice, by=request.user)
    return _done(request, pk, close, "督办单已办结")


@login_required
@require_POST
def notice_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    notice = access_notice(request.user, pk, write=True)
    if not can_issue_notices(request.user):
        raise Forbidden("只有机关党委专责人员或党组成员可以升级督办")
    form = NoticeEscalateForm(request.POST, leaders=_leaders(notice))
    if not form.is_valid():
        messages.error(request, "请选择升级至的党组领导")
        return redirect("duty_notice", pk=pk)
    person = form.cleaned_data["to_person"]
    escalate = partial(services_notices.notice_escalate, notice=notice, by=request.user, to_person_id=person.pk)
    return _done(request, pk, escalate, f"已升级至{person.name}，并通知被督办委室负责人")


# --- workbench -----------------------------------------------------------------------------------------


def notices_widget(request: HttpRequest) -> dict | None:
    """A unit head's notices still waiting for a reply; nothing for anyone else or when all are answered."""
    scope = scope_of(request.user)
    if not scope.head_unit_ids:
        return None
    waiting = (
        SupervisionNotice.objects.visible_to(request.user)
        .filter(unit_id__in=scope.head_unit_ids, status=NoticeStatus.ISSUED)
        .select_related("unit")
        .order_by("reply_due", "id")
    )
    rows = list(waiting[:10])
    if not rows:
        return None
    today = timezone.localdate()
    for notice in rows:
        notice.overdue = is_overdue(notice, today)
    return {"notices": rows, "count": waiting.count()}
