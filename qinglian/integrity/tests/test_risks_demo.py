"""The demo organ's 廉政风险点: every internal unit keeps a register of 3–6 points, and INT-030 finds exactly the two
points of 法工委 that missed the yearly review (red), as of the demo's late-November day. Reads the session's shared
build; the rule is called directly, so no finding is written."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.params import resolve, sets_in_force
from qinglian.compliance.registry import RULES, Context
from qinglian.core.testing import DemoSpec
from qinglian.integrity.demo.risks_data import LAW, RISKS
from qinglian.integrity.models import RiskPoint, RiskReview
from qinglian.org.choices import UnitKind
from qinglian.org.models import Unit

TODAY = dt.date(2026, 11, 25)  # the npc and duty demo tests' day: one shared build
BUILD = DemoSpec(seed=2026, today=TODAY)


def _flagged(organ_id: int, as_of: dt.date) -> list[tuple[str, str, str]]:
    rule = RULES["INT-030"]
    params = resolve(rule, sets_in_force(organ_id=organ_id, on=as_of, codes=["INT-030"]).get("INT-030"))
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    verdicts = ((s, rule.check(s, params, ctx)) for s in rule.collect(ctx))
    return sorted((s.type, s.label, str(v.severity)) for s, v in verdicts if v is not None)


@pytest.mark.demo_build(BUILD)
class TestRisksDemo:
    def test_every_internal_unit_keeps_a_register(self, shared_demo):
        units = Unit.objects.filter(organ=shared_demo.organ, kind=UnitKind.INTERNAL)
        counts = {u.name: RiskPoint.objects.filter(unit=u).count() for u in units}
        assert set(counts) == set(RISKS) and all(3 <= n <= 6 for n in counts.values()), counts
        office = RiskPoint.objects.filter(organ=shared_demo.organ, unit__name="办公室", level="high")
        assert set(office.values_list("ledger", flat=True)) == {"reception", "procurement", "funds", "other"}
        assert RiskPoint.objects.filter(organ=shared_demo.organ, identified_on__year=TODAY.year - 1).count() >= 45
        reviewed = RiskReview.objects.filter(risk__organ=shared_demo.organ, date__year=TODAY.year)
        assert reviewed.values("risk").distinct().count() >= 45
        assert reviewed.exclude(level_before="").count() == 2

    def test_int030_finds_exactly_the_two_planted_overdue_points(self, shared_demo):
        found = _flagged(shared_demo.organ.pk, TODAY)
        assert found == [
            ("integrity.riskpoint", f"{LAW} 备案审查岗：规范性文件备案审查", Severity.RED),
            ("integrity.riskpoint", f"{LAW} 立法调研岗：立法调研", Severity.RED),
        ]
        assert "逾期未复核的廉政风险点：法制工作委员会 备案审查岗：规范性文件备案审查、" in shared_demo.log

    def test_a_year_earlier_the_register_was_young_and_nothing_was_due(self, shared_demo):
        assert _flagged(shared_demo.organ.pk, dt.date(TODAY.year - 1, 11, 25)) == []
