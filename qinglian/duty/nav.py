"""The duty app's menu entries and workbench cards (imported from DutyConfig.ready()).

Orders 50–59 keep the 主体责任 section together: the list pages first, the Party group's agenda and its yearly
report to its superior, then letters, 督办单 and 约谈.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest

from qinglian.core import clock
from qinglian.core.registry import NavItem, Tier, Widget, register_nav, register_widget
from qinglian.duty.selectors import workbench
from qinglian.duty.selectors.notices import awaiting_reply, is_overdue
from qinglian.duty.selectors.people import home_unit_id
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of

SECTION = "主体责任"


def _business(user: Any) -> bool:
    return scope_of(user).is_business


def _has_unit(user: Any) -> bool:
    """本委室责任: a unit head (their first unit) or a cadre (their own unit)."""
    scope = scope_of(user)
    return scope.is_business and bool(scope.head_unit_ids or scope.unit_id)


def _leader(user: Any) -> bool:
    return scope_of(user).has(Role.LEADER)


def _organ_reader(user: Any) -> bool:
    return scope_of(user).reads_organ


def _readers_and_heads(user: Any) -> bool:
    """督办 and 约谈 concern units and people: the organ readers and the unit heads who answer for them.
    Cadres still open the pages from a link (they see what names them), they just get no menu entry."""
    scope = scope_of(user)
    return scope.reads_organ or bool(scope.head_unit_ids)


NAV_ITEMS = [
    NavItem(SECTION, "责任清单", "duty_index", _business, "list-check", 50),
    NavItem(SECTION, "本委室责任", "duty_my_unit", _has_unit, "building", 52),
    NavItem(SECTION, "我的责任卡", "duty_my_card", _leader, "person-badge", 53),
    NavItem(SECTION, "责任卡", "duty_card_list", _business, "person-vcard", 54),
    NavItem(SECTION, "年度报告", "duty_reports", _organ_reader, "send-check", 55),
    NavItem(SECTION, "党组议事", "duty_agenda", _organ_reader, "bank", 56),
    NavItem(SECTION, "责任书", "duty_letters", _business, "file-earmark-check", 57),
    NavItem(SECTION, "督办单", "duty_notices", _readers_and_heads, "megaphone", 58),
    NavItem(SECTION, "约谈记录", "duty_talks", _readers_and_heads, "person-video2", 59),
]

register_nav(*NAV_ITEMS)


# --- workbench cards: who gets which, and how high (core.registry.Tier) ------------------------------------------
# The secretary sees the organ (progress by unit, red findings by unit) and what waits for his decision; a Party
# group member their supervised units; a unit head the unit's tasks and the 督办单 to answer; the stationed group
# what waits for its supervision. Nobody who reads the organ gets "the office's tasks" as if they were theirs.


def _secretary(user: Any) -> bool:
    return scope_of(user).has(Role.LEADER) and workbench.is_secretary(user, clock.today())


def leader_widget(request: HttpRequest) -> dict | None:
    """待我处理 for a leader: waivers to approve and, for the secretary, the organ's 督办单 awaiting reply. A member
    gets the card only when a waiver waits for them (their supervised units have a card of their own)."""
    user = request.user
    if not scope_of(user).has(Role.LEADER):
        return None
    queue = workbench.leader_queue(user, clock.today())
    secretary = _secretary(user)
    if not secretary and not queue.approvals:
        return None
    return {"queue": queue, "notices": secretary}


def organ_widget(request: HttpRequest) -> dict | None:
    """The organ's progress by unit: for the secretary, the party-affairs office and the stationed group."""
    user = request.user
    if not (scope_of(user).has(Role.PARTY_OFFICER, Role.SUPERVISOR) or _secretary(user)):
        return None
    progress = workbench.organ_progress(user, clock.today())
    if progress is None or not progress.units:
        return None
    # One bar per unit: the chart grows with the organ instead of squeezing twenty units into a fixed height.
    height = 40 + 22 * len(progress.units)
    return {"progress": progress, "chart": _rates_chart(progress), "chart_height": height}


