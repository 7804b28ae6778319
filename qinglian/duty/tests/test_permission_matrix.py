"""Persona × duty record × action, in the form of qinglian/org/tests/test_permission_matrix.py.

The personas (conftest.py): unit_head heads 办公室 (A); party_officer, cadre_same_unit and leader sit in A;
cadre_other_unit in 研究室 (B); leader supervises B (and is a Party-group member here). The letter is
cadre_same_unit's (issued by unit_head); the notice goes to A; the talk is leader's with cadre_other_unit.

r = listed and readable, refused on write (403); w = also writable; - = neither listed nor found (404).
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import PERSONAS
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.duty import permissions
from qinglian.duty.choices import AssignmentRole, LetterLevel, ListStatus
from qinglian.duty.models import (
    AccountabilityTalk,
    DutyAssignment,
    DutyItem,
    DutyList,
    OversightNotice,
    ResponsibilityLetter,
)
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory, NoticeFactory
from qinglian.org.models import LeadingGroupMember

# fmt: off
#                    party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin
MATRIX = {
    "draft_list":     "w             -         -          -           r      -          -        -        -",
    "published_list": "w             r         r          r           r      r          -        -        -",
    "item":           "w             r         r          r           r      r          -        -        -",
    "task_a":         "w             w         w          r           w      r          -        -        -",
    "task_b":         "w             r         r          w           r      r          -        -        -",
    "letter_a":       "w             w         r          -           r      r          -        -        -",
    "notice_a":       "w             w         r          -           w      r          -        -        -",
    "talk_b":         "w             -         -          r           w      r          -        -        -",
}
# fmt: on
# task_a: leader's own seat is in 办公室, so they report for it like any of its staff.

ACCESS = {
    "draft_list": (DutyList, permissions.access_duty_list),
    "published_list": (DutyList, permissions.access_duty_list),
    "item": (DutyItem, permissions.access_item),
    "task_a": (DutyAssignment, permissions.access_assignment),
    "task_b": (DutyAssignment, permissions.access_assignment),
    "letter_a": (ResponsibilityLetter, permissions.access_letter),
    "notice_a": (OversightNotice, permissions.access_notice),
    "talk_b": (AccountabilityTalk, permissions.access_talk),
}


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def targets(org, everyone):
    leader = everyone["leader"].person
    LeadingGroupMember.objects.create(organ=org.organ, person=leader, post="member", start=dt.date(2020, 1, 1))
    published = DutyListFactory(organ=org.organ, year=2026)
    draft = DutyListFactory(organ=org.organ, year=2027, status=ListStatus.DRAFT, published_on=None)
    item = DutyItemFactory(duty_list=published, lead_leader=leader)
    task_a = AssignmentFactory(item=item, unit=org.unit_a)
    return {
        "draft_list": draft,
        "published_list": published,
        "item": item,
        "task_a": task_a,
        "task_b": AssignmentFactory(item=item, unit=org.unit_b, role=AssignmentRole.CO),
        "letter_a": ResponsibilityLetter.objects.create(
            organ=org.organ,
            year=2026,
            level=LetterLevel.CADRE,
            issuer=everyone["unit_head"].person,
            signer=everyone["cadre_same_unit"].person,
            unit=org.unit_a,
        ),
        "notice_a": NoticeFactory(organ=org.organ, assignment=task_a, unit=org.unit_a),
        "talk_b": AccountabilityTalk.objects.create(
            organ=org.organ,
            date=dt.date(2026, 11, 2),
            interviewer=leader,
            interviewee=everyone["cadre_other_unit"].person,
            unit=org.unit_b,
            reason="任务逾期",
        ),
    }


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, PERSONAS))
def test_matrix(target, persona_name, expected, everyone, targets):
    model, access = ACCESS[target]
    check_cell(
        model=model,
        access=access,
        user=everyone[persona_name],
        obj=targets[target],
        expected=expected,
        label=f"{persona_name} / {target}",
    )


def test_draft_items_and_tasks_are_hidden_like_their_list(org, everyone, targets):
    """A unit sees its task only once the list is published (the draft is the office's and the leaders')."""
    task = AssignmentFactory(item=DutyItemFactory(duty_list=targets["draft_list"]), unit=org.unit_a)
    assert not DutyAssignment.objects.visible_to(everyone["unit_head"]).filter(pk=task.pk).exists()
    assert DutyAssignment.objects.visible_to(everyone["leader"]).filter(pk=task.pk).exists()


def test_who_may_confirm_claim_and_act_on_the_office_pages(everyone, targets):
    task_a = targets["task_a"]
    allowed = {name for name in PERSONAS if permissions.can_confirm(everyone[name], task_a)}
    assert allowed == {"party_officer", "leader"}  # the office and the item's lead leader; never the unit

    def who(check) -> set[str]:
        return {name for name in PERSONAS if check(everyone[name])}

    assert who(lambda user: permissions.can_claim(user, task_a)) == {"party_officer", "unit_head"}
    assert who(permissions.can_edit_lists) == {"party_officer"}
    assert who(permissions.can_issue_notices) == {"party_officer", "leader"}
    assert who(permissions.can_record_letters) == {"party_officer", "unit_head"}
