"""Scenarios of 主体责任 (DUTY-001…008): the year's list and its deadlines, recurring reports, responsibility letters
and their 补签, the Party group's studies, 督办单 replies. Expectations are read from the regulation or the organ's
own requirement quoted in each row; a date that falls on a rest day moves to the next working day (民法典 Art.203)."""

from __future__ import annotations

import pytest

from qinglian.compliance.tests.scenarios.builders import (
    D,
    Step,
    arrive,
    complete,
    delete,
    duty_list,
    event,
    event_letter,
    item,
    leading,
    letters,
    lg_meeting,
    notice,
    notice_close,
    notice_reply,
    person,
    publish,
    report,
    sign,
)
from qinglian.compliance.tests.scenarios.cases import NONE, Case, check, recorded, red, yellow
from qinglian.duty.choices import Recurrence, Theme
from qinglian.partylife.choices import MeetingKind as K

MAIN = "《党委（党组）落实全面从严治党主体责任规定》"
CIVIL_203 = "《民法典》第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日"
TASKS = f"{MAIN}：主体责任任务逐项分解、明确责任单位和完成时限（本机关年度责任清单；时限前10个工作日提醒）；{CIVIL_203}"
REPORTS = (
    f"{MAIN}：定期报告落实情况；本机关责任清单所定报送周期：期末最后一个工作日后5个工作日内报送"
    "（按本机关工作日历计算，期限前3个工作日提醒），清单印发前的期间不要求报送"
)
LETTER = f"本机关党风廉政建设责任书签订要求：每年3月31日前层层签订（前10个工作日提醒）；{CIVIL_203}"
EVENT_LETTER = (
    "本机关责任书补签要求：任职、提拔、转岗、调入后15个工作日内补签（事件当日不计入，按本机关工作日历计算）；"
    "党组书记与上级党组织签订，不在本机关补签"
)
IDEOLOGY = "《党委（党组）意识形态工作责任制实施办法》及地方实施细则：党组每半年至少专题研究1次意识形态工作"
INTEGRITY = f"{MAIN}及各地主体责任清单：党组每年至少2次专题研究党风廉政建设"
STRICT = f"{MAIN}第三章（待核实）：党组每半年至少研究1次全面从严治党工作；未标注类别的议题不算专题研究"
NOTICE = f"本机关督办单所定回复期限（期限前2个工作日提醒）；{CIVIL_203}"


def published(*items: Step, year: int = 2026, day=None) -> tuple[Step, ...]:
    """The year's list "l" with `items`, issued on `day` (15 January by default)."""
    return (duty_list("l", year), *items, publish("l", day or D(year, 1, 15)))


# A one-off task of 办公室 due on 2026-10-01, the first day of the National Day holiday (10-01…10-07).
NATIONAL_DAY_TASK = published(item("t1", "l", deadline=D(2026, 10, 1)))
ANY_TASK = published(item("t1", "l", deadline=D(2026, 12, 31)))
CADRE = (person("c1", name="干部甲"), letters(2026, D(2026, 1, 12)))

