"""Pages of the official car register (公务用车): the list (filters, totals, print, Excel export and import), one car
(its findings, purchase papers as evidence, its history), the finance officer's form, disposal and withdrawal.

Parse → access → service/selector → render: lists from `selectors.cars` (`visible_to`), one car from `access_car`,
writes through `services.cars`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qinglian.core import clock
from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.frugality.choices import Energy
from qinglian.frugality.exports import cars as exports
from qinglian.frugality.forms.cars import CarDisposeForm, CarFilterForm, CarForm, DeleteForm
from qinglian.frugality.importers.cars import CAR_PAGE
from qinglian.frugality.models import OfficialCar
from qinglian.frugality.permissions import access_car, can_keep_ledgers
from qinglian.frugality.selectors import cars as selectors
from qinglian.frugality.services.cars import REFUSAL, car_delete, car_dispose, car_save
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000


def _cars(request: HttpRequest):
    form = CarFilterForm(request.GET or None, user=request.user)
    return form, selectors.car_list(request.user, **form.selector_args())


@login_required
def car_list(request: HttpRequest) -> HttpResponse:
    form, qs = _cars(request)
    context = {
        "form": form,
        "totals": selectors.totals(qs, "price"),
        "can_keep": can_keep_ledgers(request.user),
        "today": clock.today(),
    }
    if "print" in request.GET:
        context.update(cars=list(qs[:PRINT_LIMIT]), printing=True)
    else:
        page = paginate(request, qs)
        context.update(page_obj=page, cars=page.object_list)
    return render(request, "frugality/cars_list.html", context)


@login_required
def car_export(request: HttpRequest) -> HttpResponse:
    _, qs = _cars(request)
    return exports.cars_xlsx(request, list(qs))


@login_required
def car_detail(request: HttpRequest, pk: int) -> HttpResponse:
    car = access_car(request.user, pk)
    keep = can_keep_ledgers(request.user)
    context = {
        "car": car,
        "can_keep": keep,
        "dispose_form": CarDisposeForm() if keep and car.disposed_on is None else None,
        "delete_form": DeleteForm() if keep else None,
        "changes": changes_for(car),
    }
    return render(request, "frugality/cars_detail.html", context)


@login_required
def car_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_ledgers(request.user):
        raise Forbidden(REFUSAL)
    return _car_form(request, OfficialCar(organ_id=scope_of(request.user).organ_id, energy=Energy.FUEL))


@login_required
def car_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _car_form(request, access_car(request.user, pk, write=True))


def _car_form(request: HttpRequest, car: OfficialCar) -> HttpResponse:
    form = CarForm(request.POST or None, instance=car, user=request.user)
    return form_page(
        request,
        form,
        title="登记公务用车" if car.pk is None else f"修改公务用车：{car.plate}",
        save=lambda: car_save(car=form.instance, by=request.user),
        success=lambda saved: f"已保存公务用车：{saved.plate}",
        then=lambda saved: reverse("frugality_car_detail", args=[saved.pk]),
        template="frugality/cars_form.html",
        context={"car": car},
    )


@login_required
def car_dispose_page(request: HttpRequest, pk: int) -> HttpResponse:
    car = access_car(request.user, pk, write=True)
    form = CarDisposeForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"登记处置：{car.plate}",
        save=lambda: car_dispose(car=car, by=request.user, **form.cleaned_data),
        success=lambda saved: f"已登记处置：{saved.plate}",
        then=lambda saved: reverse("frugality_car_detail", args=[saved.pk]),
        template="frugality/cars_form.html",
        context={"car": car},
    )


@login_required
@require_POST
def car_delete_page(request: HttpRequest, pk: int) -> HttpResponse:
    car = access_car(request.user, pk, write=True)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写删除原因")
        return redirect("frugality_car_detail", pk=car.pk)
    try:
        car_delete(car=car, by=request.user, reason=form.cleaned_data["reason"])
    except QinglianError as exc:
        messages.error(request, exc.message)
        return redirect("frugality_car_detail", pk=car.pk)
    messages.success(request, f"已删除公务用车记录：{car.plate}")
    return redirect("frugality_car_list")


ROUTES = [
    path("cars/", car_list, name="frugality_car_list"),
    path("cars/export/", car_export, name="frugality_car_export"),
    path("cars/import/", import_page, {"page": CAR_PAGE}, name="frugality_car_import"),
    path("cars/import/template/", import_template, {"page": CAR_PAGE}, name="frugality_car_import_template"),
    path("cars/new/", car_create, name="frugality_car_create"),
    path("cars/<int:pk>/", car_detail, name="frugality_car_detail"),
    path("cars/<int:pk>/edit/", car_edit, name="frugality_car_edit"),
    path("cars/<int:pk>/dispose/", car_dispose_page, name="frugality_car_dispose"),
    path("cars/<int:pk>/delete/", car_delete_page, name="frugality_car_delete"),
]
