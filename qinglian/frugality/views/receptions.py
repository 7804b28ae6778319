"""Pages of the 公务接待 ledger: the list (year and months, unit, text, documents; totals; print; Excel export and
import), one reception (the letter, the list with its meals, the invoice and payment, its findings, its evidence
and history), the finance officer's forms for a reception and a meal, and the withdrawals with a reason.

Parse → access → service/selector → render: lists from `selectors.receptions` (`visible_to`), one reception from
`permissions.access_reception`, writes through `services.receptions`. Ends with ROUTES, joined in urls.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.frugality.exports import receptions as exports
from qinglian.frugality.forms.receptions import DeleteForm, MealForm, ReceptionFilterForm, ReceptionForm
from qinglian.frugality.importers.receptions import RECEPTION_PAGE
from qinglian.frugality.models import Reception, ReceptionMeal
from qinglian.frugality.permissions import access_reception, can_keep_ledgers
from qinglian.frugality.selectors import receptions as selectors
from qinglian.frugality.services import receptions as services
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000
CIRCLE = "公务接待台账由财务专责人员登记；机关党委、党组成员、派驻纪检监察组可查看全部，委室负责人可查看本委室的接待。"


def _receptions(request: HttpRequest) -> tuple[ReceptionFilterForm, Any]:
    form = ReceptionFilterForm(request.GET, user=request.user)
    return form, selectors.reception_list(request.user, **form.selector_args())


@login_required
def reception_list(request: HttpRequest) -> HttpResponse:
    form, qs = _receptions(request)
    context: dict[str, Any] = {
        "form": form,
        "totals": selectors.reception_totals(qs),
        "can_keep": can_keep_ledgers(request.user),
        "circle": CIRCLE,
    }
    if "print" in request.GET:
        context.update(receptions=qs[:PRINT_LIMIT], printing=True)
    else:
        page = paginate(request, qs)
        context.update(page_obj=page, receptions=page.object_list)
    return render(request, "frugality/reception_list.html", context)


@login_required
def reception_export(request: HttpRequest) -> HttpResponse:
    _, qs = _receptions(request)
    return exports.receptions_xlsx(request, qs.prefetch_related("meals"))


@login_required
def reception_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk)
    context = {
        "reception": reception,
        "meals": selectors.meals_of(reception),
        "can_keep": can_keep_ledgers(request.user),
        "changes": changes_for(reception),
        "delete_form": DeleteForm(),
        "circle": CIRCLE,
    }
    return render(request, "frugality/reception_detail.html", context)


@login_required
def reception_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_ledgers(request.user):
        raise Forbidden(services.KEEP_ONLY)
    return _reception_form(request, Reception(organ_id=scope_of(request.user).organ_id))


@login_required
def reception_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _reception_form(request, access_reception(request.user, pk, write=True))


def _reception_form(request: HttpRequest, reception: Reception) -> HttpResponse:
    form = ReceptionForm(request.POST or None, instance=reception, user=request.user)
    return form_page(
        request,
        form,
        title="登记公务接待" if reception.pk is None else f"修改公务接待：{reception}",
        save=lambda: services.reception_save(reception=form.instance, by=request.user),
        success=lambda saved: f"已保存：{saved}",
        then=lambda saved: reverse("frugality_reception_detail", args=[saved.pk]),
        template="frugality/reception_form.html",
        context={"reception": reception},
    )


@login_required
@require_POST
def reception_delete(request: HttpRequest, pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk, write=True)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写删除原因")
        return redirect("frugality_reception_detail", pk=reception.pk)
    try:
        services.reception_delete(reception=reception, by=request.user, reason=form.cleaned_data["reason"])
    except QinglianError as exc:
        messages.error(request, exc.message)
        return redirect("frugality_reception_detail", pk=reception.pk)
    messages.success(request, f"已删除：{reception}")
    return redirect("frugality_reception_list")


# --- meals ---------------------------------------------------------------------------------------------------


def _meal_of(reception: Reception, meal_pk: int) -> ReceptionMeal:
    return get_object_or_404(ReceptionMeal, pk=meal_pk, reception=reception)


@login_required
def meal_create(request: HttpRequest, pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk, write=True)
    return _meal_form(request, reception, ReceptionMeal(reception=reception, on=reception.start_on))


@login_required
def meal_edit(request: HttpRequest, pk: int, meal_pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk, write=True)
    return _meal_form(request, reception, _meal_of(reception, meal_pk))


def _meal_form(request: HttpRequest, reception: Reception, meal: ReceptionMeal) -> HttpResponse:
    if meal.pk is None and "guests" not in request.POST:
        meal.guests = reception.guest_count
    form = MealForm(request.POST or None, instance=meal, reception=reception)
    return form_page(
        request,
        form,
        title=f"{'添加' if meal.pk is None else '修改'}用餐：{reception}",
        save=lambda: services.meal_save(meal=form.instance, by=request.user),
        success=lambda saved: f"已保存用餐：{saved}",
        then=lambda saved: reverse("frugality_reception_detail", args=[reception.pk]),
        template="frugality/reception_form.html",
        context={"reception": reception},
    )


@login_required
@require_POST
def meal_delete(request: HttpRequest, pk: int, meal_pk: int) -> HttpResponse:
    reception = access_reception(request.user, pk, write=True)
    meal = _meal_of(reception, meal_pk)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写删除原因")
    else:
        try:
            services.meal_remove(meal=meal, by=request.user, reason=form.cleaned_data["reason"])
        except QinglianError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已删除用餐：{meal}")
    return redirect("frugality_reception_detail", pk=reception.pk)


ROUTES: list[URLPattern] = [
    path("receptions/", reception_list, name="frugality_reception_list"),
    path("receptions/export/", reception_export, name="frugality_reception_export"),
    path("receptions/import/", import_page, {"page": RECEPTION_PAGE}, name="frugality_reception_import"),
    path(
        "receptions/import/template/",
        import_template,
        {"page": RECEPTION_PAGE},
        name="frugality_reception_import_template",
    ),
    path("receptions/new/", reception_create, name="frugality_reception_create"),
    path("receptions/<int:pk>/", reception_detail, name="frugality_reception_detail"),
    path("receptions/<int:pk>/edit/", reception_edit, name="frugality_reception_edit"),
    path("receptions/<int:pk>/delete/", reception_delete, name="frugality_reception_delete"),
    path("receptions/<int:pk>/meals/new/", meal_create, name="frugality_reception_meal_create"),
    path("receptions/<int:pk>/meals/<int:meal_pk>/edit/", meal_edit, name="frugality_reception_meal_edit"),
    path("receptions/<int:pk>/meals/<int:meal_pk>/delete/", meal_delete, name="frugality_reception_meal_delete"),
]
