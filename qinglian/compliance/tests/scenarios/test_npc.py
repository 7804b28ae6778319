"""Scenarios of 人大履职服务 (NPC-001…008): deputies' suggestions (reply, co-unit opinion, contact, re-reply,
satisfaction, notice to the deputy, return) and meeting materials. Expectations are read from the law quoted in each
row; periods of months and days follow 民法典 Arts. 201–203, working days the organ's calendar."""

from __future__ import annotations

import pytest

from qinglian.compliance.tests.scenarios.builders import (
    D,
    agenda,
    assign,
    at,
    bureau,
    co_opinion,
    contact,
    delete,
    extension,
    give_back,
    notify_deputy,
    npc_desks,
    npc_meeting,
    receive,
    reply,
    satisfaction,
    submit,
    suggestion,
)
from qinglian.compliance.tests.scenarios.cases import NONE, Case, check, recorded, red, yellow
from qinglian.npc.choices import Satisfaction

LAW = "《代表法》（2025年修正）第五十一条"
ZJ = "《浙江省人民代表大会代表建议、批评和意见办理的规定》"
CIVIL = (
    "《民法典》第二百零一条：开始的当日不计入；第二百零二条：到期月的对应日为期间的最后一日，没有对应日的，月末日为"
    "期间的最后一日；第二百零三条：最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日（调休上班日不顺延）"
)
REPLY = (
    f"{LAW}：承办单位应当自交办之日起三个月内答复，涉及面广、处理难度大的六个月内答复"
    f"（{ZJ}第二十一条：经同意延期）；{CIVIL}"
)
CO_OPINION = f"{ZJ}第十八条：会办单位应当自收到之日起二个月内将办理意见书面告知主办单位；{CIVIL}"
CONTACT = f"{LAW}；{ZJ}第十七条：承办单位答复前应当与代表联系沟通，充分听取代表意见"
REREPLY = f"{ZJ}第二十四条：代表对答复不满意的，承办单位应当在一个月内重新办理并答复；{CIVIL}"
FEEDBACK = (
    "本机关要求：答复后15个工作日内征询并登记代表满意度（参照北京市条例第二十三条，按本机关工作日历，前5个工作日提醒）"
)
NOTIFY = f"{ZJ}第十条：闭会期间提出的建议，受理后七日内通知代表；{CIVIL}"
RETURN = f"{ZJ}第十四条：不属本单位职责的，应当自收到之日起十日内说明情况，经同意后退回；{CIVIL}"
AUDIT = (
    "《监督法》（2024年修正）第二十七条第二款：常务委员会在听取和审议审计工作报告后的六个月内，听取和审议本级人民政府"
    f"关于审计查出问题整改情况的报告（到期前20个工作日提醒）；{CIVIL}"
)
MATERIALS = (
    "本机关会务规定：常委会会议材料于会前10个工作日报送（会议当日不计入，按本机关工作日历倒数）；"
    "《监督法》：专项工作报告于会议举行的二十日前送征求意见、十日前送交常委会（倒数之日为休假日的，须在其前最后一个"
    "工作日送达）；报送以北京时间当日二十四时为限（《民法典》第二百零三条）"
)

MATERIALS_CHAIRPERSONS = (
    "本机关会务规定：主任会议材料于会前5个工作日报送（会议当日不计入，按本机关工作日历倒数，调休上班日计入）"
)

DESK = (npc_desks(), bureau("bj", "市住房和城乡建设局"), bureau("bk", "市自然资源和规划局"))


def assigned(received, assigned_on, *, unit: str = "bj", co=()) -> tuple:
    """Suggestion s1 received on `received` and assigned to `unit` (co-units `co`) on `assigned_on`."""
    return (*DESK, suggestion("s1", received), assign("s1", unit, assigned_on, co=co))


# Assigned on 2026-07-01: three months end on 10-01, the first day of the National Day holiday.
NATIONAL_DAY = assigned(D(2026, 6, 26), D(2026, 7, 1))
# Standing Committee meeting on Thursday 2026-10-15: ten working days before, across 中秋 and 国庆, is 09-24.
OCTOBER_MEETING = (*DESK, npc_meeting("mt", D(2026, 10, 15)), agenda("i1", "mt", "bj"))
# A 主任会议 on Thursday 2026-02-26: five working days before are 02-25, 02-24, 02-14 (调休), 02-13 and 02-12.
CHAIRPERSONS_MEETING = (*DESK, npc_meeting("mt", D(2026, 2, 26), kind="chairpersons"), agenda("i1", "mt", "bj"))
# A special work report at the meeting of Tuesday 2026-10-27 (监督法: 20 days before = 10-07, a holiday).
SPECIAL_REPORT = (*DESK, npc_meeting("mt", D(2026, 10, 27)), agenda("i1", "mt", "bj", special=True))

