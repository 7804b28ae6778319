"""The demo organ's 公务接待: a year of visits entered by the finance officer, and exactly the four problems the
reception rules are meant to find (demo/receptions.py): no letter, too many escorts, 茅台, no signed list."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import DemoSpec
from qinglian.frugality.choices import EntrySource, MealKind
from qinglian.frugality.models import Reception, ReceptionMeal

TODAY = dt.date(2026, 11, 25)  # the day the other demo tests read: one shared build
ORGAN = DemoSpec(seed=2026, today=TODAY)
CODES = [f"FRG-00{n}" for n in range(1, 9)]


@pytest.mark.demo_build(ORGAN)
def test_the_demo_receptions_and_their_four_planted_problems(shared_demo):
    organ = shared_demo.organ
    receptions = Reception.objects.filter(organ=organ)
    assert 60 <= receptions.count() <= 90
    assert not receptions.filter(start_on__gt=TODAY).exists()
    assert receptions.filter(start_on__lt=TODAY - dt.timedelta(days=300)).exists()
    assert set(receptions.values_list("entry_source", flat=True)) == {EntrySource.MANUAL}
    assert set(Reception.history.filter(organ=organ).values_list("history_user__username", flat=True)) == {"caiwu"}
    assert receptions.values("unit").distinct().count() >= 6
    meals = ReceptionMeal.objects.filter(reception__organ=organ)
    assert meals.filter(kind=MealKind.SELF).exists() and meals.filter(kind=MealKind.WORK).count() == receptions.count()

    result = run_checks(organ_id=organ.pk, as_of=TODAY, codes=CODES)
    assert result.errors == []
    found = sorted(
        (f.rule_code, f.severity, Reception.objects.get(pk=f.subject_id).guest_unit)
        for f in Finding.objects.filter(organ=organ, rule_code__in=CODES)
    )
    assert found == [
        ("FRG-001", "red", "衢州市柯城区人大常委会"),
        ("FRG-003", "red", "金华市人大常委会"),
        ("FRG-006", "red", "台州市人大常委会"),
        ("FRG-007", "red", "宁波市人大常委会"),
    ], [f.reason for f in Finding.objects.filter(organ=organ, rule_code__in=CODES)]
    findings = Finding.objects.filter(organ=organ, rule_code__in=CODES)
    assert all(f.responsible_unit_id and f.responsible_person_id for f in findings)
    assert "茅台" in findings.get(rule_code="FRG-006").reason
    assert findings.get(rule_code="FRG-007").subject_repr.startswith("凭证号记")