def _rates_chart(progress: workbench.OrganProgress) -> str:
    """Completion rate per unit as horizontal bars (core/static/core/charts.js draws it; no inline script)."""
    units = list(reversed(progress.units))  # ECharts draws a category axis bottom-up: the first unit on top
    option = {
        "animation": False,  # print and screenshots show the finished chart
        "grid": {"left": 8, "right": 24, "top": 8, "bottom": 8, "containLabel": True},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "xAxis": {"type": "value", "max": 100, "axisLabel": {"formatter": "{value}%"}},
        "yAxis": {"type": "category", "data": [u.unit.short_name or u.unit.name for u in units]},
        "series": [
            {
                "type": "bar",
                "name": "完成率",
                "data": [
                    {
                        "value": u.completion.rate,
                        "itemStyle": {"color": "#dc3545" if u.completion.overdue else "#198754"},
                    }
                    for u in units
                ],
            }
        ],
    }
    return json.dumps(option, ensure_ascii=False)


def _organ_tier(user: Any) -> Tier:
    """The secretary's and the office's work; the stationed group follows it."""
    return Tier.FOLLOW if scope_of(user).has(Role.SUPERVISOR) else Tier.ACTION


def supervised_widget(request: HttpRequest) -> dict | None:
    """一岗双责: a leader's supervised units — their tasks, open findings and 督办单."""
    if not scope_of(request.user).has(Role.LEADER):
        return None
    supervised = workbench.supervised_units(request.user, clock.today())
    return {"supervised": supervised} if supervised is not None else None


def _supervised_tier(user: Any) -> Tier:
    """A member's own work; the secretary, who follows the whole organ, follows it."""
    return Tier.FOLLOW if _secretary(user) else Tier.ACTION


def supervisor_widget(request: HttpRequest) -> dict | None:
    """What waits for the stationed group: overdue red findings, overdue 督办单, waivers granted."""
    if not scope_of(request.user).has(Role.SUPERVISOR):
        return None
    return {"queue": workbench.supervisor_queue(request.user)}


def unit_tasks_widget(request: HttpRequest) -> dict | None:
    """This year's tasks of the person's unit (the first unit they head, else their own). Not for the leaders and the
    stationed group: they sit in a unit (the office) whose tasks are not theirs."""
    scope = scope_of(request.user)
    if not scope.is_business or (scope.has(Role.LEADER, Role.SUPERVISOR) and not scope.head_unit_ids):
        return None
    unit_id = home_unit_id(request.user)
    if unit_id is None:
        return None
    tasks = workbench.unit_task_figures(request.user, unit_id, clock.today())
    return {"tasks": tasks} if tasks is not None else None


def _unit_tasks_tier(user: Any) -> Tier:
    return Tier.ACTION if scope_of(user).head_unit_ids else Tier.FOLLOW


def notices_widget(request: HttpRequest) -> dict | None:
    """A unit head's 督办单 still waiting for their reply; nothing when all are answered."""
    scope = scope_of(request.user)
    if not scope.head_unit_ids:
        return None
    waiting = awaiting_reply(request.user, scope.head_unit_ids)
    rows = list(waiting[:10])
    if not rows:
        return None
    today = clock.today()
    for notice in rows:
        notice.overdue = is_overdue(notice, today)
    units = sorted(scope.head_unit_ids)
    return {"notices": rows, "count": waiting.count(), "unit_id": units[0] if len(units) == 1 else None}


register_widget(Widget("duty/widgets/leader.html", leader_widget, 10, Tier.ACTION))
register_widget(Widget("duty/widgets/supervisor.html", supervisor_widget, 12, Tier.ACTION))
register_widget(Widget("duty/widgets/supervised.html", supervised_widget, 14, _supervised_tier))
register_widget(Widget("duty/widgets/organ.html", organ_widget, 16, _organ_tier))
register_widget(Widget("duty/widgets/notices_widget.html", notices_widget, 20, Tier.ACTION))
register_widget(Widget("duty/widgets/unit_tasks.html", unit_tasks_widget, 22, _unit_tasks_tier))
