"""The demo organ's key supervision, handling report and days of duty (NPC-012, NPC-013, NPC-015): the rules find
exactly the slips the demo planted, as of the demo's late-November day. Reads the session's shared build
(test_demo.ORGAN without its rule run): the rules are called directly, so no finding is written."""

from __future__ import annotations

import pytest

from qinglian.compliance.choices import Severity
from qinglian.core.testing import DemoSpec
from qinglian.npc.demo import data
from qinglian.npc.models import DeputyActivity, HandlingReport, Suggestion
from qinglian.npc.selectors.duty_days import duty_days_as_of
from qinglian.npc.selectors.stations import deputies_on
from qinglian.npc.tests.demo_verdicts import flagged, logged
from qinglian.npc.tests.test_demo import TODAY

BUILD = DemoSpec(seed=2026, today=TODAY)


@pytest.mark.demo_build(BUILD)
class TestSupervisionDemo:
    def test_every_key_suggestion_has_its_decision_and_all_but_one_a_plan(self, shared_demo):
        key = Suggestion.objects.filter(organ=shared_demo.organ, year=TODAY.year, is_key=True)
        assert key.count() == 10 and not key.filter(key_decided_on__isnull=True).exists()
        assert key.filter(supervision_plan_on__isnull=False).count() == 10 - data.NO_PLAN
        assert all(s.supervision_plan_on >= s.key_decided_on for s in key.exclude(supervision_plan_on=None))

    def test_the_late_and_the_missing_plan_are_the_only_findings(self, shared_demo):
        found = flagged("NPC-012", shared_demo.organ.pk)
        assert {severity for _, _, severity in found} == {Severity.RED}
        numbers = {label.split("《")[0] for label, _, _ in found}
        late = logged(shared_demo.log, "逾期制定督办工作方案")
        missing = logged(shared_demo.log, "未制定督办工作方案")
        assert numbers == late | missing and len(late) == data.LATE_PLAN and len(missing) == data.NO_PLAN

    def test_last_years_report_heard_but_not_published_is_the_only_finding(self, shared_demo):
        report = HandlingReport.objects.get(organ=shared_demo.organ)
        assert report.year == TODAY.year - 1 and report.reported_on and report.published_on is None
        found = flagged("NPC-013", shared_demo.organ.pk)
        assert found == [(f"{TODAY.year - 1}年度代表建议办理情况的报告", str(TODAY.year - 1), Severity.RED)]
        assert logged(shared_demo.log, "已听取未向社会公开的办理情况报告") == {found[0][0]}

    def test_the_deputies_short_of_fifteen_days_are_the_planted_two(self, shared_demo):
        organ = shared_demo.organ
        found = flagged("NPC-015", organ.pk)
        assert {severity for _, _, severity in found} == {Severity.YELLOW}  # 25 working days to the year's end
        assert {label for label, _, _ in found} == logged(shared_demo.log, "本年度执行代表职务不足十五日")
        assert len(found) == data.SHORT_ON_DUTY
        days = duty_days_as_of(organ_id=organ.pk, since=TODAY.replace(month=1, day=1), as_of=TODAY)
        counts = sorted(
            days.count(d.id, TODAY.replace(month=1, day=1), TODAY) for d in deputies_on(organ_id=organ.pk, as_of=TODAY)
        )
        assert counts[data.SHORT_ON_DUTY] >= 15 and counts[data.SHORT_ON_DUTY - 1] < 15
        tours = DeputyActivity.objects.filter(organ=organ, date__year=TODAY.year, days__gt=1)
        assert tours.count() == len(data.DISTRICTS) * len(data.DUTY_TOURS)
