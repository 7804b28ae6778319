"""FRG-030…034, the training-fee rules: the pure checks on plain data (a passing and a failing case each, from the
regulation's text), and the collector through the database on any date (a course after D, a lecture after D, a
line removed after D, a plan approved after the start, standards on the day of the spending)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from qinglian.compliance.choices import Jurisdiction, Severity
from qinglian.compliance.registry import RULES, Context, Params, Subject
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.frugality.choices import CostKind, LecturerTitle, PlanKind, StandardKind, TrainingCategory
from qinglian.frugality.models import StandardTable
from qinglian.frugality.rules.common import EXCESS
from qinglian.frugality.rules.training import (
    allowed_amount,
    bill_amounts,
    counted_hours,
    course_subjects,
    day_factors,
    lecture_cap,
    scenic_hits,
    staff_cap,
)
from qinglian.frugality.selectors.training import rule_params
from qinglian.frugality.services.training import CostLine, LectureLine, course_save
from qinglian.frugality.tests.factories import (
    LectureFactory,
    PlanItemFactory,
    SpendingPlanFactory,
    TrainingCostFactory,
    TrainingCourseFactory,
    standard_table,
)

D = dt.date
SHIPPED = {
    s["rule_code"]: s["values"]
    for s in json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))["sets"]
}
CODES = ("FRG-030", "FRG-031", "FRG-032", "FRG-033", "FRG-034")


def _params(code: str) -> Params:
    return Params(RULES[code].parse_params(SHIPPED[code]))


def _ctx() -> Context:
    return Context(organ_id=1, as_of=D(2026, 12, 7))


def _subject(**data) -> Subject:
    values = {
        "on": D(2026, 3, 10),
        "end_on": D(2026, 3, 12),
        "amount": Decimal("40000"),
        "quota_amount": Decimal("36000"),
        "category": "三类培训（处级及以下）",
        "attendees": 50,
        "staff": 3,
        "people": 53,
        "days": Decimal(3),
        "travel_days": Decimal(0),
        "rate": Decimal(380),
        "cited": "《测试标准》",
        "venue": "市委党校",
        "venue_city": "丽水",
        "banned": (),
        "lectures": (),
        "planned_on": D(2026, 1, 20),
        "plan_item": "业务培训",
        "adhoc_approved_on": None,
    }
    return Subject(type="frugality.trainingcourse", id="1", label="凭证号记-1 培训", data={**values, **data})


def _check(code: str, subject: Subject):
    return RULES[code].check(subject, _params(code), _ctx())


def _lecture(**kw) -> dict:
    values = {
        "lecturer": "李教授",
        "title": "副高级技术职称",
        "on": D(2026, 3, 10),
        "hours": Decimal(3),
        "fee": Decimal(1500),
        "from_afar": False,
        "rate": Decimal(500),
        "cited": "《讲课费标准》",
    }
    return {**values, **kw}


# --- the arithmetic ----------------------------------------------------------------------------------------------


def test_the_day_factors_taper_after_fifteen_and_thirty_days():
    p = _params("FRG-031")
    assert day_factors(Decimal(15), p) == 15
    assert day_factors(Decimal(20), p) == Decimal(15) + Decimal(5) * Decimal("0.8")
    assert day_factors(Decimal(40), p) == Decimal(15) + Decimal(15) * Decimal("0.8") + Decimal(10) * Decimal("0.7")
    assert day_factors(Decimal("2.5"), p) == Decimal("2.5")


def test_travel_days_are_paid_at_the_full_rate_at_most_one_each_way():
    p = _params("FRG-031")
    assert allowed_amount(Decimal(380), 10, Decimal(3), Decimal(1), p) == Decimal(380 * 10 * 4)
    assert allowed_amount(Decimal(380), 10, Decimal(3), Decimal(5), p) == Decimal(380 * 10 * 5)


def test_a_lecture_counts_at_most_two_half_days_of_hours_and_afar_adds_the_uplift():
    p = _params("FRG-032")
    assert counted_hours(Decimal(10), p["max_hours_half_day"]) == 8
    assert lecture_cap(Decimal(1000), Decimal(10), False, p) == Decimal(8000)
    assert lecture_cap(Decimal(500), Decimal(2), True, p) == Decimal(1500)


def test_the_bill_less_lecture_fees_is_what_the_rate_covers():
    assert bill_amounts(Decimal(0), [("lodging", Decimal(100)), ("lecture", Decimal(40))]) == (
        Decimal(140),
        Decimal(100),
    )
    assert bill_amounts(Decimal(900), []) == (Decimal(900), Decimal(900))


def test_scenic_words_and_staff_caps():
    assert scenic_hits("黄山、泰山，庐山", "黄山风景区培训中心", "") == ["黄山"]
    assert scenic_hits("黄山、泰山", "市委党校", "丽水") == []
    assert staff_cap(50, Decimal(10), 10) == 5
    assert staff_cap(200, Decimal(10), 10) == 10


# --- pure checks ---------------------------------------------------------------------------------------------------


def test_frg030_a_planned_course_or_one_approved_before_it_starts_passes():
    assert _check("FRG-030", _subject()) is None
    ad_hoc = _subject(planned_on=None, plan_item="", adhoc_approved_on=D(2026, 3, 10))
    assert _check("FRG-030", ad_hoc) is None


def test_frg030_an_unplanned_course_without_approval_before_the_start_is_red():
    verdict = _check("FRG-030", _subject(planned_on=None, plan_item=""))
    assert verdict.severity == Severity.RED and "未列入年度培训计划" in verdict.reason
    late = _check("FRG-030", _subject(planned_on=None, plan_item="", adhoc_approved_on=D(2026, 3, 11)))
    assert late.severity == Severity.RED and "晚于开班日期2026-03-10" in late.reason
    unapproved = _check("FRG-030", _subject(planned_on=None))
    assert "未经党组审批" in unapproved.reason


def test_frg031_within_the_rate_passes_and_over_it_is_red_with_amount_cap_and_excess():
    assert _check("FRG-031", _subject(quota_amount=Decimal(53 * 3 * 380))) is None
    over = _subject(quota_amount=Decimal(53 * 3 * 450))
    verdict = _check("FRG-031", over)
    assert verdict.severity == Severity.RED
    assert "71550" in verdict.reason and "最多60420元" in verdict.reason and "超出11130元" in verdict.reason
    assert "《测试标准》" in verdict.reason and "人均每天450元" in verdict.reason
    assert EXCESS["FRG-031"](over, _params("FRG-031"), _ctx()) == Decimal(11130)


def test_frg031_without_a_rate_is_yellow_never_within():
    verdict = _check("FRG-031", _subject(rate=None, cited=""))
    assert verdict.severity == Severity.YELLOW
    assert "没有适用的培训费综合定额标准（三类培训（处级及以下）" in verdict.reason and "请财务核实" in verdict.reason
    assert EXCESS["FRG-031"](_subject(rate=None), _params("FRG-031"), _ctx()) == 0


def test_frg032_fees_within_the_title_rate_pass():
    assert _check("FRG-032", _subject(lectures=(_lecture(),))) is None
    assert _check("FRG-032", _subject()) is None
    afar = _lecture(fee=Decimal(2250), from_afar=True)
    assert _check("FRG-032", _subject(lectures=(afar,))) is None


def test_frg032_a_fee_over_the_title_rate_is_red_and_its_excess_registered():
    over = _subject(lectures=(_lecture(fee=Decimal(4500)), _lecture(lecturer="张教授")))
    verdict = _check("FRG-032", over)
    assert verdict.severity == Severity.RED
    assert "李教授（副高级技术职称）" in verdict.reason and "每学时1500元" in verdict.reason
    assert "最多1500元，超出3000元" in verdict.reason and "张教授" not in verdict.reason
    assert EXCESS["FRG-032"](over, _params("FRG-032"), _ctx()) == Decimal(3000)


def test_frg032_a_long_lecture_is_capped_and_a_title_without_rate_is_yellow():
    long_day = _lecture(title="正高级技术职称", hours=Decimal(10), fee=Decimal(10000), rate=Decimal(1000))
    verdict = _check("FRG-032", _subject(lectures=(long_day,)))
    assert verdict.severity == Severity.RED and "按8学时计" in verdict.reason and "超出2000元" in verdict.reason
    other = _lecture(title="其他人员", rate=None, cited="")
    verdict = _check("FRG-032", _subject(lectures=(other,)))
    assert verdict.severity == Severity.YELLOW and "没有适用的讲课费标准" in verdict.reason


def test_frg033_a_scenic_venue_or_a_banned_line_is_red():
    assert _check("FRG-033", _subject()) is None
    scenic = _check("FRG-033", _subject(venue="黄山某宾馆"))
    assert scenic.severity == Severity.RED and "黄山" in scenic.reason
    banned = ({"kind": "纪念品", "amount": Decimal(800), "description": "文化衫"},)
    verdict = _check("FRG-033", _subject(banned=banned))
    assert verdict.severity == Severity.RED and "纪念品800元（文化衫）" in verdict.reason


def test_frg034_staff_within_the_share_passes_and_over_it_is_red_saying_the_figure_is_unconfirmed():
    assert _check("FRG-034", _subject(attendees=50, staff=5)) is None
    verdict = _check("FRG-034", _subject(attendees=50, staff=12))
    assert verdict.severity == Severity.RED
    assert "参训人数的10%（5人）和最多10人" in verdict.reason and "未核实" in verdict.reason
    assert "未核实" in RULES["FRG-034"].basis


def test_every_rule_cites_its_regulation_and_uses_the_shipped_parameter_names():
    for code in CODES:
        rule = RULES[code]
        assert rule.basis.startswith("《"), code
        assert {p.name for p in rule.params} == set(SHIPPED[code]), code
        assert rule.keeper is not None


# --- through the database, on any date -----------------------------------------------------------------------------


@pytest.fixture
def standards(org):
    common = {"jurisdiction": Jurisdiction.ORGAN, "organ": org.organ, "effective_from": D(2016, 12, 27)}
    standard_table(
        StandardKind.TRAINING_RATE,
        [((TrainingCategory.THREE,), {"per_person_day": "380"}), ((TrainingCategory.TWO,), {"per_person_day": "450"})],
        **common,
    )
    standard_table(
        StandardKind.LECTURER_FEE,
        [((LecturerTitle.ASSOCIATE,), {"per_hour": "500"}), ((LecturerTitle.SENIOR,), {"per_hour": "1000"})],
        **common,
    )


def _found(org, as_of: dt.date) -> dict[str, dict[str, object]]:
    """code → {course id: verdict} of the five rules run for `as_of`, sharing one run's memo."""
    ctx = Context(organ_id=org.organ.pk, as_of=as_of)
    found: dict[str, dict[str, object]] = {}
    for code in CODES:
        params = Params(rule_params(code, org.organ.pk, as_of))
        run = Context(organ_id=ctx.organ_id, as_of=as_of, params=params, memo=ctx.memo)
        found[code] = {
            s.id: v for s in RULES[code].collect(run) if (v := RULES[code].check(s, params, run)) is not None
        }
    return found


