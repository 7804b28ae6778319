"""The 三会一课台账 pages: ledger, print, detail, record/edit, and the workbench quarter card.

Parse → access → service/selector → render. Lists start from `Meeting.objects.visible_to(user)`, one meeting
from `access_meeting`; the write goes through `services.meeting_record`, which checks the branch.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from qinglian.core.errors import Forbidden, NotFound, QinglianError
from qinglian.core.history import changes_for
from qinglian.org.choices import Role
from qinglian.org.models import Branch, Person
from qinglian.org.permissions import scope_of
from qinglian.partylife import exports, selectors, services
from qinglian.partylife.choices import AttendanceStatus, Holder, MeetingKind
from qinglian.partylife.forms_meetings import (
    STATUS_CHOICES,
    AttendanceRow,
    MeetingFilterForm,
    MeetingForm,
    attendance_lines,
    attendance_rows,
    filter_meetings,
    rows_for_holder,
    rows_from_post,
)
from qinglian.partylife.models import AgendaItem, AnnualPlan, Attendance, Meeting, PlanItem
from qinglian.partylife.permissions import (
    access_meeting,
    can_record_meetings,
    committee_branch_ids,
)

PRINT_LIMIT = 1000


def _ledger(request: HttpRequest) -> tuple[MeetingFilterForm, QuerySet[Meeting]]:
    form = MeetingFilterForm(request.GET or None, branches=Branch.objects.visible_to(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    present = Q(attendance__status=AttendanceStatus.PRESENT)
    meetings = (
        filter_meetings(Meeting.objects.visible_to(request.user), data)
        .select_related("branch", "party_group", "host")
        .annotate(due=Count("attendance"), present=Count("attendance", filter=present))
        .order_by("-date", "-id")
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.filter(is_first_topic=True), to_attr="first_topics"),
            Prefetch(
                "attendance",
                queryset=Attendance.objects.exclude(status=AttendanceStatus.PRESENT).select_related("person"),
                to_attr="absences",
            ),
        )
    )
    return form, meetings


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    form, meetings = _ledger(request)
    if request.GET.get("format") == "xlsx":
        return exports.meetings_xlsx(request, Meeting.objects.filter(pk__in=meetings.values("pk")))
    page = Paginator(meetings, settings.QINGLIAN_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page, "can_record": can_record_meetings(request.user)}
    return render(request, "partylife/meetings/list.html", context)


@login_required
def meeting_print(request: HttpRequest) -> HttpResponse:
    """The whole filtered ledger on A4 landscape (no pagination, up to PRINT_LIMIT rows)."""
    form, meetings = _ledger(request)
    rows = list(meetings[: PRINT_LIMIT + 1])
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
        "holder_name": exports.holder_name(meeting),
        "agenda": meeting.agenda.order_by("order"),
        "attendance": meeting.attendance.select_related("person", "person__unit").order_by("person__unit__order"),
        "can_edit": _can_edit(request.user, meeting),
        "changes": changes_for(meeting),
    }
    return render(request, "partylife/meetings/detail.html", context)


def _recordable_branches(user: Any) -> QuerySet[Branch]:
    branches = Branch.objects.visible_to(user)
    if scope_of(user).has("party_officer"):
        return branches
    return branches.filter(pk__in=committee_branch_ids(user))


def _plan_item(request: HttpRequest) -> PlanItem | None:
    raw = request.GET.get("plan_item", "")
    if not raw:
        return None
    plans = AnnualPlan.objects.visible_to(request.user)
    item = PlanItem.objects.filter(plan__in=plans, meeting__isnull=True, pk=raw if raw.isdigit() else 0).first()
    if item is None:
        raise NotFound("计划事项不存在、无权查看或已登记会议")
    return item


def _new_meeting(request: HttpRequest, organ_id: int, branches: QuerySet[Branch]) -> Meeting:
    meeting = Meeting(organ_id=organ_id, date=timezone.localdate())
    item = _plan_item(request)
    if item is not None:
        meeting.plan_item = item
        meeting.kind, meeting.topic, meeting.branch = item.kind, item.topic, item.plan.branch
    elif request.GET.get("kind") in MeetingKind.values:
        meeting.kind = request.GET["kind"]
    else:
        meeting.kind = MeetingKind.BRANCH_COMMITTEE_MEETING
    if meeting.kind == MeetingKind.PARTY_GROUP_MEETING:
        meeting.holder = Holder.PARTY_GROUP
    if meeting.branch is None:
        person = Person.objects.filter(pk=scope_of(request.user).person_id).first()
        own = branches.filter(pk=person.branch_id).first() if person and person.branch_id else None
        meeting.branch = own or branches.first()
    return meeting


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not can_record_meetings(request.user):
        raise Forbidden("只有支部委员或机关党委专责人员可以登记会议")
    organ_id = scope_of(request.user).organ_id
    branches = _recordable_branches(request.user)
    return _meeting_form(request, _new_meeting(request, organ_id, branches), branches)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, write=True)
    branches = _recordable_branches(request.user)
    if meeting.branch_id and not branches.filter(pk=meeting.branch_id).exists():
        branches = Branch.objects.filter(pk=meeting.branch_id)
    return _meeting_form(request, meeting, branches)


def _meeting_form(request: HttpRequest, meeting: Meeting, branches: QuerySet[Branch]) -> HttpResponse:
    creating = meeting.pk is None
    form = MeetingForm(request.POST or None, instance=meeting, branches=branches, organ_id=meeting.organ_id)
    rows = attendance_rows(branches, None if creating else meeting, leaders=_leaders(request.user))
    if request.method == "POST":
        rows = rows_from_post(rows, request.POST)
        if form.is_valid():
            saved = _save(form, rows, request.user)
            if saved is not None:
                messages.success(request, f"已保存：{saved}")
                return redirect("meeting_detail", pk=saved.pk)
    context = {
        "form": form,
        "rows": rows,
        "status_choices": STATUS_CHOICES,
        "title": "登记会议" if creating else "修改会议记录",
        "meeting": meeting,
    }
    return render(request, "partylife/meetings/form.html", context)


def _leaders(user: Any) -> list:
    """The leading group's members, for whoever records its meetings (the party-affairs office)."""
    if not scope_of(user).has(Role.PARTY_OFFICER):
        return []
    from qinglian.org.selectors import leading_group

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
        return services.meeting_record(
            meeting=meeting,
            by=user,
            agenda=form.agenda_titles(),
            first_topic_index=form.first_topic_index(),
            attendance=attendance_lines(chosen),
        )
    except QinglianError as exc:
        form.add_error(None, exc.message)
        return None


