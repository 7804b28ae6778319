"""The demo organ's car register: five cars of the office (机要通信 and 应急保障, one new-energy), one auctioned, and
exactly the one car FRG-040 is meant to find (the replacement 机要通信 car bought for 138,000 yuan)."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.frugality.choices import CarType, Energy
from qinglian.frugality.models import OfficialCar

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
ORGAN = DemoSpec(seed=2026, today=TODAY)


@pytest.mark.demo_build(ORGAN)
def test_the_demo_cars_and_their_one_finding(shared_demo):
    organ = shared_demo.organ
    cars = OfficialCar.objects.filter(organ=organ)
    assert cars.count() == 5
    assert set(cars.values_list("car_type", flat=True)) == {CarType.CONFIDENTIAL, CarType.EMERGENCY}
    assert cars.filter(energy=Energy.NEW_ENERGY).count() == 1
    assert cars.filter(disposed_on__isnull=False).count() == 1
    assert not cars.filter(purchased_on__gt=TODAY).exists()
    users = set(OfficialCar.history.filter(organ=organ).values_list("history_user__username", flat=True))
    assert users == {"caiwu"}

    run_checks(organ_id=organ.pk, as_of=TODAY, codes=["FRG-040"])
    findings = list(Finding.objects.filter(organ=organ, rule_code="FRG-040"))
    assert [(f.severity, f.status) for f in findings] == [("red", "open")], [f.reason for f in findings]
    assert "浙K·G0728" in findings[0].reason and "超出18,000.00元" in findings[0].reason
    assert findings[0].responsible_unit.name == "办公室"
