"""The 三会一课台账 pages: ledger, print, detail, record/edit. The workbench quarter card is in nav.py.

Parse → access → service/selector → render. Lists come from `selectors.meetings.meeting_ledger` (visible_to), one
meeting from `access_meeting`; the write goes through `services.meetings.meeting_record`, which checks the branch.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from qinglian.core import clock
from qinglian.core.errors import Forbidden, NotFound, QinglianError
from qinglian.core.history import changes_for
from qinglian.core.http import paginate
from qinglian.org.choices import Role
from qinglian.org.models import Branch, Person
from qinglian.org.permissions import scope_of
from qinglian.org.selectors import committee_seats, leading_group
from qinglian.partylife.choices import Holder, MeetingKind
from qinglian.partylife.exports.meetings import holder_name, meetings_xlsx
from qinglian.partylife.forms.meetings import (
    STATUS_CHOICES,
    AttendanceRow,
    MeetingFilterForm,
    MeetingForm,
    attendance_lines,
    attendance_rows,
    holder_for,
    meeting_due_key,
    posted_due_key,
    retick,
    rows_for_holder,
    rows_from_post,
)
from qinglian.partylife.models import Meeting, PlanItem
from qinglian.partylife.permissions import access_meeting, can_record_meetings
from qinglian.partylife.selectors import common, plans
from qinglian.partylife.selectors import meetings as selectors
from qinglian.partylife.services.meetings import meeting_record

PRINT_LIMIT = 1000


def _filter(request: HttpRequest) -> tuple[MeetingFilterForm, dict]:
    form = MeetingFilterForm(request.GET or None, branches=Branch.objects.visible_to(request.user))
    return form, form.cleaned_data if form.is_valid() else {}


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filter(request)
    if request.GET.get("format") == "xlsx":
        return meetings_xlsx(request, selectors.meeting_list(user=request.user, filters=filters))
    meetings = selectors.meeting_ledger(user=request.user, filters=filters)
    page = paginate(request, meetings)
    context = {"form": form, "page_obj": page, "can_record": can_record_meetings(request.user)}
    return render(request, "partylife/meetings/list.html", context)


@login_required
def meeting_print(request: HttpRequest) -> HttpResponse:
    """The whole filtered ledger on A4 landscape (no pagination, up to PRINT_LIMIT rows)."""
    form, filters = _filter(request)
    rows = list(selectors.meeting_ledger(user=request.user, filters=filters)[: PRINT_LIMIT + 1])
    context = {"form": form, "meetings": rows[:PRINT_LIMIT], "truncated": len(rows) > PRINT_LIMIT}
    return render(request, "partylife/meetings/print.html", context)


def _can_edit(user: Any, meeting: Meeting) -> bool:
    try:
        access_meeting(user, meeting.pk, write=True)
    except QinglianError:
        return False
    return True


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk)
    context = {
        "meeting": meeting,
        "holder_name": holder_name(meeting),
        "agenda": meeting.agenda.order_by("order"),
        "attendance": meeting.attendance.select_related("person", "person__unit").order_by("person__unit__order"),
        "can_edit": _can_edit(request.user, meeting),
        "changes": changes_for(meeting),
    }
    return render(request, "partylife/meetings/detail.html", context)


def _plan_item(request: HttpRequest) -> PlanItem | None:
    raw = request.GET.get("plan_item", "")
    if not raw:
        return None
    item = plans.open_plan_item(user=request.user, pk=int(raw) if raw.isdigit() else 0)
    if item is None:
        raise NotFound("计划事项不存在、无权查看或已登记会议")
    return item


def _new_meeting(request: HttpRequest, organ_id: int, branches: QuerySet[Branch]) -> Meeting:
    meeting = Meeting(organ_id=organ_id, date=clock.today())
    item = _plan_item(request)
    if item is not None:
        meeting.plan_item = item
        meeting.kind, meeting.topic, meeting.branch = item.kind, item.topic, item.plan.branch
    elif request.GET.get("kind") in MeetingKind.values:
        meeting.kind = request.GET["kind"]
    else:
        meeting.kind = MeetingKind.BRANCH_COMMITTEE_MEETING
    meeting.holder = holder_for(meeting.kind, meeting.holder)
    if meeting.branch is None:
        own_id = common.own_branch_id(request.user)
        own = branches.filter(pk=own_id).first() if own_id else None
        meeting.branch = own or branches.first()
    return meeting


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not can_record_meetings(request.user):
        raise Forbidden("只有支部委员或机关党委专责人员可以登记会议")
    organ_id = scope_of(request.user).organ_id
    branches = selectors.recordable_branches(request.user)
    return _meeting_form(request, _new_meeting(request, organ_id, branches), branches)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, write=True)
    branches = selectors.recordable_branches(request.user)
    if meeting.branch_id and not branches.filter(pk=meeting.branch_id).exists():
        branches = Branch.objects.filter(pk=meeting.branch_id)
    return _meeting_form(request, meeting, branches)


def _meeting_form(request: HttpRequest, meeting: Meeting, branches: QuerySet[Branch]) -> HttpResponse:
    creating = meeting.pk is None
    form = MeetingForm(request.POST or None, instance=meeting, branches=branches, organ_id=meeting.organ_id)
    seats = committee_seats(branches.values_list("pk", flat=True), on=meeting.date)
    rows = attendance_rows(branches, meeting, leaders=_leaders(request.user), seats=seats)
    basis = meeting_due_key(meeting)
    if request.method == "POST":
        rows, basis = rows_from_post(rows, request.POST), posted_due_key(request.POST)
        valid = form.is_valid()
        if request.POST.get("att_basis", basis) != basis:
            # Kind, holder, branch or group changed without the page's script re-ticking the checklist (no
            # JavaScript): tick whoever the submitted kind makes due, and ask the recorder to check before saving.
            rows = retick(rows, basis)
            form.add_error(None, "会议类型或召开组织已改变，已按新的类型重新勾选应到人员，请核对后再保存。")
        elif valid and (saved := _save(form, rows, request.user)) is not None:
            messages.success(request, f"已保存：{saved}")
            for warning in form.warnings():
                messages.warning(request, warning)
            return redirect("meeting_detail", pk=saved.pk)
    context = {
        "form": form,
        "rows": rows,
        "att_basis": basis,
        "status_choices": STATUS_CHOICES,
        "title": "登记会议" if creating else "修改会议记录",
        "meeting": meeting,
    }
    return render(request, "partylife/meetings/form.html", context)


def _leaders(user: Any) -> list[Person]:
    """The leading group's members, for whoever records its meetings (the party-affairs office)."""
    if not scope_of(user).has(Role.PARTY_OFFICER):
        return []
    return [row.person for row in leading_group(user=user)]


def _save(form: MeetingForm, rows: list[AttendanceRow], user: Any) -> Meeting | None:
    """The service's Chinese refusal becomes a form error; nothing is written then (it is atomic)."""
    meeting = form.instance
    chosen = rows_for_holder(
        rows,
        branch_id=meeting.branch_id,
        group_id=meeting.party_group_id,
        leading=meeting.holder == Holder.LEADING_GROUP,
    )
    try:
        return meeting_record(
            meeting=meeting,
            by=user,
            agenda=form.agenda_titles(),
            first_topic_index=form.first_topic_index(),
            attendance=attendance_lines(chosen),
        )
    except QinglianError as exc:
        form.add_error(None, exc.message)
        return None
