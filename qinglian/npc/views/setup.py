"""Setup of 人大履职服务 (/npc/setup/…): deputies, sessions, external handling units' profiles, service desks.

Every business role reads these lists (they are not confidential), except a deputy's phone number: only
the desks (suggestions, stations) and the organ-wide readers see it, on the page and in the export. Writes
go through services/setup.py, which checks the desk; the desks themselves are named by the party-affairs office.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from qinglian.core import clock
from qinglian.core.errors import Forbidden, QinglianError
from qinglian.npc.choices import DeskKind
from qinglian.npc.exports import setup as exports
from qinglian.npc.forms.setup import DeputyFilterForm, DeputyForm, DeskForm, HandlingUnitProfileForm, SessionForm
from qinglian.npc.models import Deputy, HandlingUnitProfile, Session
from qinglian.npc.permissions import (
    access_deputy,
    access_session,
    access_unit_profile,
    can_keep_deputies,
    can_manage_desks,
    can_see_deputy_phone,
    can_write_suggestions,
)
from qinglian.npc.selectors import setup as selectors
from qinglian.npc.services import setup as services
from qinglian.npc.views.common import form_page, saved_redirect
from qinglian.org.scope import scope_of


@login_required
def setup_index(request: HttpRequest) -> HttpResponse:
    return redirect("npc_deputies")


def _setup_form(
    request: HttpRequest, form_class: type[forms.ModelForm], obj: models.Model, title: str, back: str, save: Callable
) -> HttpResponse:
    """The shared create/edit page: the service's Chinese refusal is shown on the form, nothing is saved."""
    form = form_class(request.POST or None, instance=obj)
    done = saved_redirect(request, form, save=lambda: save(form.instance, request.user), then=lambda _: back)
    return done or form_page(request, "npc/setup_form.html", form, title, back=back)


# --- deputies -------------------------------------------------------------------------------------------


def _deputies(request: HttpRequest) -> tuple[DeputyFilterForm, QuerySet[Deputy]]:
    form = DeputyFilterForm(request.GET or None)
    data = form.values()
    text, inactive = data.get("q") or "", bool(data.get("include_inactive"))
    return form, selectors.deputy_list(request.user, text=text, include_inactive=inactive)


@login_required
def deputy_list(request: HttpRequest) -> HttpResponse:
    form, deputies = _deputies(request)
    context = {
        "form": form,
        "rows": [(d, d.led_suggestions) for d in deputies],
        "show_phone": can_see_deputy_phone(request.user),
        "can_write": can_keep_deputies(request.user),
        "tab": "deputies",
    }
    return render(request, "npc/setup_deputies.html", context)


@login_required
def deputy_export(request: HttpRequest) -> HttpResponse:
    _, deputies = _deputies(request)
    return exports.deputies_xlsx(request, deputies, show_phone=can_see_deputy_phone(request.user))


def _save_deputy(obj: Deputy, by: Any) -> Deputy:
    return services.deputy_save(deputy=obj, by=by)


@login_required
def deputy_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_deputies(request.user):
        raise Forbidden("只有建议办理或联络站台账的负责委室可以登记代表")
    deputy = Deputy(organ_id=scope_of(request.user).organ_id)
    return _setup_form(request, DeputyForm, deputy, "登记代表", "npc_deputies", _save_deputy)


@login_required
def deputy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = access_deputy(request.user, pk, write=True)
    return _setup_form(request, DeputyForm, deputy, f"修改代表：{deputy.name}", "npc_deputies", _save_deputy)


# --- sessions -------------------------------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    sessions = selectors.session_list(request.user)
    context = {"sessions": sessions, "can_write": can_write_suggestions(request.user), "tab": "sessions"}
    return render(request, "npc/setup_sessions.html", context)


@login_required
def session_export(request: HttpRequest) -> HttpResponse:
    return exports.sessions_xlsx(request, selectors.session_list(request.user))


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
    session = access_session(request.user, pk, write=True)
    return _setup_form(request, SessionForm, session, f"修改届次会议：{session}", "npc_sessions", _save_session)


# --- handling units (external units) ----------------------------------------------------------------------


@login_required
def unit_profile_list(request: HttpRequest) -> HttpResponse:
    context = {
        "rows": selectors.handling_unit_rows(request.user),
        "can_write": can_write_suggestions(request.user),
        "year": clock.today().year,
        "tab": "units",
    }
    return render(request, "npc/setup_units.html", context)


@login_required
def unit_profile_export(request: HttpRequest) -> HttpResponse:
    return exports.unit_profiles_xlsx(request, selectors.handling_unit_rows(request.user))


@login_required
def unit_profile_edit(request: HttpRequest, unit_pk: int) -> HttpResponse:
    profile = access_unit_profile(request.user, unit_pk, write=True)
    title = f"承办单位信息：{profile.unit.name}"
    return _setup_form(request, HandlingUnitProfileForm, profile, title, "npc_unit_profiles", _save_profile)


def _save_profile(obj: HandlingUnitProfile, by: Any) -> HandlingUnitProfile:
    return services.handling_unit_profile_save(profile=obj, by=by)


# --- service desks ----------------------------------------------------------------------------------------


@login_required
def desk_list(request: HttpRequest) -> HttpResponse:
    desks = selectors.desks_by_kind(request.user)
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
    changed = form.changed_desks(current)
    try:
        services.service_desks_set(changes=changed, by=request.user)
    except QinglianError as exc:
        form.add_error(None, exc.message)
        return False
    messages.success(request, "已保存台账负责委室" if changed else "没有变化")
    return True


@login_required
def desk_export(request: HttpRequest) -> HttpResponse:
    return exports.desks_xlsx(request, selectors.desks_by_kind(request.user))
