"""Boards built from the duty ledgers: a unit's board, the leaders' 一岗双责 responsibility cards, the Party
group's agenda with its theme tags. The workbench cards are in duty/nav.py.

Who reads what:
- a unit's board and the cards: every business account of the organ — the list, its division among units
  and the leaders' cards are the organ's published division of duties. Findings and 督办单 on a board still
  go through their own `visible_to`, and a draft list's tasks stay out of a card for those who cannot see it.
- the Party group's agenda: the organ readers (party-affairs office, leaders, stationed supervisor); only
  the office tags it. Its meetings are partylife's, read through partylife's selectors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qinglian.compliance.selectors import finding_list
from qinglian.core import clock
from qinglian.core.errors import Forbidden, NotFound
from qinglian.core.http import year_param
from qinglian.duty import exports
from qinglian.duty.choices import Theme
from qinglian.duty.models import OversightNotice
from qinglian.duty.selectors.boards import (
    agenda_figures,
    agenda_item,
    agenda_meetings,
    board_groups,
    tagged,
    unit_tasks,
    visible_card,
)
from qinglian.duty.selectors.lists import Completion, visible_list
from qinglian.duty.selectors.people import home_unit_id, in_party_group, party_group_members
from qinglian.duty.services import boards as services
from qinglian.duty.views.common import require_business
from qinglian.org.choices import LeadingGroupPost, Role
from qinglian.org.models import Unit
from qinglian.org.permissions import access_unit, scope_of


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
    year, today = year_param(request), clock.today()
    tasks = unit_tasks(visible_list(request.user, year), unit.pk, today)
    if request.GET.get("format") == "xlsx":
        return exports.unit_tasks_export(request, year, unit, tasks)
    context = {
        "unit": unit,
        "year": year,
        "groups": board_groups(tasks),
        "completion": Completion.of(tasks, today),
        "findings": finding_list(user=request.user, unit_id=unit.pk)[:50],
        "notices": OversightNotice.objects.visible_to(request.user).filter(unit=unit).order_by("-issued_on")[:50],
    }
    return render(request, "duty/unit_board.html", context)


# --- 一岗双责 responsibility cards --------------------------------------------------------------------


@login_required
def duty_card_list(request: HttpRequest) -> HttpResponse:
    require_business(request.user)
    organ_id, year, today = scope_of(request.user).organ_id, year_param(request), clock.today()
    rows = []
    seen: set[int] = set()
    for member in party_group_members(organ_id, year):
        if member.person_id in seen:
            continue
        seen.add(member.person_id)
        rows.append({"member": member, "card": visible_card(request.user, organ_id, member.person_id, year, today)})
    return render(request, "duty/card_list.html", {"rows": rows, "year": year})


@login_required
def duty_my_card(request: HttpRequest) -> HttpResponse:
    require_business(request.user)
    person_id = scope_of(request.user).person_id
    # Ever in the Party group: a card exists for each year they served in.
    if not person_id or not in_party_group(person_id, since=dt.date.min, on=dt.date.max):
        raise NotFound("责任卡只为党组成员生成；当前账号不是党组成员")
    return redirect(f"{reverse('duty_card', args=[person_id])}?year={year_param(request)}")


@login_required
def duty_card(request: HttpRequest, pk: int) -> HttpResponse:
    require_business(request.user)
    organ_id, year, today = scope_of(request.user).organ_id, year_param(request), clock.today()
    member = next((m for m in party_group_members(organ_id, year) if m.person_id == pk), None)
    if member is None:
        raise NotFound(f"{year}年党组成员中没有此人，没有责任卡")
    card = visible_card(request.user, organ_id, pk, year, today)
    context = {
        "member": member,
        "person": member.person,
        "card": card,
        "year": year,
        "units": Unit.objects.filter(pk__in=card.supervised_unit_ids).order_by("order", "id"),
        "is_secretary": member.post == LeadingGroupPost.SECRETARY,
    }
    return render(request, "duty/card.html", context)


# --- the Party group's agenda ---------------------------------------------------------------------------


def require_organ_reader(user: Any) -> None:
    if not scope_of(user).reads_organ:
        raise Forbidden("党组议事记录仅供机关党委、党组成员和派驻纪检监察组查看")


@login_required
def duty_agenda(request: HttpRequest) -> HttpResponse:
    require_organ_reader(request.user)
    organ_id, year = scope_of(request.user).organ_id, year_param(request)
    halves, rules_known = agenda_figures(organ_id, year, clock.today())
    context = {
        "year": year,
        "meetings": agenda_meetings(request.user, year),
        "halves": halves,
        "themes": Theme.choices,
        "can_tag": scope_of(request.user).has(Role.PARTY_OFFICER),
        "new_meeting_url": f"{reverse('meeting_create')}?kind=leading_group_meeting",
        "rules_known": rules_known,
    }
    return render(request, "duty/agenda.html", context)


@login_required
@require_POST
def duty_agenda_tags(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: set the themes of one agenda item from its three checkboxes; answers with the refreshed cell."""
    require_organ_reader(request.user)
    item = agenda_item(request.user, pk)
    if item is None:
        raise NotFound("议题不存在或无权查看")
    services.agenda_tags_set(agenda_item=item, themes=request.POST.getlist("theme"), by=request.user)
    context = {"a": tagged(item), "themes": Theme.choices, "can_tag": True, "saved": True}
    return render(request, "duty/_agenda_tags.html", context)
