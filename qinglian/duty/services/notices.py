"""督办单: issue, reply, close, escalate (the status table is in transitions.py).

Notifications go out after commit: a rolled-back issue never tells anyone about a notice that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.duty.models import OversightNotice
from qinglian.duty.permissions import can_issue_notices, notice_stakes
from qinglian.duty.selectors.people import person_users, unit_head_users
from qinglian.duty.services.transitions import NEW, check
from qinglian.notify.services import notify
from qinglian.org.choices import Role
from qinglian.org.permissions import refuse_own_stake, scope_of


def next_notice_number(organ_id: int, year: int) -> str:
    prefix = f"督办〔{year}〕"
    used = OversightNotice.all_objects.filter(organ_id=organ_id, number__startswith=prefix).count()
    return f"{prefix}{used + 1}号"


def _notify_unit(
    notice: OversightNotice, subject: str, body: str, key: str, extra: Iterable[Any] = (), kind: str = "info"
) -> None:
    """Tell the unit's heads (and `extra`). `kind` is a notify MessageKind: 通知 on issue, 升级 on escalation."""
    recipients = [*unit_head_users(notice.unit_id), *extra]
    if recipients:
        notify(
            recipients=recipients,
            kind=kind,
            subject=subject,
            body=body,
            key=key,
            organ=notice.organ,
            link=f"/duty/notices/{notice.pk}/",
        )


@transaction.atomic
def notice_issue(*, notice: OversightNotice, by: Any) -> OversightNotice:
    """Issue a 督办单 for a task or a finding; the unit's heads are told after commit."""
    if not can_issue_notices(by):
        raise Forbidden("只有机关党委专责人员或党组成员可以下发督办单")
    transition = check("notice_issue", NEW if notice._state.adding else notice.status)
    if notice.assignment_id is None and notice.finding_id is None:
        raise InvalidInput("督办单须关联一项责任任务或一条预警")
    if notice.assignment_id and notice.assignment.unit_id != notice.unit_id:
        raise InvalidInput("被督办委室应为该任务的责任委室")
    if not notice.reason.strip():
        raise InvalidInput("请填写督办事由")
    notice.issued_on = notice.issued_on or clock.today()
    if notice.reply_due < notice.issued_on:
        raise InvalidInput("回复期限不能早于督办日期")
    notice.number = notice.number.strip() or next_notice_number(notice.organ_id, notice.issued_on.year)
    notice.issued_by = by
    notice.status = transition.target
    save_checked(notice, by=by)
    transaction.on_commit(
        lambda: _notify_unit(
            notice,
            f"督办单 {notice.number}",
            f"{notice.reason}\n请于{notice.reply_due:%Y年%m月%d日}前回复。",
            f"duty-notice-{notice.pk}",
        )
    )
    return notice


@transaction.atomic
def notice_reply(*, notice: OversightNotice, by: Any, reply: str, replied_on: dt.date | None = None) -> OversightNotice:
    if notice.unit_id not in scope_of(by).head_unit_ids and not scope_of(by).has(Role.PARTY_OFFICER):
        raise Forbidden("只有被督办委室负责人可以回复督办单")
    transition = check("notice_reply", notice.status)
    if not reply.strip():
        raise InvalidInput("请填写回复内容")
    replied_on = replied_on or clock.today()
    if replied_on > clock.today() or replied_on < notice.issued_on:
        raise InvalidInput("回复日期应在督办日期与今天之间")
    notice.reply, notice.replied_on, notice.replied_by = reply.strip(), replied_on, by
    notice.status = transition.target
    return save_checked(notice, by=by)


@transaction.atomic
def notice_close(*, notice: OversightNotice, by: Any) -> OversightNotice:
    # The unit under oversight, and whoever replied for it, do not close their own notice.
    refuse_own_stake(by, "办结该督办单", **notice_stakes(notice))
    if not can_issue_notices(by):
        raise Forbidden("只有机关党委专责人员或党组成员可以办结督办单")
    notice.status = check("notice_close", notice.status).target
    return save_checked(notice, by=by)


@transaction.atomic
def notice_escalate(*, notice: OversightNotice, by: Any, to_person_id: int) -> OversightNotice:
    """升级: an unanswered notice goes up to a leader (usually the unit's 分管领导), who is told after commit."""
    if not can_issue_notices(by):
        raise Forbidden("只有机关党委专责人员或党组成员可以升级督办")
    notice.status = check("notice_escalate", notice.status).target
    notice.escalated_to_id = to_person_id
    notice.escalated_on = clock.today()
    save_checked(notice, by=by)
    leaders = person_users(to_person_id)
    transaction.on_commit(
        lambda: _notify_unit(
            notice,
            f"督办单 {notice.number} 逾期未回复，已升级",
            f"{notice.unit.name}未按期回复督办单：{notice.reason}",
            f"duty-notice-{notice.pk}-escalated",
            extra=leaders,
            kind="escalation",
        )
    )
    return notice
