"""The liaison-station pages (代表联络站) and deputies' activities (履职活动): stations with their contacts and
deputies, one station with its activities, the activities ledger with its filters, the tab of activities per
deputy in a year (代表履职次数), one activity (its evidence and history), the stations desk's forms, exports.

Parse → access → service/selector → render. Lists start from `selectors.station_list` / `activity_list`
(`visible_to`); one row from `access_station` / `access_activity`; writes go through `services_stations`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.excel import Column, export_table
from qinglian.core.history import changes_for
from qinglian.npc import selectors
from qinglian.npc.choices import ActivityKind
from qinglian.npc.forms_stations import ActivityFilterForm, ActivityForm, StationForm
from qinglian.npc.models import DeputyActivity, LiaisonStation
from qinglian.npc.permissions import access_activity, access_station, can_see_deputy_phone, can_write_stations
from qinglian.npc.selectors_figures import DeputyActivityCount, deputy_activity_counts
from qinglian.npc.services_stations import activity_save, station_save
from qinglian.org.permissions import scope_of

PRINT_LIMIT = 1000
_DESK_ONLY = "只有联络站台账的负责委室可以办理此项"


def _names(deputies) -> str:
    return "、".join(d.name for d in deputies)


# --- stations -----------------------------------------------------------------------------------------------


def _stations(user: Any) -> QuerySet[LiaisonStation]:
    this_year = Q(activities__deleted_at=None, activities__date__year=timezone.localdate().year)
    return selectors.station_list(user).annotate(activities_this_year=Count("activities", filter=this_year))


@login_required
def station_list(request: HttpRequest) -> HttpResponse:
    context = {
        "stations": _stations(request.user),
        "year": timezone.localdate().year,
        "can_write": can_write_stations(request.user),
    }
    return render(request, "npc/station_list.html", context)


STATION_COLUMNS = [
    Column("序号", 6),
    Column("联络站", 28),
    Column("所在区域", 12),
    Column("地址", 30),
    Column("联系人", 10),
    Column("联系电话", 14),
    Column("进站代表人数", 12),
    Column("进站代表", 40),
    Column("本年度活动次数", 14),
]


@login_required
def station_export(request: HttpRequest) -> HttpResponse:
    rows = [
        (
            i,
            s.name,
            s.area,
            s.address,
            s.contact_name,
            s.contact_phone,
            len(s.deputies.all()),
            _names(s.deputies.all()),
            s.activities_this_year,
        )
        for i, s in enumerate(_stations(request.user), start=1)
    ]
    return export_table(request, "代表联络站", STATION_COLUMNS, rows)


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


def _form_page(request: HttpRequest, template: str, form: Form, title: str, **extra: Any) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"form": form, "title": title, **extra}, status=status)


def _station_form(request: HttpRequest, station: LiaisonStation) -> HttpResponse:
    creating = station.pk is None
    form = StationForm(request.POST or None, instance=station, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = station_save(station=form.instance, by=request.user, deputy_ids=form.deputy_ids())
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存：{saved}")
            return redirect("npc_station", pk=saved.pk)
    title = "登记代表联络站" if creating else f"修改代表联络站：{station}"
    return _form_page(request, "npc/station_form.html", form, title, station=station)


# --- activities ---------------------------------------------------------------------------------------------


def _activities(request: HttpRequest) -> tuple[ActivityFilterForm, QuerySet[DeputyActivity]]:
    form = ActivityFilterForm(request.GET or None, user=request.user)
    return form, selectors.activity_list(request.user, **form.selector_args())


def counts_year(form: ActivityFilterForm) -> int:
    return form.selector_args()["year"] or timezone.localdate().year


def _counts(user: Any, year: int) -> list[DeputyActivityCount]:
    scope = scope_of(user)
    if not scope.is_business or scope.organ_id is None:
        return []
    return deputy_activity_counts(organ_id=scope.organ_id, year=year)


def count_cells(count: DeputyActivityCount) -> list[int]:
    """The deputy's activities of each kind, in the order of ActivityKind, then the total."""
    return [count.by_kind.get(kind, 0) for kind in ActivityKind.values] + [count.total]


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
        context.update(year=year, counts=[(c, count_cells(c)) for c in _counts(request.user, year)])
    elif "print" in request.GET:
        context.update(activities=qs[:PRINT_LIMIT], printing=True)
    else:
        page = Paginator(qs, settings.QINGLIAN_PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(page_obj=page, activities=page.object_list)
    return render(request, "npc/activity_list.html", context)


ACTIVITY_COLUMNS = [
    Column("序号", 6),
    Column("日期", 12),
    Column("活动类型", 14),
    Column("主题", 36),
    Column("联络站", 26),
    Column("地点", 20),
    Column("参加代表人数", 12),
    Column("参加代表", 40),
]


@login_required
def activity_export(request: HttpRequest) -> HttpResponse:
    """The filtered activities, or (tab=counts) the activities per deputy of the year."""
    form, qs = _activities(request)
    if request.GET.get("tab") == "counts":
        year = counts_year(form)
        columns = [Column("代表", 14)] + [Column(label, 12) for label in ActivityKind.labels] + [Column("合计", 8)]
        rows = [(c.deputy_name, *count_cells(c)) for c in _counts(request.user, year)]
        return export_table(request, f"{year}年代表履职活动次数", columns, rows)
    rows = [
        (
            i,
            a.date,
            a.get_kind_display(),
            a.title,
            a.station.name if a.station else "",
            a.place,
            len(a.deputies.all()),
            _names(a.deputies.all()),
        )
        for i, a in enumerate(qs, start=1)
    ]
    return export_table(request, "代表履职活动", ACTIVITY_COLUMNS, rows)


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
    activity = DeputyActivity(organ_id=scope_of(request.user).organ_id, date=timezone.localdate())
    wanted = request.GET.get("station", "")
    if wanted.isdigit():  # "登记活动" from a station's page starts with that station
        activity.station = LiaisonStation.objects.visible_to(request.user).filter(pk=int(wanted)).first()
    return _activity_form(request, activity)


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _activity_form(request, access_activity(request.user, pk, write=True))


def _activity_form(request: HttpRequest, activity: DeputyActivity) -> HttpResponse:
    creating = activity.pk is None
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = activity_save(activity=form.instance, deputy_ids=form.deputy_ids(), by=request.user)
        except QinglianError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存：{saved}")
            return redirect("npc_activity", pk=saved.pk)
    title = "登记代表履职活动" if creating else f"修改代表履职活动：{activity.title}"
    return _form_page(request, "npc/activity_form.html", form, title, activity=activity)
