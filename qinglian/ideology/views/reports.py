"""Pages of the analysis and reporting schedule (分析研判和报告): the year's schedule by kind (status, print, Excel
export and import, the plan-year button), one item (its document as evidence, its findings, its history), the
office's form, the completion form, the undo and the withdrawal.

Parse → access → selector/service → render: lists from `selectors.reports` (`visible_to`), one item from
`access_report_item`, writes through `services.reports`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from qinglian.compliance.params import MissingParameters
from qinglian.core import clock
from qinglian.core.errors import QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import form_page
from qinglian.core.importing.views import import_page, import_template
from qinglian.ideology.exports import reports as exports
from qinglian.ideology.forms.reports import DoneForm, PlanForm, ReasonForm, ReportFilterForm, ReportItemForm
from qinglian.ideology.importers.reports import ITEM_PAGE
from qinglian.ideology.permissions import access_report_item, can_keep_register
from qinglian.ideology.selectors import reports as selectors
from qinglian.ideology.services import reports as services
from qinglian.org.scope import scope_of


def _schedule(request: HttpRequest):
    form = ReportFilterForm(request.GET or None)
    args = form.selector_args()
    return form, args, selectors.report_items(request.user, **args)


def _params_text(request: HttpRequest, year: int) -> tuple[str, int]:
    """The parameters as the page states them, and how many expected items are not planned yet (0 when the
    parameters are missing: the page says that instead)."""
    organ_id = scope_of(request.user).organ_id
    if organ_id is None:
        return "", 0
    try:
        params = selectors.year_params(organ_id, year, clock.today())
        expected = selectors.expected_items(year, params)
    except (MissingParameters, ValueError, QinglianError) as exc:
        return f"规则参数不完整：{exc}", 0
    missing = selectors.missing_periods(organ_id, year, expected)
    return selectors.params_text(params), len(missing)


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    form, args, rows = _schedule(request)
    keep = can_keep_register(request.user)
    text, missing = _params_text(request, args["year"])
    context = {
        "form": form,
        "year": args["year"],
        "groups": selectors.grouped(rows),
        "count": len(rows),
        "can_keep": keep,
        "params_text": text,
        "missing": missing if keep else 0,
        "plan_form": PlanForm(initial={"year": args["year"]}) if keep else None,
        "printing": "print" in request.GET,
        "soon_days": selectors.SOON_WORKING_DAYS,
    }
    return render(request, "ideology/reports_list.html", context)


@login_required
@require_GET
def report_export(request: HttpRequest) -> HttpResponse:
    _, args, rows = _schedule(request)
    return exports.items_xlsx(request, rows, args["year"])


@login_required
@require_POST
def report_plan(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写要安排的年度")
        return redirect("ideology_report_list")
    year = form.cleaned_data["year"]
    try:
        created = services.plan_year(year=year, by=request.user)
    except QinglianError as exc:
        messages.error(request, exc.message)
    else:
        if created:
            messages.success(request, f"已按规则参数安排{year}年分析研判和报告 {len(created)} 项")
        else:
            messages.info(request, f"{year}年的各项已在计划中，未新增")
    return redirect(reverse("ideology_report_list") + f"?year={year}")


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_report_item(request.user, pk)
    item.status = selectors.status_of(item.due_on, item.done_on, clock.today())
    keep = can_keep_register(request.user)
    try:
        access_report_item(request.user, pk, write=True)
        answerable = True
    except QinglianError:
        answerable = False
    context = {
        "item": item,
        "status_label": selectors.STATUS_LABELS[item.status],
        "badge": selectors.STATUS_BADGES[item.status],
        "can_keep": keep,
        "answerable": answerable,
        "undo_form": ReasonForm() if answerable and item.done_on else None,
        "delete_form": ReasonForm() if keep else None,
        "changes": changes_for(item),
        "undos": selectors.undos(item),
    }
    return render(request, "ideology/reports_detail.html", context)


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_report_item(request.user, pk, write=True)
    office = can_keep_register(request.user)
    initial = {"title": item.title, "responsible": item.responsible, "recipient": item.recipient}
    form = ReportItemForm(
        request.POST or None, initial=initial, user=request.user, keep=item.responsible_id, office=office
    )
    return form_page(
        request,
        form,
        title=f"修改：{item.title}",
        save=lambda: services.item_update(item=item, by=request.user, **form.cleaned_data),
        success=lambda saved: f"已保存：{saved.title}",
        then=lambda saved: reverse("ideology_report_detail", args=[saved.pk]),
        template="ideology/reports_form.html",
        context={"item": item},
    )


@login_required
def report_done(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_report_item(request.user, pk, write=True)
    form = DoneForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"登记完成：{item.title}",
        save=lambda: services.item_done(item=item, by=request.user, **form.cleaned_data),
        success=lambda saved: f"已登记完成：{saved.title}；请上传正式文件作为佐证材料",
        then=lambda saved: reverse("ideology_report_detail", args=[saved.pk]),
        template="ideology/reports_form.html",
        context={"item": item},
    )


def _post_reason(request: HttpRequest, pk: int, act, success: str, then: str | None = None) -> HttpResponse:
    item = access_report_item(request.user, pk, write=True)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写原因")
        return redirect("ideology_report_detail", pk=item.pk)
    try:
        act(item=item, by=request.user, reason=form.cleaned_data["reason"])
    except QinglianError as exc:
        messages.error(request, exc.message)
        return redirect("ideology_report_detail", pk=item.pk)
    messages.success(request, f"{success}：{item.title}")
    return redirect(then or reverse("ideology_report_detail", args=[item.pk]))


@login_required
@require_POST
def report_undo(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_reason(request, pk, services.item_undo, "已撤销完成登记")


@login_required
@require_POST
def report_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_reason(request, pk, services.item_delete, "已删除", reverse("ideology_report_list"))


ROUTES = [
    path("reports/", report_list, name="ideology_report_list"),
    path("reports/export/", report_export, name="ideology_report_export"),
    path("reports/import/", import_page, {"page": ITEM_PAGE}, name="ideology_report_import"),
    path("reports/import/template/", import_template, {"page": ITEM_PAGE}, name="ideology_report_import_template"),
    path("reports/plan/", report_plan, name="ideology_report_plan"),
    path("reports/<int:pk>/", report_detail, name="ideology_report_detail"),
    path("reports/<int:pk>/edit/", report_edit, name="ideology_report_edit"),
    path("reports/<int:pk>/done/", report_done, name="ideology_report_done"),
    path("reports/<int:pk>/undo/", report_undo, name="ideology_report_undo"),
    path("reports/<int:pk>/delete/", report_delete, name="ideology_report_delete"),
]
