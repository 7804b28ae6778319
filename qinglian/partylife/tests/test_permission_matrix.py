"""Persona × party-life model × action, in the form of qinglian/org/tests/test_permission_matrix.py.

Branch A covers 办公室 (unit_head, cadre_same_unit — A's secretary — and the others of unit A are its members);
branch B covers 研究室 (cadre_other_unit). The talk was held by cadre_same_unit with cadre_other_unit; the study
record is cadre_other_unit's own. The lost-contact records are of a member of A and one of B who hold no account.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import PERSONAS
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.org.models import BranchCommitteeMember
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife import permissions
from qinglian.partylife.models import AnnualPlan, DuesRecord, HeartTalk, LostContact, Meeting, StudyRecord
from qinglian.partylife.tests.factories import DuesRecordFactory, LostContactFactory

# fmt: off
#                 party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin
MATRIX = {
    "meeting_a":   "w             r         w          -           r      r          -        -        -",
    "meeting_b":   "w             -         -          r           r      r          -        -        -",
    "talk":        "w             -         w          r           -      r          -        -        -",
    "study_b":     "w             -         -          w           r      r          -        -        -",
    "plan_a":      "w             r         w          -           r      r          -        -        -",
    "dues_a":      "w             r         w          -           r      r          -        -        -",
    "dues_b":      "w             -         -          r           r      r          -        -        -",
    "lost_a":      "w             -         w          -           r      r          -        -        -",
    "lost_b":      "w             -         -          -           r      r          -        -        -",
}
# fmt: on

ACCESS = {
    "meeting_a": (Meeting, permissions.access_meeting),
    "meeting_b": (Meeting, permissions.access_meeting),
    "talk": (HeartTalk, permissions.access_heart_talk),
    "study_b": (StudyRecord, permissions.access_study_record),
    "plan_a": (AnnualPlan, permissions.access_plan),
    "dues_a": (DuesRecord, permissions.access_dues_record),
    "dues_b": (DuesRecord, permissions.access_dues_record),
    "lost_a": (LostContact, permissions.access_lost_contact),
    "lost_b": (LostContact, permissions.access_lost_contact),
}


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def targets(org, everyone):
    branch_a = BranchFactory(organ=org.organ, name="第一党支部")
    branch_a.units.add(org.unit_a)
    branch_b = BranchFactory(organ=org.organ, name="第二党支部")
    branch_b.units.add(org.unit_b)
    for name in ("party_officer", "unit_head", "cadre_same_unit", "leader"):
        person = everyone[name].person
        person.branch = branch_a
        person.save()
    other = everyone["cadre_other_unit"].person
    other.branch = branch_b
    other.save()
    BranchCommitteeMember.objects.create(
        organ=org.organ,
        branch=branch_a,
        person=everyone["cadre_same_unit"].person,
        post="secretary",
        start=dt.date(2024, 1, 1),
    )
    day = dt.date(2026, 3, 10)
    return {
        "meeting_a": Meeting.objects.create(organ=org.organ, branch=branch_a, kind="theme_day", date=day, topic="甲"),
        "meeting_b": Meeting.objects.create(organ=org.organ, branch=branch_b, kind="theme_day", date=day, topic="乙"),
        "talk": HeartTalk.objects.create(
            organ=org.organ,
            initiator=everyone["cadre_same_unit"].person,
            initiator_role="committee",
            counterpart=other,
            counterpart_role="member",
            date=day,
            topic="谈心",
        ),
        "study_b": StudyRecord.objects.create(
            organ=org.organ, person=other, kind="online", date=day, title="网课", hours=Decimal("2")
        ),
        "plan_a": AnnualPlan.objects.create(organ=org.organ, branch=branch_a, year=2026),
        "dues_a": DuesRecordFactory(person=everyone["unit_head"].person, month=dt.date(2026, 3, 1)),
        "dues_b": DuesRecordFactory(person=other, month=dt.date(2026, 3, 1)),
        "lost_a": LostContactFactory(person=PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch_a)),
        "lost_b": LostContactFactory(person=PersonFactory(organ=org.organ, unit=org.unit_b, branch=branch_b)),
    }


CASES = matrix_cases(MATRIX, PERSONAS)


@pytest.mark.parametrize(("target", "persona_name", "expected"), CASES)
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
