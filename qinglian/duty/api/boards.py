"""The API of completion (by unit and by leader) and the leaders' 一岗双责 responsibility cards."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.http import HttpRequest
from ninja import Router

from qinglian.core import clock
from qinglian.core.api import ERRORS, auth_user
from qinglian.core.errors import NotFound
from qinglian.duty.api.common import YEAR
from qinglian.duty.schemas.boards import CardOut, CompletionReportOut
from qinglian.duty.selectors.boards import visible_card
from qinglian.duty.selectors.lists import Completion, items_with_tasks, leader_rows, unit_rows, visible_list
from qinglian.duty.selectors.people import party_group_post, party_group_rank
from qinglian.org.models import Unit
from qinglian.org.permissions import scope_of

router = Router()


@router.get("/completion", response={200: CompletionReportOut, **ERRORS}, summary="完成情况（按委室、按领导）")
def completion(request: HttpRequest, year: int | None = YEAR) -> dict[str, Any]:
    """本账号可见的该年度清单的完成情况：按责任委室（牵头和配合任务）和按牵头领导。"""
    user, today = auth_user(request), clock.today()
    year = year or today.year
    duty_list = visible_list(user, year)
    items = items_with_tasks(duty_list) if duty_list else []
    rank = party_group_rank(scope_of(user).organ_id, today)
    return {
        "year": year,
        "duty_list": duty_list,
        "overall": Completion.of((a for item in items for a in item.assignments.all()), today).figures(),
        "by_unit": [{"unit": row.unit, **row.completion.figures()} for row in unit_rows(items, today)],
        "by_leader": [
            {"leader": row.leader, "items": row.items, **row.completion.figures()}
            for row in leader_rows(items, today, rank)
        ],
    }


@router.get("/cards/{person_id}", response={200: CardOut, **ERRORS}, summary="一岗双责责任卡")
def duty_card(request: HttpRequest, person_id: int, year: int | None = YEAR) -> dict[str, Any]:
    """党组成员的责任卡：牵头事项、分管委室的任务、完成情况和分管委室未整改的预警数。"""
    user = auth_user(request)
    scope, today = scope_of(user), clock.today()
    year = year or today.year
    if not scope.is_business:
        raise NotFound("责任卡不存在或无权查看")
    member = party_group_post(scope.organ_id, person_id, year)
    if member is None:
        raise NotFound(f"{year}年党组成员中没有此人，没有责任卡")
    # As on the page: a draft list's tasks stay hidden and only the findings the caller may see are counted.
    card = visible_card(user, scope.organ_id, person_id, year, today)
    visible = visible_list(user, year)
    for task in card.unit_tasks:
        task.item.duty_list = visible  # the one list of the year: TaskOut reads it without a query per item
    return {
        "leader": member.person,
        "post": member.post,
        "post_label": member.get_post_display(),
        "year": year,
        "supervised_units": list(Unit.objects.filter(pk__in=card.supervised_unit_ids).order_by("order", "id")),
        "led_items": card.led_items,
        "unit_tasks": card.unit_tasks,
        "completion": card.completion.figures(),
        "open_findings": card.open_findings,
    }
