"""What the duty app brings to compliance's pages (compliance.todos): in 我的待办 the 督办单 waiting for the viewer's
reply — those issued to the units the viewer heads (only a unit head replies for the unit,
services.notices.notice_reply); on a finding's page 发督办单, the notice form prefilled from the finding."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from qinglian.compliance.choices import OPEN_STATUSES
from qinglian.compliance.todos import FindingAction, TodoItem, TodoSource, register_finding_action, register_todo
from qinglian.core import clock
from qinglian.duty.permissions import can_issue_notices
from qinglian.duty.selectors.notices import awaiting_reply, is_overdue
from qinglian.org.permissions import scope_of

LIMIT = 50


def _waiting(user: Any):
    scope = scope_of(user)
    return awaiting_reply(user, scope.head_unit_ids) if scope.is_business and scope.head_unit_ids else None


def notices_to_answer(user: Any) -> list[TodoItem]:
    waiting = _waiting(user)
    if waiting is None:
        return []
    today = clock.today()
    return [
        TodoItem(
            title=f"督办单{notice.number}（{notice.unit.name}）",
            link=reverse("duty_notice", args=[notice.pk]),
            detail=notice.reason,
            due=notice.reply_due,
            overdue=is_overdue(notice, today),
        )
        for notice in waiting[:LIMIT]
    ]


def notices_to_answer_count(user: Any) -> int:
    waiting = _waiting(user)
    return waiting.count() if waiting is not None else 0


register_todo(TodoSource("duty_notices", "待回复督办单", notices_to_answer, notices_to_answer_count, order=10))


def notice_from_finding(finding: Any, user: Any) -> str | None:
    if finding.status not in OPEN_STATUSES or not can_issue_notices(user):
        return None
    return f"{reverse('duty_notice_new')}?finding={finding.pk}"


register_finding_action(FindingAction("duty_notice", "发督办单", notice_from_finding, order=10))
