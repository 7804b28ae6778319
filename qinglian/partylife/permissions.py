"""Who may record and change party-life ledgers.

Meetings of a branch are recorded by its committee (the secretary and the committee members in office) or
by the party-affairs office; the leading group's meetings by the office. A heart-to-heart talk is written
by the person who held it, or by the office. A member's Party dues are kept by their branch's secretary or
organiser (组织委员), or by the office. A member the branch has lost touch with (失去联系党员) is recorded by the
branch's secretary (or the office); what has been recorded — a date, the deciding meeting, the record itself — is
corrected only by the office, so the person who follows the case up is not the one who may rewrite it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from qinglian.core import clock
from qinglian.core.errors import Forbidden, NotFound
from qinglian.org.choices import Role
from qinglian.org.models import Branch, BranchCommitteeMember, Person
from qinglian.org.permissions import access_branch, scope_of
from qinglian.partylife.models import AnnualPlan, DuesRecord, HeartTalk, LostContact, Meeting, StudyRecord
from qinglian.partylife.querysets import branch_of, dues_keeper_branch_ids, secretary_branch_ids


def organ_id_of(user: Any) -> int:
    """The organ whose ledgers the account works on; Forbidden for an account of no organ."""
    organ_id = scope_of(user).organ_id
    if organ_id is None:
        raise Forbidden("当前账号未归属任何机关")
    return organ_id


def committee_branch_ids(user: Any, *, on: dt.date | None = None) -> set[int]:
    """Branches on whose committee the user sits today."""
    scope = scope_of(user)
    if scope.person_id is None:
        return set()
    on = on or clock.today()
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


def is_officer_or(user: Any, person_id: int | None) -> bool:
    """The party-affairs office, or the person the record is about (a talk's initiator, a study's member)."""
    scope = scope_of(user)
    return scope.has(Role.PARTY_OFFICER) or scope.person_id == person_id


def _get(queryset: QuerySet, pk: Any, noun: str) -> Any:
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"{noun}不存在或无权查看") from None


def access_meeting(user: Any, pk: Any, *, write: bool = False) -> Meeting:
    meeting = _get(Meeting.objects.visible_to(user).select_related("branch", "party_group"), pk, "会议记录")
    branch_id = meeting.branch_id or (meeting.party_group.branch_id if meeting.party_group_id else None)
    if write and not can_record_for_branch(user, branch_id):
        raise Forbidden("只有本支部委员或机关党委专责人员可以修改会议记录")
    return meeting


def access_heart_talk(user: Any, pk: Any, *, write: bool = False) -> HeartTalk:
    talk = _get(HeartTalk.objects.visible_to(user), pk, "谈心谈话记录")
    if write and not is_officer_or(user, talk.initiator_id):
        raise Forbidden("只有谈话人或机关党委专责人员可以修改谈心谈话记录")
    return talk


def access_study_record(user: Any, pk: Any, *, write: bool = False) -> StudyRecord:
    record = _get(StudyRecord.objects.visible_to(user), pk, "学习记录")
    if write and not is_officer_or(user, record.person_id):
        raise Forbidden("只有本人或机关党委专责人员可以修改学习记录")
    return record


def access_plan(user: Any, pk: Any, *, write: bool = False) -> AnnualPlan:
    plan = _get(AnnualPlan.objects.visible_to(user).select_related("branch"), pk, "年度计划")
    if write and not can_record_for_branch(user, plan.branch_id):
        raise Forbidden("只有本支部委员或机关党委专责人员可以修改年度计划")
    return plan


def access_plan_branch(user: Any, branch_id: int) -> Branch:
    """The branch, if the user may see its plans: organ readers, its committee, its members, heads of its units.

    A branch without a plan yet has its (empty) page too, hence a check on the branch and not on a plan row.
    """
    branch = access_branch(user, branch_id)
    scope = scope_of(user)
    if (
        scope.reads_organ
        or branch_of(scope.person_id) == branch.pk
        or branch.units.filter(pk__in=scope.head_unit_ids).exists()
        or can_record_for_branch(user, branch.pk)
    ):
        return branch
    raise NotFound("年度计划不存在或无权查看")


def dues_branch_ids(user: Any) -> set[int]:
    """Branches whose members' dues the user keeps today (as 支部书记 or 组织委员)."""
    return dues_keeper_branch_ids(scope_of(user).person_id)


def can_keep_dues(user: Any) -> bool:
    """Whether the user records anybody's dues: the party-affairs office, or a branch's secretary or organiser."""
    return scope_of(user).has(Role.PARTY_OFFICER) or bool(dues_branch_ids(user))


def can_record_dues(user: Any, person: Person) -> bool:
    """The office for any member; a branch's secretary or organiser for the members of that branch."""
    if scope_of(user).has(Role.PARTY_OFFICER):
        return True
    return person.branch_id is not None and person.branch_id in dues_branch_ids(user)


def access_dues_record(user: Any, pk: Any, *, write: bool = False) -> DuesRecord:
    record = _get(DuesRecord.objects.visible_to(user).select_related("person"), pk, "党费记录")
    if write and not can_record_dues(user, record.person):
        raise Forbidden("只有本支部书记、组织委员或机关党委专责人员可以修改党费记录")
    return record


def lost_contact_branch_ids(user: Any) -> set[int]:
    """Branches whose 失去联系党员 the user records today (as 支部书记)."""
    return secretary_branch_ids(scope_of(user).person_id)


def can_keep_lost_contact(user: Any) -> bool:
    """Whether the user records anybody's loss of contact: the party-affairs office or a branch secretary."""
    return scope_of(user).has(Role.PARTY_OFFICER) or bool(lost_contact_branch_ids(user))


def can_view_lost_contact(user: Any) -> bool:
    """Who has the register in the menu: the organ readers and the branch secretaries."""
    return scope_of(user).reads_organ or bool(lost_contact_branch_ids(user))


def can_record_lost_contact(user: Any, person: Person) -> bool:
    """The office for any member; a branch secretary for the members of their branch."""
    if scope_of(user).has(Role.PARTY_OFFICER):
        return True
    return person.branch_id is not None and person.branch_id in lost_contact_branch_ids(user)


def can_correct_lost_contact(user: Any) -> bool:
    """Changing what has been recorded (a date, the meeting) or deleting a record: the office only."""
    return scope_of(user).has(Role.PARTY_OFFICER)


def access_lost_contact(user: Any, pk: Any, *, write: bool = False) -> LostContact:
    record = _get(LostContact.objects.visible_to(user).select_related("person"), pk, "失去联系党员记录")
    if write and not can_record_lost_contact(user, record.person):
        raise Forbidden("只有本支部书记或机关党委专责人员可以登记失去联系党员的情况")
    return record
