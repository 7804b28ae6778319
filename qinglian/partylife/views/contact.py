"""失去联系党员 pages: the register (filter, export, print), a record with its history, the form to record a member
and to follow the case up, and the office's withdrawal of a record entered in error.

Parse → access → service/selector → render. The list and export read `selectors.contact` (visible_to); one record
comes from `access_lost_contact`; writes go through services.contact, which keeps the two-person rule (the
secretary records, the office corrects).
"""

from __future__ import annotations

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
from qinglian.core.http import form_page, int_param, paginate, post_action
from qinglian.partylife.choices import LostContactStatus
from qinglian.partylife.exports.contact import lost_contact_xlsx
from qinglian.partylife.forms.contact import LostContactDeleteForm, LostContactForm
from qinglian.partylife.models import LostContact
from qinglian.partylife.permissions import (
    access_lost_contact,
    can_correct_lost_contact,
    can_keep_lost_contact,
    can_record_lost_contact,
    organ_id_of,
)
from qinglian.partylife.selectors import common, contact
from qinglian.partylife.services.contact import lost_contact_add, lost_contact_delete, lost_contact_update

STATUSES = [(contact.OPEN, "未结"), *LostContactStatus.choices, ("", "全部")]


def _saved(record: LostContact) -> str:
    return f"已保存{record.person.name}失去联系情况（{record.status.label}）"


def _detail(record: LostContact) -> str:
    return reverse("lost_contact_detail", args=[record.pk])


@login_required
def lost_contact_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", contact.OPEN)
    status = status if status in dict(STATUSES) else contact.OPEN
    branch_id, query = int_param(request, "branch"), request.GET.get("q", "").strip()
    rows = contact.lost_contact_list(user=request.user, status=status, branch_id=branch_id, query=query)
    if request.GET.get("format") == "xlsx":
        return lost_contact_xlsx(request, rows)
    context = {
        "page_obj": paginate(request, rows),
        "status": status,
        "statuses": STATUSES,
        "branch_id": branch_id,
        "q": query,
        "branches": common.organ_branches(organ_id_of(request.user)),
        "can_keep": can_keep_lost_contact(request.user),
        "today": clock.today(),
    }
    return render(request, "partylife/contact/list.html", context)


@login_required
def lost_contact_create(request: HttpRequest) -> HttpResponse:
    if not can_keep_lost_contact(request.user):
        raise Forbidden("只有党支部书记或机关党委专责人员可以登记失去联系党员")
    form = LostContactForm(
        request.POST or None,
        people=contact.recordable_people(request.user),
        meetings=contact.deciding_meetings(request.user),
        initial={"person": int_param(request, "person")},
    )

    def save() -> LostContact:
        data = form.cleaned_data
        return lost_contact_add(
            person=data["person"], dates=form.dates(), searches=data["searches"], note=data["note"], by=request.user
        )

    return form_page(request, form, title="登记失去联系党员", save=save, success=_saved, then=_detail)


@login_required
def lost_contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = access_lost_contact(request.user, pk)
    context = {
        "record": record,
        "can_write": can_record_lost_contact(request.user, record.person),
        "changes": changes_for(record),
    }
    return render(request, "partylife/contact/detail.html", context)


def _initial(record: LostContact) -> dict[str, Any]:
    return {
        "lost_since": record.lost_since,
        "searches": record.searches,
        "found_on": record.found_on,
        "suspended_on": record.suspended_on,
        "suspension_meeting": record.suspension_meeting_id,
        "removed_on": record.removed_on,
        "note": record.note,
    }


@login_required
def lost_contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = access_lost_contact(request.user, pk, write=True)
    meetings = contact.deciding_meetings(request.user, branch_id=record.person.branch_id)
    form = LostContactForm(request.POST or None, meetings=meetings, initial=_initial(record))

    def save() -> LostContact:
        data = form.cleaned_data
        return lost_contact_update(
            record=record, dates=form.dates(), searches=data["searches"], note=data["note"], by=request.user
        )

    corrects = can_correct_lost_contact(request.user)
    context = {
        "record": record,
        "corrects": corrects,
        "delete_form": LostContactDeleteForm() if corrects else None,
        "changes": changes_for(record),
    }
    return form_page(
        request,
        form,
        title=f"失去联系党员：{record.person.name}",
        save=save,
        success=_saved,
        then=_detail,
        template="partylife/contact/form.html",
        context=context,
    )


@login_required
@require_POST
def lost_contact_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = access_lost_contact(request.user, pk, write=True)
    form = LostContactDeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写删除原因")
        return redirect("lost_contact_edit", pk=record.pk)
    return post_action(
        request,
        do=lambda: lost_contact_delete(record=record, by=request.user, reason=form.cleaned_data["reason"]),
        success=lambda _: f"已删除{record.person.name}的失去联系记录",
        then=reverse("lost_contact_list"),
    )
