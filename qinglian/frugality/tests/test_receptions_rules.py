"""FRG-001…008 on plain data (a passing and a failing case from each article), then through the database: one
read per run, the standard on the meal's day, and what a check for a past day sees."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Jurisdiction, Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Context, Params, Subject
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.frugality.choices import GuestLevel, MealKind, StandardKind
from qinglian.frugality.models import ReceptionMeal, StandardTable
from qinglian.frugality.rules.common import EXCESS
from qinglian.frugality.rules.receptions.meals import escort_cap
from qinglian.frugality.services.receptions import meal_remove, meal_save, reception_delete
from qinglian.frugality.tests.factories import ReceptionFactory, ReceptionMealFactory, standard_table

D = dt.date
SHIPPED = json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))
CODES = [f"FRG-00{n}" for n in range(1, 9)]


def params(code: str, **override: Any) -> Params:
    values = next(s["values"] for s in SHIPPED["sets"] if s["rule_code"] == code)
    return Params(RULES[code].parse_params({**values, **override}))


def meal(**kw: Any) -> dict[str, Any]:
    values = {
        "on": D(2026, 3, 10),
        "kind": MealKind.WORK,
        "kind_label": "工作餐",
        "guests": 5,
        "escorts": 2,
        "amount": Decimal("560"),
        "venue": "机关食堂",
        "items": "家常菜四菜一汤",
        "cap": Decimal("100"),
        "cited": "《某市公务接待标准》",
    }
    return {**values, **kw}


def subject(meals: tuple = (), **kw: Any) -> Subject:
    data = {
        "on": D(2026, 3, 10),
        "end_on": D(2026, 3, 10),
        "amount": Decimal("560"),
        "voucher_no": "记-0001",
        "unit_name": "办公室",
        "guest_unit": "某市人大常委会办公室",
        "guest_level": GuestLevel.DEPARTMENT,
        "guest_level_label": "厅局级",
        "guest_count": 5,
        "venue": "机关会议室",
        "letter_on": D(2026, 3, 2),
        "letter_after_start": False,
        "letter_unit": "某市人大常委会办公室",
        "letter_persons": 5,
        "letter_start": D(2026, 3, 10),
        "letter_end": D(2026, 3, 10),
        "list_signed_on": D(2026, 3, 10),
        "invoice_on": D(2026, 3, 10),
        "paid_on": D(2026, 3, 16),
        "meals": meals or (meal(),),
    }
    return Subject(type="frugality.reception", id="1", label="凭证号记-0001 …", data={**data, **kw})


def check(code: str, s: Subject, **override: Any):
    return RULES[code].check(s, params(code, **override), Context(organ_id=1, as_of=D(2026, 12, 1)))


def test_every_reception_rule_cites_its_article_and_takes_the_shipped_parameters():
    for code in CODES:
        rule = RULES[code]
        assert rule.basis.startswith("《") and "第" in rule.basis, code
        shipped = next(s["values"] for s in SHIPPED["sets"] if s["rule_code"] == code)
        assert {p.name for p in rule.params} == set(shipped), code
        assert rule.keeper is not None and rule.subjects


# --- FRG-001, 002, 007: the documents ---------------------------------------------------------------------------


def test_frg001_a_reception_without_a_letter_or_with_one_written_afterwards_is_red():
    assert check("FRG-001", subject()) is None
    verdict = check("FRG-001", subject(letter_on=None))
    assert verdict.severity == Severity.RED and "没有派出单位公函" in verdict.reason
    late = check("FRG-001", subject(letter_on=D(2026, 3, 12), letter_after_start=True))
    assert late.severity == Severity.RED and "事后补函" in late.reason


def test_frg002_says_which_of_persons_dates_and_unit_disagree():
    assert check("FRG-002", subject()) is None
    assert check("FRG-002", subject(letter_unit=" 某市人大常委会　办公室 ")) is None  # spaces folded
    verdict = check("FRG-002", subject(guest_count=7, end_on=D(2026, 3, 11), letter_unit="某县人大常委会"))
    assert verdict.severity == Severity.RED
    assert "人数：清单7人，多于公函所列5人" in verdict.reason
    assert "接待结束2026-03-11，晚于公函所列2026-03-10" in verdict.reason
    assert "单位：清单为“某市人大常委会办公室”，公函为“某县人大常委会”" in verdict.reason
    fewer = check("FRG-002", subject(guest_count=4))
    assert "少于公函所列5人" in fewer.reason
    assert check("FRG-002", subject(letter_on=None, guest_count=9)) is None  # FRG-001's to say
    gaps = check("FRG-002", subject(letter_persons=None, letter_start=None))
    assert gaps.severity == Severity.YELLOW and "人数、起止日期" in gaps.reason


def test_frg007_reimbursed_without_the_three_documents_is_red_and_unpaid_is_not_judged():
    assert check("FRG-007", subject()) is None
    verdict = check("FRG-007", subject(list_signed_on=None, invoice_on=None))
    assert verdict.severity == Severity.RED
    assert "缺少财务票据（发票）、接待清单（审签）" in verdict.reason and "2026-03-16已报销" in verdict.reason
    assert check("FRG-007", subject(paid_on=None, list_signed_on=None)) is None


# --- FRG-003…006: the meals ---------------------------------------------------------------------------------


def test_frg003_escort_cap_up_to_ten_guests_three_beyond_a_third():
    p = params("FRG-003")
    assert [escort_cap(n, p) for n in (1, 8, 10, 11, 12, 30)] == [3, 3, 3, 3, 4, 10]
    assert check("FRG-003", subject((meal(guests=8, escorts=3),))) is None
    verdict = check("FRG-003", subject((meal(guests=8, escorts=5),)))
    assert verdict.severity == Severity.RED and "接待对象8人、陪餐5人，超过上限3人" in verdict.reason
    assert check("FRG-003", subject((meal(guests=12, escorts=4),))) is None
    assert check("FRG-003", subject((meal(guests=12, escorts=5),))) is not None
    assert check("FRG-003", subject((meal(guests=8, escorts=5),)), small_group_escorts=5) is None


def test_frg004_one_working_meal_a_banquet_counts_and_is_named_self_meals_do_not():
    two_days = (meal(), meal(on=D(2026, 3, 11), kind=MealKind.SELF, kind_label="自行用餐"))
    assert check("FRG-004", subject(two_days)) is None
    banquet = meal(on=D(2026, 3, 11), kind=MealKind.BANQUET, kind_label="宴请")
    verdict = check("FRG-004", subject((meal(), banquet)))
    assert verdict.severity == Severity.RED
    assert "安排工作餐2次" in verdict.reason and "其中宴请1次（03月11日）" in verdict.reason
    assert check("FRG-004", subject((meal(), banquet)), work_meals_max=2) is None


def test_frg005_cost_per_head_over_the_standard_is_red_with_the_excess_and_none_is_yellow():
    assert check("FRG-005", subject((meal(amount=Decimal("700")),))) is None  # 700 / 7 = 100, at the cap
    over = subject((meal(amount=Decimal("840")),))
    verdict = check("FRG-005", over)
    assert verdict.severity == Severity.RED
    assert "每人120.00元，超过标准100元/人·餐，超出140.00元（《某市公务接待标准》）" in verdict.reason
    assert EXCESS["FRG-005"](over, params("FRG-005"), Context(organ_id=1, as_of=D(2026, 12, 1))) == Decimal("140")
    unknown = check("FRG-005", subject((meal(cap=None, cited=""),)))
    assert unknown.severity == Severity.YELLOW
    assert unknown.reason == "没有适用的公务接待工作餐标准（接待对象级别：厅局级，用餐日期：2026-03-10），请财务核实"
    self_paid = meal(kind=MealKind.SELF, kind_label="自行用餐", amount=Decimal("5000"))
    assert check("FRG-005", subject((self_paid,))) is None


def test_frg006_names_the_banned_word_and_where_it_was_found():
    assert check("FRG-006", subject()) is None
    verdict = check("FRG-006", subject((meal(items="家常菜，茅台酒两瓶", venue="某私人会所"),)))
    assert verdict.severity == Severity.RED
    assert "03月10日工作餐菜品酒水含“茅台”" in verdict.reason
    assert "用餐地点“某私人会所”含“私人会所”" in verdict.reason and "“会所”" not in verdict.reason
    assert "活动场所" in check("FRG-006", subject(venue="某高尔夫球会")).reason
    assert check("FRG-006", subject((meal(items="茅台"),)), banned_items="鱼翅、燕窝") is None


# --- FRG-008: splitting ---------------------------------------------------------------------------------------


def split_subject(own: dict, peers: list[dict], **kw: Any) -> Subject:
    s = subject(**kw)
    piece = {"id": "1", "label": s.label, "unit_name": "办公室", **own}
    return Subject(**{**s.__dict__, "data": {**s.data, "piece": piece, "peers": tuple(peers)}})


def piece(on: dt.date, meals: tuple = (), unit: str = "研究室", end: dt.date | None = None) -> dict:
    return {"id": "2", "label": "凭证号记-0002 …", "unit_name": unit, "on": on, "end_on": end or on, "meals": meals}


def test_frg008_the_same_visitor_on_the_same_day_by_two_units_together_over_the_standard_is_red():
    day = D(2026, 3, 10)
    own = {"on": day, "end_on": day, "meals": (meal(amount=Decimal("600")),)}  # 7 people, 600 ≤ 700
    other = piece(day, (meal(amount=Decimal("550"), escorts=1),))  # 6 people, 550 ≤ 600
    verdict = check("FRG-008", split_subject(own, [other]))
    assert verdict.severity == Severity.RED
    assert "合计1150.00元，按当日最多就餐7人作一餐计，每人164.29元，超过标准100元/人·餐" in verdict.reason
    assert "凭证号记-0002 …（研究室，2026-03-10）" in verdict.reason


def test_frg008_again_the_next_day_within_the_standard_is_a_yellow_pattern_and_three_days_later_nothing():
    own = {"on": D(2026, 3, 10), "end_on": D(2026, 3, 10), "meals": (meal(),)}
    next_day = piece(D(2026, 3, 11), (meal(on=D(2026, 3, 11)),), unit="办公室")
    verdict = check("FRG-008", split_subject(own, [next_day]))
    assert verdict.severity == Severity.YELLOW and "请核实是否为同一次公务活动拆分接待" in verdict.reason
    assert check("FRG-008", split_subject(own, [piece(D(2026, 3, 13))])) is None
    assert check("FRG-008", split_subject(own, [piece(D(2026, 3, 13))]), split_gap_days=3) is not None
    assert check("FRG-008", split_subject(own, [])) is None


# --- through the database ---------------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def meal_standard(org):
    return standard_table(
        StandardKind.RECEPTION_MEAL,
        [(("department",), {"per_head": "100"}), (("other",), {"per_head": "80"})],
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        title="某市公务接待工作餐标准",
        doc_no="某财〔2014〕1号",
    )


def _run(organ_id: int, as_of: dt.date) -> dict[tuple[str, str], Finding]:
    run_checks(organ_id=organ_id, as_of=as_of, codes=CODES)
    return {(f.rule_code, f.subject_id): f for f in Finding.objects.filter(organ_id=organ_id, status="open")}


def test_a_clean_reception_gives_no_finding_and_findings_go_to_the_unit_and_its_head(
    org, unit_head, finance_officer, meal_standard
):
    clean = ReceptionFactory(unit=org.unit_a)
    ReceptionMealFactory(reception=clean, amount=Decimal("700"))
    lavish = ReceptionFactory(unit=org.unit_a, guest_unit="某县人大常委会", letter_unit="某县人大常委会")
    ReceptionMealFactory(reception=lavish, amount=Decimal("1400"), items="茅台一瓶")
    found = _run(org.organ.pk, D(2026, 12, 1))
    assert set(found) == {("FRG-005", str(lavish.pk)), ("FRG-006", str(lavish.pk))}
    finding = found[("FRG-005", str(lavish.pk))]
    assert (finding.responsible_unit_id, finding.responsible_person_id) == (org.unit_a.pk, unit_head.person_id)
    assert "凭证号记-" in finding.subject_repr and "某财〔2014〕1号" in finding.reason


def test_the_standard_is_the_one_in_force_on_the_day_of_the_meal(org, finance_officer):
    standard_table(
        StandardKind.RECEPTION_MEAL,
        [(("department",), {"per_head": "60"})],
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2020, 1, 1),
        effective_to=D(2026, 3, 10),
    )
    standard_table(
        StandardKind.RECEPTION_MEAL,
        [(("department",), {"per_head": "100"})],
        jurisdiction=Jurisdiction.ORGAN,
        organ=org.organ,
        effective_from=D(2026, 3, 11),
    )
    old = ReceptionFactory(unit=org.unit_a)
    ReceptionMealFactory(reception=old, amount=Decimal("560"))  # 80 a head: over the 60 in force that day
    new = ReceptionFactory(unit=org.unit_a, start_on=D(2026, 3, 12), end_on=D(2026, 3, 12), letter_end=D(2026, 3, 12))
    ReceptionMealFactory(reception=new, amount=Decimal("560"))
    found = _run(org.organ.pk, D(2026, 12, 1))
    assert ("FRG-005", str(old.pk)) in found and ("FRG-005", str(new.pk)) not in found
    StandardTable.objects.filter(organ__isnull=True).update(retired_at=timezone.now())  # the shipped tables
    nothing = ReceptionFactory(unit=org.unit_b, guest_level=GuestLevel.PROVINCIAL, guest_unit="省人大常委会办公厅")
    ReceptionMealFactory(reception=nothing, amount=Decimal("100"))
    verdict = _run(org.organ.pk, D(2026, 12, 1))[("FRG-005", str(nothing.pk))]
    assert (
        verdict.severity == Severity.YELLOW and "没有适用的公务接待工作餐标准（接待对象级别：省部级" in verdict.reason
    )


def test_a_check_for_a_past_day_sees_the_ledger_as_it_stood(org, finance_officer, meal_standard):
    with clock.replaying(moment(D(2026, 3, 20))):
        r = ReceptionFactory(unit=org.unit_a, list_signed_on=D(2026, 4, 20), paid_on=D(2026, 3, 16))
        work = meal_save(meal=_meal(r, MealKind.WORK), by=finance_officer)
        meal_save(meal=_meal(r, MealKind.BANQUET), by=finance_officer)
    found = _run(org.organ.pk, D(2026, 3, 31))
    assert ("FRG-007", str(r.pk)) in found and ("FRG-004", str(r.pk)) in found  # the list was signed on 20 April
    assert ("FRG-007", str(r.pk)) not in _run(org.organ.pk, D(2026, 4, 30))
    later = ReceptionFactory(unit=org.unit_a, start_on=D(2026, 5, 6), end_on=D(2026, 5, 6), letter_on=None)
    assert ("FRG-001", str(later.pk)) not in _run(org.organ.pk, D(2026, 5, 5))  # not yet received on 5 May
    with clock.replaying(moment(D(2026, 7, 1))):
        meal_remove(meal=work, by=finance_officer, reason="重复登记")
        reception_delete(reception=later, by=finance_officer, reason="误登记")
    found = _run(org.organ.pk, D(2026, 6, 30))  # both meals and the reception still stood on 30 June
    assert ("FRG-004", str(r.pk)) in found and ("FRG-001", str(later.pk)) in found
    today = _run(org.organ.pk, clock.today())
    assert ("FRG-004", str(r.pk)) not in today and ("FRG-001", str(later.pk)) not in today


def _meal(r, kind: str) -> ReceptionMeal:
    return ReceptionMeal(reception=r, on=r.start_on, kind=kind, guests=5, escorts=2, amount=Decimal("560"))


def test_two_units_feeding_one_visitor_on_one_day_are_both_flagged_through_the_database(
    org, finance_officer, meal_standard
):
    a = ReceptionFactory(unit=org.unit_a, guest_unit="某市人大常委会办公室")
    b = ReceptionFactory(unit=org.unit_b, guest_unit="某市人大常委会 办公室")
    ReceptionMealFactory(reception=a, amount=Decimal("600"))
    ReceptionMealFactory(reception=b, amount=Decimal("600"))
    elsewhere = ReceptionFactory(unit=org.unit_b, guest_unit="另一单位", letter_unit="另一单位")
    ReceptionMealFactory(reception=elsewhere, amount=Decimal("600"))
    found = _run(org.organ.pk, D(2026, 12, 1))
    split = {key for key in found if key[0] == "FRG-008"}
    assert split == {("FRG-008", str(a.pk)), ("FRG-008", str(b.pk))}
    assert found[("FRG-008", str(a.pk))].severity == Severity.RED
