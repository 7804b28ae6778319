"""The 责任清单 pages: the year's list as a tree with completion by unit and by leader, the Excel 台账, and the
party-affairs office's editing of the list (list, headings, items, 印发).

Parse → access → service/selector → render. Reads start from `DutyList.objects.visible_to(user)` (a draft
only for the office and the leaders); every write goes through services.lists, whose Chinese refusals become
form errors or messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.core import clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput, QinglianError
from qinglian.core.http import year_param
from qinglian.duty import exports
from qinglian.duty.forms.lists import DutyListForm, ItemForm, SectionForm, TaskFilterForm
from qinglian.duty.models import DutyItem, DutyList, DutySection
from qinglian.duty.permissions import access_duty_list, access_item, can_edit_lists
from qinglian.duty.selectors.lists import (
    duty_units,
    items_with_tasks,
    leader_choices,
    leader_rows,
    next_item_order,
    page_tree,
    unit_rows,
    visible_list,
)
from qinglian.duty.selectors.people import party_group_rank
from qinglian.duty.services import lists as services
from qinglian.duty.views.common import require_business, tell_outcome
from qinglian.org.permissions import scope_of


def _filter_form(request: HttpRequest, duty_list: DutyList | None) -> TaskFilterForm:
    organ_id = scope_of(request.user).organ_id
    return TaskFilterForm(request.GET or None, units=duty_units(organ_id), leaders=leader_choices(organ_id, duty_list))


@login_required
def duty_index(request: HttpRequest) -> HttpResponse:
    require_business(request.user)
    year = year_param(request)
    visible = DutyList.objects.visible_to(request.user)
    duty_list = visible.filter(year=year).first()
    form = _filter_form(request, duty_list)
    if request.GET.get("format") == "xlsx":
        return _ledger_export(request, duty_list, form)
    today = clock.today()
    context: dict[str, Any] = {
        "year": year,
        "years": sorted({today.year, year, *visible.values_list("year", flat=True)}, reverse=True),
        "duty_list": duty_list,
        "form": form,
        "can_edit": can_edit_lists(request.user),
        "today": today,
    }
    if duty_list is not None:
        context.update(_tree_context(duty_list, form, today))
    return render(request, "duty/index.html", context)


def _tree_context(duty_list: DutyList, form: TaskFilterForm, today: dt.date) -> dict[str, Any]:
    flt = form.task_filter()
    nodes, overall = page_tree(duty_list, today, flt)
    items = items_with_tasks(duty_list)
    return {
        "nodes": nodes,
        "overall": overall,
        "filtered": flt.active,
        "unit_rows": unit_rows(items, today),
        "leader_rows": leader_rows(items, today, party_group_rank(duty_list.organ_id, today)),
        "item_count": len(items),
    }


@login_required
def duty_export(request: HttpRequest) -> HttpResponse:
    """The year's 台账 in Excel, one row per unit task, with the page's filters."""
    require_business(request.user)
    duty_list = visible_list(request.user, year_param(request))
    return _ledger_export(request, duty_list, _filter_form(request, duty_list))


def _ledger_export(request: HttpRequest, duty_list: DutyList | None, form: TaskFilterForm) -> HttpResponse:
    year = duty_list.year if duty_list else year_param(request)
    return exports.ledger_export(request, year, duty_list, form.task_filter())


# --- the office keeps the list ------------------------------------------------------------------------


def _list_url(year: int) -> str:
    return f"{reverse('duty_index')}?year={year}"


def _back(duty_list: DutyList, anchor: str = "") -> HttpResponse:
    url = _list_url(duty_list.year)
    return redirect(f"{url}#{anchor}" if anchor else url)


def _form_page(request: HttpRequest, form: Any, title: str, back: str) -> HttpResponse:
    return render(request, "duty/form.html", {"form": form, "title": title, "back_url": back})


def _save_or_error(form: Any, save: Callable[[], Any]) -> Any:
    try:
        return save()
    except QinglianError as exc:
        form.add_error(None, exc.message)
        return None


@login_required
def duty_list_create(request: HttpRequest) -> HttpResponse:
    if not can_edit_lists(request.user):
        raise Forbidden("责任清单由机关党委专责人员维护")
    instance = DutyList(organ_id=scope_of(request.user).organ_id, year=year_param(request))
    return _list_form(request, instance, "新建责任清单")


@login_required
def duty_list_edit(request: HttpRequest, pk: int) -> HttpResponse:
    duty_list = access_duty_list(request.user, pk, write=True)
    return _list_form(request, duty_list, "修改责任清单")


def _list_form(request: HttpRequest, instance: DutyList, title: str) -> HttpResponse:
    form = DutyListForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = _save_or_error(form, lambda: services.duty_list_save(duty_list=form.instance, by=request.user))
        if saved is not None:
            messages.success(request, f"已保存：{saved}")
            return _back(saved)
    return _form_page(request, form, title, _list_url(instance.year))


@login_required
@require_POST
def duty_list_publish(request: HttpRequest, pk: int) -> HttpResponse:
    duty_list = access_duty_list(request.user, pk, write=True)
    publish = partial(services.duty_list_publish, duty_list=duty_list, by=request.user)
    tell_outcome(request, publish, f"{duty_list.title}已印发，各委室可以认领任务", shown=(InvalidInput, Conflict))
    return _back(duty_list)


@login_required
def duty_section_create(request: HttpRequest, pk: int) -> HttpResponse:
    duty_list = access_duty_list(request.user, pk, write=True)
    parent_id = request.GET.get("parent", "")
    section = DutySection(duty_list=duty_list, parent_id=int(parent_id) if parent_id.isdigit() else None)
    section.order = duty_list.sections.filter(parent_id=section.parent_id).count() + 1
    return _section_form(request, duty_list, section, "添加标题")


@login_required
def duty_section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = DutySection.objects.filter(pk=pk).select_related("duty_list").first()
    duty_list = access_duty_list(request.user, section.duty_list_id if section else 0, write=True)
    return _section_form(request, duty_list, section, "修改标题")


def _section_form(request: HttpRequest, duty_list: DutyList, section: DutySection, title: str) -> HttpResponse:
    form = SectionForm(request.POST or None, instance=section, duty_list=duty_list)
    if request.method == "POST" and form.is_valid():
        saved = _save_or_error(form, lambda: services.section_save(section=form.instance, by=request.user))
        if saved is not None:
            messages.success(request, f"已保存标题：{saved.title}")
            return _back(duty_list)
    return _form_page(request, form, f"{title}（{duty_list.title}）", _list_url(duty_list.year))


@login_required
def duty_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    duty_list = access_duty_list(request.user, pk, write=True)
    section_id = request.GET.get("section", "")
    item = DutyItem(duty_list=duty_list, organ_id=duty_list.organ_id, order=next_item_order(duty_list))
    if section_id.isdigit() and duty_list.sections.filter(pk=section_id).exists():
        item.section_id = int(section_id)
    return _item_form(request, duty_list, item, "添加事项")


@login_required
def duty_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk, write=True)
    return _item_form(request, item.duty_list, item, f"修改第{item.order}项")


def _item_form(request: HttpRequest, duty_list: DutyList, item: DutyItem, title: str) -> HttpResponse:
    organ_id = duty_list.organ_id
    leaders = leader_choices(organ_id, None, also=item.lead_leader_id)
    units = duty_units(organ_id)
    form = ItemForm(request.POST or None, instance=item, duty_list=duty_list, units=units, leaders=leaders)
    if request.method == "POST" and form.is_valid():
        saved = _save_or_error(
            form,
            lambda: services.item_save(
                item=form.instance,
                by=request.user,
                lead_unit_id=form.cleaned_data["lead_unit"].pk,
                co_unit_ids=[u.pk for u in form.cleaned_data["co_units"]],
            ),
        )
        if saved is not None:
            messages.success(request, f"已保存第{saved.order}项")
            return _back(duty_list, f"item-{saved.pk}")
    return _form_page(request, form, f"{title}（{duty_list.title}）", _list_url(duty_list.year))


@login_required
def duty_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk, write=True)
    if request.method == "POST":
        services.item_delete(item=item, by=request.user)
        messages.success(request, f"已删除第{item.order}项（修改记录中仍可查到）")
        return _back(item.duty_list)
    return render(request, "duty/item_delete.html", {"item": item})
