"""Scenarios of 组织生活 (PL-001…014): 三会一课, 主题党日, 组织生活会, 民主评议, 民主生活会 and its report, study
hours, heart-to-heart talks, leaders' branch life, quorum. Expectations are read from the regulation quoted in
each row; a frequency "in the period" is due by the period's last working day of the organ's calendar."""

from __future__ import annotations

import pytest

from qinglian.compliance.tests.scenarios.builders import (
    D,
    arrive,
    branch,
    committee,
    delete,
    dlm_report,
    dlm_step,
    event,
    leading,
    lg_meeting,
    meeting,
    party_group,
    person,
    study,
    talk,
)
from qinglian.compliance.tests.scenarios.cases import NONE, Case, check, recorded, yellow
from qinglian.partylife.choices import DLMStep
from qinglian.partylife.choices import MeetingKind as K

BRANCH_RULES = "《中国共产党支部工作条例（试行）》"
GENERAL = f"{BRANCH_RULES}第十一条：党员大会一般每季度召开1次（本机关季末前10个工作日仍未召开黄色提醒）"
COMMITTEE = f"{BRANCH_RULES}第十二条：支部委员会会议一般每月召开1次（月末前5个工作日仍未召开黄色提醒）"
GROUP = f"{BRANCH_RULES}第十三条：党小组会一般每月召开1次"
LECTURES = f"党课每季度至少1次（地方要求；{BRANCH_RULES}第十六条规定党员领导干部定期为党员讲党课）"
SECRETARY_LECTURE = f"{BRANCH_RULES}第十六条：党委（党组）书记每年至少讲1次党课"
THEME_DAY = f"{BRANCH_RULES}第十六条；《中国共产党党员教育管理工作条例》第十六条：党支部每月相对固定1天开展主题党日"
ORG_LIFE = f"{BRANCH_RULES}第十七条：党支部每年至少召开1次组织生活会，一般安排在第四季度"
APPRAISAL = "《中国共产党党员教育管理工作条例》第十八条：党支部一般每年开展1次民主评议党员"
DLM = "《县以上党和国家机关党员领导干部民主生活会若干规定》：民主生活会每年召开1次，一般安排在第四季度"
DLM_REPORT = (
    "民主生活会规定及地方实施办法：会后15日内将情况报告和会议记录报上级纪委和党委组织部门；"
    "《民法典》第二百零一条：开始的当日不计入；第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为"
    "期间的最后一日（调休上班日不是休假日）"
)
HOURS = "《中国共产党党员教育管理工作条例》第二十条：党员每年集中学习培训时间一般不少于32学时（年末前20个工作日提醒）"
TALKS = f"{BRANCH_RULES}第十八条：支委之间、支委与党员之间每年谈心谈话一般不少于1次（年末前20个工作日提醒）"
DOUBLE_LIFE = (
    f"{BRANCH_RULES}第十六条；《关于新形势下党内政治生活的若干准则》：党员领导干部以普通党员身份参加所在党支部组织生活"
    "（本机关要求每季度至少1次）"
)
QUORUM = f"{BRANCH_RULES}第十一条：表决必须有半数以上有表决权的党员到会方可进行"
DLM_PREPARATION = (
    "《县以上党和国家机关党员领导干部民主生活会若干规定》及地方实施办法：会前广泛征求意见，开展谈心谈话，在此基础上"
    "撰写对照检查材料（会议召开时未完成的为红色）"
)
PASSED = f"{BRANCH_RULES}第十一条：赞成人数超过应到会有表决权的党员的半数为通过"
COMMITTEE_QUORUM = f"{BRANCH_RULES}第十二条：支部委员会会议须有半数以上委员到会方可进行"