CASES = [
    # --- NPC-001 答复 -------------------------------------------------------------------------------
    Case(
        "npc001_three_months_end_in_spring_festival_reply_on_feb24",
        "NPC-001",
        REPLY,
        (*assigned(D(2025, 11, 10), D(2025, 11, 15)), reply("r1", "s1", D(2026, 2, 24))),
        D(2026, 3, 2),
        {"s1/bj": NONE},
        boundary=True,
    ),
    Case(
        "npc001_reply_the_day_after_the_moved_deadline_is_late",
        "NPC-001",
        REPLY,
        (*assigned(D(2025, 11, 10), D(2025, 11, 15)), reply("r1", "s1", D(2026, 2, 25))),
        D(2026, 3, 2),
        {"s1/bj": recorded()},
        boundary=True,
    ),
    Case(
        "npc001_three_months_end_on_working_saturday_feb14",
        "NPC-001",
        REPLY,
        (*assigned(D(2025, 11, 10), D(2025, 11, 14)), reply("r1", "s1", D(2026, 2, 24))),
        D(2026, 3, 2),
        {"s1/bj": recorded()},
        boundary=True,
    ),
    Case(
        "npc001_no_corresponding_day_ends_on_feb28_a_working_saturday",
        "NPC-001",
        REPLY,
        (*assigned(D(2025, 11, 28), D(2025, 11, 30)), reply("r1", "s1", D(2026, 3, 2))),
        D(2026, 3, 3),
        {"s1/bj": recorded()},
        boundary=True,
    ),
    Case(
        "npc001_national_day_deadline_moves_to_oct8_yellow_that_day",
        "NPC-001",
        REPLY,
        NATIONAL_DAY,
        D(2026, 10, 8),
        {"s1/bj": yellow(D(2026, 10, 8))},
        boundary=True,
    ),
    Case(
        "npc001_national_day_deadline_overdue_on_oct9",
        "NPC-001",
        REPLY,
        NATIONAL_DAY,
        D(2026, 10, 9),
        {"s1/bj": red(D(2026, 10, 8))},
        boundary=True,
    ),
    Case(
        "npc001_reply_dated_after_asof_not_yet_given",
        "NPC-001",
        REPLY,
        (*assigned(D(2026, 6, 5), D(2026, 6, 10)), reply("r1", "s1", D(2026, 9, 14))),
        D(2026, 9, 9),
        {"s1/bj": yellow(D(2026, 9, 10))},
        boundary=True,
    ),
    Case(
        "npc001_replay_reports_the_reply_still_due_then",
        "NPC-001",
        REPLY,
        (*assigned(D(2026, 6, 5), D(2026, 6, 10)), reply("r1", "s1", D(2026, 9, 14))),
        D(2026, 9, 9),
        {"s1/bj": yellow(D(2026, 9, 10))},
        boundary=True,
        earlier=(D(2026, 12, 7),),
    ),
    Case(
        "npc001_extension_approved_after_asof_did_not_hold_then",
        "NPC-001",
        REPLY,
        (*assigned(D(2026, 1, 16), D(2026, 1, 20)), extension("s1", D(2026, 4, 10), D(2026, 4, 25))),
        D(2026, 4, 21),
        {"s1/bj": red(D(2026, 4, 20))},
        boundary=True,
    ),
    Case(
        "npc001_extended_suggestion_has_six_months",
        "NPC-001",
        REPLY,
        (
            *assigned(D(2026, 1, 16), D(2026, 1, 20)),
            extension("s1", D(2026, 2, 26), D(2026, 3, 2)),
            reply("r1", "s1", D(2026, 7, 15)),
        ),
        D(2026, 7, 21),
        {"s1/bj": NONE},
    ),
    Case(
        "npc001_reassigned_after_a_return_counts_from_the_new_assignment",
        "NPC-001",
        REPLY,
        (
            *assigned(D(2026, 3, 2), D(2026, 3, 2)),
            receive("s1/bj", D(2026, 3, 3)),
            give_back("s1/bj", D(2026, 3, 9)),
            assign("s1", "bk", D(2026, 3, 12)),
            reply("r1", "s1", D(2026, 6, 12)),
        ),
        D(2026, 6, 15),
        {"s1/bj": NONE, "s1/bk": NONE},
        boundary=True,
    ),
    Case(
        "npc001_unanswered_and_overdue",
        "NPC-001",
        REPLY,
        assigned(D(2026, 1, 16), D(2026, 1, 20)),
        D(2026, 5, 6),
        {"s1/bj": red(D(2026, 4, 20))},
    ),
    Case(
        "npc001_deleted_suggestion_owes_no_reply",
        "NPC-001",
        REPLY,
        (*assigned(D(2026, 1, 16), D(2026, 1, 20)), delete("s1", D(2026, 3, 2))),
        D(2026, 5, 6),
        {"s1/bj": NONE},
        boundary=True,
    ),
    Case(
        "npc001_suggestion_deleted_after_asof_was_overdue_then",
        "NPC-001",
        REPLY,
        (*assigned(D(2026, 1, 16), D(2026, 1, 20)), delete("s1", D(2026, 6, 10))),
        D(2026, 5, 6),
        {"s1/bj": red(D(2026, 4, 20))},
        boundary=True,
    ),
    # --- NPC-002 协办意见 ---------------------------------------------------------------------------
    Case(
        "npc002_two_months_end_in_spring_festival_opinion_on_feb24",
        "NPC-002",
        CO_OPINION,
        (
            *assigned(D(2025, 12, 8), D(2025, 12, 12), co=["bk"]),
            receive("s1/bk", D(2025, 12, 15)),
            co_opinion("s1/bk", D(2026, 2, 24)),
        ),
        D(2026, 3, 2),
        {"s1/bk": NONE},
        boundary=True,
    ),
    Case(
        "npc002_opinion_after_the_moved_deadline_is_late",
        "NPC-002",
        CO_OPINION,
        (
            *assigned(D(2025, 12, 8), D(2025, 12, 12), co=["bk"]),
            receive("s1/bk", D(2025, 12, 15)),
            co_opinion("s1/bk", D(2026, 3, 2)),
        ),
        D(2026, 3, 3),
        {"s1/bk": recorded()},
        boundary=True,
    ),
    # --- NPC-003 联系沟通 ---------------------------------------------------------------------------
    Case(
        "npc003_reply_without_any_contact",
        "NPC-003",
        CONTACT,
        (*assigned(D(2026, 3, 2), D(2026, 3, 5)), reply("r1", "s1", D(2026, 5, 20))),
        D(2026, 6, 1),
        {"r1": recorded()},
    ),
    Case(
        "npc003_contact_only_after_the_reply",
        "NPC-003",
        CONTACT,
        (*assigned(D(2026, 3, 2), D(2026, 3, 5)), reply("r1", "s1", D(2026, 5, 20)), contact("s1", D(2026, 5, 25))),
        D(2026, 6, 1),
        {"r1": recorded()},
    ),
    Case(
        "npc003_contact_before_the_reply",
        "NPC-003",
        CONTACT,
        (*assigned(D(2026, 3, 2), D(2026, 3, 5)), contact("s1", D(2026, 4, 8)), reply("r1", "s1", D(2026, 5, 20))),
        D(2026, 6, 1),
        {"r1": NONE},
    ),
    # --- NPC-004 重新答复 ---------------------------------------------------------------------------
    Case(
        "npc004_one_month_from_jan31_ends_feb28_a_working_saturday",
        "NPC-004",
        REREPLY,
        (
            *assigned(D(2025, 12, 15), D(2025, 12, 20)),
            reply("r1", "s1", D(2026, 1, 20)),
            satisfaction("r1", D(2026, 1, 31), Satisfaction.DISSATISFIED),
            reply("r2", "s1", D(2026, 3, 2)),
        ),
        D(2026, 3, 3),
        {"r1": recorded()},
        boundary=True,
    ),
    Case(
        "npc004_one_month_ending_in_spring_festival_moves_to_feb24",
        "NPC-004",
        REREPLY,
        (
            *assigned(D(2025, 12, 15), D(2025, 12, 20)),
            reply("r1", "s1", D(2026, 1, 12)),
            satisfaction("r1", D(2026, 1, 16), Satisfaction.DISSATISFIED),
            reply("r2", "s1", D(2026, 2, 24)),
        ),
        D(2026, 3, 3),
        {"r1": NONE},
        boundary=True,
    ),
    # --- NPC-005 满意度 -----------------------------------------------------------------------------
    Case(
        "npc005_fifteen_working_days_after_a_reply_before_national_day",
        "NPC-005",
        FEEDBACK,
        (*NATIONAL_DAY, reply("r1", "s1", D(2026, 9, 28))),
        D(2026, 10, 26),
        {"r1": red(D(2026, 10, 23))},
        boundary=True,
    ),
    Case(
        "npc005_satisfaction_dated_after_asof_not_yet_recorded",
        "NPC-005",
        FEEDBACK,
        (*NATIONAL_DAY, reply("r1", "s1", D(2026, 9, 28)), satisfaction("r1", D(2026, 10, 20))),
        D(2026, 10, 19),
        {"r1": yellow(D(2026, 10, 23))},
        boundary=True,
    ),
    # --- NPC-006 通知代表 ---------------------------------------------------------------------------
    Case(
        "npc006_seven_days_end_on_national_day_notice_on_oct8",
        "NPC-006",
        NOTIFY,
        (*DESK, suggestion("s1", D(2026, 9, 24)), notify_deputy("s1", D(2026, 10, 8))),
        D(2026, 10, 9),
        {"s1": NONE},
        boundary=True,
    ),
    Case(
        "npc006_notice_the_day_after_the_moved_deadline_is_late",
        "NPC-006",
        NOTIFY,
        (*DESK, suggestion("s1", D(2026, 9, 24)), notify_deputy("s1", D(2026, 10, 9))),
        D(2026, 10, 12),
        {"s1": recorded()},
        boundary=True,
    ),
    Case(
        "npc006_seven_days_end_on_working_saturday_feb14",
        "NPC-006",
        NOTIFY,
        (*DESK, suggestion("s1", D(2026, 2, 7)), notify_deputy("s1", D(2026, 2, 24))),
        D(2026, 3, 2),
        {"s1": recorded()},
        boundary=True,
    ),
    Case(
        "npc006_suggestion_of_the_plenary_session_is_not_asked",
        "NPC-006",
        NOTIFY,
        (*DESK, suggestion("s1", D(2026, 1, 15), plenary=True)),
        D(2026, 3, 2),
        {"s1": NONE},
    ),
    # --- NPC-007 退回 -------------------------------------------------------------------------------
    Case(
        "npc007_ten_days_end_on_national_day_return_on_oct8",
        "NPC-007",
        RETURN,
        (
            *assigned(D(2026, 9, 18), D(2026, 9, 21)),
            receive("s1/bj", D(2026, 9, 21)),
            give_back("s1/bj", D(2026, 10, 8)),
        ),
        D(2026, 10, 9),
        {"s1/bj": NONE},
        boundary=True,
    ),
    Case(
        "npc007_ten_days_end_on_working_saturday_feb14",
        "NPC-007",
        RETURN,
        (*assigned(D(2026, 2, 2), D(2026, 2, 4)), receive("s1/bj", D(2026, 2, 4)), give_back("s1/bj", D(2026, 2, 24))),
        D(2026, 3, 2),
        {"s1/bj": recorded()},
        boundary=True,
    ),
    # --- NPC-008 会议材料 ---------------------------------------------------------------------------
    Case(
        "npc008_ten_working_days_before_across_the_holidays_is_sep24",
        "NPC-008",
        MATERIALS,
        (*OCTOBER_MEETING, submit("i1", at(D(2026, 9, 24), 10))),
        D(2026, 10, 15),
        {"i1": NONE},
        boundary=True,
    ),
    Case(
        "npc008_submitted_after_the_holidays_is_late",
        "NPC-008",
        MATERIALS,
        (*OCTOBER_MEETING, submit("i1", at(D(2026, 9, 28), 10))),
        D(2026, 10, 15),
        {"i1": recorded()},
        boundary=True,
    ),
    Case(
        "npc008_submitted_at_2330_beijing_time_on_the_last_day_is_on_time",
        "NPC-008",
        MATERIALS,
        (*OCTOBER_MEETING, submit("i1", at(D(2026, 9, 24), 23, 30))),
        D(2026, 10, 15),
        {"i1": NONE},
        boundary=True,
    ),
    Case(
        "npc008_submission_dated_after_asof_not_yet_received",
        "NPC-008",
        MATERIALS,
        (*OCTOBER_MEETING, submit("i1", at(D(2026, 9, 28), 10))),
        D(2026, 9, 24),
        {"i1": yellow(D(2026, 9, 24))},
        boundary=True,
    ),
    Case(
        "npc008_special_report_twenty_days_before_falls_in_national_day",
        "NPC-008",
        MATERIALS,
        (*SPECIAL_REPORT, submit("i1", at(D(2026, 10, 9), 10))),
        D(2026, 10, 12),
        {"i1": recorded()},
        boundary=True,
    ),
    Case(
        "npc008_special_report_final_ten_days_before_falls_on_saturday",
        "NPC-008",
        MATERIALS,
        (
            *SPECIAL_REPORT,
            submit("i1", at(D(2026, 9, 29), 10)),
            submit("i1", at(D(2026, 10, 19), 10), final=True),
        ),
        D(2026, 10, 20),
        {"i1": recorded()},
        boundary=True,
    ),
    Case(
        "npc008_chairpersons_meeting_five_working_days_before_counts_feb14",
        "NPC-008",
        MATERIALS_CHAIRPERSONS,
        (*CHAIRPERSONS_MEETING, submit("i1", at(D(2026, 2, 12), 16))),
        D(2026, 2, 26),
        {"i1": NONE},
        boundary=True,
    ),
    Case(
        "npc008_chairpersons_meeting_materials_a_day_late",
        "NPC-008",
        MATERIALS_CHAIRPERSONS,
        (*CHAIRPERSONS_MEETING, submit("i1", at(D(2026, 2, 13), 9))),
        D(2026, 2, 26),
        {"i1": recorded()},
        boundary=True,
    ),
    Case(
        "npc008_deleted_meeting_owes_no_materials",
        "NPC-008",
        MATERIALS,
        (*DESK, npc_meeting("mt", D(2026, 11, 20)), agenda("i1", "mt", "bj"), delete("mt", D(2026, 11, 25))),
        D(2026, 12, 7),
        {"i1": NONE},
        boundary=True,
    ),
    Case(
        "npc008_nothing_submitted_for_a_past_meeting",
        "NPC-008",
        MATERIALS,
        (*DESK, npc_meeting("mt", D(2026, 11, 20)), agenda("i1", "mt", "bj")),
        D(2026, 12, 7),
        {"i1": recorded()},
    ),
]