CASES = [
    # --- DUTY-001 -----------------------------------------------------------------------------------
    Case(
        "duty001_deadline_on_national_day_moves_to_oct8",
        "DUTY-001",
        TASKS,
        NATIONAL_DAY_TASK,
        D(2026, 10, 8),
        {"t1": yellow(D(2026, 10, 8))},
        boundary=True,
    ),
    Case(
        "duty001_overdue_the_day_after_the_moved_deadline",
        "DUTY-001",
        TASKS,
        NATIONAL_DAY_TASK,
        D(2026, 10, 9),
        {"t1": red(D(2026, 10, 8))},
        boundary=True,
    ),
    Case(
        "duty001_completed_on_the_moved_deadline_is_on_time",
        "DUTY-001",
        TASKS,
        (*NATIONAL_DAY_TASK, complete("t1", D(2026, 10, 8))),
        D(2026, 10, 9),
        {"t1": NONE},
        boundary=True,
    ),
    Case(
        "duty001_completion_dated_after_asof_reads_open",
        "DUTY-001",
        TASKS,
        (*published(item("t1", "l", deadline=D(2026, 9, 30))), complete("t1", D(2026, 10, 12))),
        D(2026, 10, 10),  # 调休上班的星期六
        {"t1": red(D(2026, 9, 30))},
        boundary=True,
    ),
    Case(
        "duty001_replay_reports_the_overdue_task_that_was_true_then",
        "DUTY-001",
        TASKS,
        (*published(item("t1", "l", deadline=D(2026, 9, 30))), complete("t1", D(2026, 10, 12))),
        D(2026, 10, 10),
        {"t1": red(D(2026, 9, 30))},
        boundary=True,
        earlier=(D(2026, 12, 7),),
    ),
    Case(
        "duty001_warning_starts_ten_working_days_before",
        "DUTY-001",
        TASKS,
        published(item("t1", "l", deadline=D(2026, 11, 30))),
        D(2026, 11, 16),
        {"t1": yellow(D(2026, 11, 30))},
        boundary=True,
    ),
    Case(
        "duty001_no_warning_eleven_working_days_before",
        "DUTY-001",
        TASKS,
        published(item("t1", "l", deadline=D(2026, 11, 30))),
        D(2026, 11, 13),
        {"t1": NONE},
        boundary=True,
    ),
    Case(
        "duty001_deleted_item_owes_nothing",
        "DUTY-001",
        TASKS,
        (*published(item("t1", "l", deadline=D(2026, 6, 30))), delete("t1:item", D(2026, 7, 15))),
        D(2026, 8, 3),
        {"t1": NONE},
        boundary=True,
    ),
    Case(
        "duty001_item_deleted_after_asof_was_overdue_then",
        "DUTY-001",
        TASKS,
        (*published(item("t1", "l", deadline=D(2026, 6, 30))), delete("t1:item", D(2026, 11, 20))),
        D(2026, 8, 3),
        {"t1": red(D(2026, 6, 30))},
        boundary=True,
    ),
    Case(
        "duty001_draft_list_does_not_bind",
        "DUTY-001",
        TASKS,
        (duty_list("l", 2026), item("t1", "l", deadline=D(2026, 6, 30))),
        D(2026, 8, 3),
        {"t1": NONE},
    ),
    Case(
        "duty001_co_unit_answers_for_its_own_task",
        "DUTY-001",
        TASKS,
        (*published(item("t1", "l", deadline=D(2026, 6, 30), co=["b"])), complete("t1", D(2026, 6, 25))),
        D(2026, 8, 3),
        {"t1": NONE, "t1:b": red(D(2026, 6, 30))},
    ),
    # --- DUTY-002 -----------------------------------------------------------------------------------
    Case(
        "duty002_q3_report_due_five_working_days_after_national_day",
        "DUTY-002",
        REPORTS,
        published(item("t1", "l", recurrence=Recurrence.QUARTERLY)),
        D(2026, 10, 14),  # 9月30日后：10月8、9、10（调休）、12、13日
        {"t1@2026-Q3": red(D(2026, 10, 13))},
        boundary=True,
    ),
    Case(
        "duty002_q3_report_on_its_last_day_is_on_time",
        "DUTY-002",
        REPORTS,
        (*published(item("t1", "l", recurrence=Recurrence.QUARTERLY)), report("t1", D(2026, 10, 13), "2026-Q3")),
        D(2026, 10, 14),
        {"t1@2026-Q3": NONE},
        boundary=True,
    ),
    Case(
        "duty002_report_dated_after_asof_not_yet_sent",
        "DUTY-002",
        REPORTS,
        (*published(item("t1", "l", recurrence=Recurrence.QUARTERLY)), report("t1", D(2026, 10, 13), "2026-Q3")),
        D(2026, 10, 12),
        {"t1@2026-Q3": yellow(D(2026, 10, 13))},
        boundary=True,
    ),
    Case(
        "duty002_february_ends_on_working_saturday_report_due_march6",
        "DUTY-002",
        REPORTS,
        published(item("t1", "l", recurrence=Recurrence.MONTHLY)),
        D(2026, 3, 6),  # 2月最后一个工作日是28日（调休星期六），其后5个工作日为3月2日至6日
        {"t1@2026-02": yellow(D(2026, 3, 6))},
        boundary=True,
    ),
    Case(
        "duty002_period_before_the_list_was_issued_is_not_asked",
        "DUTY-002",
        REPORTS,
        published(item("t1", "l", recurrence=Recurrence.QUARTERLY), day=D(2026, 4, 10)),
        D(2026, 5, 6),
        {"t1@2026-Q1": NONE},
        boundary=True,
    ),
    Case(
        "duty002_yearly_report_due_after_new_year_and_working_sunday",
        "DUTY-002",
        REPORTS,
        published(item("t1", "l", recurrence=Recurrence.YEARLY), year=2025),
        D(2026, 1, 9),  # 2025-12-31后：1月4日（调休星期日）、5、6、7、8日
        {"t1@2025": red(D(2026, 1, 8))},
        boundary=True,
    ),
    # --- DUTY-003 -----------------------------------------------------------------------------------
    Case(
        "duty003_unsigned_after_march31_is_red",
        "DUTY-003",
        LETTER,
        CADRE,
        D(2026, 4, 1),
        {"c1@2026": red(D(2026, 3, 31))},
        boundary=True,
    ),
    Case(
        "duty003_signed_after_asof_was_unsigned_then",
        "DUTY-003",
        LETTER,
        (*CADRE, sign("c1", 2026, D(2026, 4, 2))),
        D(2026, 4, 1),
        {"c1@2026": red(D(2026, 3, 31))},
        boundary=True,
    ),
    Case(
        "duty003_signed_on_march31_is_on_time",
        "DUTY-003",
        LETTER,
        (*CADRE, sign("c1", 2026, D(2026, 3, 31))),
        D(2026, 4, 1),
        {"c1@2026": NONE},
        boundary=True,
    ),
    Case(
        "duty003_arrival_after_the_signing_date_signs_on_arrival_instead",
        "DUTY-003",
        LETTER,
        (*CADRE, arrive("n1", D(2026, 5, 11))),
        D(2026, 6, 1),
        {"n1@2026": NONE, "c1@2026": red(D(2026, 3, 31))},
        boundary=True,
    ),
    Case(
        "duty003_warning_ten_working_days_before",
        "DUTY-003",
        LETTER,
        CADRE,
        D(2026, 3, 17),
        {"c1@2026": yellow(D(2026, 3, 31))},
        boundary=True,
    ),
    # --- DUTY-004 -----------------------------------------------------------------------------------
    Case(
        "duty004_promotion_before_national_day_signed_on_the_15th_working_day",
        "DUTY-004",
        EVENT_LETTER,
        (person("c1"), event("ev", "c1", "promotion", D(2026, 9, 28)), event_letter("ev", signed=D(2026, 10, 23))),
        D(2026, 10, 26),
        {"ev": NONE},
        boundary=True,
    ),
    Case(
        "duty004_signed_one_working_day_late",
        "DUTY-004",
        EVENT_LETTER,
        (person("c1"), event("ev", "c1", "promotion", D(2026, 9, 28)), event_letter("ev", signed=D(2026, 10, 26))),
        D(2026, 10, 27),
        {"ev": recorded()},
        boundary=True,
    ),
    Case(
        "duty004_arrival_before_spring_festival_due_march5",
        "DUTY-004",
        EVENT_LETTER,
        (arrive("n1", D(2026, 2, 6)), event_letter("n1:in")),
        D(2026, 3, 6),  # 2月9至13日、14日（调休）、24至27日、28日（调休）、3月2至5日
        {"n1:in": red(D(2026, 3, 5))},
        boundary=True,
    ),
    Case(
        "duty004_party_group_secretary_signs_with_the_higher_organisation",
        "DUTY-004",
        EVENT_LETTER,
        (
            person("sec"),
            leading("sec", "secretary", start=D(2026, 6, 1)),
            event("ev", "sec", "appointment", D(2026, 6, 1)),
        ),
        D(2026, 7, 15),
        {"ev": NONE},
    ),
    Case(
        "duty004_transferred_out_after_asof_still_owed_the_letter",
        "DUTY-004",
        EVENT_LETTER,
        (
            person("c1"),
            event("ev", "c1", "promotion", D(2026, 6, 1)),
            event_letter("ev"),
            event("out", "c1", "transfer_out", D(2026, 9, 1)),
        ),
        D(2026, 7, 15),  # 6月2至5日、8至12日、15至18日、22、23日（19日端午）
        {"ev": red(D(2026, 6, 23))},
        boundary=True,
    ),
    # --- DUTY-005…007 -------------------------------------------------------------------------------
    Case(
        "duty005_ideology_on_june30_counts_for_the_first_half",
        "DUTY-005",
        IDEOLOGY,
        (lg_meeting(K.LEADING_GROUP_MEETING, D(2026, 6, 30), themes=[Theme.IDEOLOGY]),),
        D(2026, 7, 1),
        {"organ@2026-H1": NONE},
        boundary=True,
    ),
    Case(
        "duty005_ideology_on_july1_is_the_second_half",
        "DUTY-005",
        IDEOLOGY,
        (lg_meeting(K.LEADING_GROUP_MEETING, D(2026, 7, 1), themes=[Theme.IDEOLOGY]),),
        D(2026, 7, 2),
        {"organ@2026-H1": recorded(), "organ@2026-H2": NONE},
        boundary=True,
    ),
    Case(
        "duty006_integrity_twice_a_year_is_enough",
        "DUTY-006",
        INTEGRITY,
        (
            lg_meeting(K.LEADING_GROUP_MEETING, D(2025, 4, 8), themes=[Theme.INTEGRITY]),
            lg_meeting(K.LEADING_GROUP_MEETING, D(2025, 11, 11), themes=[Theme.INTEGRITY, Theme.IDEOLOGY]),
        ),
        D(2026, 1, 5),
        {"organ@2025": NONE},
        boundary=True,
    ),
    Case(
        "duty006_integrity_once_is_short",
        "DUTY-006",
        INTEGRITY,
        (lg_meeting(K.LEADING_GROUP_MEETING, D(2025, 4, 8), themes=[Theme.INTEGRITY]),),
        D(2026, 1, 5),
        {"organ@2025": recorded()},
        boundary=True,
    ),
    Case(
        "duty007_untagged_meeting_is_not_a_study_of_strict_governance",
        "DUTY-007",
        STRICT,
        (lg_meeting(K.LEADING_GROUP_MEETING, D(2026, 3, 10)),),
        D(2026, 7, 1),
        {"organ@2026-H1": recorded()},
    ),
    # --- DUTY-008 -----------------------------------------------------------------------------------
    Case(
        "duty008_reply_due_in_national_day_moves_to_oct8",
        "DUTY-008",
        NOTICE,
        (*ANY_TASK, notice("n", "t1", D(2026, 9, 24), D(2026, 10, 3))),
        D(2026, 10, 8),
        {"n": yellow(D(2026, 10, 8))},
        boundary=True,
    ),
    Case(
        "duty008_unanswered_the_day_after_the_moved_date",
        "DUTY-008",
        NOTICE,
        (*ANY_TASK, notice("n", "t1", D(2026, 9, 24), D(2026, 10, 3))),
        D(2026, 10, 9),
        {"n": red(D(2026, 10, 8))},
        boundary=True,
    ),
    Case(
        "duty008_reply_on_the_moved_date_is_on_time",
        "DUTY-008",
        NOTICE,
        (*ANY_TASK, notice("n", "t1", D(2026, 9, 24), D(2026, 10, 3)), notice_reply("n", D(2026, 10, 8))),
        D(2026, 10, 9),
        {"n": NONE},
        boundary=True,
    ),
    Case(
        "duty008_reply_dated_after_asof_was_missing_then",
        "DUTY-008",
        NOTICE,
        (*ANY_TASK, notice("n", "t1", D(2026, 10, 9), D(2026, 10, 15)), notice_reply("n", D(2026, 10, 20))),
        D(2026, 10, 16),
        {"n": red(D(2026, 10, 15))},
        boundary=True,
    ),
    Case(
        "duty008_answered_and_closed_notice",
        "DUTY-008",
        NOTICE,
        (
            *ANY_TASK,
            notice("n", "t1", D(2026, 11, 2), D(2026, 11, 9)),
            notice_reply("n", D(2026, 11, 6)),
            notice_close("n", D(2026, 11, 7)),
        ),
        D(2026, 11, 20),
        {"n": NONE},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_duty_scenario(case: Case, db) -> None:
    check(case)