def _planned(org, **kw):
    plan = SpendingPlanFactory(
        organ=org.organ, kind=PlanKind.TRAINING, approved_on=kw.pop("approved_on", D(2026, 1, 20))
    )
    return PlanItemFactory(plan=plan, unit=org.unit_a)


def test_the_collector_names_the_voucher_the_unit_and_its_head(org, unit_head, standards):
    course = TrainingCourseFactory(unit=org.unit_a, plan_item=_planned(org), voucher_no="记-0042", total_amount=0)
    subjects = course_subjects(Context(organ_id=org.organ.pk, as_of=D(2026, 12, 7), params=_params("FRG-030")))
    (s,) = subjects
    assert s.label.startswith("凭证号记-0042") and s.link == f"/frugality/training/{course.pk}/"
    assert (s.unit_id, s.person_id) == (org.unit_a.pk, unit_head.person_id)
    assert s.data["on"] == course.start_on and s.data["amount"] == 0
    assert _found(org, D(2026, 12, 7)) == {code: {} for code in CODES}


def test_a_course_after_d_is_not_seen_and_a_plan_approved_after_the_start_does_not_plan_it(org, standards):
    late_plan = _planned(org, approved_on=D(2026, 3, 20))
    course = TrainingCourseFactory(unit=org.unit_a, plan_item=late_plan, total_amount=0)
    assert str(course.pk) not in _found(org, D(2026, 3, 9))["FRG-030"]
    verdict = _found(org, D(2026, 12, 7))["FRG-030"][str(course.pk)]
    assert "未经党组审批" in verdict.reason
    course.plan_item.plan.approved_on = D(2026, 1, 5)
    course.plan_item.plan.save()
    assert _found(org, D(2026, 12, 7))["FRG-030"] == {}