def audit(heard, rectified=None) -> tuple:
    """The audit work report (item w1) heard at the meeting of `heard`; the rectification report at `rectified`."""
    steps = (*DESK, npc_meeting("m1", heard), agenda("w1", "m1", "bj", audit="work"))
    if rectified is not None:
        steps += (npc_meeting("m2", rectified), agenda("rr", "m2", "bj", audit="rectification"))
    return steps


CASES += [
    # --- NPC-014 审计查出问题整改情况报告 ----------------------------------------------------------------
    Case(
        "npc014_six_months_end_on_working_saturday_feb14",
        "NPC-014",
        AUDIT,
        audit(D(2025, 8, 14), D(2026, 2, 24)),
        D(2026, 3, 2),
        {"w1": recorded()},
        boundary=True,
    ),
    Case(
        "npc014_six_months_end_in_spring_festival_moves_to_feb24",
        "NPC-014",
        AUDIT,
        audit(D(2025, 8, 15), D(2026, 2, 24)),
        D(2026, 3, 2),
        {"w1": NONE},
        boundary=True,
    ),
    Case(
        "npc014_rectification_meeting_after_asof_not_yet_held",
        "NPC-014",
        AUDIT,
        audit(D(2026, 4, 1), D(2026, 10, 8)),
        D(2026, 10, 7),
        {"w1": yellow(D(2026, 10, 8))},
        boundary=True,
    ),
    Case(
        "npc014_not_heard_within_six_months",
        "NPC-014",
        AUDIT,
        audit(D(2026, 3, 31)),
        D(2026, 10, 8),
        {"w1": red(D(2026, 9, 30))},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_npc_scenario(case: Case, db) -> None:
    check(case)
