"""FRG-020…024 on meetings: pure checks on plain subjects (a passing and a failing case from 214号's text each), then
the collector through the database — the standard in force on the meeting's first day, the plan approved before it,
a meeting or an approval dated after D not seen on D, a withdrawn meeting still seen before its withdrawal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.compliance.choices import Jurisdiction, Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.params import resolve, sets_in_force
from qinglian.compliance.registry import RULES, Context, Params, Subject
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.writes import withdraw
from qinglian.frugality.choices import CostKind, PlanKind, StandardKind
from qinglian.frugality.models import StandardTable
from qinglian.frugality.rules.common import EXCESS
from qinglian.frugality.rules.conferences import person_days, scenic_hits
from qinglian.frugality.tests.factories import (
    ConferenceCostFactory,
    ConferenceFactory,
    PlanItemFactory,
    SpendingPlanFactory,
    standard_table,
)
from qinglian.org.choices import Role
from qinglian.org.models import RoleGrant

D = dt.date
CODES = ("FRG-020", "FRG-021", "FRG-022", "FRG-023", "FRG-024")
RATE = {
    "four": {"per_person_day": "550", "max_days": "2", "max_travel_days": "1", "max_people": "50"},
    "three": {"per_person_day": "550", "max_days": "2", "max_people": "150", "staff_percent": "10"},
}
STANDARD = {
    "per_person_day": Decimal(550),
    "max_days": Decimal(2),
    "max_travel_days": Decimal(1),
    "max_people": Decimal(50),
    "staff_percent": None,
    "cited": "《测试标准》（测〔2016〕1号）",
}
PARAMS = Params({"look_back_years": 2, "banned_scenic": "黄山、九寨沟、三亚"})
CTX = Context(organ_id=1, as_of=D(2026, 12, 1), params=PARAMS)


def _subject(**data) -> Subject:
    values = {
        "on": D(2026, 3, 10),
        "amount": Decimal("8000.00"),
        "category": "four",
        "category_label": "四类会议",
        "briefing": False,
        "days": Decimal("1.0"),
        "travel_days": Decimal("0"),
        "attendees": 40,
        "staff": 3,
        "venue": "机关会议室",
        "venue_city": "临江",
        "plan": {
            "item": "立法工作座谈会",
            "kind": "conference",
            "year": 2026,
            "approved_on": D(2026, 1, 20),
            "live": True,
        },
        "adhoc_approved_on": None,
        "costs": (),
        "standard": STANDARD,
    }
    return Subject(type="frugality.conference", id="1", label="凭证号记-1 2026-03-10 座谈会", data={**values, **data})


def _check(code: str, subject: Subject):
    return RULES[code].check(subject, PARAMS, CTX)


# --- pure checks -------------------------------------------------------------------------------------------------


def test_frg020_a_planned_meeting_passes_and_an_unplanned_one_needs_approval_before_it_began():
    assert _check("FRG-020", _subject()) is None
    unplanned = _check("FRG-020", _subject(plan=None))
    assert unplanned.severity == Severity.RED and "未列入年度会议计划" in unplanned.reason
    assert "开会前没有计划外审批" in unplanned.reason
    assert _check("FRG-020", _subject(plan=None, adhoc_approved_on=D(2026, 3, 10))) is None
    late = _check("FRG-020", _subject(plan=None, adhoc_approved_on=D(2026, 3, 11)))
    assert late.severity == Severity.RED and "晚于会议开始日期" in late.reason


def test_frg020_a_plan_approved_after_the_meeting_began_does_not_make_it_planned():
    plan = {"item": "座谈会", "kind": "conference", "year": 2026, "approved_on": D(2026, 3, 20), "live": True}
    verdict = _check("FRG-020", _subject(plan=plan))
    assert verdict.severity == Severity.RED and "2026-03-20才经党组会审批" in verdict.reason
    assert _check("FRG-020", _subject(plan={**plan, "approved_on": None})).severity == Severity.RED
    assert _check("FRG-020", _subject(plan={**plan, "year": 2025, "approved_on": D(2025, 1, 5)})) is not None
    assert _check("FRG-020", _subject(plan={**plan, "approved_on": None}, adhoc_approved_on=D(2026, 3, 1))) is None


def test_frg021_size_days_travel_and_staff_limits_each_named():
    assert _check("FRG-021", _subject()) is None
    verdict = _check("FRG-021", _subject(attendees=70, days=Decimal(3), travel_days=Decimal(2)))
    assert verdict.severity == Severity.RED
    for words in (
        "参会人数70人，超过上限50人",
        "会期3天，超过会期上限2天",
        "报到和离开2天，超过上限1天",
        "测〔2016〕1号",
    ):
        assert words in verdict.reason
    staff = _check("FRG-021", _subject(attendees=120, staff=15, standard={**STANDARD, "staff_percent": Decimal(10)}))
    assert "工作人员15人，超过参会人数120人的10%（12人）" in staff.reason
    assert (
        _check(
            "FRG-021",
            _subject(attendees=120, staff=12, standard={**STANDARD, "max_people": None, "staff_percent": Decimal(10)}),
        )
        is None
    )


def test_frg021_a_briefing_meeting_lasts_one_day_and_an_empty_limit_is_no_limit():
    verdict = _check("FRG-021", _subject(briefing=True, days=Decimal("1.5")))
    assert "传达布置类会议上限1天" in verdict.reason
    unlimited = {**STANDARD, "max_days": None, "max_travel_days": None, "max_people": None}
    assert _check("FRG-021", _subject(attendees=900, days=Decimal(5), standard=unlimited)) is None


def test_frg021_and_022_without_a_standard_are_yellow_never_within_limits():
    for code in ("FRG-021", "FRG-022"):
        verdict = _check(code, _subject(standard=None))
        assert verdict.severity == Severity.YELLOW and "没有适用的会议费标准（四类会议），请财务核实" in verdict.reason
    assert EXCESS["FRG-022"](_subject(standard=None), PARAMS, CTX) == 0


def test_frg022_cost_per_person_day_counts_staff_and_travel_days():
    # (40 + 3) × (1 + 0) = 43 person-days; 550 × 43 = 23,650 allowed.
    assert person_days(40, 3, Decimal(1), Decimal(0)) == 43
    assert _check("FRG-022", _subject(amount=Decimal("23650.00"))) is None
    verdict = _check("FRG-022", _subject(amount=Decimal("25000.00")))
    assert verdict.severity == Severity.RED
    assert "=43人天" in verdict.reason and "上限23,650.00元" in verdict.reason and "超出1,350.00元" in verdict.reason
    assert EXCESS["FRG-022"](_subject(amount=Decimal("25000.00")), PARAMS, CTX) == Decimal("1350.00")
    # A travel day is a paid day: 43 × 2 = 86 person-days allow 47,300.
    assert _check("FRG-022", _subject(amount=Decimal("40000.00"), travel_days=Decimal(1))) is None


def test_frg023_a_banned_scenic_area_in_the_venue_or_its_city():
    assert _check("FRG-023", _subject()) is None
    verdict = _check("FRG-023", _subject(venue="某温泉度假酒店", venue_city="黄山"))
    assert verdict.severity == Severity.RED and "（黄山）" in verdict.reason
    assert scenic_hits("九寨沟景区宾馆", "", "黄山、九寨沟") == ["九寨沟"]
    assert scenic_hits("临江宾馆", "临江", "黄山，九寨沟") == []


def test_frg024_names_each_banned_line_and_its_amount():
    lines = ((CostKind.MEALS, "伙食费", Decimal("3000.00"), ""),)
    assert _check("FRG-024", _subject(costs=lines)) is None
    lines += ((CostKind.SOUVENIR, "纪念品", Decimal("2400.00"), "定制笔记本"),)
    verdict = _check("FRG-024", _subject(costs=lines))
    assert verdict.severity == Severity.RED and "纪念品2,400.00元（定制笔记本）" in verdict.reason
    assert "伙食费" not in verdict.reason


def test_the_rules_cite_their_basis_and_use_the_parameter_names_of_rule_params():
    import json
    from pathlib import Path

    shipped = json.loads((Path(__file__).parents[1] / "rule_params.json").read_text())
    names = {s["rule_code"]: set(s["values"]) for s in shipped["sets"]}
    for code in CODES:
        rule = RULES[code]
        assert rule.basis.startswith("《") and "第" in rule.basis
        assert {p.name for p in rule.params} == names[code], code
    assert "FRG-022" in EXCESS


# --- through the database ----------------------------------------------------------------------------------------


@pytest.fixture
def rates(org):
    return standard_table(
        StandardKind.CONFERENCE_RATE,
        [((k,), v) for k, v in RATE.items()],
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2016, 7, 1),
        title="测试会议费标准",
    )


@pytest.fixture
def plan_item(org):
    plan = SpendingPlanFactory(organ=org.organ, kind=PlanKind.CONFERENCE, year=2026, approved_on=D(2026, 1, 20))
    return PlanItemFactory(plan=plan, name="立法工作座谈会", unit=org.unit_a)


def _run(organ_id: int, as_of: dt.date, code: str) -> dict:
    rule = RULES[code]
    params = resolve(rule, sets_in_force(organ_id=organ_id, on=as_of, codes=[code]).get(code))
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return {s.id: (s, rule.check(s, params, ctx)) for s in rule.collect(ctx)}


def test_the_collector_reads_the_meeting_its_plan_its_bill_and_the_rate_of_its_first_day(
    org, rates, plan_item, unit_head
):
    meeting = ConferenceFactory(unit=org.unit_a, plan_item=plan_item, attendees=70, total_amount=Decimal("60000.00"))
    ConferenceCostFactory(conference=meeting, kind=CostKind.SOUVENIR, amount=Decimal("3000.00"))
    found = {code: _run(org.organ.pk, D(2026, 12, 1), code)[str(meeting.pk)] for code in CODES}
    subject = found["FRG-020"][0]
    assert (subject.unit_id, subject.person_id) == (org.unit_a.pk, unit_head.person_id)
    assert subject.label.startswith(f"凭证号{meeting.voucher_no} ") and subject.data["on"] == D(2026, 3, 10)
    assert subject.data["amount"] == Decimal("60000.00") and subject.link == f"/frugality/conferences/{meeting.pk}/"
    assert found["FRG-020"][1] is None and found["FRG-023"][1] is None
    assert "参会人数70人" in found["FRG-021"][1].reason and "测试会议费标准" in found["FRG-021"][1].reason
    assert found["FRG-022"][1].severity == Severity.RED and "纪念品3,000.00元" in found["FRG-024"][1].reason


def test_a_standard_is_the_one_in_force_on_the_first_day_and_none_is_yellow(org, rates):
    rates.effective_to = D(2026, 3, 31)
    rates.save()
    standard_table(
        StandardKind.CONFERENCE_RATE,
        [(("four",), {"per_person_day": "300"})],
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2026, 4, 1),
    )
    march = ConferenceFactory(unit=org.unit_a, start_on=D(2026, 3, 31), end_on=D(2026, 3, 31), total_amount=20000)
    april = ConferenceFactory(unit=org.unit_a, start_on=D(2026, 4, 1), end_on=D(2026, 4, 1), total_amount=20000)
    found = _run(org.organ.pk, D(2026, 12, 1), "FRG-022")
    assert found[str(march.pk)][1] is None  # 550 × 43 = 23,650
    assert "综合定额300元/人·天" in found[str(april.pk)][1].reason
    StandardTable.objects.update(retired_at=clock.now())  # no table of any jurisdiction left
    for code in ("FRG-021", "FRG-022"):
        verdict = _run(org.organ.pk, D(2026, 12, 1), code)[str(march.pk)][1]
        assert verdict.severity == Severity.YELLOW and "没有适用的会议费标准" in verdict.reason


def test_as_of_a_meeting_after_d_is_unseen_an_approval_after_d_missing_a_withdrawal_after_d_still_stands(
    org, rates, finance_officer
):
    meeting = ConferenceFactory(unit=org.unit_a, plan_item=None, adhoc_approved_on=D(2026, 3, 20))
    assert str(meeting.pk) not in _run(org.organ.pk, D(2026, 3, 9), "FRG-020")
    late = _run(org.organ.pk, D(2026, 3, 15), "FRG-020")[str(meeting.pk)][1]
    assert late.severity == Severity.RED and "开会前没有计划外审批" in late.reason  # the approval was not on file
    later = _run(org.organ.pk, D(2026, 4, 1), "FRG-020")[str(meeting.pk)][1]
    assert "晚于会议开始日期" in later.reason
    with clock.replaying(moment(D(2026, 5, 6))):
        withdraw(meeting, by=finance_officer, reason="重复录入", target_repr=str(meeting))
    assert str(meeting.pk) in _run(org.organ.pk, D(2026, 5, 5), "FRG-020")
    assert str(meeting.pk) not in _run(org.organ.pk, D(2026, 5, 7), "FRG-020")


def test_a_plan_approved_after_d_was_not_an_approved_plan_on_d(org, rates, plan_item):
    plan = plan_item.plan
    plan.approved_on = D(2026, 4, 2)
    plan.save()
    meeting = ConferenceFactory(unit=org.unit_a, plan_item=plan_item, start_on=D(2026, 4, 10), end_on=D(2026, 4, 10))
    verdict = _run(org.organ.pk, D(2026, 12, 1), "FRG-020")[str(meeting.pk)][1]
    assert verdict is None  # approved 2 April, before the meeting of 10 April
    plan.approved_on = D(2026, 4, 20)
    plan.save()
    assert "尚未经党组会审批" in _run(org.organ.pk, D(2026, 4, 15), "FRG-020")[str(meeting.pk)][1].reason


def test_a_run_files_findings_to_the_unit_head_and_without_a_head_to_the_finance_office(org, rates, finance_officer):
    ConferenceFactory(unit=org.unit_b, plan_item=None, venue="黄山某宾馆")
    run_checks(organ_id=org.organ.pk, as_of=D(2026, 12, 1), codes=list(CODES))
    findings = {f.rule_code: f for f in Finding.objects.filter(organ=org.organ)}
    assert set(findings) == {"FRG-020", "FRG-023"}
    assert findings["FRG-020"].responsible_unit_id == org.unit_b.pk
    assert not RoleGrant.objects.filter(role=Role.UNIT_HEAD, unit=org.unit_b).exists()
    # No head of 研究室 on record: the finance office, the ledger's keeper, follows the findings up.
    assert {f.responsible_person_id for f in findings.values()} == {finance_officer.person_id}


def test_the_bill_is_read_as_it_stood_on_d(org, rates, finance_officer):
    from qinglian.frugality.services.conferences import CostLine, conference_save

    with clock.replaying(moment(D(2026, 3, 23))):
        meeting = ConferenceFactory(unit=org.unit_a, plan_item=None, adhoc_approved_on=D(2026, 3, 1))
        lines = [CostLine(CostKind.MEALS, Decimal("3000")), CostLine(CostKind.SOUVENIR, Decimal("800"), "纪念册")]
        meeting.adhoc_approver = org_person(org)
        conference_save(conference=meeting, costs=lines, by=finance_officer)
    with clock.replaying(moment(D(2026, 6, 1))):
        conference_save(conference=meeting, costs=lines[:1], by=finance_officer)  # the souvenir was a mistake
    assert "纪念品800.00元（纪念册）" in _run(org.organ.pk, D(2026, 5, 29), "FRG-024")[str(meeting.pk)][1].reason
    assert _run(org.organ.pk, D(2026, 6, 2), "FRG-024")[str(meeting.pk)][1] is None


def org_person(org):
    from qinglian.org.tests.factories import PersonFactory

    return PersonFactory(organ=org.organ, unit=org.unit_b, name="分管秘书长")