# --- workbench: this quarter's 三会一课 per branch as traffic lights --------------------------------------

# kind → how many are due so far: once a quarter, or once for every month of the quarter begun.
QUARTER_DUE = (
    (MeetingKind.BRANCH_GENERAL_MEETING, "党员大会", "quarter"),
    (MeetingKind.BRANCH_COMMITTEE_MEETING, "支委会", "month"),
    (MeetingKind.PARTY_GROUP_MEETING, "党小组会", "month"),
    (MeetingKind.PARTY_LECTURE, "党课", "quarter"),
    (MeetingKind.THEME_DAY, "主题党日", "month"),
)


def quarter_start(today: dt.date) -> dt.date:
    return dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)


def light(held: int, due: int) -> str:
    """green: on track; yellow: one behind (the quarter is not over); red: more than one behind."""
    if held >= due:
        return "green"
    return "yellow" if due - held == 1 else "red"


def _widget_branches(user: Any) -> QuerySet[Branch]:
    scope = scope_of(user)
    branches = Branch.objects.visible_to(user)
    if scope.reads_organ:
        return branches
    own = Person.objects.filter(pk=scope.person_id).values_list("branch_id", flat=True)
    return branches.filter(Q(pk__in=own) | Q(pk__in=committee_branch_ids(user)))


def quarter_widget(request: HttpRequest) -> dict | None:
    scope = scope_of(request.user)
    if not scope.is_business:
        return None
    branches = list(_widget_branches(request.user))
    if not branches:
        return None
    today = timezone.localdate()
    start = quarter_start(today)
    months = today.month - start.month + 1
    counts = selectors.meeting_counts(organ_id=scope.organ_id, start=start, end=today)
    rows = []
    for branch in branches:
        cells = []
        for kind, label, per in QUARTER_DUE:
            due = months if per == "month" else 1
            held = counts.get((branch.pk, kind), 0)
            cells.append({"label": label, "kind": kind, "held": held, "due": due, "light": light(held, due)})
        rows.append({"branch": branch, "cells": cells})
    quarter = (start.month - 1) // 3 + 1
    return {"rows": rows, "year": today.year, "quarter": quarter, "heads": [label for _, label, _ in QUARTER_DUE]}
