"""The demo organ's deputies' work (NPC-009…011): the rules find exactly the slips the demo planted, as of the
demo's late-November day. Reads the session's shared build (test_demo.ORGAN without its rule run): the rules are
called directly, so no finding is written."""

from __future__ import annotations

import pytest

from qinglian.compliance.choices import Severity
from qinglian.core.testing import DemoSpec
from qinglian.npc.choices import ActivityKind
from qinglian.npc.demo import data
from qinglian.npc.models import Deputy, DeputyActivity
from qinglian.npc.tests.demo_verdicts import flagged, logged
from qinglian.npc.tests.test_demo import TODAY

BUILD = DemoSpec(seed=2026, today=TODAY)


@pytest.mark.demo_build(BUILD)
class TestDeputiesDemo:
    def test_each_delegation_went_back_once_and_met_three_times(self, shared_demo):
        activities = DeputyActivity.objects.filter(organ=shared_demo.organ, date__year=TODAY.year)
        assert activities.filter(kind=ActivityKind.CONSTITUENCY).count() == len(data.DISTRICTS)
        assert activities.filter(kind=ActivityKind.GROUP).count() == len(data.DISTRICTS) * len(data.GROUP_MONTHS)
        closed = activities.filter(station__name=data.CLOSED_STATION, date__month__in=data.CLOSED_MONTHS)
        assert not closed.exists()

    def test_the_station_closed_in_the_third_quarter_is_the_only_gap(self, shared_demo):
        found = flagged("NPC-009", shared_demo.organ.pk)
        assert found == [(data.CLOSED_STATION, f"{TODAY.year}-Q3", Severity.RED)]
        assert logged(shared_demo.log, "第三季度未开展活动的联络站") == {data.CLOSED_STATION}

    def test_the_deputies_not_back_in_their_constituency_are_the_planted_three(self, shared_demo):
        found = flagged("NPC-010", shared_demo.organ.pk)
        assert {severity for _, _, severity in found} == {Severity.YELLOW}  # 25 working days to the year's end
        assert {label for label, _, _ in found} == logged(shared_demo.log, "本年度未回原选区")
        assert len(found) == data.NO_RETURN and Deputy.objects.filter(organ=shared_demo.organ).count() == 300

    def test_the_deputies_at_only_one_group_meeting_are_the_planted_two(self, shared_demo):
        found = flagged("NPC-011", shared_demo.organ.pk)
        assert {severity for _, _, severity in found} == {Severity.YELLOW}
        assert {label for label, _, _ in found} == logged(shared_demo.log, "本年度只参加一次代表小组活动")
        assert len(found) == data.ONE_GROUP_MEETING
