"""公务接待 services: only the finance officer writes; dates in order and nothing in the future; the total is the
sum of its parts and follows every meal change, the reception saved each time; deletions keep a reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.frugality.choices import EntrySource, GuestLevel, MealKind
from qinglian.frugality.models import Reception, ReceptionMeal
from qinglian.frugality.services.receptions import (
    meal_remove,
    meal_save,
    reception_delete,
    reception_save,
    reception_with_meals,
)

D = dt.date
pytestmark = pytest.mark.django_db
DAY = D(2026, 3, 10)


def _reception(org, **kw) -> Reception:
    values = {
        "unit": org.unit_a,
        "guest_unit": "某市人大常委会办公室",
        "guest_level": GuestLevel.DEPARTMENT,
        "guest_count": 5,
        "purpose": "立法调研",
        "start_on": DAY,
        "end_on": DAY + dt.timedelta(days=1),
        "letter_on": D(2026, 3, 2),
        "lodging_amount": Decimal("800"),
    }
    return Reception(**{**values, **kw})


def _meal(r: Reception, **kw) -> ReceptionMeal:
    values = {"on": r.start_on, "kind": MealKind.WORK, "guests": 5, "escorts": 2, "amount": Decimal("560")}
    return ReceptionMeal(reception=r, **{**values, **kw})


def test_the_finance_officer_records_a_reception_and_its_meals_move_the_total_and_the_parent(org, finance_officer):
    with clock.replaying(moment(D(2026, 3, 12), 9)):
        r = reception_save(reception=_reception(org), by=finance_officer)
    assert (r.total_amount, r.entry_source, r.organ_id) == (Decimal("800"), EntrySource.MANUAL, org.organ.pk)
    stamped = Reception.objects.get(pk=r.pk).updated_at
    with clock.replaying(moment(D(2026, 3, 12), 10)):
        meal = meal_save(meal=_meal(r), by=finance_officer)
    r.refresh_from_db()
    assert r.total_amount == Decimal("1360") and r.updated_at > stamped
    assert r.history.first().history_change_reason == "新增用餐：03月10日工作餐"
    meal.amount = Decimal("600")
    with clock.replaying(moment(D(2026, 3, 12), 11)):
        meal_save(meal=meal, by=finance_officer)
    r.refresh_from_db()
    assert r.total_amount == Decimal("1400")
    with clock.replaying(moment(D(2026, 3, 12), 12)):
        meal_remove(meal=meal, by=finance_officer, reason="重复登记")
    r.refresh_from_db()
    assert r.total_amount == Decimal("800") and not r.meals.exists()
    assert ReceptionMeal.history.filter(id=meal.pk, history_type="-").get().history_change_reason == "删除：重复登记"
    assert AuditEvent.objects.filter(action="record_deleted", target_id=str(r.pk)).exists()


def test_only_the_finance_officer_writes(org, finance_officer, unit_head, party_officer, supervisor):
    for user in (unit_head, party_officer, supervisor):
        with pytest.raises(Forbidden, match="财务专责人员"):
            reception_save(reception=_reception(org), by=user)
    r = reception_save(reception=_reception(org), by=finance_officer)
    with pytest.raises(Forbidden):
        meal_save(meal=_meal(r), by=unit_head)
    with pytest.raises(Forbidden):
        reception_delete(reception=r, by=party_officer, reason="x")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end_on": DAY - dt.timedelta(days=1)}, "接待结束日期不能早于开始日期"),
        ({"letter_start": D(2026, 3, 12), "letter_end": D(2026, 3, 11)}, "公函所列结束日期不能早于开始日期"),
        ({"end_on": DAY + dt.timedelta(days=40)}, "接待时间超过31天"),
        ({"guest_count": 0}, "接待对象人数至少为1人"),
        ({"letter_persons": 0}, "公函人数至少为1人"),
        ({"guest_unit": "  "}, "请填写来访单位"),
        ({"paid_on": D(2099, 1, 1)}, "报销日期不能晚于今天"),
        ({"lodging_amount": Decimal("-1")}, "住宿费不能为负数"),
        ({"guest_level": "king"}, "请选择接待对象级别"),
    ],
)
def test_a_reception_out_of_order_is_refused_and_nothing_is_written(org, finance_officer, change, message):
    with pytest.raises(InvalidInput, match=message):
        reception_save(reception=_reception(org, **change), by=finance_officer)
    assert not Reception.all_objects.exists()


def test_units_and_approvers_must_be_the_organs(org, finance_officer):
    from qinglian.org.tests.factories import OrganFactory, PersonFactory, UnitFactory

    elsewhere = OrganFactory(code="other", name="别的机关")
    with pytest.raises(InvalidInput, match="承办委室"):
        reception_save(reception=_reception(org, unit=org.stationed), by=finance_officer)
    with pytest.raises(InvalidInput, match="承办委室"):
        reception_save(reception=_reception(org, unit=UnitFactory(organ=elsewhere)), by=finance_officer)
    stranger = PersonFactory(organ=elsewhere)
    with pytest.raises(InvalidInput, match="审签人不属于本机关"):
        reception_save(reception=_reception(org, approver=stranger), by=finance_officer)


def test_meals_stay_within_the_receptions_days_and_new_dates_may_not_leave_one_outside(org, finance_officer):
    r = reception_save(reception=_reception(org), by=finance_officer)
    with pytest.raises(InvalidInput, match="不在接待日期（2026-03-10至2026-03-11）内"):
        meal_save(meal=_meal(r, on=DAY + dt.timedelta(days=2)), by=finance_officer)
    with pytest.raises(InvalidInput, match="陪餐人数不能为负数"):
        meal_save(meal=_meal(r, escorts=-1), by=finance_officer)
    meal_save(meal=_meal(r, on=DAY + dt.timedelta(days=1)), by=finance_officer)
    r.end_on = DAY
    with pytest.raises(InvalidInput, match="用餐日期2026-03-11不在接待日期"):
        reception_save(reception=r, by=finance_officer)
    assert Reception.objects.get(pk=r.pk).end_on == DAY + dt.timedelta(days=1)


def test_a_withdrawn_reception_keeps_its_reason_and_cannot_be_changed(org, finance_officer):
    r = reception_save(reception=_reception(org), by=finance_officer)
    with pytest.raises(InvalidInput, match="请填写删除原因"):
        reception_delete(reception=r, by=finance_officer, reason=" ")
    reception_delete(reception=r, by=finance_officer, reason="重复登记")
    assert not Reception.objects.filter(pk=r.pk).exists() and Reception.all_objects.filter(pk=r.pk).exists()
    with pytest.raises(Conflict, match="已删除"):
        meal_save(meal=_meal(r), by=finance_officer)
    with pytest.raises(Conflict, match="已删除"):
        reception_save(reception=r, by=finance_officer)


def test_a_whole_list_replaces_the_meals_in_date_order(org, finance_officer):
    r = _reception(org)
    first = [_meal(r), _meal(r, on=DAY + dt.timedelta(days=1), kind=MealKind.SELF, amount=Decimal("300"))]
    reception_with_meals(reception=r, meals=first, by=finance_officer, source=EntrySource.IMPORTED)
    assert r.entry_source == EntrySource.IMPORTED and r.total_amount == Decimal(
        "1360"
    )  # the self-paid meal is not the organ's
    kept = ReceptionMeal.objects.get(reception=r, on=DAY)
    second = [_meal(r, amount=Decimal("500"))]
    reception_with_meals(reception=r, meals=second, by=finance_officer, reason="更正")
    assert [(m.pk, m.amount) for m in r.meals.all()] == [(kept.pk, Decimal("500"))]
    assert Reception.objects.get(pk=r.pk).total_amount == Decimal("1300")
    assert r.entry_source == EntrySource.IMPORTED  # a correction keeps the row's origin
    with pytest.raises(InvalidInput, match="不在接待日期"):
        reception_with_meals(reception=r, meals=[_meal(r, on=D(2026, 4, 1))], by=finance_officer)
    assert r.meals.count() == 1
