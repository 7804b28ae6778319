"""党费台账 writes: a month entered, corrected and deleted; every refusal in Chinese and with nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.org.choices import BranchPost, PartyStatus
from qinglian.org.models import BranchCommitteeMember
from qinglian.org.tests.factories import BranchFactory, OrganFactory, PersonFactory, PersonnelEventFactory, UnitFactory
from qinglian.partylife.choices import DuesCategory, DuesStatus
from qinglian.partylife.models import DuesRecord
from qinglian.partylife.services.dues import (
    dues_record_add,
    dues_record_delete,
    dues_record_update,
    dues_standard_add,
)

D = Decimal
THIS_MONTH = clock.today().replace(day=1)
MARCH = dt.date(2026, 3, 1)


@pytest.fixture
def branch(org):
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    branch.units.add(org.unit_a)
    return branch


@pytest.fixture
def member(org, branch):
    return PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="党员甲")


def _seat(org, branch, user, post):
    BranchCommitteeMember.objects.create(
        organ=org.organ, branch=branch, person=user.person, post=post, start=dt.date(2024, 1, 1)
    )


def _add(member, by, **over):
    values = {"month": MARCH, "base_income": D("6200"), "paid": D("93"), "paid_on": dt.date(2026, 3, 12)} | over
    return dues_record_add(person=member, by=by, **values)


def test_the_office_enters_a_month_priced_by_the_standard_then_in_force(party_officer, member):
    record = _add(member, party_officer, month=dt.date(2026, 3, 17))
    assert record.month == MARCH  # any day stands for its month
    assert (record.category, record.rate, record.dues) == (DuesCategory.SERVING, D("0.015"), D("93.00"))
    assert record.standard.jurisdiction == "central" and record.status == DuesStatus.PAID
    assert record.history.get().history_user == party_officer


def test_paying_less_is_allowed_and_shows_as_short(party_officer, member):
    record = _add(member, party_officer, paid=D("50"))
    assert record.status == DuesStatus.SHORT and record.arrears == D("43.00")
    unpaid = _add(member, party_officer, month=dt.date(2026, 4, 1), paid=D("0"), paid_on=None)
    assert unpaid.status == DuesStatus.UNPAID and unpaid.arrears == D("93.00")


def test_a_member_retired_before_the_month_pays_on_the_retired_brackets(org, party_officer, member):
    PersonnelEventFactory(organ=org.organ, person=member, kind="retirement", date=dt.date(2026, 2, 28))
    record = _add(member, party_officer, base_income=D("6000"), paid=D("60"))
    assert (record.category, record.rate, record.dues) == (DuesCategory.RETIRED, D("0.01"), D("60.00"))


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"month": THIS_MONTH.replace(year=THIS_MONTH.year + 1)}, "不能登记未来月份的党费"),
        ({"base_income": D("-1")}, "月工资收入不能为负数"),
        ({"paid": D("-5")}, "实交金额不能为负数"),
        ({"paid": D("93.005")}, "实交金额最多保留两位小数"),
        ({"paid_on": None}, "已交纳党费的须填写交纳日期"),
        ({"paid": D("0")}, "实交金额为0（未交纳）时不填写交纳日期"),
        ({"paid_on": clock.today() + dt.timedelta(days=1)}, "交纳日期不能晚于今天"),
        ({"month": dt.date(2009, 6, 1)}, "2010年07月入党，此前的月份无需交纳党费"),
        ({"category": "honorary"}, "人员类别应为"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(party_officer, member, over, message):
    with pytest.raises(InvalidInput, match=message):
        _add(member, party_officer, **over)
    assert not DuesRecord.all_objects.exists()


def test_a_second_row_for_the_same_month_is_refused(party_officer, member):
    _add(member, party_officer)
    with pytest.raises(InvalidInput, match="党员甲2026年03月的党费已登记，请修改原记录"):
        _add(member, party_officer, paid=D("10"))
    assert DuesRecord.objects.get().paid == D("93.00")


def test_only_party_members_of_this_organ_have_dues(org, party_officer, branch):
    masses = PersonFactory(
        organ=org.organ, unit=org.unit_a, branch=branch, name="群众乙", party_status=PartyStatus.MASSES
    )
    with pytest.raises(InvalidInput, match="群众乙不是本机关的中共党员"):
        _add(masses, party_officer)
    elsewhere = PersonFactory(unit=UnitFactory(organ=OrganFactory()), name="外机关丙")
    with pytest.raises(InvalidInput, match="外机关丙不是本机关的中共党员"):
        _add(elsewhere, party_officer)
    assert not DuesRecord.all_objects.exists()


@pytest.mark.parametrize("post", [BranchPost.SECRETARY, BranchPost.ORGANIZATION])
def test_the_branch_secretary_or_organiser_keeps_its_members_dues(org, branch, member, cadre_same_unit, post):
    _seat(org, branch, cadre_same_unit, post)
    assert _add(member, cadre_same_unit).pk


def test_other_committee_members_and_the_member_themself_may_not(org, branch, member, cadre_same_unit):
    _seat(org, branch, cadre_same_unit, BranchPost.PROPAGANDA)
    with pytest.raises(Forbidden, match="只能登记本人所在党支部"):
        _add(member, cadre_same_unit)
    member_user = cadre_same_unit
    member_user.person.branch = branch
    member_user.person.save()
    with pytest.raises(Forbidden):
        _add(member_user.person, member_user)
    assert not DuesRecord.all_objects.exists()


def test_an_organiser_may_not_keep_another_branchs_members(org, branch, cadre_other_unit):
    other = BranchFactory(organ=org.organ, name="机关第二党支部")
    _seat(org, other, cadre_other_unit, BranchPost.ORGANIZATION)
    member = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch)
    with pytest.raises(Forbidden):
        _add(member, cadre_other_unit)


def test_recording_a_payment_later_keeps_the_price_the_month_was_entered_with(party_officer, member):
    record = _add(member, party_officer, paid=D("0"), paid_on=None)
    dues_standard_add(
        effective_from=dt.date(2020, 1, 1),
        brackets={"serving": [(None, D("0.05"))], "retired": [(None, D("0.05"))]},
        source="本机关（测试）",
        by=party_officer,
    )
    updated = dues_record_update(
        record=record, base_income=D("6200"), paid=D("93"), paid_on=dt.date(2026, 4, 2), by=party_officer
    )
    assert (updated.dues, updated.status) == (D("93.00"), DuesStatus.PAID)
    corrected = dues_record_update(
        record=record, base_income=D("6000"), paid=D("93"), paid_on=dt.date(2026, 4, 2), by=party_officer
    )
    assert (corrected.rate, corrected.dues) == (D("0.05"), D("300.00"))  # a new income is priced afresh


def test_an_update_with_bad_input_changes_nothing(party_officer, member):
    record = _add(member, party_officer)
    with pytest.raises(InvalidInput):
        dues_record_update(record=record, base_income=D("-1"), paid=D("93"), paid_on=MARCH, by=party_officer)
    record.refresh_from_db()
    assert record.base_income == D("6200.00")


def test_a_month_is_deleted_with_a_reason_into_the_audit_log(party_officer, member):
    record = _add(member, party_officer)
    with pytest.raises(InvalidInput, match="请填写删除原因"):
        dues_record_delete(record=record, by=party_officer, reason="  ")
    assert DuesRecord.objects.filter(pk=record.pk).exists()
    dues_record_delete(record=record, by=party_officer, reason="重复录入")
    assert not DuesRecord.objects.filter(pk=record.pk).exists()
    assert DuesRecord.all_objects.get(pk=record.pk).deleted_by == party_officer
    event = AuditEvent.objects.get(action="record_deleted", target_id=str(record.pk))
    assert event.detail["reason"] == "重复录入"
    assert _add(member, party_officer).pk != record.pk  # the month may be entered again


def test_deleting_another_branchs_month_is_refused(org, branch, member, party_officer, cadre_other_unit):
    record = _add(member, party_officer)
    with pytest.raises(Forbidden):
        dues_record_delete(record=record, by=cadre_other_unit, reason="误录")
    assert DuesRecord.objects.filter(pk=record.pk).exists()
