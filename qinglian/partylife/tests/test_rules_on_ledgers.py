"""The party-life rules read the real ledgers through the runner: findings appear, update and close."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.org.models import BranchCommitteeMember, PersonnelEvent
from qinglian.org.tests.factories import BranchFactory, PersonFactory
from qinglian.partylife.models import Attendance, HeartTalk, Meeting, StudyRecord

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def branch(org):
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    secretary = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="书记甲")
    BranchCommitteeMember.objects.create(
        organ=org.organ, branch=branch, person=secretary, post="secretary", start=dt.date(2024, 1, 1)
    )
    return branch


def _meeting(org, branch, day, kind="branch_committee_meeting", **extra):
    return Meeting.objects.create(organ=org.organ, branch=branch, kind=kind, date=day, topic="例会", **extra)


def test_a_month_without_a_committee_meeting_is_red_and_assigned_to_the_secretary(org, branch):
    for month in range(1, 11):
        if month != 9:
            _meeting(org, branch, dt.date(2026, month, 10))
    run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=["PL-002"])
    finding = Finding.objects.get(rule_code="PL-002", severity="red", period="2026-09")
    assert finding.responsible_person.name == "书记甲"
    # September is over: the missed meeting is a recorded fact (已记录), with no due date and not a to-do.
    assert finding.status == "recorded" and finding.due_date is None
    assert not Finding.objects.filter(rule_code="PL-002", period="2026-10").exists()


def test_recording_the_missing_meeting_closes_the_finding(org, branch):
    run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=["PL-002"])
    assert Finding.objects.filter(period="2026-09").get().status == "recorded"
    _meeting(org, branch, dt.date(2026, 9, 29))  # the ledger corrected: the meeting was held after all
    result = run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=["PL-002"])
    assert result.closed >= 1
    assert Finding.objects.get(period="2026-09").status == "closed"


def test_training_hours_count_meetings_attended_and_study_records(org, branch):
    member = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="党员乙")
    lecture = _meeting(org, branch, dt.date(2025, 5, 8), kind="party_lecture", hours=Decimal("2"))
    Attendance.objects.create(meeting=lecture, person=member)
    StudyRecord.objects.create(
        organ=org.organ, person=member, kind="online", date=dt.date(2025, 6, 1), title="网络学院", hours=Decimal("30")
    )  # 2 + 30 = 32
    run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=["PL-011"])
    assert not Finding.objects.filter(rule_code="PL-011", subject_id=str(member.pk), period="2025").exists()
    secretary_finding = Finding.objects.get(rule_code="PL-011", responsible_person__name="书记甲", period="2025")
    assert secretary_finding.reason == "书记甲2025年度集中学习培训0学时，不足32学时"


def test_heart_talk_coverage_counts_pairs_either_way(org, branch):
    member = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="党员丙")
    run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=["PL-012"])
    assert "尚有1对未谈" in Finding.objects.get(rule_code="PL-012", period="2025").reason
    secretary = BranchCommitteeMember.objects.get().person
    HeartTalk.objects.create(
        organ=org.organ,
        initiator=member,
        initiator_role="member",
        counterpart=secretary,
        counterpart_role="secretary",
        date=dt.date(2025, 3, 3),
        topic="思想交流",
    )
    run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=["PL-012"])
    assert Finding.objects.get(rule_code="PL-012", period="2025").status == "closed"


def test_someone_who_arrived_during_the_year_is_not_held_to_the_full_year(org, branch):
    newcomer = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="新调入")
    PersonnelEvent.objects.create(organ=org.organ, person=newcomer, kind="transfer_in", date=dt.date(2025, 7, 1))
    new_member = PersonFactory(
        organ=org.organ, unit=org.unit_a, branch=branch, name="新党员", party_joined_on=dt.date(2025, 3, 1)
    )
    run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=["PL-011"])
    flagged = set(Finding.objects.filter(rule_code="PL-011", period="2025").values_list("subject_id", flat=True))
    assert str(newcomer.pk) not in flagged and str(new_member.pk) not in flagged
    assert Finding.objects.filter(rule_code="PL-011", period="2025", responsible_person__name="书记甲").exists()
