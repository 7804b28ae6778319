"""The demo organ's trips abroad: three delegations under the year's abroad plan, and exactly the two findings
planted (the April report two months late, the June delegation a day over the cap)."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.frugality.models import AbroadTrip
from qinglian.frugality.todos.abroad import reports_to_hand_in
from qinglian.org.models import User

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
ORGAN = DemoSpec(seed=2026, today=TODAY)
CODES = ["FRG-050", "FRG-051", "FRG-052", "FRG-053"]


@pytest.mark.demo_build(ORGAN)
def test_the_demo_trips_abroad_and_their_two_findings(shared_demo):
    organ = shared_demo.organ
    trips = AbroadTrip.objects.filter(organ=organ)
    assert trips.count() == 3
    assert not trips.filter(plan_item__isnull=True).exists() and not trips.filter(report_on__isnull=True).exists()
    assert not trips.filter(depart_on__gt=TODAY).exists()
    users = set(AbroadTrip.history.filter(organ=organ).values_list("history_user__username", flat=True))
    assert users == {"caiwu"}

    run_checks(organ_id=organ.pk, as_of=TODAY, codes=CODES)
    found = sorted(
        (f.rule_code, f.severity, f.status, f.reason) for f in Finding.objects.filter(organ=organ, rule_code__in=CODES)
    )
    assert [f[:3] for f in found] == [("FRG-050", "red", "open"), ("FRG-053", "red", "recorded")], found
    assert "德国、法国" in found[0][3] and "超过8天的上限" in found[0][3]
    assert "日本、韩国" in found[1][3] and "才提交" in found[1][3]
    leaders = User.objects.filter(organ=organ, person__in=trips.values("leader"))
    assert all(reports_to_hand_in(u) == [] for u in leaders)
