"""The liaison-station pages (代表联络站) and deputies' activities (履职活动): stations with their contacts and
deputies, one station with its activities, the activities ledger with its filters, the tab of activities per
deputy in a year (代表履职次数), one activity (its evidence and history), the stations desk's forms, exports.

Parse → access → service/selector → render. Lists start from `selectors.stations` (`visible_to`); one row from
`access_station` / `access_activity`; writes go through `services.stations`; the Excel layouts are in
exports/stations.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from qinglian.core import clock
from qinglian.core.errors import Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import int_param, paginate
from qinglian.npc.choices import ActivityKind
from qinglian.npc.exports import stations as exports
from qinglian.npc.forms.stations import ActivityFilterForm, ActivityForm, StationForm
from qinglian.npc.models import DeputyActivity, LiaisonStation
from qinglian.npc.permissions import (
    access_activity,
    access_station,
    can_see_deputy_phone,
    can_write_stations,
    reading_organ_id,
)
from qinglian.npc.selectors import stations as selectors
from qinglian.npc.selectors.figures import DeputyActivityCount, deputy_activity_counts
from qinglian.npc.services.stations import activity_save, station_save
from qinglian.npc.views.common import form_page, saved_redirect
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000
_DESK_ONLY = "只有联络站台账的负责委室可以办理此项"


# --- stations -----------------------------------------------------------------------------------------------


@login_required
def station_list(request: HttpRequest) -> HttpResponse:
    context = {
        "stations": selectors.station_list(request.user),
        "year": clock.today().year,
        "can_write": can_write_stations(request.user),
    }
    return render(request, "npc/station_list.html", context)


@login_required
def station_export(request: HttpRequest) -> HttpResponse:
    return exports.stations_xlsx(request, selectors.station_list(request.user))


@login_required
def station_detail(request: HttpRequest, pk: int) -> HttpResponse:
    station = access_station(request.user, pk)
    context = {
        "station": station,
        "deputies": station.deputies.order_by("delegation", "name"),
        "activities": selectors.activity_list(request.user, station_id=station.pk),
        "can_write": can_write_stations(request.user),
        "show_phone": can_see_deputy_phone(request.user),
        "changes": changes_for(station),
    }
    return render(request, "npc/station_detail.html", context)


@login_required
def station_create(request: HttpRequest) -> HttpResponse:
    if not can_write_stations(request.user):
        raise Forbidden(_DESK_ONLY)
    return _station_form(request, LiaisonStation(organ_id=scope_of(request.user).organ_id))


@login_required
def station_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _station_form(request, access_station(request.user, pk, write=True))


def _station_form(request: HttpRequest, station: LiaisonStation) -> HttpResponse:
    creating = station.pk is None
    form = StationForm(request.POST or None, instance=station, user=request.user)
    done = saved_redirect(
        request,
        form,
        save=lambda: station_save(station=form.instance, by=request.user, deputy_ids=form.deputy_ids()),
        then=lambda saved: reverse("npc_station", args=[saved.pk]),
    )
    title = "登记代表联络站" if creating else f"修改代表联络站：{station}"
    return done or form_page(request, "npc/station_form.html", form, title, station=station)


# --- activities ---------------------------------------------------------------------------------------------


def _activities(request: HttpRequest) -> tuple[ActivityFilterForm, QuerySet[DeputyActivity]]:
    form = ActivityFilterForm(request.GET or None, user=request.user)
    return form, selectors.activity_list(request.user, **form.selector_args())


def counts_year(form: ActivityFilterForm) -> int:
    return form.selector_args()["year"] or clock.today().year


def _counts(user: Any, year: int) -> list[DeputyActivityCount]:
    organ_id = reading_organ_id(user)
    return [] if organ_id is None else deputy_activity_counts(organ_id=organ_id, year=year)


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    form, qs = _activities(request)
    tab = "counts" if request.GET.get("tab") == "counts" else "list"
    context: dict[str, Any] = {
        "form": form,
        "tab": tab,
        "kinds": ActivityKind.labels,
        "can_write": can_write_stations(request.user),
    }
    if tab == "counts":
        year = counts_year(form)
        context.update(year=year, counts=[(c, exports.count_cells(c)) for c in _counts(request.user, year)])
    elif "print" in request.GET:
        context.update(activities=qs[:PRINT_LIMIT], printing=True)
    else:
        page = paginate(request, qs)
        context.update(page_obj=page, activities=page.object_list)
    return render(request, "npc/activity_list.html", context)


@login_required
def activity_export(request: HttpRequest) -> HttpResponse:
    """The filtered activities, or (tab=counts) the activities per deputy of the year."""
    form, qs = _activities(request)
    if request.GET.get("tab") == "counts":
        year = counts_year(form)
        return exports.counts_xlsx(request, year, _counts(request.user, year))
    return exports.activities_xlsx(request, qs)


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity(request.user, pk)
    context = {
        "activity": activity,
        "deputies": activity.deputies.order_by("delegation", "name"),
        "can_write": can_write_stations(request.user),
        "changes": changes_for(activity),
    }
    return render(request, "npc/activity_detail.html", context)


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    if not can_write_stations(request.user):
        raise Forbidden(_DESK_ONLY)
    activity = DeputyActivity(organ_id=scope_of(request.user).organ_id, date=clock.today())
    station_id = int_param(request, "station")
    if station_id is not None:  # "登记活动" from a station's page starts with that station
        activity.station = selectors.visible_station(request.user, station_id)
    return _activity_form(request, activity)


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _activity_form(request, access_activity(request.user, pk, write=True))


def _activity_form(request: HttpRequest, activity: DeputyActivity) -> HttpResponse:
    creating = activity.pk is None
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    done = saved_redirect(
        request,
        form,
        save=lambda: activity_save(activity=form.instance, deputy_ids=form.deputy_ids(), by=request.user),
        then=lambda saved: reverse("npc_activity", args=[saved.pk]),
    )
    title = "登记代表履职活动" if creating else f"修改代表履职活动：{activity.title}"
    return done or form_page(request, "npc/activity_form.html", form, title, activity=activity)
