"""Pages of the trips abroad ledger (因公临时出国（境）): the list (filters, totals, print, Excel export and import),
one delegation (its report's due date, its findings, approval and report as evidence, its history), the finance
officer's form, the report handed in after return (提交出访报告) and the withdrawal of a row entered in error.

Parse → access → service/selector → render: lists from `selectors.abroad` (`visible_to`), one trip from
`access_abroad_trip`, writes through `services.abroad`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qinglian.core.errors import Forbidden, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.frugality.exports import abroad as exports
from qinglian.frugality.forms.abroad import AbroadFilterForm, AbroadForm, AbroadReportForm
from qinglian.frugality.forms.cars import DeleteForm
from qinglian.frugality.importers.abroad import ABROAD_PAGE
from qinglian.frugality.models import AbroadTrip
from qinglian.frugality.permissions import access_abroad_trip, can_keep_ledgers
from qinglian.frugality.selectors import abroad as selectors
from qinglian.frugality.selectors.cars import totals
from qinglian.frugality.services.abroad import REFUSAL, abroad_delete, abroad_report, abroad_save
from qinglian.org.scope import scope_of

PRINT_LIMIT = 1000


def _trips(request: HttpRequest):
    form = AbroadFilterForm(request.GET or None, user=request.user)
    return form, selectors.abroad_list(request.user, **form.selector_args())


@login_required
def abroad_list(request: HttpRequest) -> HttpResponse:
    form, qs = _trips(request)
    context = {"form": form, "totals": totals(qs, "total_amount"), "can_keep": can_keep_ledgers(request.user)}
    if "print" in request.GET:
        context.update(trips=selectors.with_states(request.user, list(qs[:PRINT_LIMIT])), printing=True)
    else:
        page = paginate(request, qs)
        context.update(page_obj=page, trips=selectors.with_states(request.user, list(page.object_list)))
    return render(request, "frugality/abroad_list.html", context)


@login_required
def abroad_export(request: HttpRequest) -> HttpResponse:
    _, qs = _trips(request)
    return exports.trips_xlsx(request, selectors.with_states(request.user, list(qs)))


@login_required
def abroad_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trip = selectors.with_states(request.user, [access_abroad_trip(request.user, pk)])[0]
    keep = can_keep_ledgers(request.user)
    context = {
        "trip": trip,
        "can_keep": keep,
        "can_report": keep and trip.leader_id != scope_of(request.user).person_id,
        "delete_form": DeleteForm() if keep else None,
        "changes": changes_for(trip),
    }
    return render(request, "frugality/abroad_detail.html", context)


@login_required
def abroad_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_ledgers(request.user):
        raise Forbidden(REFUSAL)
    return _abroad_form(request, AbroadTrip(organ_id=scope_of(request.user).organ_id))


@login_required
def abroad_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _abroad_form(request, access_abroad_trip(request.user, pk, write=True))


def _abroad_form(request: HttpRequest, trip: AbroadTrip) -> HttpResponse:
    form = AbroadForm(request.POST or None, instance=trip, user=request.user)
    return form_page(
        request,
        form,
        title="登记因公出国（境）" if trip.pk is None else f"修改因公出国（境）：{trip.countries}",
        save=lambda: abroad_save(trip=form.instance, by=request.user),
        success=lambda saved: f"已保存因公出国（境）：{saved.countries}",
        then=lambda saved: reverse("frugality_abroad_detail", args=[saved.pk]),
        template="frugality/abroad_form.html",
        context={"trip": trip},
    )


@login_required
def abroad_report_page(request: HttpRequest, pk: int) -> HttpResponse:
    trip = access_abroad_trip(request.user, pk, write=True)
    form = AbroadReportForm(request.POST or None, trip=trip)
    return form_page(
        request,
        form,
        title=f"提交出访报告：{trip.leader.name}率团赴{trip.countries}",
        save=lambda: abroad_report(trip=trip, report_on=form.cleaned_data["report_on"], by=request.user),
        success=lambda saved: f"已登记出访报告提交日期：{saved.report_on:%Y-%m-%d}",
        then=lambda saved: reverse("frugality_abroad_detail", args=[saved.pk]),
        template="frugality/abroad_form.html",
        context={"trip": trip},
    )


@login_required
@require_POST
def abroad_delete_page(request: HttpRequest, pk: int) -> HttpResponse:
    trip = access_abroad_trip(request.user, pk, write=True)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写删除原因")
        return redirect("frugality_abroad_detail", pk=trip.pk)
    try:
        abroad_delete(trip=trip, by=request.user, reason=form.cleaned_data["reason"])
    except QinglianError as exc:
        messages.error(request, exc.message)
        return redirect("frugality_abroad_detail", pk=trip.pk)
    messages.success(request, f"已删除出国（境）记录：{trip.countries}")
    return redirect("frugality_abroad_list")


ROUTES = [
    path("abroad/", abroad_list, name="frugality_abroad_list"),
    path("abroad/export/", abroad_export, name="frugality_abroad_export"),
    path("abroad/import/", import_page, {"page": ABROAD_PAGE}, name="frugality_abroad_import"),
    path("abroad/import/template/", import_template, {"page": ABROAD_PAGE}, name="frugality_abroad_import_template"),
    path("abroad/new/", abroad_create, name="frugality_abroad_create"),
    path("abroad/<int:pk>/", abroad_detail, name="frugality_abroad_detail"),
    path("abroad/<int:pk>/edit/", abroad_edit, name="frugality_abroad_edit"),
    path("abroad/<int:pk>/report/", abroad_report_page, name="frugality_abroad_report"),
    path("abroad/<int:pk>/delete/", abroad_delete_page, name="frugality_abroad_delete"),
]
