"""Pages of the travel ledger (差旅): the list (filters year, months, unit, band, source, text; totals; print;
Excel export and import), 我的差旅 (a cadre's own trips), one trip (stays, tickets, the claim, its findings and
evidence, its history), the finance officer's editor (the trip with its stays and tickets) and withdrawal.

Parse → access → service/selector → render: lists from `selectors.travel` (`visible_to`), one trip from
`access_trip`, writes through `services.travel`.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from qinglian.core.errors import Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.frugality.exports import travel as exports
from qinglian.frugality.forms.travel import Styled, TripEditor, TripFilterForm
from qinglian.frugality.importers.travel import TRIP_PAGE
from qinglian.frugality.models import Trip
from qinglian.frugality.permissions import access_trip, can_keep_ledgers
from qinglian.frugality.selectors import travel as selectors
from qinglian.frugality.services.travel import KEEP_ONLY, trip_delete, trip_save
from qinglian.org.permissions import refuse_own_stake
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000


class WithdrawForm(Styled, forms.Form):
    reason = forms.CharField(label="删除原因", max_length=200, help_text="如：重复录入、录错出差人")


def _filtered(request: HttpRequest, mine: bool):
    form = TripFilterForm(request.GET or None, user=request.user)
    pick = selectors.own_trips if mine else selectors.trip_list
    return form, pick(request.user, form.filters())


def _list(request: HttpRequest, *, mine: bool) -> HttpResponse:
    form, qs = _filtered(request, mine)
    context = {
        "form": form,
        "mine": mine,
        "totals": selectors.trip_totals(qs),
        "can_keep": can_keep_ledgers(request.user),
    }
    if "print" in request.GET:
        context.update(trips=selectors.with_lines(list(qs[:PRINT_LIMIT])), printing=True)
    else:
        page = paginate(request, qs)
        context.update(page_obj=page, trips=selectors.with_lines(list(page.object_list)))
    return render(request, "frugality/travel_list.html", context)


@login_required
def trip_list(request: HttpRequest) -> HttpResponse:
    return _list(request, mine=False)


@login_required
def trip_mine(request: HttpRequest) -> HttpResponse:
    return _list(request, mine=True)


@login_required
def trip_export(request: HttpRequest) -> HttpResponse:
    _, qs = _filtered(request, mine=request.GET.get("mine") == "1")
    return exports.trips_xlsx(request, selectors.with_lines(list(qs)))


@login_required
def trip_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trip = access_trip(request.user, pk)
    own = trip.traveller_id == scope_of(request.user).person_id
    context = {
        "trip": trip,
        "sheet": selectors.trip_sheet(trip),
        "can_edit": can_keep_ledgers(request.user) and not own,
        "changes": changes_for(trip),
    }
    return render(request, "frugality/travel_detail.html", context)


@login_required
def trip_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_ledgers(request.user):
        raise Forbidden(KEEP_ONLY)
    return _trip_form(request, Trip(organ_id=scope_of(request.user).organ_id))


@login_required
def trip_edit(request: HttpRequest, pk: int) -> HttpResponse:
    trip = access_trip(request.user, pk, write=True)
    refuse_own_stake(request.user, "修改本人的差旅", responsible_people=[trip.traveller_id])
    return _trip_form(request, trip)


def _trip_form(request: HttpRequest, trip: Trip) -> HttpResponse:
    editor = TripEditor(request.POST or None, trip=trip, user=request.user)
    return form_page(
        request,
        editor,
        title="录入差旅" if trip.pk is None else f"修改差旅：{trip.voucher_no or trip}",
        save=lambda: trip_save(
            trip=editor.instance, stays=editor.stay_lines(), tickets=editor.ticket_lines(), by=request.user
        ),
        success=lambda saved: f"已保存差旅：{saved.traveller.name} {saved.start_on:%Y-%m-%d} {saved.purpose}",
        then=lambda saved: reverse("frugality_trip_detail", args=[saved.pk]),
        template="frugality/travel_form.html",
        context={"trip": trip},
    )


@login_required
def trip_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    trip = access_trip(request.user, pk, write=True)
    refuse_own_stake(request.user, "删除本人的差旅", responsible_people=[trip.traveller_id])
    form = WithdrawForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"删除差旅：{trip.voucher_no or '（无凭证号）'} {trip.traveller.name} {trip.start_on:%Y-%m-%d}",
        save=lambda: trip_delete(trip=trip, by=request.user, reason=form.cleaned_data["reason"]),
        success=lambda _: "已删除该差旅记录（修改记录中仍可查到）",
        then=lambda _: reverse("frugality_trip_list"),
        template="frugality/travel_withdraw.html",
        context={"trip": trip},
    )


ROUTES = [
    path("trips/", trip_list, name="frugality_trip_list"),
    path("trips/mine/", trip_mine, name="frugality_trip_mine"),
    path("trips/export/", trip_export, name="frugality_trip_export"),
    path("trips/import/", import_page, {"page": TRIP_PAGE}, name="frugality_trip_import"),
    path("trips/import/template/", import_template, {"page": TRIP_PAGE}, name="frugality_trip_import_template"),
    path("trips/new/", trip_create, name="frugality_trip_create"),
    path("trips/<int:pk>/", trip_detail, name="frugality_trip_detail"),
    path("trips/<int:pk>/edit/", trip_edit, name="frugality_trip_edit"),
    path("trips/<int:pk>/delete/", trip_withdraw, name="frugality_trip_delete"),
]
