"""会议费台账 services: a meeting with its bill (the total is the lines' sum; editing the lines saves the meeting, so
its updated_at and history move), the plan item of the meeting's year, the ad-hoc approval by two people, dates out
of order and the future refused, refusals that change nothing, the soft delete with its reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.frugality.choices import CostKind, EntrySource, PlanKind
from qinglian.frugality.models import Conference, ConferenceCost
from qinglian.frugality.services.conferences import CostLine, conference_save, conference_withdraw
from qinglian.frugality.tests.factories import PlanItemFactory, SpendingPlanFactory

D = dt.date
pytestmark = pytest.mark.django_db
LINES = [CostLine(CostKind.MEALS, Decimal("3200.00"), "工作餐"), CostLine(CostKind.MATERIALS, Decimal("800.00"))]


def _meeting(org, **kw) -> Conference:
    values = {
        "organ": org.organ,
        "unit": org.unit_a,
        "voucher_no": "记-0301",
        "name": "立法工作座谈会",
        "category": "four",
        "start_on": D(2026, 3, 10),
        "end_on": D(2026, 3, 10),
        "days": Decimal("1.0"),
        "travel_days": Decimal("0"),
        "attendees": 40,
        "staff": 3,
        "venue": "机关第一会议室",
        "venue_city": "临江",
        "paid_on": D(2026, 3, 18),
    }
    return Conference(**{**values, **kw})


def test_a_meeting_with_its_bill_and_a_bill_edited_later_moves_the_meeting(org, finance_officer):
    with clock.replaying(moment(D(2026, 3, 18))):
        meeting = conference_save(conference=_meeting(org), costs=LINES, by=finance_officer)
    assert meeting.total_amount == Decimal("4000.00") and meeting.entry_source == EntrySource.MANUAL
    assert [c.amount for c in meeting.costs.order_by("id")] == [Decimal("3200.00"), Decimal("800.00")]
    with clock.replaying(moment(D(2026, 3, 25))):
        lines = [CostLine(CostKind.MEALS, Decimal("3000.00"), "工作餐")]
        conference_save(conference=Conference.objects.get(), costs=lines, by=finance_officer)
    meeting = Conference.objects.get()
    assert meeting.total_amount == Decimal("3000.00") and meeting.updated_at.date() == D(2026, 3, 25)
    assert meeting.history.first().history_change_reason == "修改费用明细"
    assert ConferenceCost.objects.count() == 1
    assert ConferenceCost.history.filter(history_type="-").get().history_user == finance_officer
    conference_save(conference=meeting, costs=None, by=finance_officer)  # None keeps the bill
    assert ConferenceCost.objects.count() == 1


def test_without_lines_the_total_is_entered_and_a_total_that_disagrees_is_refused(org, finance_officer):
    meeting = conference_save(conference=_meeting(org), costs=[], total=Decimal("5000"), by=finance_officer)
    assert meeting.total_amount == Decimal("5000")
    with pytest.raises(InvalidInput, match=r"与明细之和4,000\.00元不一致"):
        conference_save(conference=meeting, costs=LINES, total=Decimal("4500"), by=finance_officer)
    assert Conference.objects.get().total_amount == Decimal("5000.00") and not ConferenceCost.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end_on": D(2026, 3, 9)}, "结束日期不能早于开始日期"),
        ({"start_on": D(2027, 3, 10), "end_on": D(2027, 3, 10)}, "开始日期不能晚于今天"),
        ({"days": Decimal("2.0")}, "会期2天超过开始至结束日期的1天"),
        ({"days": Decimal("0")}, "会期天数应大于0"),
        ({"attendees": 0}, "参会人数应至少1人"),
        ({"venue": " "}, "请填写会议地点"),
        ({"category": "five"}, "请选择会议类别"),
        ({"unit": None}, "请选择本机关的承办委室"),
        ({"adhoc_approved_on": D(2026, 3, 1)}, "同时填写审批日期和审批人"),
    ],
)
def test_refusals_change_nothing(org, finance_officer, change, message):
    with pytest.raises(InvalidInput, match=message):
        conference_save(conference=_meeting(org, **change), costs=LINES, by=finance_officer)
    assert not Conference.all_objects.exists() and not ConferenceCost.objects.exists()


def test_a_bad_cost_line_and_the_stationed_unit_are_refused(org, finance_officer):
    with pytest.raises(InvalidInput, match="第2条费用明细：金额不能为空或负数"):
        conference_save(
            conference=_meeting(org), costs=[LINES[0], CostLine(CostKind.OTHER, Decimal("-1"))], by=finance_officer
        )
    with pytest.raises(InvalidInput, match="承办委室"):
        conference_save(conference=_meeting(org, unit=org.stationed), costs=LINES, by=finance_officer)
    assert not Conference.all_objects.exists()


def test_only_the_finance_officer_keeps_the_ledger(org, party_officer, unit_head, supervisor):
    for user in (party_officer, unit_head, supervisor):
        with pytest.raises(Forbidden, match="只有财务专责人员"):
            conference_save(conference=_meeting(org), costs=LINES, by=user)


def test_the_plan_item_is_of_the_meeting_plan_of_its_year(org, finance_officer):
    plan = SpendingPlanFactory(organ=org.organ, kind=PlanKind.CONFERENCE, year=2026)
    last_year = SpendingPlanFactory(organ=org.organ, kind=PlanKind.CONFERENCE, year=2025, approved_on=D(2025, 1, 9))
    courses = SpendingPlanFactory(organ=org.organ, kind=PlanKind.TRAINING, year=2026)
    item = PlanItemFactory(plan=plan, name="座谈会")
    with pytest.raises(InvalidInput, match="是2025年度计划的事项"):
        conference_save(
            conference=_meeting(org, plan_item=PlanItemFactory(plan=last_year)), costs=[], by=finance_officer
        )
    with pytest.raises(InvalidInput, match="不是年度会议计划的事项"):
        conference_save(conference=_meeting(org, plan_item=PlanItemFactory(plan=courses)), costs=[], by=finance_officer)
    saved = conference_save(conference=_meeting(org, plan_item=item), costs=LINES, by=finance_officer)
    assert saved.plan_item == item


def test_the_ad_hoc_approver_is_not_a_head_of_the_unit_that_asked(org, finance_officer, unit_head, leader):
    asked = _meeting(org, adhoc_approved_on=D(2026, 3, 5), adhoc_approver=unit_head.person)
    with pytest.raises(InvalidInput, match="不能由本委室负责人审批"):
        conference_save(conference=asked, costs=LINES, by=finance_officer)
    late = _meeting(org, adhoc_approved_on=D(2026, 3, 12), adhoc_approver=leader.person)
    assert conference_save(conference=late, costs=LINES, by=finance_officer).adhoc_approved_on == D(2026, 3, 12)


def test_the_soft_delete_keeps_the_row_and_says_why(org, finance_officer):
    meeting = conference_save(conference=_meeting(org), costs=LINES, by=finance_officer)
    with pytest.raises(InvalidInput, match="删除原因"):
        conference_withdraw(conference=meeting, reason="", by=finance_officer)
    conference_withdraw(conference=meeting, reason="重复录入", by=finance_officer)
    assert not Conference.objects.exists() and Conference.all_objects.get().deleted_at is not None
    assert AuditEvent.objects.filter(action="record_deleted", detail__reason="重复录入").exists()
    with pytest.raises(Conflict, match="已删除"):
        conference_save(conference=Conference.all_objects.get(), costs=LINES, by=finance_officer)
