"""Each npc rule with passing and failing cases from its regulation's figures, on the 2026 calendar.

Pure checks over plain Subjects (no ledgers); the working-day calendar comes from the database.
"""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.compliance.choices import Severity
from qinglian.compliance.registry import RULES, Context, Params, Subject
from qinglian.compliance.texts import render_reason

D = dt.date
pytestmark = pytest.mark.django_db  # the working-day calendar lives in the database

JAN_20 = D(2026, 1, 20)
JUN_10 = D(2026, 6, 10)
REPLY = {"reply_months": 3, "extended_months": 6, "warn_working_days": 10, "look_back_years": 2}


def _check(code, data, values, as_of, label="第0012号《加装电梯》（市住建局）"):
    subject = Subject(type="t", id="1", label=label, data=data)
    return RULES[code].check(subject, Params(values), Context(organ_id=1, as_of=as_of))


def _reply(as_of, replied_on=None, assigned_on=JAN_20, extended=False):
    data = {"assigned_on": assigned_on, "extended": extended, "replied_on": replied_on}
    return _check("NPC-001", data, REPLY, as_of)


def test_npc001_three_months_from_20_january_is_20_april():
    verdict = _reply(D(2026, 4, 21))
    assert verdict.severity == Severity.RED and verdict.due == D(2026, 4, 20) and not verdict.recorded
    # The delay of a thing still not done is counted when the finding is read, in working days as the page counts.
    assert render_reason(verdict.reason, verdict.due, D(2026, 4, 21)) == (
        "第0012号《加装电梯》（市住建局）自交办之日起3个月内答复：应于2026-04-20前答复，至今未答复，已逾期1个工作日"
    )
    assert render_reason(verdict.reason, verdict.due, D(2026, 4, 27)).endswith("已逾期5个工作日")
    assert _reply(D(2026, 4, 21), replied_on=D(2026, 4, 20)) is None
    late = _reply(D(2026, 5, 6), replied_on=D(2026, 4, 21))
    assert late.severity == Severity.RED and late.reason.endswith("2026-04-21才答复，逾期1个工作日")
    assert late.recorded  # answered late: a fact for the record, not a to-do


def test_npc001_yellow_within_ten_working_days_counting_the_qingming_holiday():
    assert _reply(D(2026, 4, 1)) is None  # 12 working days left (4-04 – 4-06 are 清明)
    verdict = _reply(D(2026, 4, 8))  # 8 working days left
    assert verdict.severity == Severity.YELLOW and verdict.reason.endswith("尚未答复，请于2026-04-20前答复")


def test_npc001_a_deadline_in_the_spring_festival_moves_to_24_february():
    assert _reply(D(2026, 2, 24), assigned_on=D(2025, 11, 16)).severity == Severity.YELLOW
    assert _reply(D(2026, 2, 25), assigned_on=D(2025, 11, 16)).severity == Severity.RED


def test_npc001_an_approved_extension_gives_six_months():
    assert _reply(D(2026, 4, 21), extended=True) is None
    verdict = _reply(D(2026, 7, 21), extended=True)
    assert verdict.due == D(2026, 7, 20) and "自交办之日起6个月内答复" in verdict.reason


def test_npc002_co_unit_opinion_within_two_months():
    values = {"co_opinion_months": 2, "warn_working_days": 5, "look_back_years": 2}
    assert _check("NPC-002", {"start": D(2026, 1, 20), "done_on": D(2026, 3, 20)}, values, D(2026, 4, 1)) is None
    verdict = _check("NPC-002", {"start": D(2026, 1, 20), "done_on": D(2026, 3, 23)}, values, D(2026, 4, 1))
    # Due Friday 20 March, given Monday 23 March: one working day late.
    assert verdict.severity == Severity.RED and verdict.reason.endswith("2026-03-23才提出书面协办意见，逾期1个工作日")
    assert verdict.recorded


def test_npc003_a_reply_needs_a_contact_on_or_before_its_date():
    values = {"look_back_years": 2}
    assert (
        _check("NPC-003", {"replied_on": D(2026, 4, 10), "first_contact": D(2026, 3, 10)}, values, D(2026, 5, 1))
        is None
    )
    none = _check("NPC-003", {"replied_on": D(2026, 4, 10), "first_contact": None}, values, D(2026, 5, 1))
    assert none.severity == Severity.RED and none.reason.endswith("2026-04-10答复前没有与代表联系沟通的记录")
    after = _check("NPC-003", {"replied_on": D(2026, 4, 10), "first_contact": D(2026, 4, 12)}, values, D(2026, 5, 1))
    assert "首次联系代表在2026-04-12，晚于答复" in after.reason