# A branch with its secretary on the committee.
BRANCH = (branch("b1"), person("sec", name="支部书记", branch="b1"), committee("b1", "sec"))
# A branch committee of three: the secretary and two members.
COMMITTEE_OF_THREE = (
    *BRANCH,
    person("c1", branch="b1"),
    committee("b1", "c1", post="organization"),
    person("c2", branch="b1"),
    committee("b1", "c2", post="propaganda"),
)
# The Party group's secretary, a member of branch b1 too.
PARTY_SECRETARY = (*BRANCH, person("lgs", name="党组书记", branch="b1"), leading("lgs", "secretary"))
# The Party group's democratic-life meeting of 2025 on Friday 2025-12-26.
DLM_2025 = lg_meeting(K.DEMOCRATIC_LIFE_MEETING, D(2025, 12, 26))

CASES = [
    # --- PL-001 党员大会 ---------------------------------------------------------------------------
    Case(
        "pl001_meeting_on_the_last_day_of_the_quarter_counts",
        "PL-001",
        GENERAL,
        (*BRANCH, meeting("b1", K.BRANCH_GENERAL_MEETING, D(2026, 9, 30))),
        D(2026, 10, 8),
        {"b1@2026-Q3": NONE},
        boundary=True,
    ),
    Case(
        "pl001_meeting_after_the_holiday_counts_for_the_next_quarter",
        "PL-001",
        GENERAL,
        (*BRANCH, meeting("b1", K.BRANCH_GENERAL_MEETING, D(2026, 10, 8))),
        D(2026, 10, 9),
        {"b1@2026-Q3": recorded(), "b1@2026-Q4": NONE},
        boundary=True,
    ),
    Case(
        "pl001_meeting_dated_after_asof_does_not_count_on_a_working_sunday",
        "PL-001",
        GENERAL,
        (*BRANCH, meeting("b1", K.BRANCH_GENERAL_MEETING, D(2026, 9, 28))),
        D(2026, 9, 20),  # 调休上班的星期日；至9月30日还有7个工作日（中秋三天不算）
        {"b1@2026-Q3": yellow(D(2026, 9, 30))},
        boundary=True,
    ),
    Case(
        "pl001_deleted_meeting_does_not_count",
        "PL-001",
        GENERAL,
        (*BRANCH, meeting("b1", K.BRANCH_GENERAL_MEETING, D(2026, 5, 20), key="gm"), delete("gm", D(2026, 6, 10))),
        D(2026, 7, 1),
        {"b1@2026-Q2": recorded()},
        boundary=True,
    ),
    Case(
        "pl001_meeting_deleted_after_asof_still_counted_then",
        "PL-001",
        GENERAL,
        (*BRANCH, meeting("b1", K.BRANCH_GENERAL_MEETING, D(2026, 5, 20), key="gm"), delete("gm", D(2026, 11, 2))),
        D(2026, 7, 1),
        {"b1@2026-Q2": NONE},
        boundary=True,
    ),
    Case(
        "pl001_branch_established_after_the_quarter_owes_nothing_for_it",
        "PL-001",
        GENERAL,
        (branch("b2", established=D(2026, 10, 12), day=D(2026, 10, 12)),),
        D(2026, 10, 13),
        {"b2@2026-Q3": NONE},
        boundary=True,
    ),
    Case(
        "pl001_quarter_without_a_general_meeting_is_red",
        "PL-001",
        GENERAL,
        (*BRANCH,),
        D(2026, 4, 1),
        {"b1@2026-Q1": recorded()},
    ),
    # --- PL-002 支部委员会 -------------------------------------------------------------------------
    Case(
        "pl002_february_is_due_on_the_working_saturday_feb28",
        "PL-002",
        COMMITTEE,
        (*BRANCH,),
        D(2026, 3, 2),
        {"b1@2026-02": recorded()},
        boundary=True,
    ),
    Case(
        "pl002_meeting_on_the_working_saturday_feb28_counts",
        "PL-002",
        COMMITTEE,
        (*BRANCH, meeting("b1", K.BRANCH_COMMITTEE_MEETING, D(2026, 2, 28))),
        D(2026, 3, 2),
        {"b1@2026-02": NONE},
        boundary=True,
    ),
    Case(
        "pl002_warning_on_the_fifth_working_day_before_across_spring_festival",
        "PL-002",
        COMMITTEE,
        (*BRANCH,),
        D(2026, 2, 14),  # 2月14日（调休上班）之后的工作日：24、25、26、27、28日，共5个
        {"b1@2026-02": yellow(D(2026, 2, 28))},
        boundary=True,
    ),
    Case(
        "pl002_no_warning_six_working_days_before",
        "PL-002",
        COMMITTEE,
        (*BRANCH,),
        D(2026, 2, 13),
        {"b1@2026-02": NONE},
        boundary=True,
    ),
    Case(
        "pl002_month_ending_on_saturday_is_not_over_on_its_last_day",
        "PL-002",
        COMMITTEE,
        (*BRANCH,),
        D(2026, 10, 31),
        {"b1@2026-10": yellow(D(2026, 10, 30))},
        boundary=True,
    ),
    Case(
        "pl002_month_over_the_next_day_is_red",
        "PL-002",
        COMMITTEE,
        (*BRANCH,),
        D(2026, 11, 1),
        {"b1@2026-10": recorded()},
        boundary=True,
    ),
    Case(
        "pl002_meeting_dated_after_asof_does_not_count",
        "PL-002",
        COMMITTEE,
        (*BRANCH, meeting("b1", K.BRANCH_COMMITTEE_MEETING, D(2026, 10, 29))),
        D(2026, 10, 26),
        {"b1@2026-10": yellow(D(2026, 10, 30))},
        boundary=True,
    ),
    Case(
        "pl002_replay_reports_the_warning_that_was_true_then",
        "PL-002",
        COMMITTEE,
        (*BRANCH, meeting("b1", K.BRANCH_COMMITTEE_MEETING, D(2026, 10, 29))),
        D(2026, 10, 26),
        {"b1@2026-10": yellow(D(2026, 10, 30))},
        boundary=True,
        earlier=(D(2026, 12, 7),),
    ),
    # --- PL-003 党小组会 ---------------------------------------------------------------------------
    Case(
        "pl003_party_group_without_a_meeting_in_november",
        "PL-003",
        GROUP,
        (
            *BRANCH,
            party_group("g1", "b1", leader="sec"),
            meeting("b1", K.PARTY_GROUP_MEETING, D(2026, 10, 20), group="g1"),
        ),
        D(2026, 12, 1),
        {"g1@2026-11": recorded(), "g1@2026-10": NONE},
    ),
    # --- PL-004 党课 -------------------------------------------------------------------------------
    Case(
        "pl004_a_lecture_in_the_quarter_is_enough",
        "PL-004",
        LECTURES,
        (*BRANCH, meeting("b1", K.PARTY_LECTURE, D(2026, 8, 12), lecturer="sec", hours="2")),
        D(2026, 10, 9),
        {"b1@2026-Q3": NONE, "b1@2026-Q2": recorded()},
    ),
    # --- PL-005 党组书记讲党课 ---------------------------------------------------------------------
    Case(
        "pl005_secretary_gave_no_lecture_last_year",
        "PL-005",
        SECRETARY_LECTURE,
        PARTY_SECRETARY,
        D(2026, 1, 5),
        {"lgs@2025": recorded()},
    ),
    Case(
        "pl005_a_lecture_by_someone_else_is_not_the_secretarys",
        "PL-005",
        SECRETARY_LECTURE,
        (*PARTY_SECRETARY, meeting("b1", K.PARTY_LECTURE, D(2025, 6, 18), lecturer="sec", hours="2")),
        D(2026, 1, 5),
        {"lgs@2025": recorded()},
    ),
    Case(
        "pl005_secretarys_lecture_on_the_last_working_day_counts",
        "PL-005",
        SECRETARY_LECTURE,
        (*PARTY_SECRETARY, meeting("b1", K.PARTY_LECTURE, D(2025, 12, 31), lecturer="lgs", hours="2")),
        D(2026, 1, 5),
        {"lgs@2025": NONE},
        boundary=True,
    ),
    # --- PL-006 主题党日 ---------------------------------------------------------------------------
    Case(
        "pl006_theme_day_on_the_working_sunday_jan4_counts",
        "PL-006",
        THEME_DAY,
        (*BRANCH, meeting("b1", K.THEME_DAY, D(2026, 1, 4))),
        D(2026, 2, 2),
        {"b1@2026-01": NONE},
        boundary=True,
    ),
    Case(
        "pl006_january_without_theme_day_due_friday_jan30",
        "PL-006",
        THEME_DAY,
        (*BRANCH,),
        D(2026, 2, 2),
        {"b1@2026-01": recorded()},
        boundary=True,
    ),
    # --- PL-007 组织生活会 / PL-008 民主评议 ---------------------------------------------------------
    Case(
        "pl007_org_life_meeting_on_dec31_counts",
        "PL-007",
        ORG_LIFE,
        (*BRANCH, meeting("b1", K.ORG_LIFE_MEETING, D(2025, 12, 31))),
        D(2026, 1, 5),
        {"b1@2025": NONE},
        boundary=True,
    ),
    Case(
        "pl007_org_life_meeting_in_january_is_too_late_for_last_year",
        "PL-007",
        ORG_LIFE,
        (*BRANCH, meeting("b1", K.ORG_LIFE_MEETING, D(2026, 1, 5))),
        D(2026, 1, 6),
        {"b1@2025": recorded()},
        boundary=True,
    ),
    Case(
        "pl008_no_appraisal_last_year",
        "PL-008",
        APPRAISAL,
        (*BRANCH,),
        D(2026, 3, 2),
        {"b1@2025": recorded()},
    ),
    # --- PL-009 民主生活会 / PL-010 会后报告 ---------------------------------------------------------
    Case(
        "pl009_democratic_life_meeting_held",
        "PL-009",
        DLM,
        (DLM_2025,),
        D(2026, 1, 5),
        {"organ@2025": NONE},
    ),
    Case(
        "pl009_meeting_dated_after_asof_not_yet_held",
        "PL-009",
        DLM,
        (DLM_2025,),
        D(2025, 12, 22),
        {"organ@2025": yellow(D(2025, 12, 31))},
        boundary=True,
    ),
    Case(
        "pl010_report_due_on_saturday_moves_to_monday",
        "PL-010",
        DLM_REPORT,
        (DLM_2025, dlm_report(2025, D(2026, 1, 12))),  # 12-26起算15日为1月10日（星期六），顺延至12日
        D(2026, 1, 13),
        {"organ@2025": NONE},
        boundary=True,
    ),
    Case(
        "pl010_report_the_day_after_the_moved_deadline_is_late",
        "PL-010",
        DLM_REPORT,
        (DLM_2025, dlm_report(2025, D(2026, 1, 13))),
        D(2026, 1, 14),
        {"organ@2025": recorded()},
        boundary=True,
    ),
    Case(
        "pl010_report_dated_after_asof_not_yet_sent",
        "PL-010",
        DLM_REPORT,
        (DLM_2025, dlm_report(2025, D(2026, 1, 12))),
        D(2026, 1, 9),
        {"organ@2025": yellow(D(2026, 1, 12))},
        boundary=True,
    ),
    Case(
        "pl010_deadline_on_working_saturday_feb14_does_not_move",
        "PL-010",
        DLM_REPORT,
        (lg_meeting(K.DEMOCRATIC_LIFE_MEETING, D(2026, 1, 30)), dlm_report(2026, D(2026, 2, 24))),
        D(2026, 3, 2),
        {"organ@2026": recorded()},
        boundary=True,
    ),
    Case(
        "pl010_deadline_in_spring_festival_moves_to_feb24",
        "PL-010",
        DLM_REPORT,
        (lg_meeting(K.DEMOCRATIC_LIFE_MEETING, D(2026, 2, 2)), dlm_report(2026, D(2026, 2, 24))),
        D(2026, 3, 2),
        {"organ@2026": NONE},
        boundary=True,
    ),
    # --- PL-011 学时 -------------------------------------------------------------------------------
    Case(
        "pl011_exactly_32_hours_is_enough",
        "PL-011",
        HOURS,
        (
            *BRANCH,
            person("m1", branch="b1"),
            meeting("b1", K.PARTY_LECTURE, D(2025, 6, 12), lecturer="sec", hours="2", present=["m1"]),
            study("m1", D(2025, 5, 10), "30"),
        ),
        D(2026, 1, 5),
        {"m1@2025": NONE},
        boundary=True,
    ),
    Case(
        "pl011_31_and_a_half_hours_is_short",
        "PL-011",
        HOURS,
        (*BRANCH, person("m1", branch="b1"), study("m1", D(2025, 5, 10), "31.5")),
        D(2026, 1, 5),
        {"m1@2025": recorded()},
        boundary=True,
    ),
    Case(
        "pl011_transferred_out_after_asof_still_owed_last_year",
        "PL-011",
        HOURS,
        (*BRANCH, person("m1", branch="b1"), event("out", "m1", "transfer_out", D(2026, 3, 2))),
        D(2026, 1, 5),
        {"m1@2025": recorded()},
        boundary=True,
    ),
    Case(
        "pl011_mid_year_arrival_not_held_to_the_full_year",
        "PL-011",
        HOURS,
        (*BRANCH, arrive("m1", D(2025, 7, 1), branch="b1")),
        D(2026, 1, 5),
        {"m1@2025": NONE},
        boundary=True,
    ),
    Case(
        "pl011_hours_dated_after_asof_do_not_count",
        "PL-011",
        HOURS,
        (
            *BRANCH,
            person("m1", branch="b1"),
            study("m1", D(2026, 11, 20), "30"),
            study("m1", D(2026, 12, 4), "4"),
        ),
        D(2026, 12, 3),  # 至12月31日还有20个工作日
        {"m1@2026": yellow(D(2026, 12, 31))},
        boundary=True,
    ),
    # --- PL-012 谈心谈话 ---------------------------------------------------------------------------
    Case(
        "pl012_one_member_not_talked_to",
        "PL-012",
        TALKS,
        (*BRANCH, person("m1", branch="b1"), person("m2", branch="b1"), talk("sec", "m1", D(2025, 3, 3))),
        D(2026, 1, 5),
        {"b1@2025": recorded()},
    ),
    Case(
        "pl012_talk_on_dec31_completes_the_year",
        "PL-012",
        TALKS,
        (
            *BRANCH,
            person("m1", branch="b1"),
            person("m2", branch="b1"),
            talk("sec", "m1", D(2025, 3, 3)),
            talk("sec", "m2", D(2025, 12, 31)),
        ),
        D(2026, 1, 5),
        {"b1@2025": NONE},
        boundary=True,
    ),
    Case(
        "pl012_committee_members_talk_with_each_other_too",
        "PL-012",
        TALKS,
        (
            *BRANCH,
            person("c1", branch="b1"),
            committee("b1", "c1", post="organization"),
            person("m1", branch="b1"),
            talk("sec", "m1", D(2025, 3, 3)),
            talk("c1", "m1", D(2025, 4, 7)),
        ),
        D(2026, 1, 5),
        {"b1@2025": recorded()},
    ),
    Case(
        "pl012_talk_dated_after_asof_does_not_count",
        "PL-012",
        TALKS,
        (
            *BRANCH,
            person("m1", branch="b1"),
            person("m2", branch="b1"),
            talk("sec", "m1", D(2026, 3, 3)),
            talk("sec", "m2", D(2026, 12, 4)),
        ),
        D(2026, 12, 3),
        {"b1@2026": yellow(D(2026, 12, 31))},
        boundary=True,
    ),
    # --- PL-013 双重组织生活 -----------------------------------------------------------------------
    Case(
        "pl013_leader_attended_a_theme_day",
        "PL-013",
        DOUBLE_LIFE,
        (
            *BRANCH,
            person("ld", branch="b1"),
            leading("ld"),
            meeting("b1", K.THEME_DAY, D(2026, 8, 20), present=["ld"]),
        ),
        D(2026, 10, 9),
        {"ld@2026-Q3": NONE},
    ),
    Case(
        "pl013_leader_on_leave_did_not_attend",
        "PL-013",
        DOUBLE_LIFE,
        (
            *BRANCH,
            person("ld", branch="b1"),
            leading("ld"),
            meeting("b1", K.THEME_DAY, D(2026, 8, 20), on_leave=["ld"]),
        ),
        D(2026, 10, 9),
        {"ld@2026-Q3": recorded()},
    ),
    # --- PL-014 表决 -------------------------------------------------------------------------------
    Case(
        "pl014_four_of_seven_is_more_than_half",
        "PL-014",
        QUORUM,
        (*BRANCH, meeting("b1", K.BRANCH_GENERAL_MEETING, D(2026, 11, 5), key="vote", vote=(7, 4))),
        D(2026, 12, 7),
        {"vote": NONE},
        boundary=True,
    ),
    Case(
        "pl014_three_of_seven_cannot_vote",
        "PL-014",
        QUORUM,
        (*BRANCH, meeting("b1", K.BRANCH_GENERAL_MEETING, D(2026, 11, 5), key="vote", vote=(7, 3))),
        D(2026, 12, 7),
        {"vote": recorded()},
        boundary=True,
    ),
]

