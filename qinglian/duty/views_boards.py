"""Boards built from the duty ledgers: a unit's board, the leaders' 一岗双责 responsibility cards, the Party
group's agenda with its theme tags, and the workbench card of the user's unit.

Who reads what:
- a unit's board and the cards: every business account of the organ — the list, its division among units
  and the leaders' cards are the organ's published division of duties. Findings and 督办单 on a board still
  go through their own `visible_to`, and a draft list's tasks stay out of a card for those who cannot see it.
- the Party group's agenda: the organ readers (party-affairs office, leaders, stationed supervisor); only
  the office tags it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from qinglian.core.errors import Forbidden, NotFound
from qinglian.core.excel import Column, export_table
from qinglian.duty import selectors, services_notices
from qinglian.duty.choices import Theme
from qinglian.duty.models import DutyList, SupervisionNotice
from qinglian.duty.selectors_pages import (
    board_groups,
    completion_of,
    half_years,
    lead_first,
    mark_status,
    study_requirements,
    unit_tasks,
)
from qinglian.duty.views_lists import require_business, year_param
from qinglian.org.models import LeadingGroupMember, Unit
from qinglian.org.permissions import access_unit, scope_of
from qinglian.partylife.choices import Holder
from qinglian.partylife.models import AgendaItem, Meeting

BOARD_COLUMNS = [
    Column("序号", 6),
    Column("任务内容", 44),
    Column("分工", 6),
    Column("完成时限", 12),
    Column("状态", 8),
]


def home_unit_id(user: Any) -> int | None:
    """The unit a person answers for: the first unit they head, else their own."""
    scope = scope_of(user)
    if scope.head_unit_ids:
        return Unit.objects.filter(pk__in=scope.head_unit_ids).order_by("order", "id").values_list("pk", flat=True)[0]
    return scope.unit_id


def _visible_list(user: Any, year: int) -> DutyList | None:
    return DutyList.objects.visible_to(user).filter(year=year).first()


@login_required
def duty_my_unit(request: HttpRequest) -> HttpResponse:
    require_business(request.user)
    unit_id = home_unit_id(request.user)
    if unit_id is None:
        raise NotFound("当前账号未关联委室")
    return redirect("duty_unit_board", pk=unit_id)


@login_required
def duty_unit_board(request: HttpRequest, pk: int) -> HttpResponse:
    require_business(request.user)
    unit = access_unit(request.user, pk)
    year, today = year_param(request), timezone.localdate()
    tasks = unit_tasks(_visible_list(request.user, year), unit.pk, today)
    if request.GET.get("format") == "xlsx":
        rows = [
            (n, f"{t.item.order}. {t.item.content}", t.get_role_display(), t.item.deadline, t.status_label)
            for n, t in enumerate(tasks, start=1)
        ]
        return export_table(request, f"{year}年{unit.name}主体责任任务", BOARD_COLUMNS, rows)
    from qinglian.compliance.models import Finding

    findings = Finding.objects.visible_to(request.user).open().filter(responsible_unit=unit)
    context = {
        "unit": unit,
        "year": year,
        "groups": board_groups(tasks),
        "completion": completion_of(tasks, today),
        "findings": findings.order_by("severity", "due_date", "id")[:50],
        "notices": SupervisionNotice.objects.visible_to(request.user).filter(unit=unit).order_by("-issued_on")[:50],
    }
    return render(request, "duty/unit_board.html", context)


# --- 一岗双责 responsibility cards --------------------------------------------------------------------


def _members(organ_id: int | None, year: int) -> list[LeadingGroupMember]:
    """Party group members in office at any time of `year`, secretary first."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = LeadingGroupMember.objects.filter(organ_id=organ_id, start__lte=end).exclude(end__lt=start)
    rank = {"secretary": 0, "deputy_secretary": 1}
    members = rows.select_related("person", "person__unit").order_by("order", "id")
    return sorted(members, key=lambda m: (rank.get(m.post, 2), m.order, m.pk))


@login_required
def duty_card_list(request: HttpRequest) -> HttpResponse:
    require_business(request.user)
    scope, year, today = scope_of(request.user), year_param(request), timezone.localdate()
    rows = []
    seen: set[int] = set()
    for member in _members(scope.organ_id, year):
        if member.person_id in seen:
            continue
        seen.add(member.person_id)
        rows.append({"member": member, "card": _card(request.user, member.person_id, year, today)})
    return render(request, "duty/card_list.html", {"rows": rows, "year": year})


def _card(user: Any, person_id: int, year: int, on: dt.date) -> selectors.DutyCard:
    """selectors.duty_card, without the tasks of a list the user may not see (a draft, for a cadre)."""
    organ_id = scope_of(user).organ_id
    card = selectors.duty_card(organ_id=organ_id, leader_id=person_id, year=year, on=on)
    if _visible_list(user, year) is None:
        card.led_items, card.unit_tasks, card.completion = [], [], completion_of([], on)
    for task in card.unit_tasks:
        mark_status(task, on)
    for item in card.led_items:
        for task in lead_first(item):
            mark_status(task, on)
    return card


