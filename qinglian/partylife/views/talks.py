"""谈心谈话 pages. Confidential: every list, export and detail comes from HeartTalk.objects.visible_to(user)
(through selectors) or access_heart_talk, so leaders and unit heads never see a talk they were not part of."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from qinglian.audit.services import audit_record
from qinglian.core.errors import Forbidden, NotFound
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, int_param, paginate
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of
from qinglian.partylife.exports.people import talks_xlsx
from qinglian.partylife.forms.people import HeartTalkForm
from qinglian.partylife.models import HeartTalk
from qinglian.partylife.permissions import access_heart_talk, organ_id_of
from qinglian.partylife.selectors import common
from qinglian.partylife.selectors import talks as selectors
from qinglian.partylife.services.people import heart_talk_record
from qinglian.partylife.views.common import year_of


@login_required
def talk_list(request: HttpRequest) -> HttpResponse:
    year, branch_id = year_of(request), int_param(request, "branch")
    query = request.GET.get("q", "").strip()
    talks = selectors.talk_list(user=request.user, year=year, branch_id=branch_id, query=query)
    if request.GET.get("format") == "xlsx":
        return talks_xlsx(request, talks, year=year)
    scope = scope_of(request.user)
    context = {
        "page_obj": paginate(request, talks),
        "year": year,
        "branch_id": branch_id,
        "q": query,
        "branches": common.organ_branches(organ_id_of(request.user)),
        "can_create": scope.person_id is not None or scope.has(Role.PARTY_OFFICER),
    }
    return render(request, "partylife/talks/list.html", context)


@login_required
def talk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    talk = access_heart_talk(request.user, pk)
    # Each opening of a confidential record is logged: who read which talk, and when.
    audit_record(action="confidential_viewed", user=request.user, request=request, target=talk)
    context = {"talk": talk, "changes": changes_for(talk)}
    return render(request, "partylife/talks/detail.html", context)


@login_required
def talk_create(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if scope.person_id is None and not scope.has(Role.PARTY_OFFICER):
        raise Forbidden("当前账号未关联人员，不能登记谈心谈话")
    initiators, counterparts = selectors.talk_people(request.user)
    talk = HeartTalk(organ_id=organ_id_of(request.user))
    form = HeartTalkForm(
        request.POST or None,
        instance=talk,
        initiators=initiators,
        counterparts=counterparts,
        initial={"initiator": scope.person_id},
    )

    def save() -> HeartTalk:
        talk.branch_id = talk.counterpart.branch_id or talk.initiator.branch_id
        return heart_talk_record(talk=talk, by=request.user)

    return form_page(
        request,
        form,
        title="登记谈心谈话",
        save=save,
        success=lambda _: "已登记谈心谈话",
        then=lambda saved: reverse("talk_detail", args=[saved.pk]),
    )


@login_required
def talk_coverage(request: HttpRequest) -> HttpResponse:
    """Committee members × members of a branch for a year. Organ readers and the branch's committee only;
    the ticks come from the talks the viewer may see, so a leader sees the grid without ticks."""
    year = year_of(request)
    branches, branch = selectors.coverage_branches(
        user=request.user, organ_id=organ_id_of(request.user), branch_id=int_param(request, "branch")
    )
    if branch is None:
        raise NotFound("党支部不存在或无权查看")
    matrix = selectors.coverage_matrix(user=request.user, branch_id=branch.pk, year=year)
    context = {"matrix": matrix, "year": year, "branch": branch, "branches": branches}
    return render(request, "partylife/talks/coverage.html", context)
