"""The demo organ's trips: a year of them, 杭州 most, entered by the finance officer, leaders on the 厅局级 band, and
exactly the four violations the module docstring of demo/travel.py plants — none else."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db.models import F

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.frugality.choices import SeatClass, TravelBand
from qinglian.frugality.models import Trip, TripStay, TripTicket

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
CODES = ["FRG-010", "FRG-011", "FRG-012", "FRG-013", "FRG-014", "FRG-015"]
PLANTED = [
    ("FRG-010", "red", "参加全省人大财经工作培训"),
    ("FRG-010", "yellow", "赴西藏拉萨对口支援工作调研"),
    ("FRG-012", "red", "赴上海学习人大代表联络站建设经验"),
    ("FRG-013", "red", "赴南京参加立法协作座谈会"),
]


@pytest.mark.demo_build(DemoSpec(seed=2026, today=TODAY))
def test_the_demo_trips_and_exactly_their_four_planted_violations(shared_demo):
    organ = shared_demo.organ
    trips = Trip.objects.filter(organ=organ)
    assert 150 <= trips.count() <= 250
    assert not trips.filter(start_on__lt=TODAY - dt.timedelta(days=366)).exists()
    assert not trips.filter(paid_on__gt=TODAY).exists()
    outbound = TripTicket.objects.filter(trip__organ=organ, on=F("trip__start_on")).values_list("to_city", flat=True)
    assert [city for city, _ in Counter(outbound).most_common(2)] == ["杭州", "北京"]
    assert TripStay.objects.filter(trip__organ=organ, province="西藏").count() == 1
    seats = Counter(TripTicket.objects.filter(trip__organ=organ).values_list("seat_class", flat=True))
    assert seats.most_common(1)[0][0] == SeatClass.HSR_SECOND
    assert trips.filter(band=TravelBand.DEPARTMENT).exists()
    assert {h.history_user.username for h in Trip.history.filter(organ_id=organ.pk).select_related("history_user")} == {
        "caiwu"
    }

    run_checks(organ_id=organ.pk, as_of=TODAY, codes=CODES)
    findings = list(Finding.objects.filter(organ=organ, rule_code__in=CODES).order_by("rule_code", "severity"))
    found = sorted((f.rule_code, f.severity, Trip.objects.get(pk=f.subject_id).purpose) for f in findings)
    assert found == sorted(PLANTED), [(f.rule_code, f.reason) for f in findings]
    reasons = {(f.rule_code, f.severity): f for f in findings}
    assert "每晚560.00元，超过其他人员限额400.00元/晚" in reasons[("FRG-010", "red")].reason
    assert reasons[("FRG-010", "yellow")].reason == "没有适用的住宿费标准（西藏 拉萨，厅局级），请财务核实"
    assert "高铁一等座，高于其他人员可乘坐的高铁二等座" in reasons[("FRG-012", "red")].reason
    for f in findings:
        assert f.subject_repr.startswith("凭证号记") and f.responsible_person_id and f.responsible_unit_id