@login_required
def duty_my_card(request: HttpRequest) -> HttpResponse:
    require_business(request.user)
    person_id = scope_of(request.user).person_id
    if not person_id or not LeadingGroupMember.objects.filter(person_id=person_id).exists():
        raise NotFound("责任卡只为党组成员生成；当前账号不是党组成员")
    return redirect(f"{reverse('duty_card', args=[person_id])}?year={year_param(request)}")


@login_required
def duty_card(request: HttpRequest, pk: int) -> HttpResponse:
    require_business(request.user)
    scope, year, today = scope_of(request.user), year_param(request), timezone.localdate()
    member = next((m for m in _members(scope.organ_id, year) if m.person_id == pk), None)
    if member is None:
        raise NotFound(f"{year}年党组成员中没有此人，没有责任卡")
    card = _card(request.user, pk, year, today)
    context = {
        "member": member,
        "person": member.person,
        "card": card,
        "year": year,
        "units": Unit.objects.filter(pk__in=card.supervised_unit_ids).order_by("order", "id"),
        "is_secretary": member.post == "secretary",
    }
    return render(request, "duty/card.html", context)


# --- the Party group's agenda ---------------------------------------------------------------------------


def require_organ_reader(user: Any) -> None:
    if not scope_of(user).reads_organ:
        raise Forbidden("党组议事记录仅供机关党委、党组成员和派驻纪检监察组查看")


def _can_tag(user: Any) -> bool:
    return scope_of(user).has("party_officer")


def _tagged(item: AgendaItem) -> AgendaItem:
    item.themes = {tag.theme for tag in item.duty_tags.all()}
    return item


@login_required
def duty_agenda(request: HttpRequest) -> HttpResponse:
    require_organ_reader(request.user)
    scope, year = scope_of(request.user), year_param(request)
    meetings = list(
        Meeting.objects.visible_to(request.user)
        .filter(holder=Holder.LEADING_GROUP, date__year=year)
        .order_by("date", "id")
        .prefetch_related(Prefetch("agenda", queryset=AgendaItem.objects.prefetch_related("duty_tags")))
    )
    for meeting in meetings:
        meeting.items = [_tagged(a) for a in meeting.agenda.all()]
    today = timezone.localdate()
    required = study_requirements(scope.organ_id, min(today, dt.date(year, 12, 31)))
    periods = [(label, start, end, "half") for label, start, end in half_years(year)]
    periods.append(("全年", dt.date(year, 1, 1), dt.date(year, 12, 31), "year"))
    halves = []
    for label, start, end, kind in periods:
        counts = selectors.agenda_theme_counts(organ_id=scope.organ_id, start=start, end=end)
        cells = []
        for theme in Theme:
            rule = required.get(theme.value)
            need = rule.min_count if rule is not None and rule.kind == kind else None
            cells.append({"theme": theme, "count": counts[theme.value], "required": need})
        halves.append({"label": label, "cells": cells})
    context = {
        "year": year,
        "meetings": meetings,
        "halves": halves,
        "themes": Theme.choices,
        "can_tag": _can_tag(request.user),
        "new_meeting_url": f"{reverse('meeting_create')}?kind=leading_group_meeting",
        "rules_known": bool(required),
    }
    return render(request, "duty/agenda.html", context)


@login_required
@require_POST
def duty_agenda_tags(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: set the themes of one agenda item from its three checkboxes; answers with the refreshed cell."""
    require_organ_reader(request.user)
    meetings = Meeting.objects.visible_to(request.user).filter(holder=Holder.LEADING_GROUP)
    item = AgendaItem.objects.filter(meeting__in=meetings, pk=pk).select_related("meeting").first()
    if item is None:
        raise NotFound("议题不存在或无权查看")
    services_notices.agenda_tags_set(agenda_item=item, themes=request.POST.getlist("theme"), by=request.user)
    item = AgendaItem.objects.prefetch_related("duty_tags").get(pk=item.pk)
    context = {"a": _tagged(item), "themes": Theme.choices, "can_tag": True, "saved": True}
    return render(request, "duty/_agenda_tags.html", context)


# --- workbench ---------------------------------------------------------------------------------------------


def unit_tasks_widget(request: HttpRequest) -> dict | None:
    """This year's tasks of the user's unit: open, overdue, done, and the most urgent open ones."""
    if not scope_of(request.user).is_business:
        return None
    unit_id = home_unit_id(request.user)
    today = timezone.localdate()
    duty_list = _visible_list(request.user, today.year)
    if unit_id is None or duty_list is None:
        return None
    tasks = unit_tasks(duty_list, unit_id, today)
    if not tasks:
        return None
    open_tasks = [t for t in tasks if t.status_key in ("not_started", "in_progress", "overdue")]
    urgent = sorted(open_tasks, key=lambda t: (t.status_key != "overdue", t.item.deadline or dt.date.max))
    return {
        "unit": Unit.objects.get(pk=unit_id),
        "year": today.year,
        "completion": completion_of(tasks, today),
        "open": len(open_tasks),
        "urgent": urgent[:5],
    }
