"""The demo organ's 失去联系党员: one member out of touch for four months, whom PL-020 warns about (yellow) and nobody
else; and last year's democratic-life meeting, brought forward into September with the consent entered after it,
which PL-021 finds (red). Readers of the
session's shared build (the same one as test_demo.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.org.models import BranchCommitteeMember, LeadingGroupMember
from qinglian.partylife.choices import DLMStep
from qinglian.partylife.models import DemocraticLifeStep, LostContact

TODAY = dt.date(2026, 11, 25)
ORGAN = DemoSpec(seed=2026, today=TODAY)  # the same build as test_demo.py reads


@pytest.mark.demo_build(ORGAN)
class TestLostContactDemo:
    def test_one_member_lost_touch_four_months_before_the_demo_day(self, shared_demo):
        [record] = LostContact.objects.filter(organ=shared_demo.organ)
        assert record.lost_since == dt.date(2026, 7, 25) and record.is_open and record.searches
        assert record.person.branch_id is not None
        entered = record.history.get().history_date.date()
        assert record.lost_since < entered <= TODAY and record.created_at.date() == record.updated_at.date() == entered
        seated = set(BranchCommitteeMember.objects.filter(organ=shared_demo.organ).values_list("person_id", flat=True))
        leaders = set(LeadingGroupMember.objects.filter(organ=shared_demo.organ).values_list("person_id", flat=True))
        assert record.person_id not in seated | leaders
        assert f"{record.person.name} 自2026年07月25日起与党组织失去联系" in shared_demo.log

    def test_pl020_warns_about_that_member_and_nobody_else(self, shared_demo):
        result = run_checks(organ_id=shared_demo.organ.pk, as_of=TODAY, codes=["PL-020"])
        assert result.errors == []
        [finding] = Finding.objects.filter(organ=shared_demo.organ, rule_code="PL-020")
        record = LostContact.objects.get(organ=shared_demo.organ)
        assert (finding.severity, finding.subject_id) == ("yellow", str(record.pk))
        assert finding.due_date == dt.date(2027, 1, 25)  # six months, a Monday
        secretary = BranchCommitteeMember.objects.get(branch_id=record.person.branch_id, post="secretary", end=None)
        assert finding.responsible_person_id == secretary.person_id

    def test_pl021_finds_last_years_meeting_brought_forward_without_consent_beforehand(self, shared_demo):
        result = run_checks(organ_id=shared_demo.organ.pk, as_of=TODAY, codes=["PL-021"])
        assert result.errors == []
        [finding] = Finding.objects.filter(organ=shared_demo.organ, rule_code="PL-021")
        held = DemocraticLifeStep.objects.get(organ=shared_demo.organ, year=2025, step=DLMStep.MEETING).done_on
        # The meeting is held: a recorded fact (已记录, no due date), dated by the meeting in its words.
        assert (finding.severity, finding.period, finding.status, finding.due_date) == ("red", "2025", "recorded", None)
        assert f"民主生活会于{held:%m月%d日}召开" in finding.reason
        assert held.month == 9 and "晚于会议" in finding.reason
        assert "2025年度民主生活会提前至9月召开，会后才登记上级党组织同意" in shared_demo.log

    def test_pl021_leaves_this_years_meeting_alone_before_it_is_held(self, shared_demo):
        assert not Finding.objects.filter(organ=shared_demo.organ, rule_code="PL-021", period="2026").exists()
