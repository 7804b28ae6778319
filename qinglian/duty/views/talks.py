"""约谈 pages: ledger, record/edit (optionally from a 督办单, task or finding), detail with history.

Rows come from AccountabilityTalk.objects.visible_to(user) (organ readers, the two people, the head of the
interviewee's unit), one talk from access_talk; writes go through services.talks.talk_record.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from qinglian.core import clock
from qinglian.core.errors import Forbidden, NotFound, QinglianError
from qinglian.core.history import changes_for
from qinglian.duty import exports
from qinglian.duty.forms.talks import TalkFilterForm, TalkForm
from qinglian.duty.models import AccountabilityTalk
from qinglian.duty.permissions import access_talk, can_record_talks
from qinglian.duty.selectors.talks import talk_form_choices, talk_ledger, talk_links, visible_notice
from qinglian.duty.services import talks as services
from qinglian.duty.views.common import ledger_year, rows_or_page
from qinglian.org.choices import Role
from qinglian.org.models import Unit
from qinglian.org.permissions import scope_of


def _ledger(request: HttpRequest, year: int) -> tuple[TalkFilterForm, QuerySet[AccountabilityTalk]]:
    if not scope_of(request.user).is_business:
        raise NotFound("约谈记录不存在或无权查看")
    form = TalkFilterForm(request.GET or None, units=Unit.objects.visible_to(request.user))
    return form, talk_ledger(request.user, year, form.filters())


@login_required
def talk_list(request: HttpRequest) -> HttpResponse:
    year = ledger_year(request)
    form, talks = _ledger(request, year)
    context = {"form": form, "year": year, "can_record": can_record_talks(request.user)}
    context |= rows_or_page(request, talks)
    return render(request, "duty/talks.html", context)


@login_required
def talk_export(request: HttpRequest) -> HttpResponse:
    year = ledger_year(request)
    _, talks = _ledger(request, year)
    return exports.talks_export(request, year, talks)


@login_required
def talk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    talk = access_talk(request.user, pk)
    try:
        access_talk(request.user, pk, write=True)
        can_edit = True
    except Forbidden:
        can_edit = False
    context = {
        "talk": talk,
        "can_edit": can_edit,
        **talk_links(request.user, talk),
        "task_url": reverse("duty_task", args=[talk.assignment_id]) if talk.assignment_id else None,
        "finding_url": reverse("finding_detail", args=[talk.finding_id]) if talk.finding_id else None,
        "changes": changes_for(talk),
    }
    return render(request, "duty/talks_detail.html", context)


# --- record / edit -------------------------------------------------------------------------------------


def _prefill(request: HttpRequest, talk: AccountabilityTalk) -> None:
    """`?notice=` links the talk to a 督办单 and fills the interviewee (its 责任人) and the reason."""
    raw = request.GET.get("notice", "")
    if not raw:
        return
    notice = visible_notice(request.user, raw)
    if notice is None:
        raise NotFound("督办单不存在或无权查看")
    talk.notice, talk.assignment_id, talk.finding_id = notice, notice.assignment_id, notice.finding_id
    talk.interviewee_id = notice.responsible_id
    talk.reason = f"督办单{notice.number}：{notice.reason}"


def _talk_form(request: HttpRequest, talk: AccountabilityTalk, title: str) -> HttpResponse:
    form = TalkForm(request.POST or None, instance=talk, **talk_form_choices(request.user, talk))
    if request.method == "POST" and form.is_valid():
        talk.unit_id = None  # talk_record files it under the interviewee's unit
        try:
            services.talk_record(talk=talk, by=request.user)
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
    talk = AccountabilityTalk(organ_id=scope.organ_id, date=clock.today())
    if not scope.has(Role.PARTY_OFFICER):
        talk.interviewer_id = scope.person_id
    if request.method == "GET":
        _prefill(request, talk)
    return _talk_form(request, talk, "登记约谈")


@login_required
def talk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    talk = access_talk(request.user, pk, write=True)
    return _talk_form(request, talk, "修改约谈记录")
