"""Setup of 人大履职服务 (/npc/setup/…): deputies, sessions, external handling units' profiles, service desks.

Every business role reads these lists (they are not confidential), except a deputy's phone number: only
the desks (suggestions, stations) and the organ-wide readers see it, on the page and in the export. Writes
go through services.py, which checks the desk; the desks themselves are named by the party-affairs office.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from qinglian.core.errors import Forbidden, NotFound, QinglianError
from qinglian.core.excel import Column, export_table
from qinglian.npc import services
from qinglian.npc.choices import DeskKind, HandlingRole
from qinglian.npc.forms_setup import DeputyFilterForm, DeputyForm, DeskForm, HandlingUnitProfileForm, SessionForm
from qinglian.npc.forms_suggestions import external_units
from qinglian.npc.models import Assignment, Deputy, HandlingUnitProfile, ServiceDesk, Session, Suggestion
from qinglian.npc.permissions import (
    access_deputy,
    can_manage_desks,
    can_see_deputy_phone,
    can_write_stations,
    can_write_suggestions,
)
from qinglian.org.models import Organ, Unit
from qinglian.org.permissions import scope_of


def _can_keep_deputies(user: Any) -> bool:
    return can_write_suggestions(user) or can_write_stations(user)


@login_required
def setup_index(request: HttpRequest) -> HttpResponse:
    return redirect("npc_deputies")


# --- deputies -------------------------------------------------------------------------------------------


def _deputies(request: HttpRequest) -> tuple[DeputyFilterForm, QuerySet[Deputy]]:
    form = DeputyFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    deputies = Deputy.objects.visible_to(request.user)
    if not data.get("include_inactive"):
        deputies = deputies.filter(is_active=True)
    if text := (data.get("q") or "").strip():
        deputies = deputies.filter(Q(name__icontains=text) | Q(delegation__icontains=text))
    return form, deputies.order_by("delegation", "name", "pk")


def _led_counts(user: Any) -> dict[int, int]:
    rows = Suggestion.objects.visible_to(user).values("lead_deputy_id").annotate(n=Count("pk"))
    return {r["lead_deputy_id"]: r["n"] for r in rows}


@login_required
def deputy_list(request: HttpRequest) -> HttpResponse:
    form, deputies = _deputies(request)
    led = _led_counts(request.user)
    context = {
        "form": form,
        "rows": [(d, led.get(d.pk, 0)) for d in deputies],
        "show_phone": can_see_deputy_phone(request.user),
        "can_write": _can_keep_deputies(request.user),
        "tab": "deputies",
    }
    return render(request, "npc/setup_deputies.html", context)


@login_required
def deputy_export(request: HttpRequest) -> HttpResponse:
    _, deputies = _deputies(request)
    show_phone = can_see_deputy_phone(request.user)
    led = _led_counts(request.user)
    columns = [Column("序号", 6), Column("姓名", 10), Column("代表团/选区", 20), Column("代表层级", 16)]
    columns += [Column("联系电话", 14)] if show_phone else []
    columns += [Column("在任", 6), Column("领衔建议", 9)]
    rows = []
    for i, d in enumerate(deputies, start=1):
        phone = [d.phone] if show_phone else []
        rows.append((i, d.name, d.delegation, d.level_note, *phone, "是" if d.is_active else "否", led.get(d.pk, 0)))
    return export_table(request, "人大代表名册", columns, rows)


@login_required
def deputy_create(request: HttpRequest) -> HttpResponse:
    if not _can_keep_deputies(request.user):
        raise Forbidden("只有建议办理或联络站台账的负责委室可以登记代表")
    return _setup_form(
        request, DeputyForm, Deputy(organ_id=scope_of(request.user).organ_id), "登记代表", "npc_deputies", _save_deputy
    )


@login_required
def deputy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = access_deputy(request.user, pk, write=True)
    return _setup_form(request, DeputyForm, deputy, f"修改代表：{deputy.name}", "npc_deputies", _save_deputy)


def _save_deputy(obj: Deputy, by: Any) -> Deputy:
    return services.deputy_save(deputy=obj, by=by)


def _setup_form(request: HttpRequest, form_class, obj, title: str, back: str, save) -> HttpResponse:
    """The shared create/edit page: the service's Chinese refusal is shown on the form, nothing is saved."""
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.instance, request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存：{saved}")
            return redirect(back)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "npc/setup_form.html", {"form": form, "title": title, "back": back}, status=status)


# --- sessions -------------------------------------------------------------------------------------------


def _sessions(user: Any) -> QuerySet[Session]:
    alive = Q(suggestions__deleted_at__isnull=True)
    return Session.objects.visible_to(user).annotate(suggestion_count=Count("suggestions", filter=alive))


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    context = {"sessions": _sessions(request.user), "can_write": can_write_suggestions(request.user), "tab": "sessions"}
    return render(request, "npc/setup_sessions.html", context)


@login_required
def session_export(request: HttpRequest) -> HttpResponse:
    columns = [
        Column("届次会议", 30),
        Column("类型", 10),
        Column("开始日期", 12),
        Column("结束日期", 12),
        Column("建议件数", 9),
    ]
    rows = [(str(s), s.get_kind_display(), s.start, s.end, s.suggestion_count) for s in _sessions(request.user)]
    return export_table(request, "届次会议", columns, rows)