CASES += [
    # --- PL-016 民主生活会会前准备 ---------------------------------------------------------------------
    Case(
        "pl016_preparation_done_in_order_before_the_meeting",
        "PL-016",
        DLM_PREPARATION,
        (
            DLM_2025,
            dlm_step(2025, DLMStep.OPINIONS, D(2025, 11, 20)),
            dlm_step(2025, DLMStep.TALKS, D(2025, 12, 5)),
            dlm_step(2025, DLMStep.MATERIALS, D(2025, 12, 15)),
        ),
        D(2026, 1, 5),
        {"organ@2025": NONE},
    ),
    Case(
        "pl016_talks_held_after_the_meeting_were_not_before_it",
        "PL-016",
        DLM_PREPARATION,
        (
            DLM_2025,
            dlm_step(2025, DLMStep.OPINIONS, D(2025, 11, 20)),
            dlm_step(2025, DLMStep.TALKS, D(2025, 12, 29)),
            dlm_step(2025, DLMStep.MATERIALS, D(2025, 12, 15)),
        ),
        D(2026, 1, 5),
        {"organ@2025": recorded()},
        boundary=True,
    ),
    # --- PL-018 表决通过 / PL-019 支委会到会 ----------------------------------------------------------
    Case(
        "pl018_four_of_seven_due_in_favour_passes",
        "PL-018",
        PASSED,
        (*BRANCH, meeting("b1", K.BRANCH_GENERAL_MEETING, D(2026, 11, 5), key="vote", vote=(7, 5, 4))),
        D(2026, 12, 7),
        {"vote": NONE},
        boundary=True,
    ),
    Case(
        "pl018_exactly_half_in_favour_is_not_more_than_half",
        "PL-018",
        PASSED,
        (*BRANCH, meeting("b1", K.BRANCH_GENERAL_MEETING, D(2026, 11, 5), key="vote", vote=(8, 6, 4))),
        D(2026, 12, 7),
        {"vote": recorded()},
        boundary=True,
    ),
    Case(
        "pl019_two_of_three_committee_members_present",
        "PL-019",
        COMMITTEE_QUORUM,
        (
            *COMMITTEE_OF_THREE,
            meeting("b1", K.BRANCH_COMMITTEE_MEETING, D(2026, 11, 5), key="cm", present=["sec", "c1"], on_leave=["c2"]),
        ),
        D(2026, 12, 7),
        {"cm": NONE},
        boundary=True,
    ),
    Case(
        "pl019_one_of_three_committee_members_present",
        "PL-019",
        COMMITTEE_QUORUM,
        (
            *COMMITTEE_OF_THREE,
            meeting("b1", K.BRANCH_COMMITTEE_MEETING, D(2026, 11, 5), key="cm", present=["sec"], on_leave=["c1", "c2"]),
        ),
        D(2026, 12, 7),
        {"cm": recorded()},
        boundary=True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_party_life_scenario(case: Case, db) -> None:
    check(case)
