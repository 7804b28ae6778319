"""The demo organ's yearly plans and meetings: last year's and this year's plans approved at January's Party-group
meeting, about thirty meetings entered by the finance officer, and exactly the three violations planted for
FRG-020…024 (demo/conferences.py), found by the rules run for the demo's today."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.frugality.choices import ConferenceCategory, PlanKind
from qinglian.frugality.models import Conference, PlanItem, SpendingPlan

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
ORGAN = DemoSpec(seed=2026, today=TODAY)
CODES = ["FRG-020", "FRG-021", "FRG-022", "FRG-023", "FRG-024"]


@pytest.mark.demo_build(ORGAN)
def test_the_demo_plans(shared_demo):
    plans = SpendingPlan.objects.filter(organ=shared_demo.organ)
    assert {(p.kind, p.year) for p in plans} == {(k, y) for k in PlanKind.values for y in (2025, 2026)}
    assert {(p.approved_on.month, p.approval_ref) for p in plans if p.year == 2026} == {(1, "党组会议（2026年第1次）")}
    counts = {p.kind: PlanItem.objects.filter(plan=p).count() for p in plans if p.year == 2026}
    assert counts == {PlanKind.CONFERENCE: 12, PlanKind.TRAINING: 6, PlanKind.ABROAD: 3}


@pytest.mark.demo_build(ORGAN)
def test_the_demo_meetings_and_their_three_planted_violations(shared_demo):
    organ = shared_demo.organ
    meetings = Conference.objects.filter(organ=organ)
    assert 25 <= meetings.count() <= 35
    assert meetings.filter(category=ConferenceCategory.THREE).count() in range(2, 6)
    assert meetings.filter(category=ConferenceCategory.FOUR).count() >= 20
    assert not meetings.filter(start_on__gt=TODAY).exists() and not meetings.filter(voucher_no="").exists()
    assert meetings.filter(plan_item__isnull=True).count() == 3  # two approved ad hoc, one planted without
    authors = set(Conference.history.filter(organ=organ).values_list("history_user__username", flat=True))
    assert authors == {"caiwu"}

    run_checks(organ_id=organ.pk, as_of=TODAY, codes=CODES)
    findings = Finding.objects.filter(organ=organ, rule_code__in=CODES)
    found = sorted((f.rule_code, f.severity, f.subject_repr.split(" ", 2)[-1]) for f in findings)
    assert found == [
        ("FRG-020", "red", "物业服务质量专题座谈会"),
        ("FRG-021", "red", "全市基层立法联系点工作座谈会"),
        ("FRG-024", "red", "代表联络站工作经验交流座谈会"),
    ], [f.reason for f in findings]
    assert all(f.responsible_unit_id and f.responsible_person_id for f in findings)
    assert "参会人数70人，超过上限50人" in findings.get(rule_code="FRG-021").reason
    assert "纪念品1,800.00元" in findings.get(rule_code="FRG-024").reason
