"""Pages for units, people and personnel events. Parse → access → selector/service → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.core.errors import Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.writes import soft_delete
from qinglian.org import exports, selectors, services
from qinglian.org.choices import PersonnelEventKind
from qinglian.org.forms import PersonFilterForm, PersonForm, PersonnelEventForm, UnitForm
from qinglian.org.models import Person, Unit
from qinglian.org.permissions import (
    access_person,
    access_unit,
    can_import_roster,
    can_see_id_number,
    can_write_org,
    scope_of,
)


def _organ_id(request: HttpRequest) -> int:
    organ_id = scope_of(request.user).organ_id
    if organ_id is None:
        raise Forbidden("当前账号未归属任何机关")
    return organ_id


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = selectors.unit_list(user=request.user, kind=request.GET.get("kind", ""))
    staff_units = selectors.staff_unit_ids(user=request.user)
    if request.GET.get("format") == "xlsx":
        return exports.units_xlsx(request, units, staff_units=staff_units)
    context = {"units": units, "can_write": can_write_org(request.user), "staff_units": staff_units}
    return render(request, "org/unit_list.html", context)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk)
    people = selectors.unit_staff(user=request.user, unit=unit)  # None: not this account's to see
    context = {
        "unit": unit,
        "people": people,
        "supervisors": selectors.supervisors_of(unit),
        "branches": unit.branches.all(),
        "can_write": can_write_org(request.user),
        "changes": changes_for(unit),
    }
    return render(request, "org/unit_detail.html", context)


@login_required
def unit_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organ_id = _organ_id(request)
    unit = access_unit(request.user, pk, write=True) if pk else None
    if unit is None and not can_write_org(request.user):
        raise Forbidden("无权新增委室")
    form = UnitForm(request.POST or None, instance=unit or Unit(organ_id=organ_id), organ=organ_id)
    return form_page(
        request,
        form,
        title="编辑委室" if unit else "新增委室",
        save=lambda: services.unit_save(unit=form.instance, by=request.user),
        success=lambda saved: f"已保存：{saved.name}",
        then=lambda saved: reverse("unit_detail", args=[saved.pk]),
    )


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    units = selectors.unit_list(user=request.user)
    form = PersonFilterForm(request.GET or None, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    people = selectors.person_list(
        user=request.user,
        q=data.get("q", ""),
        unit_id=data["unit"].pk if data.get("unit") else None,
        party_status=data.get("party_status", ""),
        rank=data.get("rank", ""),
        include_inactive=bool(data.get("include_inactive")),
    )
    if request.GET.get("format") == "xlsx":
        return exports.people_xlsx(request, people)
    context = {
        "form": form,
        "page_obj": paginate(request, people),
        "can_write": can_write_org(request.user),
        "can_import": can_import_roster(request.user),
    }
    return render(request, "org/person_list.html", context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    context = {
        "person": person,
        "show_id_number": can_see_id_number(request.user, person),
        "events": selectors.personnel_event_list(user=request.user, person_id=person.pk),
        "can_write": can_write_org(request.user),
        "changes": changes_for(person),
    }
    return render(request, "org/person_detail.html", context)


@login_required
def person_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organ_id = _organ_id(request)
    person = access_person(request.user, pk, write=True) if pk else None
    if person is None and not can_write_org(request.user):
        raise Forbidden("无权新增人员")
    form = PersonForm(request.POST or None, instance=person or Person(organ_id=organ_id), organ=organ_id)
    return form_page(
        request,
        form,
        title="编辑人员" if person else "新增人员",
        save=lambda: services.person_save(person=form.instance, by=request.user),
        success=lambda saved: f"已保存：{saved.name}",
        then=lambda saved: reverse("person_detail", args=[saved.pk]),
    )


@login_required
@require_POST
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, write=True)
    soft_delete(person, by=request.user)
    messages.success(request, f"已删除 {person.name}（记录保留在修改记录中，可由管理员恢复）")
    return redirect("person_list")


@login_required
def event_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, write=True)
    form = PersonnelEventForm(request.POST or None, organ=person.organ_id)
    return form_page(
        request,
        form,
        title=f"登记人事变动：{person.name}",
        save=lambda: services.personnel_event_record(person=person, by=request.user, **form.cleaned_data),
        success=lambda _: "已登记人事变动",
        then=lambda _: reverse("person_detail", args=[person.pk]),
    )


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    events = selectors.personnel_event_list(
        user=request.user, kind=request.GET.get("kind", ""), year=int(year) if year.isdigit() else None
    )
    if request.GET.get("format") == "xlsx":
        return exports.events_xlsx(request, events)
    context = {"page_obj": paginate(request, events), "kinds": PersonnelEventKind.choices, "year": year}
    return render(request, "org/event_list.html", context)
