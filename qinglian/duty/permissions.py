"""Who may do what with the duty ledgers (the `access_*` / `can_*` vocabulary of org.permissions).

- The list, its items and the Party group's agenda tags are kept by the party-affairs office (机关党委).
- A unit's task is claimed and reported by its head; its staff may report progress; it is confirmed
  (销号) by the party-affairs office or the item's lead leader — never by the unit itself.
- Letters: the office records all; a unit head records the letters of their own unit's cadres.
- 督办单: issued by the office or a leader, answered by the unit's head.
- 约谈: recorded by the office or by the leader who held it.
- The Party group's yearly report to its superior: read by the organ readers, recorded by the office.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from qinglian.core.errors import Forbidden, NotFound
from qinglian.duty.choices import LetterLevel
from qinglian.duty.models import (
    AccountabilityTalk,
    DutyAssignment,
    DutyItem,
    DutyList,
    OversightNotice,
    ProgressReport,
    ResponsibilityLetter,
    SuperiorReport,
)
from qinglian.org.choices import Role
from qinglian.org.permissions import own_stake, scope_of


def _get(queryset: QuerySet, pk: Any, noun: str) -> Any:
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"{noun}不存在或无权查看") from None


def can_edit_lists(user: Any) -> bool:
    return scope_of(user).has(Role.PARTY_OFFICER)


def can_issue_notices(user: Any) -> bool:
    return scope_of(user).has(Role.PARTY_OFFICER, Role.LEADER)


def can_record_talks(user: Any) -> bool:
    return scope_of(user).has(Role.PARTY_OFFICER, Role.LEADER)


def can_record_superior_reports(user: Any) -> bool:
    return scope_of(user).has(Role.PARTY_OFFICER)


def can_record_letters(user: Any) -> bool:
    scope = scope_of(user)
    return scope.has(Role.PARTY_OFFICER) or bool(scope.head_unit_ids)


def is_unit_staff(user: Any, unit_id: int) -> bool:
    scope = scope_of(user)
    return unit_id == scope.unit_id or unit_id in scope.head_unit_ids


def can_report(user: Any, assignment: DutyAssignment) -> bool:
    """The unit's own staff (and its head) report progress; the office may report on a unit's behalf."""
    return scope_of(user).has(Role.PARTY_OFFICER) or is_unit_staff(user, assignment.unit_id)


def can_claim(user: Any, assignment: DutyAssignment) -> bool:
    """认领 is the unit head's act (the unit takes the duty on); the office may claim on its behalf."""
    scope = scope_of(user)
    return scope.has(Role.PARTY_OFFICER) or assignment.unit_id in scope.head_unit_ids


def can_confirm(user: Any, assignment: DutyAssignment) -> bool:
    """销号: the office or the item's lead leader — not the unit that reported completion, nor whoever claimed it."""
    if own_stake(user, **task_stakes(assignment)):
        return False
    scope = scope_of(user)
    if scope.has(Role.PARTY_OFFICER):
        return True
    return scope.person_id is not None and scope.person_id == assignment.item.lead_leader_id


def notice_stakes(notice: OversightNotice) -> dict[str, list[int | None]]:
    """Who has a stake in closing a 督办单: the unit under oversight and whoever replied for it."""
    return {"requested_by": [notice.replied_by_id], "responsible_units": [notice.unit_id]}


def task_stakes(assignment: DutyAssignment, reporters: Iterable[int | None] = ()) -> dict[str, list[int | None]]:
    """Who has a stake in a task's 销号 or 退回: the unit answering for it, whoever claimed it and (when the caller
    has read them) whoever reported it completed."""
    return {"requested_by": [assignment.claimed_by_id, *reporters], "responsible_units": [assignment.unit_id]}


def access_duty_list(user: Any, pk: Any, *, write: bool = False) -> DutyList:
    duty_list = _get(DutyList.objects.visible_to(user), pk, "责任清单")
    if write and not can_edit_lists(user):
        raise Forbidden("责任清单由机关党委专责人员维护")
    return duty_list


def access_item(user: Any, pk: Any, *, write: bool = False) -> DutyItem:
    item = _get(DutyItem.objects.visible_to(user).select_related("duty_list", "lead_leader"), pk, "清单事项")
    if write and not can_edit_lists(user):
        raise Forbidden("责任清单由机关党委专责人员维护")
    return item


def access_assignment(user: Any, pk: Any, *, write: bool = False) -> DutyAssignment:
    queryset = DutyAssignment.objects.visible_to(user).select_related("item", "item__duty_list", "unit")
    assignment = _get(queryset, pk, "责任任务")
    if write and not can_report(user, assignment):
        raise Forbidden("只有责任委室或机关党委专责人员可以报送该任务的进展")
    return assignment


def access_progress(user: Any, pk: Any, *, write: bool = False) -> ProgressReport:
    report = _get(ProgressReport.objects.visible_to(user).select_related("assignment"), pk, "进展报告")
    if write and not can_report(user, report.assignment):
        raise Forbidden("只有责任委室或机关党委专责人员可以修改进展报告")
    return report


def access_letter(user: Any, pk: Any, *, write: bool = False) -> ResponsibilityLetter:
    letter = _get(ResponsibilityLetter.objects.visible_to(user).select_related("signer", "unit"), pk, "责任书")
    if write and not can_write_letter(user, letter.level, letter.unit_id):
        raise Forbidden("只有机关党委专责人员或本委室负责人可以登记该责任书")
    return letter


def can_write_letter(user: Any, level: str, unit_id: int) -> bool:
    scope = scope_of(user)
    if scope.has(Role.PARTY_OFFICER):
        return True
    return level == LetterLevel.CADRE and unit_id in scope.head_unit_ids


def access_notice(user: Any, pk: Any, *, write: bool = False) -> OversightNotice:
    """write = answer it (the head of the supervised unit) or manage it (the office, a leader)."""
    notice = _get(OversightNotice.objects.visible_to(user).select_related("unit"), pk, "督办单")
    if write and not (can_issue_notices(user) or notice.unit_id in scope_of(user).head_unit_ids):
        raise Forbidden("只有被督办委室负责人可以回复督办单")
    return notice


def access_talk(user: Any, pk: Any, *, write: bool = False) -> AccountabilityTalk:
    talk = _get(
        AccountabilityTalk.objects.visible_to(user).select_related("interviewer", "interviewee"), pk, "约谈记录"
    )
    scope = scope_of(user)
    if write and not (scope.has(Role.PARTY_OFFICER) or scope.person_id == talk.interviewer_id):
        raise Forbidden("只有约谈人或机关党委专责人员可以修改约谈记录")
    return talk


def access_superior_report(user: Any, pk: Any, *, write: bool = False) -> SuperiorReport:
    report = _get(SuperiorReport.objects.visible_to(user), pk, "主体责任年度报告")
    if write and not can_record_superior_reports(user):
        raise Forbidden("主体责任年度报告由机关党委专责人员登记")
    return report
