"""谈心谈话 pages. Confidential: every list, export and detail starts from HeartTalk.objects.visible_to(user)
or access_heart_talk, so leaders and unit heads never see a talk they were not part of."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from qinglian.audit.services import audit_record
from qinglian.core.errors import Forbidden, NotFound, QinglianError
from qinglian.core.history import changes_for
from qinglian.org.choices import Role
from qinglian.org.models import Branch, Person
from qinglian.org.permissions import scope_of
from qinglian.partylife import exports_people, selectors, services
from qinglian.partylife.forms_people import HeartTalkForm
from qinglian.partylife.models import HeartTalk
from qinglian.partylife.permissions import access_heart_talk, committee_branch_ids
from qinglian.partylife.views_people import int_param, organ_id_of, year_of


def _branches(request: HttpRequest):
    return Branch.objects.filter(organ_id=organ_id_of(request)).order_by("id")


@login_required
def talk_list(request: HttpRequest) -> HttpResponse:
    year, branch_id = year_of(request), int_param(request, "branch")
    talks = HeartTalk.objects.visible_to(request.user).filter(date__year=year)
    if branch_id:
        talks = talks.filter(branch_id=branch_id)
    query = request.GET.get("q", "").strip()
    if query:
        names = Q(initiator__name__icontains=query) | Q(counterpart__name__icontains=query)
        talks = talks.filter(names | Q(topic__icontains=query))
    talks = talks.select_related("initiator", "counterpart", "branch")
    if request.GET.get("format") == "xlsx":
        return exports_people.talks_xlsx(request, talks, year=year)
    context = {
        "page_obj": Paginator(talks, settings.QINGLIAN_PAGE_SIZE).get_page(request.GET.get("page")),
        "year": year,
        "branch_id": branch_id,
        "q": query,
        "branches": _branches(request),
        "can_create": scope_of(request.user).person_id is not None or _is_officer(request),
    }
    return render(request, "partylife/talks/list.html", context)


@login_required
def talk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    talk = access_heart_talk(request.user, pk)
    # Each opening of a confidential record is logged: who read which talk, and when.
    audit_record(action="confidential_viewed", user=request.user, request=request, target=talk)
    context = {"talk": talk, "changes": changes_for(talk)}
    return render(request, "partylife/talks/detail.html", context)


def _is_officer(request: HttpRequest) -> bool:
    return scope_of(request.user).has(Role.PARTY_OFFICER)


def _talk_people(request: HttpRequest):
    """(initiators, counterparts): the office records for anyone; others talk as themselves with people of
    their branch (a Party group member or an organ reader: anyone in the organ)."""
    scope = scope_of(request.user)
    people = Person.objects.filter(organ_id=scope.organ_id, is_active=True).select_related("unit")
    if _is_officer(request):
        return people, people
    if scope.person_id is None:
        raise Forbidden("当前账号未关联人员，不能登记谈心谈话")
    me = people.filter(pk=scope.person_id)
    if scope.has(Role.LEADER):
        return me, people.exclude(pk=scope.person_id)
    branch_id = me.values_list("branch_id", flat=True).first()
    mine = Q(branch_id=branch_id) if branch_id else Q(unit_id=scope.unit_id)
    return me, people.filter(mine).exclude(pk=scope.person_id)


@login_required
def talk_create(request: HttpRequest) -> HttpResponse:
    initiators, counterparts = _talk_people(request)
    me = scope_of(request.user).person_id
    talk = HeartTalk(organ_id=organ_id_of(request))
    form = HeartTalkForm(
        request.POST or None,
        instance=talk,
        initiators=initiators,
        counterparts=counterparts,
        initial={"initiator": me},
    )
    if request.method == "POST" and form.is_valid():
        talk.branch_id = talk.counterpart.branch_id or talk.initiator.branch_id
        try:
            services.heart_talk_record(talk=talk, by=request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已登记谈心谈话")
            return redirect("talk_detail", pk=talk.pk)
    return render(request, "core/form.html", {"form": form, "title": "登记谈心谈话"})


@login_required
def talk_coverage(request: HttpRequest) -> HttpResponse:
    """Committee members × members of a branch for a year. Organ readers and the branch's committee only;
    the ticks come from the talks the viewer may see, so a leader sees the grid without ticks."""
    scope, year = scope_of(request.user), year_of(request)
    branches = _branches(request)
    mine = committee_branch_ids(request.user)
    if not scope.reads_organ:
        branches = branches.filter(pk__in=mine)
    branch_id = int_param(request, "branch") or (min(mine) if mine else None)
    branch = branches.filter(pk=branch_id).first() if branch_id else branches.first()
    if branch is None:
        raise NotFound("党支部不存在或无权查看")
    matrix = selectors.coverage_matrix(user=request.user, branch_id=branch.pk, year=year)
    context = {"matrix": matrix, "year": year, "branch": branch, "branches": branches}
    return render(request, "partylife/talks/coverage.html", context)