def test_npc004_a_rereply_within_one_month_of_dissatisfaction_rolls_past_the_weekend():
    values = {"rereply_months": 1, "warn_working_days": 5, "look_back_years": 2}
    data = {"dissatisfied_on": D(2026, 4, 30), "done_on": None}
    verdict = _check("NPC-004", data, values, D(2026, 6, 1))  # 5-30 is a Saturday: due Monday 6-01
    assert verdict.severity == Severity.YELLOW and verdict.due == D(2026, 6, 1)
    assert _check("NPC-004", data, values, D(2026, 6, 2)).severity == Severity.RED
    assert _check("NPC-004", {**data, "done_on": D(2026, 6, 1)}, values, D(2026, 6, 2)) is None


def test_npc005_satisfaction_recorded_within_fifteen_working_days():
    values = {"feedback_working_days": 15, "warn_working_days": 5, "look_back_years": 2}
    data = {"replied_on": D(2026, 2, 10), "recorded": False, "rereply": False}
    verdict = _check("NPC-005", data, values, D(2026, 3, 10))
    assert verdict.severity == Severity.RED and verdict.due == D(2026, 3, 9)  # across the Spring Festival
    assert _check("NPC-005", {**data, "recorded": True}, values, D(2026, 3, 10)) is None


def test_npc006_an_interim_suggestion_received_at_mid_autumn_is_notified_by_8_october():
    values = {"notify_days": 7, "warn_working_days": 2, "look_back_years": 2}
    data = {"received_on": D(2026, 9, 26), "done_on": D(2026, 10, 8)}  # 9-26 + 7 = 10-03 (国庆) → 10-08
    assert _check("NPC-006", data, values, D(2026, 10, 20)) is None
    verdict = _check("NPC-006", {**data, "done_on": D(2026, 10, 9)}, values, D(2026, 10, 20))
    assert verdict.severity == Severity.RED and verdict.due == D(2026, 10, 8)


def test_npc007_a_return_within_ten_days_or_five_working_days():
    values = {"return_days": 10, "return_working_days": False, "look_back_years": 2}
    data = {"start": D(2026, 1, 20), "returned_on": D(2026, 1, 30)}
    assert _check("NPC-007", data, values, D(2026, 3, 1)) is None
    verdict = _check("NPC-007", {**data, "returned_on": D(2026, 2, 2)}, values, D(2026, 3, 1))
    assert verdict.severity == Severity.RED and "10日内应退回，2026-02-02才退回，逾期1个工作日" in verdict.reason
    assert verdict.recorded
    qingdao = {**values, "return_days": 5, "return_working_days": True}
    assert _check("NPC-007", {**data, "returned_on": D(2026, 1, 27)}, qingdao, D(2026, 3, 1)) is None
    assert _check("NPC-007", {**data, "returned_on": D(2026, 1, 28)}, qingdao, D(2026, 3, 1)).severity == Severity.RED


MATERIALS = {
    "chairpersons_days": 5,
    "standing_days": 10,
    "special_comment_days": 20,
    "special_final_days": 10,
    "warn_working_days": 3,
    "look_back_years": 2,
}


def _materials(as_of, first=None, final=None, deadline=JUN_10, final_deadline=None):
    data = {"deadline": deadline, "final_deadline": final_deadline, "first": first, "final": final}
    return _check("NPC-008", data, MATERIALS, as_of, label="常委会第30次会议“养老服务报告”（市民政局）")


def test_npc008_late_or_missing_materials_are_red_and_coming_due_yellow():
    assert _materials(D(2026, 6, 20), first=D(2026, 6, 10)) is None
    late = _materials(D(2026, 6, 20), first=D(2026, 6, 11))
    assert late.severity == Severity.RED and late.reason.endswith("2026-06-11才报送材料，逾期1个工作日")
    assert late.recorded
    missing = _materials(D(2026, 6, 11))
    assert missing.severity == Severity.RED and not missing.recorded
    assert _materials(D(2026, 6, 5)).severity == Severity.YELLOW  # 3 working days left
    assert _materials(D(2026, 6, 4)) is None


def test_npc008_a_special_report_also_needs_its_final_version_on_time():
    dates = {"deadline": D(2026, 9, 24), "final_deadline": D(2026, 9, 30)}
    assert _materials(D(2026, 10, 1), first=D(2026, 9, 20), final=D(2026, 9, 30), **dates) is None
    verdict = _materials(D(2026, 10, 1), first=D(2026, 9, 20), **dates)
    assert verdict.severity == Severity.RED and "应于2026-09-30前送交修改后的报告（定稿）" in verdict.reason


def test_npc008_material_still_missing_after_its_meeting_is_a_recorded_fact():
    """Materials of a meeting already held can no longer serve it: 违规记录, not an open to-do (issue #14)."""
    data = {"deadline": JUN_10, "final_deadline": None, "first": None, "final": None, "meeting_date": D(2026, 6, 20)}
    label = "常委会第30次会议“养老服务报告”（市民政局）"
    before = _check("NPC-008", data, MATERIALS, D(2026, 6, 19), label=label)
    assert before.severity == Severity.RED and not before.recorded
    after = _check("NPC-008", data, MATERIALS, D(2026, 6, 22), label=label)
    assert after.recorded and after.reason.endswith("会议2026-06-20召开时仍未报送材料")
