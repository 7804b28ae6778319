"""党费台账 pages: a year's months grid with each member's arrears, one member-month entered or corrected, a month
deleted with a reason, and the Excel export (which the import reads back as it is).

Parse → access → service/selector → render. The grid and the export read `selectors.dues` (visible_to); one row
comes from `access_dues_record`; writes go through services.dues, which checks who keeps which branch's dues.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.core import clock
from qinglian.core.errors import Forbidden
from qinglian.core.history import changes_for
from qinglian.core.http import form_page, int_param, post_action, year_param
from qinglian.partylife.exports.dues import dues_xlsx
from qinglian.partylife.forms.dues import DuesDeleteForm, DuesRecordForm
from qinglian.partylife.models import DuesRecord
from qinglian.partylife.permissions import access_dues_record, can_keep_dues, organ_id_of
from qinglian.partylife.selectors import common, dues
from qinglian.partylife.services.dues import dues_record_add, dues_record_delete, dues_record_update


def _ledger_url(record: DuesRecord) -> str:
    return f"{reverse('dues_ledger')}?year={record.month.year}&person={record.person_id}"


def _saved(record: DuesRecord) -> str:
    return f"已保存{record.person.name}{record.month:%Y年%m月}党费：应交{record.dues}元，实交{record.paid}元"


@login_required
def dues_ledger(request: HttpRequest) -> HttpResponse:
    year = year_param(request, latest=clock.today().year)  # no dues are owed for a month still to come
    branch_id, person_id = int_param(request, "branch"), int_param(request, "person")
    query = request.GET.get("q", "").strip()
    people = dues.dues_people(user=request.user, year=year, branch_id=branch_id, person_id=person_id, query=query)
    if request.GET.get("format") == "xlsx":
        return dues_xlsx(request, dues.dues_records(user=request.user, year=year, people=people), year=year)
    organ_id = organ_id_of(request.user)
    standard, brackets = dues.in_force_for_display(organ_id)
    context = {
        "ledger": dues.dues_ledger(user=request.user, year=year, people=list(people)),
        "year": year,
        "branch_id": branch_id,
        "person_id": person_id,
        "q": query,
        "branches": common.organ_branches(organ_id),
        "standard": standard,
        "brackets": brackets,
        "can_keep": can_keep_dues(request.user),
    }
    return render(request, "partylife/dues/ledger.html", context)


@login_required
def dues_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_dues(request.user):
        raise Forbidden("只有机关党委专责人员或党支部书记、组织委员可以登记党费")
    initial = {"person": int_param(request, "person"), "month": request.GET.get("month") or f"{clock.today():%Y-%m}"}
    people = dues.recordable_people(request.user)
    form = DuesRecordForm(request.POST or None, people=people, initial=initial)

    def save() -> DuesRecord:
        data = form.cleaned_data
        return dues_record_add(
            person=data["person"],
            month=data["month"],
            base_income=data["base_income"],
            paid=data["paid"] or Decimal("0"),
            paid_on=data["paid_on"],
            category=data["category"],
            note=data["note"],
            by=request.user,
        )

    return form_page(request, form, title="登记党费", save=save, success=_saved, then=_ledger_url)


def _initial(record: DuesRecord) -> dict[str, Any]:
    return {
        "category": record.category,
        "base_income": record.base_income,
        "paid": record.paid or None,
        "paid_on": record.paid_on,
        "note": record.note,
    }


@login_required
def dues_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = access_dues_record(request.user, pk, write=True)
    form = DuesRecordForm(request.POST or None, initial=_initial(record))

    def save() -> DuesRecord:
        data = form.cleaned_data
        return dues_record_update(
            record=record,
            base_income=data["base_income"],
            paid=data["paid"] or Decimal("0"),
            paid_on=data["paid_on"],
            category=data["category"],
            note=data["note"],
            by=request.user,
        )

    title = f"修改党费：{record.person.name} {record.month:%Y年%m月}"
    context = {"record": record, "delete_form": DuesDeleteForm(), "changes": changes_for(record)}
    return form_page(
        request,
        form,
        title=title,
        save=save,
        success=_saved,
        then=_ledger_url,
        template="partylife/dues/form.html",
        context=context,
    )


@login_required
@require_POST
def dues_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = access_dues_record(request.user, pk, write=True)
    form = DuesDeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写删除原因")
        return redirect("dues_edit", pk=record.pk)
    return post_action(
        request,
        do=lambda: dues_record_delete(record=record, by=request.user, reason=form.cleaned_data["reason"]),
        success=lambda _: f"已删除{record.person.name}{record.month:%Y年%m月}党费记录",
        then=_ledger_url(record),
    )
