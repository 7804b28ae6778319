"""Pages of the yearly plans (年度会议、培训、因公出国（境）计划): the list by year and kind with its Excel export and
import, one plan with its items and how each was used (the meetings, courses and trips held under it), and the
finance officer's forms — a plan, an item, a withdrawal.

Parse → access → service/selector → render: lists from `selectors.plans` (`visible_to`), one plan from `access_plan`,
writes through `services.plans`.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from qinglian.core import clock
from qinglian.core.errors import Forbidden, NotFound
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, paginate
from qinglian.core.importing.views import import_page, import_template
from qinglian.frugality.exports import plans as exports
from qinglian.frugality.forms.plans import PlanFilterForm, PlanForm, PlanItemForm, WithdrawForm
from qinglian.frugality.importers.plans import PLAN_PAGE
from qinglian.frugality.models import PlanItem, SpendingPlan
from qinglian.frugality.permissions import access_plan, can_keep_ledgers
from qinglian.frugality.selectors import plans as selectors
from qinglian.frugality.services.plans import KEEP_ONLY, plan_item_save, plan_save, plan_withdraw
from qinglian.org.scope import scope_of

PRINT_LIMIT = 500


def _plans(request: HttpRequest):
    form = PlanFilterForm(request.GET or None)
    return form, selectors.plan_list(request.user, **form.values())


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    form, qs = _plans(request)
    rows = list(qs[:PRINT_LIMIT]) if "print" in request.GET else None
    page = None if rows is not None else paginate(request, qs)
    shown = rows if rows is not None else list(page.object_list)
    context = {
        "form": form,
        "page_obj": page,
        "plans": shown,
        "printing": rows is not None,
        "budget_total": sum((p.budget_total or Decimal(0) for p in shown), Decimal(0)),
        "can_keep": can_keep_ledgers(request.user),
    }
    return render(request, "frugality/plans_list.html", context)


@login_required
def plan_export(request: HttpRequest) -> HttpResponse:
    _, qs = _plans(request)
    return exports.plans_xlsx(request, request.user, list(qs))


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk)
    usage = selectors.plan_usage(request.user, plan)
    context = {
        "plan": plan,
        "usage": usage,
        "totals": selectors.usage_totals(usage),
        "can_keep": can_keep_ledgers(request.user),
        "changes": changes_for(plan),
    }
    return render(request, "frugality/plans_detail.html", context)


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_ledgers(request.user):
        raise Forbidden(KEEP_ONLY)
    return _plan_form(request, SpendingPlan(organ_id=scope_of(request.user).organ_id, year=clock.today().year))


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_form(request, access_plan(request.user, pk, write=True))


def _plan_form(request: HttpRequest, plan: SpendingPlan) -> HttpResponse:
    form = PlanForm(request.POST or None, instance=plan)
    return form_page(
        request,
        form,
        title="录入年度计划" if plan.pk is None else f"修改年度计划：{plan}",
        save=lambda: plan_save(plan=form.instance, by=request.user),
        success=lambda saved: f"已保存：{saved}",
        then=lambda saved: reverse("frugality_plan_detail", args=[saved.pk]),
        template="frugality/plans_form.html",
        context={"plan": plan},
    )


@login_required
def plan_withdraw_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk, write=True)
    form = WithdrawForm(request.POST or None)
    return form_page(
        request,
        form,
        title=f"撤销年度计划：{plan}",
        save=lambda: plan_withdraw(plan=plan, reason=form.cleaned_data["reason"], by=request.user),
        success=lambda saved: f"已撤销：{saved}",
        then=lambda saved: reverse("frugality_plan_list"),
        template="frugality/plans_form.html",
        context={"plan": plan},
    )


@login_required
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk, write=True)
    return _item_form(request, plan, PlanItem(plan=plan))


@login_required
def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan = access_plan(request.user, pk, write=True)
    item = plan.items.filter(pk=item_pk).first()
    if item is None:
        raise NotFound("计划事项不存在")
    return _item_form(request, plan, item)


def _item_form(request: HttpRequest, plan: SpendingPlan, item: PlanItem) -> HttpResponse:
    form = PlanItemForm(request.POST or None, instance=item, plan=plan, user=request.user)
    return form_page(
        request,
        form,
        title=f"{plan}：{'新增计划事项' if item.pk is None else f'修改计划事项 {item.name}'}",
        save=lambda: plan_item_save(item=form.instance, by=request.user),
        success=lambda saved: f"已保存计划事项：{saved.name}",
        then=lambda saved: reverse("frugality_plan_detail", args=[plan.pk]),
        template="frugality/plans_form.html",
        context={"plan": plan},
    )


ROUTES = [
    path("plans/", plan_list, name="frugality_plan_list"),
    path("plans/export/", plan_export, name="frugality_plan_export"),
    path("plans/import/", import_page, {"page": PLAN_PAGE}, name="frugality_plan_import"),
    path("plans/import/template/", import_template, {"page": PLAN_PAGE}, name="frugality_plan_import_template"),
    path("plans/new/", plan_create, name="frugality_plan_create"),
    path("plans/<int:pk>/", plan_detail, name="frugality_plan_detail"),
    path("plans/<int:pk>/edit/", plan_edit, name="frugality_plan_edit"),
    path("plans/<int:pk>/withdraw/", plan_withdraw_page, name="frugality_plan_withdraw"),
    path("plans/<int:pk>/items/new/", item_create, name="frugality_plan_item_create"),
    path("plans/<int:pk>/items/<int:item_pk>/edit/", item_edit, name="frugality_plan_item_edit"),
]
