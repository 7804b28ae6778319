"""个人有关事项报告 in 我的待办: an obliged person's own annual report when due soon or overdue; the personnel
officer's reports not yet received and checks without an outcome. Each item is the viewer's own or the keeper's
(the circle's) — nobody else is ever shown a report."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from qinglian.compliance.todos import TodoItem, TodoSource, register_todo
from qinglian.integrity.permissions import can_keep_personal_reports
from qinglian.integrity.selectors import personal as selectors
from qinglian.org.scope import scope_of

LIMIT = 50


def own_items(user: Any) -> list[TodoItem]:
    status = selectors.own_reminder(user)
    if status is None:
        return []
    return [
        TodoItem(
            title=f"报送{status.year}年度个人有关事项报告",
            link=reverse("integrity_personal_mine"),
            detail=status.text,
            due=status.due,
            overdue=status.overdue,
        )
    ]


def own_count(user: Any) -> int:
    return len(own_items(user))


def _unreceived(user: Any):
    """Reports waiting to be received — not the officer's own, which another officer receives."""
    return selectors.report_list(user, unreceived=True).exclude(person_id=scope_of(user).person_id)


def _open_checks(user: Any):
    return selectors.check_list(user, outstanding=True).exclude(person_id=scope_of(user).person_id)


def keeper_items(user: Any) -> list[TodoItem]:
    if not can_keep_personal_reports(user):
        return []
    items = [
        TodoItem(
            title=f"受理：{r.person.name} {r.year}年{r.get_kind_display()}",
            link=reverse("integrity_personal_report", args=[r.pk]),
            detail=f"报告日期{r.submitted_on:%Y-%m-%d}",
        )
        for r in _unreceived(user)[:LIMIT]
    ]
    items += [
        TodoItem(
            title=f"抽查核实：{c.person.name}（{c.get_reason_display()}）",
            link=reverse("integrity_personal_check", args=[c.pk]),
            detail=f"{c.year}年度",
        )
        for c in _open_checks(user)[:LIMIT]
    ]
    return items


def keeper_count(user: Any) -> int:
    if not can_keep_personal_reports(user):
        return 0
    return _unreceived(user).count() + _open_checks(user).count()


register_todo(TodoSource("integrity_personal_own", "个人有关事项报告", own_items, own_count, 57))
register_todo(TodoSource("integrity_personal_keeper", "个人事项报告受理与核实", keeper_items, keeper_count, 58))