def test_standards_are_those_of_the_day_of_the_spending_and_none_is_yellow(org, finance_officer):
    StandardTable.objects.filter(organ__isnull=True).update(retired_at=clock.now())  # no shipped table answers
    standard_table(
        StandardKind.TRAINING_RATE,
        [((TrainingCategory.THREE,), {"per_person_day": "300"})],
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2016, 1, 1),
        effective_to=D(2026, 3, 31),
    )
    march = TrainingCourseFactory(unit=org.unit_a, total_amount=0, plan_item=_planned(org))
    TrainingCostFactory(course=march, kind=CostKind.LODGING, amount=Decimal(53 * 3 * 350))
    april = TrainingCourseFactory(
        unit=org.unit_a, total_amount=0, plan_item=march.plan_item, start_on=D(2026, 4, 7), end_on=D(2026, 4, 9)
    )
    found = _found(org, D(2026, 12, 7))["FRG-031"]
    assert found[str(march.pk)].severity == Severity.RED and "每人每天300元" in found[str(march.pk)].reason
    assert found[str(april.pk)].severity == Severity.YELLOW


def test_a_lecture_after_d_had_not_been_given(org, standards):
    course = TrainingCourseFactory(unit=org.unit_a, total_amount=0, plan_item=_planned(org))
    LectureFactory(course=course, title=LecturerTitle.ASSOCIATE, on=D(2026, 3, 12), hours=3, fee=4500)
    assert _found(org, D(2026, 3, 11))["FRG-032"] == {}
    verdict = _found(org, D(2026, 3, 12))["FRG-032"][str(course.pk)]
    assert verdict.severity == Severity.RED and "超出3000元" in verdict.reason


