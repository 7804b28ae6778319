"""学习培训 pages: study records, and training hours against the yearly requirement."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from qinglian.core.errors import Forbidden
from qinglian.core.http import form_page, int_param, paginate
from qinglian.org.choices import Role
from qinglian.org.models import Person, Unit
from qinglian.org.permissions import access_person, scope_of
from qinglian.partylife.exports.people import hours_xlsx, study_xlsx
from qinglian.partylife.forms.people import StudyRecordForm
from qinglian.partylife.models import StudyRecord
from qinglian.partylife.permissions import organ_id_of
from qinglian.partylife.selectors import common, counts, study
from qinglian.partylife.services.people import study_record_add
from qinglian.partylife.views.common import year_of


@login_required
def study_list(request: HttpRequest) -> HttpResponse:
    year = year_of(request)
    records = study.study_records(user=request.user, year=year)
    if request.GET.get("mine"):
        records = records.filter(person_id=scope_of(request.user).person_id)
    if request.GET.get("format") == "xlsx":
        return study_xlsx(request, records)
    context = {
        "page_obj": paginate(request, records),
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
    return form_page(
        request,
        form,
        title=f"登记学习培训：{person.name}",
        save=lambda: study_record_add(record=record, by=request.user),
        success=lambda saved: f"已登记学习记录：{saved.title}（{saved.hours}学时）",
        then=lambda _: "study_list",
    )


def hours_lines(*, organ_id: int, year: int, people: list[Person], target: Decimal | None) -> list[dict]:
    """One line per person: hours in the year and, when a target is known, the share of it (for the bar)."""
    hours = counts.training_hours(organ_id=organ_id, year=year, person_ids=[p.pk for p in people])
    lines = []
    for person in people:
        got = hours.get(person.pk, Decimal("0"))
        percent = min(100, int(got * 100 / target)) if target else None
        lines.append({"person": person, "hours": got, "percent": percent, "met": target is None or got >= target})
    return lines


@login_required
def training_hours(request: HttpRequest) -> HttpResponse:
    organ_id, year = organ_id_of(request.user), year_of(request)
    branch_id, unit_id = int_param(request, "branch"), int_param(request, "unit")
    people = list(study.hours_people(user=request.user, branch_id=branch_id, unit_id=unit_id))
    target = study.hours_target(organ_id)
    lines = hours_lines(organ_id=organ_id, year=year, people=people, target=target)
    if request.GET.get("format") == "xlsx":
        return hours_xlsx(request, lines, title=f"{year}年党员学习培训学时", target=target)
    context = {
        "lines": lines,
        "year": year,
        "target": target,
        "branch_id": branch_id,
        "unit_id": unit_id,
        "branches": common.organ_branches(organ_id),
        "units": Unit.objects.visible_to(request.user),
        "short": sum(1 for line in lines if not line["met"]),
    }
    return render(request, "partylife/study/hours.html", context)