def _session_for_write(user: Any, pk: Any) -> Session:
    session = Session.objects.visible_to(user).filter(pk=pk).first()
    if session is None:
        raise NotFound("届次会议不存在或无权查看")
    if not can_write_suggestions(user):
        raise Forbidden("只有建议办理台账的负责委室可以修改届次会议")
    return session


def _save_session(obj: Session, by: Any) -> Session:
    return services.session_save(session=obj, by=by)


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    if not can_write_suggestions(request.user):
        raise Forbidden("只有建议办理台账的负责委室可以登记届次会议")
    session = Session(organ_id=scope_of(request.user).organ_id)
    return _setup_form(request, SessionForm, session, "登记届次会议", "npc_sessions", _save_session)


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_for_write(request.user, pk)
    return _setup_form(request, SessionForm, session, f"修改届次会议：{session}", "npc_sessions", _save_session)


# --- handling units (external units) ----------------------------------------------------------------------


def _unit_rows(user: Any) -> list[tuple[Unit, HandlingUnitProfile | None, int]]:
    """Each external unit with its profile and the suggestions it leads this year."""
    units = list(external_units(user))
    profiles = {p.unit_id: p for p in HandlingUnitProfile.objects.visible_to(user).filter(unit__in=units)}
    year = timezone.localdate().year
    leads = (
        Assignment.objects.visible_to(user)
        .filter(role=HandlingRole.LEAD, is_active=True, suggestion__year=year, suggestion__deleted_at__isnull=True)
        .values("unit_id")
        .annotate(n=Count("pk"))
    )
    counts = {r["unit_id"]: r["n"] for r in leads}
    return [(u, profiles.get(u.pk), counts.get(u.pk, 0)) for u in units]


@login_required
def unit_profile_list(request: HttpRequest) -> HttpResponse:
    context = {
        "rows": _unit_rows(request.user),
        "can_write": can_write_suggestions(request.user),
        "year": timezone.localdate().year,
        "tab": "units",
    }
    return render(request, "npc/setup_units.html", context)


@login_required
def unit_profile_export(request: HttpRequest) -> HttpResponse:
    columns = [Column("承办单位", 24), Column("主要负责人", 10), Column("职务", 20), Column("联系人", 10)]
    columns += [Column("联系电话", 14), Column(f"{timezone.localdate().year}年主办件数", 12)]
    rows = [
        (u.name, p.leader_name if p else "", p.leader_title if p else "", p.contact_name if p else "",
         p.contact_phone if p else "", n)
        for u, p, n in _unit_rows(request.user)
    ]  # fmt: skip
    return export_table(request, "承办单位信息", columns, rows)


@login_required
def unit_profile_edit(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = external_units(request.user).filter(pk=unit_pk).first()
    if unit is None:
        raise NotFound("承办单位不存在或无权查看")
    if not can_write_suggestions(request.user):
        raise Forbidden("只有建议办理台账的负责委室可以维护承办单位信息")
    profile = HandlingUnitProfile.objects.filter(unit=unit).first() or HandlingUnitProfile(
        unit=unit, organ_id=unit.organ_id
    )
    title = f"承办单位信息：{unit.name}"
    return _setup_form(request, HandlingUnitProfileForm, profile, title, "npc_unit_profiles", _save_profile)


def _save_profile(obj: HandlingUnitProfile, by: Any) -> HandlingUnitProfile:
    return services.handling_unit_profile_save(profile=obj, by=by)


# --- service desks ----------------------------------------------------------------------------------------


def _current_desks(user: Any) -> dict[str, ServiceDesk]:
    return {d.kind: d for d in ServiceDesk.objects.visible_to(user).select_related("unit")}


@login_required
def desk_list(request: HttpRequest) -> HttpResponse:
    desks = _current_desks(request.user)
    current = {kind: d.unit_id for kind, d in desks.items()}
    can_manage = can_manage_desks(request.user)
    form = DeskForm(request.POST or None, user=request.user, current=current) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise Forbidden("只有机关党委专责人员可以指定台账负责委室")
        if form.is_valid() and _set_desks(request, form, current):
            return redirect("npc_desks")
    rows = [(label, desks.get(kind)) for kind, label in DeskKind.choices]
    status = 400 if form is not None and form.is_bound and form.errors else 200
    context = {"rows": rows, "form": form, "tab": "desks"}
    return render(request, "npc/setup_desks.html", context, status=status)


def _set_desks(request: HttpRequest, form: DeskForm, current: dict[str, int | None]) -> bool:
    organ = Organ.objects.get(pk=scope_of(request.user).organ_id)
    changed = form.changed_desks(current)
    try:
        with transaction.atomic():  # all or nothing: a refusal leaves every desk as it was
            for kind, unit in changed:
                services.service_desk_set(organ=organ, kind=kind, unit=unit, by=request.user)
    except QinglianError as exc:
        form.add_error(None, exc.message)
        return False
    messages.success(request, "已保存台账负责委室" if changed else "没有变化")
    return True


@login_required
def desk_export(request: HttpRequest) -> HttpResponse:
    desks = _current_desks(request.user)
    rows = [(label, desks[kind].unit.name if kind in desks else "（未指定）") for kind, label in DeskKind.choices]
    return export_table(request, "台账负责委室", [Column("台账", 14), Column("负责委室", 24)], rows)
