"""Who may record and change party-life ledgers.

Meetings of a branch are recorded by its committee (the secretary and the committee members in office) or
by the party-affairs office; the leading group's meetings by the office. A heart-to-heart talk is written
by the person who held it, or by the office.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone

from qinglian.core.errors import Forbidden, NotFound
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of


def committee_branch_ids(user: Any, *, on: dt.date | None = None) -> set[int]:
    """Branches on whose committee the user sits today."""
    from qinglian.org.models import BranchCommitteeMember

    scope = scope_of(user)
    if scope.person_id is None:
        return set()
    on = on or timezone.localdate()
    rows = BranchCommitteeMember.objects.filter(person_id=scope.person_id, start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )
    return set(rows.values_list("branch_id", flat=True))


def can_record_for_branch(user: Any, branch_id: int | None) -> bool:
    if scope_of(user).has(Role.PARTY_OFFICER):
        return True
    return branch_id is not None and branch_id in committee_branch_ids(user)


def can_record_meetings(user: Any) -> bool:
    return scope_of(user).has(Role.PARTY_OFFICER) or bool(committee_branch_ids(user))


def _get(queryset, pk: Any, noun: str):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"{noun}不存在或无权查看") from None


def access_meeting(user: Any, pk: Any, *, write: bool = False):
    from qinglian.partylife.models import Meeting

    meeting = _get(Meeting.objects.visible_to(user).select_related("branch", "party_group"), pk, "会议记录")
    branch_id = meeting.branch_id or (meeting.party_group.branch_id if meeting.party_group_id else None)
    if write and not can_record_for_branch(user, branch_id):
        raise Forbidden("只有本支部委员或机关党委专责人员可以修改会议记录")
    return meeting


def access_heart_talk(user: Any, pk: Any, *, write: bool = False):
    from qinglian.partylife.models import HeartTalk

    talk = _get(HeartTalk.objects.visible_to(user), pk, "谈心谈话记录")
    scope = scope_of(user)
    if write and not (scope.has(Role.PARTY_OFFICER) or scope.person_id == talk.initiator_id):
        raise Forbidden("只有谈话人或机关党委专责人员可以修改谈心谈话记录")
    return talk


def access_study_record(user: Any, pk: Any, *, write: bool = False):
    from qinglian.partylife.models import StudyRecord

    record = _get(StudyRecord.objects.visible_to(user), pk, "学习记录")
    scope = scope_of(user)
    if write and not (scope.has(Role.PARTY_OFFICER) or scope.person_id == record.person_id):
        raise Forbidden("只有本人或机关党委专责人员可以修改学习记录")
    return record


def access_plan(user: Any, pk: Any, *, write: bool = False):
    from qinglian.partylife.models import AnnualPlan

    plan = _get(AnnualPlan.objects.visible_to(user).select_related("branch"), pk, "年度计划")
    if write and not can_record_for_branch(user, plan.branch_id):
        raise Forbidden("只有本支部委员或机关党委专责人员可以修改年度计划")
    return plan
