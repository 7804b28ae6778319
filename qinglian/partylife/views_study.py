"""学习培训 pages (records, hours against the yearly requirement) and each person's participation record."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from qinglian.core.errors import Forbidden, QinglianError
from qinglian.org.choices import Role
from qinglian.org.models import Branch, Person, Unit
from qinglian.org.permissions import access_person, scope_of
from qinglian.partylife import exports_people, selectors, services
from qinglian.partylife.choices import AttendanceStatus
from qinglian.partylife.forms_people import StudyRecordForm
from qinglian.partylife.models import Attendance, HeartTalk, Meeting, StudyRecord
from qinglian.partylife.permissions import committee_branch_ids
from qinglian.partylife.views_people import int_param, organ_id_of, rule_value, url_or_none, year_of


def hours_target(organ_id: int) -> Decimal | None:
    """The yearly hours required by PL-011 (32 in 《党员教育管理工作条例》), or None when no set is in force."""
    value = rule_value(organ_id=organ_id, code="PL-011", keys=("min_hours",))
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


@login_required
def study_list(request: HttpRequest) -> HttpResponse:
    year = year_of(request)
    records = StudyRecord.objects.visible_to(request.user).filter(date__year=year).select_related("person__unit")
    if request.GET.get("mine"):
        records = records.filter(person_id=scope_of(request.user).person_id)
    if request.GET.get("format") == "xlsx":
        return exports_people.study_xlsx(request, records)
    context = {
        "page_obj": Paginator(records, settings.QINGLIAN_PAGE_SIZE).get_page(request.GET.get("page")),
        "year": year,
        "can_create": scope_of(request.user).person_id is not None,
    }
    return render(request, "partylife/study/list.html", context)


def _study_person(request: HttpRequest) -> Person:
    """Whose record this is: oneself; the party-affairs office may record for anyone it sees."""
    scope = scope_of(request.user)
    wanted = request.POST.get("person") or request.GET.get("person") or scope.person_id
    if wanted is None:
        raise Forbidden("当前账号未关联人员，不能登记学习记录")
    person = access_person(request.user, wanted)
    if person.pk != scope.person_id and not scope.has(Role.PARTY_OFFICER):
        raise Forbidden("只能登记本人的学习记录")
    return person


@login_required
def study_create(request: HttpRequest) -> HttpResponse:
    person = _study_person(request)
    record = StudyRecord(organ_id=person.organ_id, person=person)
    form = StudyRecordForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.study_record_add(record=record, by=request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已登记学习记录：{record.title}（{record.hours}学时）")
            return redirect("study_list")
    return render(request, "core/form.html", {"form": form, "title": f"登记学习培训：{person.name}"})


def _hours_people(request: HttpRequest, *, branch_id: int | None, unit_id: int | None):
    """Organ readers: everyone; otherwise oneself, the units one heads and the branches on whose committee
    one sits (the same people whose study records one may read, plus the committee's own members)."""
    scope = scope_of(request.user)
    people = Person.objects.visible_to(request.user).filter(is_active=True).select_related("unit")
    if not scope.reads_organ:
        branches = committee_branch_ids(request.user)
        mine = Q(pk=scope.person_id) | Q(unit_id__in=scope.head_unit_ids) | Q(branch_id__in=branches)
        # A committee member sees the members of their branch even in other units, hence the base manager.
        people = people.none() if not scope.is_business else Person.objects.filter(mine, organ_id=scope.organ_id)
        people = people.filter(is_active=True).select_related("unit")
    if branch_id:
        people = people.filter(branch_id=branch_id)
    elif unit_id:
        people = people.filter(unit_id=unit_id)
    return people.party_members().order_by("unit__order", "id")


def hours_lines(*, organ_id: int, year: int, people, target: Decimal | None) -> list[dict]:
    """One line per person: hours in the year and, when a target is known, the share of it (for the bar)."""
    hours = selectors.training_hours(organ_id=organ_id, year=year, person_ids=[p.pk for p in people])
    lines = []
    for person in people:
        got = hours.get(person.pk, Decimal("0"))
        percent = min(100, int(got * 100 / target)) if target else None
        lines.append({"person": person, "hours": got, "percent": percent, "met": target is None or got >= target})
    return lines


@login_required
def training_hours(request: HttpRequest) -> HttpResponse:
    organ_id, year = organ_id_of(request), year_of(request)
    branch_id, unit_id = int_param(request, "branch"), int_param(request, "unit")
    people = list(_hours_people(request, branch_id=branch_id, unit_id=unit_id))
    target = hours_target(organ_id)
    lines = hours_lines(organ_id=organ_id, year=year, people=people, target=target)
    if request.GET.get("format") == "xlsx":
        return exports_people.hours_xlsx(request, lines, title=f"{year}年党员学习培训学时", target=target)
    context = {
        "lines": lines,
        "year": year,
        "target": target,
        "branch_id": branch_id,
        "unit_id": unit_id,
        "branches": Branch.objects.filter(organ_id=organ_id).order_by("id"),
        "units": Unit.objects.visible_to(request.user),
        "short": sum(1 for line in lines if not line["met"]),
    }
    return render(request, "partylife/study/hours.html", context)


def _attendance_rows(user: Any, person: Person, year: int) -> list[dict]:
    """The person's attendance at the meetings the viewer may see (a meeting of another branch stays hidden)."""
    visible = Meeting.objects.visible_to(user).filter(date__year=year).values("pk")
    rows = (
        Attendance.objects.filter(person=person, meeting__in=visible)
        .select_related("meeting")
        .order_by("meeting__date")
    )
    return [{"a": a, "url": url_or_none("meeting_detail", a.meeting_id)} for a in rows]


@login_required
def person_participation(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id)
    year = year_of(request)
    attendance = _attendance_rows(request.user, person, year)
    talks = (
        HeartTalk.objects.visible_to(request.user)
        .filter(Q(initiator=person) | Q(counterpart=person), date__year=year)
        .select_related("initiator", "counterpart")
    )
    studies = StudyRecord.objects.visible_to(request.user).filter(person=person, date__year=year)
    hours = selectors.training_hours(organ_id=person.organ_id, year=year, person_ids=[person.pk])
    context = {
        "person": person,
        "year": year,
        "attendance": attendance,
        "present": sum(1 for r in attendance if r["a"].status == AttendanceStatus.PRESENT),
        "talks": talks,
        "studies": studies,
        "hours": hours.get(person.pk, Decimal("0")),
        "target": hours_target(person.organ_id),
    }
    return render(request, "partylife/person/participation.html", context)
