"""约谈 pages: ledger, record/edit (optionally from a 督办单, task or finding), detail with history.

Rows come from AccountabilityTalk.objects.visible_to(user) (organ readers, the two people, the head of the
interviewee's unit), one talk from access_talk; writes go through services_notices.talk_record.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from qinglian.core.errors import Forbidden, NotFound, QinglianError
from qinglian.core.excel import Column, export_table
from qinglian.core.history import changes_for
from qinglian.duty import services_notices
from qinglian.duty.choices import OPEN_TASK_STATUSES
from qinglian.duty.forms_oversight import TalkFilterForm, TalkForm, filter_talks, year_param
from qinglian.duty.models import AccountabilityTalk, DutyAssignment, SupervisionNotice
from qinglian.duty.permissions import access_talk, can_record_talks
from qinglian.duty.views_notices import rows_or_page, url_or_none
from qinglian.org.choices import Role
from qinglian.org.models import Person, Unit
from qinglian.org.permissions import scope_of


def _ledger(request: HttpRequest, year: int) -> tuple[TalkFilterForm, QuerySet[AccountabilityTalk]]:
    form = TalkFilterForm(request.GET or None, units=Unit.objects.visible_to(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    talks = (
        AccountabilityTalk.objects.visible_to(request.user)
        .filter(date__year=year)
        .select_related("interviewer", "interviewee", "unit", "notice")
    )
    return form, filter_talks(talks, data)


@login_required
def talk_list(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).is_business:
        raise NotFound("约谈记录不存在或无权查看")
    year = year_param(request)
    form, talks = _ledger(request, year)
    context = {"form": form, "year": year, "can_record": can_record_talks(request.user)}
    context |= rows_or_page(request, talks)
    return render(request, "duty/talks.html", context)


@login_required
def talk_export(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).is_business:
        raise NotFound("约谈记录不存在或无权查看")
    year = year_param(request)
    _, talks = _ledger(request, year)
    headers = [
        Column("序号", 6),
        Column("日期", 12),
        Column("类型", 10),
        Column("约谈人", 10),
        Column("被约谈人", 10),
        Column("所在委室", 16),
        Column("约谈事由", 36),
        Column("约谈结果/整改要求", 36),
        Column("相关督办单", 16),
    ]
    rows = [
        (
            i,
            t.date,
            t.get_kind_display(),
            t.interviewer.name,
            t.interviewee.name,
            t.unit.name if t.unit_id else "",
            t.reason,
            t.outcome,
            t.notice.number if t.notice_id else "",
        )
        for i, t in enumerate(talks, start=1)
    ]
    return export_table(request, f"{year}年约谈记录", headers, rows)


@login_required
def talk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from qinglian.compliance.models import Finding

    talk = access_talk(request.user, pk)
    try:
        access_talk(request.user, pk, write=True)
        can_edit = True
    except Forbidden:
        can_edit = False
    context = {
        "talk": talk,
        "can_edit": can_edit,
        # Linked records are shown only when the viewer may open them (the interviewee may not see a finding).
        "notice": SupervisionNotice.objects.visible_to(request.user).filter(pk=talk.notice_id).first(),
        "finding": Finding.objects.visible_to(request.user).filter(pk=talk.finding_id).first(),
        "task": DutyAssignment.objects.visible_to(request.user).filter(pk=talk.assignment_id).first(),
        "task_url": url_or_none("duty_task", talk.assignment_id) if talk.assignment_id else None,
        "finding_url": url_or_none("finding_detail", talk.finding_id) if talk.finding_id else None,
        "changes": changes_for(talk),
    }
    return render(request, "duty/talks_detail.html", context)


# --- record / edit -------------------------------------------------------------------------------------


def _choices(user: Any, talk: AccountabilityTalk) -> dict:
    """The office records for any interviewer; a leader records the talks they held themselves."""
    from qinglian.compliance.models import Finding

    scope = scope_of(user)
    people = Person.objects.visible_to(user).select_related("unit")
    if scope.has(Role.PARTY_OFFICER):
        interviewers = people.filter(Q(is_active=True) | Q(pk=talk.interviewer_id))
    else:
        interviewers = people.filter(pk=scope.person_id)
    people = people.filter(Q(is_active=True) | Q(pk=talk.interviewee_id))
    tasks = DutyAssignment.objects.visible_to(user).filter(Q(status__in=OPEN_TASK_STATUSES) | Q(pk=talk.assignment_id))
    return {
        "interviewers": interviewers,
        "interviewees": people,
        "notices": SupervisionNotice.objects.visible_to(user).select_related("unit"),
        "assignments": tasks.select_related("item__duty_list", "unit"),
        "findings": Finding.objects.visible_to(user).order_by("-id"),
    }


def _prefill(request: HttpRequest, talk: AccountabilityTalk) -> None:
    """`?notice=` links the talk to a 督办单 and fills the interviewee (its 责任人) and the reason."""
    raw = request.GET.get("notice", "")
    if not raw:
        return
    notice = SupervisionNotice.objects.visible_to(request.user).filter(pk=raw if raw.isdigit() else 0).first()
    if notice is None:
        raise NotFound("督办单不存在或无权查看")
    talk.notice, talk.assignment_id, talk.finding_id = notice, notice.assignment_id, notice.finding_id
    talk.interviewee_id = notice.responsible_id
    talk.reason = f"督办单{notice.number}：{notice.reason}"


def _talk_form(request: HttpRequest, talk: AccountabilityTalk, title: str) -> HttpResponse:
    form = TalkForm(request.POST or None, instance=talk, **_choices(request.user, talk))
    if request.method == "POST" and form.is_valid():
        talk.unit_id = None  # talk_record files it under the interviewee's unit
        try:
            services_notices.talk_record(talk=talk, by=request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存约谈记录：{talk}")
            return redirect("duty_talk", pk=talk.pk)
    return render(request, "duty/talks_form.html", {"form": form, "title": title})


@login_required
def talk_new(request: HttpRequest) -> HttpResponse:
    if not can_record_talks(request.user):
        raise Forbidden("只有机关党委专责人员或党组成员可以登记约谈")
    scope = scope_of(request.user)
    talk = AccountabilityTalk(organ_id=scope.organ_id, date=timezone.localdate())
    if not scope.has(Role.PARTY_OFFICER):
        talk.interviewer_id = scope.person_id
    if request.method == "GET":
        _prefill(request, talk)
    return _talk_form(request, talk, "登记约谈")


@login_required
def talk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    talk = access_talk(request.user, pk, write=True)
    return _talk_form(request, talk, "修改约谈记录")
