"""Writes of the meeting ledger and the branches' annual plans. Each checks its input in Chinese, owns its
transaction, records who."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of
from qinglian.partylife.choices import BRANCH_KINDS, LEADING_GROUP_KINDS, AttendanceStatus, Holder, MeetingKind
from qinglian.partylife.models import AgendaItem, AnnualPlan, Attendance, Meeting, PlanItem
from qinglian.partylife.permissions import can_record_for_branch


@dataclass(frozen=True)
class AttendanceLine:
    person_id: int
    status: str = AttendanceStatus.PRESENT
    reason: str = ""


def _check_meeting(meeting: Meeting, attendance: Sequence[AttendanceLine], agenda: Sequence[str]) -> None:
    if meeting.date > clock.today():
        raise InvalidInput("会议日期不能晚于今天（尚未召开的会议请列入年度计划）")
    if meeting.kind in LEADING_GROUP_KINDS and meeting.holder != Holder.LEADING_GROUP:
        raise InvalidInput(f"{MeetingKind(meeting.kind).label}由党组召开")
    if meeting.kind in BRANCH_KINDS and meeting.holder == Holder.LEADING_GROUP:
        raise InvalidInput(f"{MeetingKind(meeting.kind).label}由党支部或党小组召开")
    if meeting.kind == MeetingKind.PARTY_GROUP_MEETING and meeting.holder != Holder.PARTY_GROUP:
        raise InvalidInput("党小组会须指定党小组")
    if meeting.kind == MeetingKind.PARTY_LECTURE and meeting.lecturer_id is None:
        raise InvalidInput("党课须填写授课人")
    for line in attendance:
        if line.status != AttendanceStatus.PRESENT and not line.reason.strip():
            raise InvalidInput("请假或缺席须填写原因")
    if len({line.person_id for line in attendance}) != len(attendance):
        raise InvalidInput("出勤名单中有重复人员")
    if not any(title.strip() for title in agenda):
        raise InvalidInput("请至少填写一个议题")
    if meeting.has_vote and not (meeting.voting_members_due and meeting.voting_members_present is not None):
        raise InvalidInput("有表决事项的会议须填写应到、实到有表决权党员人数")
    if meeting.votes_for is not None and not meeting.has_vote:
        raise InvalidInput("没有表决事项的会议不填赞成人数")
    if meeting.votes_for is not None and meeting.votes_for > (meeting.voting_members_present or 0):
        raise InvalidInput("赞成人数不能多于实到有表决权党员人数")
    if meeting.has_vote and (meeting.voting_members_present or 0) > (meeting.voting_members_due or 0):
        raise InvalidInput("实到有表决权党员人数不能多于应到人数")


@transaction.atomic
def meeting_record(
    *,
    meeting: Meeting,
    by: Any,
    agenda: Sequence[str],
    first_topic_index: int | None = None,
    attendance: Sequence[AttendanceLine] = (),
) -> Meeting:
    """Save a meeting with its agenda (the 第一议题 marked) and attendance; replaces both on an edit."""
    branch_id = meeting.branch_id or (meeting.party_group.branch_id if meeting.party_group_id else None)
    if meeting.holder == Holder.LEADING_GROUP:
        if not scope_of(by).has(Role.PARTY_OFFICER):
            raise Forbidden("党组的会议由机关党委专责人员登记")
    elif not can_record_for_branch(by, branch_id):
        raise Forbidden("只有本支部委员或机关党委专责人员可以登记会议")
    _check_meeting(meeting, attendance, agenda)
    if meeting.plan_item_id and meeting.plan_item.kind != meeting.kind:
        raise InvalidInput("会议类型与计划不一致")
    save_checked(meeting, by=by)
    _replace_agenda(meeting, [t.strip() for t in agenda if t.strip()], first_topic_index)
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, person_id=a.person_id, status=a.status, reason=a.reason.strip()) for a in attendance
    )
    return meeting


def _replace_agenda(meeting: Meeting, titles: list[str], first_topic_index: int | None) -> None:
    """Make the agenda read `titles`, keeping the rows of titles that stay: other ledgers point at agenda items
    (the duty app tags the Party group's items by theme), and an edit of the minutes must not drop those."""
    reuse: dict[str, AgendaItem] = {}
    for item in meeting.agenda.all():
        if item.title in titles and item.title not in reuse:
            reuse[item.title] = item
    meeting.agenda.exclude(pk__in=[item.pk for item in reuse.values()]).delete()
    for order, title in enumerate(titles, start=1):
        first = order - 1 == first_topic_index
        item = reuse.pop(title, None)  # a title given twice: the second one is a new row
        if item is None:
            AgendaItem.objects.create(meeting=meeting, order=order, title=title, is_first_topic=first)
        elif (item.order, item.is_first_topic) != (order, first):
            item.order, item.is_first_topic = order, first
            item.save(update_fields=["order", "is_first_topic"])


@transaction.atomic
def plan_save(*, plan: AnnualPlan, items: Sequence[tuple[int, str, str]], by: Any) -> AnnualPlan:
    """A branch's annual plan: (month, kind, topic) slots. Slots already linked to a held meeting are kept."""
    if not can_record_for_branch(by, plan.branch_id):
        raise Forbidden("只有本支部委员或机关党委专责人员可以制定年度计划")
    for month, kind, _ in items:
        if not 1 <= month <= 12:
            raise InvalidInput("月份应为1至12")
        if kind not in BRANCH_KINDS:
            raise InvalidInput("计划中只能安排支部的组织生活")
    save_checked(plan, by=by)
    plan.items.filter(meeting__isnull=True).delete()
    kept = {(i.month, i.kind) for i in plan.items.all()}
    PlanItem.objects.bulk_create(
        PlanItem(plan=plan, month=m, kind=k, topic=t.strip()) for m, k, t in items if (m, k) not in kept
    )
    return plan