def test_a_line_removed_after_d_still_stood_on_d(org, finance_officer, standards):
    item = _planned(org)
    course = TrainingCourseFactory.build(unit=org.unit_a, organ=org.organ, plan_item=item, paid_on=None)
    lines = [CostLine(CostKind.LODGING, Decimal(9000)), CostLine(CostKind.SOUVENIR, Decimal(800), "文化衫")]
    with clock.replaying(moment(D(2026, 3, 16))):
        course_save(course=course, costs=lines, lectures=[], by=finance_officer)
    with clock.replaying(moment(D(2026, 4, 1))):
        course_save(course=course, costs=lines[:1], lectures=[], by=finance_officer)
    assert "纪念品800元" in _found(org, D(2026, 3, 20))["FRG-033"][str(course.pk)].reason
    assert _found(org, D(2026, 4, 2))["FRG-033"] == {}


def test_a_course_withdrawn_after_d_still_stood_on_d(org, finance_officer, standards):
    from qinglian.frugality.services.training import course_delete

    course = TrainingCourseFactory(unit=org.unit_a, total_amount=0, staff=12, plan_item=_planned(org))
    with clock.replaying(moment(D(2026, 4, 1))):
        course_delete(course=course, by=finance_officer, reason="重复登记")
    assert str(course.pk) in _found(org, D(2026, 3, 20))["FRG-034"]
    assert _found(org, D(2026, 4, 2))["FRG-034"] == {}


def test_lectures_and_banned_lines_through_the_service(org, finance_officer, standards):
    course = TrainingCourseFactory.build(
        unit=org.unit_a, organ=org.organ, plan_item=_planned(org), venue="泰山脚下宾馆"
    )
    lecture = LectureLine("王教授", LecturerTitle.SENIOR, D(2026, 3, 11), Decimal(3), Decimal(3000))
    course_save(
        course=course, costs=[CostLine(CostKind.BANQUET, Decimal(2000))], lectures=[lecture], by=finance_officer
    )
    found = _found(org, D(2026, 12, 7))
    reason = found["FRG-033"][str(course.pk)].reason
    assert "泰山" in reason and "宴请2000元" in reason
    assert found["FRG-032"] == {}
