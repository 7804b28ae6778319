"""Scenarios of the organisation itself (ORG-001…004): branch terms, every member in a branch, 分管 of every
unit, the Party group's secretary and size. Expectations are read from the regulation quoted in each row."""

from __future__ import annotations

import pytest

from qinglian.compliance.tests.scenarios.builders import (
    D,
    arrive,
    branch,
    committee,
    delete,
    event,
    join_branch,
    leading,
    members,
    person,
    renew_term,
    supervise,
)
from qinglian.compliance.tests.scenarios.cases import NONE, Case, blue, check, red, yellow

TERM = (
    "《中国共产党支部工作条例（试行）》第二十一条：机关党支部委员会每届任期一般为3年，任期届满应按期换届；"
    "上级党组织一般提前6个月提醒换届（本机关届满前3个月内黄色预警）"
)
TERM_ON_HOLIDAY = (
    f"{TERM}；《民法典》第二百零一条至第二百零三条：按年计算的期间，最后一日是法定休假日的，以法定休假日结束的次日为"
    "期间的最后一日"
)
IN_BRANCH = (
    "《中国共产党章程》第八条：每个党员，不论职务高低，都必须编入党的一个支部、小组或其他特定组织，参加党的组织生活"
)
ONE_POST_TWO_DUTIES = (
    "《党委（党组）落实全面从严治党主体责任规定》：班子其他成员落实“一岗双责”，对分管领域全面从严治党负领导责任"
    "（每个委室都须有分管领导；无分管领导为黄色预警）"
)
PARTY_GROUP = "《中国共产党党组工作条例》：党员领导成员3人以上的可以设立党组；党组设书记"
BRANCH_SIZE = (
    "《中国共产党支部工作条例（试行）》第四条：凡是有正式党员3人以上的，都应当成立党支部（正式党员少于3人为红色预警）；"
    "《中国共产党章程》第七条：预备党员的预备期为一年"
)
COMMITTEE_SEATS = (
    "《中国共产党支部工作条例（试行）》：有正式党员7人以上的党支部，应当设立党支部委员会，由3至5人组成；"
    "正式党员不足7人的党支部，设1名书记（应设未设为红色预警，委员不足3人为黄色预警）"
)
FIFTY = "《中国共产党支部工作条例（试行）》第四条：党支部党员人数一般不超过50人（超过为黄色预警）"

# A branch whose committee's term ran from 2023-07-01 to 2026-06-30 (a Tuesday).
LAPSING = branch("b1", term=(D(2023, 7, 1), D(2026, 6, 30)))
# A branch whose term ends on Tuesday 2026-12-15; six and three months before (06-15, 09-15) are working days too,
# so no rest day moves the term's end or the day a window opens.
RUNNING = branch("b1", term=(D(2023, 12, 16), D(2026, 12, 15)))
# A branch whose term's last day is 2026-10-03, inside the National Day holiday (10-01…10-07).
NATIONAL_DAY_TERM = branch("b1", term=(D(2023, 10, 4), D(2026, 10, 3)))
# A Party group of a secretary and two members.
SECRETARY = (person("sec", name="党组书记"), leading("sec", "secretary"))
GROUP_OF_THREE = (*SECRETARY, person("m1"), leading("m1"), person("m2"), leading("m2"))

CASES = [
    # --- ORG-001 ----------------------------------------------------------------------------------
    Case(
        "org001_term_over_the_day_after_its_end_is_red",
        "ORG-001",
        TERM,
        (LAPSING,),
        D(2026, 7, 1),
        {"b1": red(D(2026, 6, 30))},
        boundary=True,
    ),
    Case(
        "org001_last_day_of_the_term_is_not_yet_over",
        "ORG-001",
        TERM,
        (LAPSING,),
        D(2026, 6, 30),
        {"b1": yellow(D(2026, 6, 30))},
        boundary=True,
    ),
    Case(
        "org001_reminder_starts_six_months_before",
        "ORG-001",
        TERM,
        (RUNNING,),
        D(2026, 6, 15),
        {"b1": blue(D(2026, 12, 15))},
        boundary=True,
    ),
    Case(
        "org001_no_reminder_the_day_before_six_months",
        "ORG-001",
        TERM,
        (RUNNING,),
        D(2026, 6, 14),
        {"b1": NONE},
        boundary=True,
    ),
    Case(
        "org001_three_months_before_is_yellow",
        "ORG-001",
        TERM,
        (RUNNING,),
        D(2026, 9, 15),
        {"b1": yellow(D(2026, 12, 15))},
        boundary=True,
    ),
    Case(
        "org001_term_ending_in_national_day_runs_to_oct8",
        "ORG-001",
        TERM_ON_HOLIDAY,
        (NATIONAL_DAY_TERM,),
        D(2026, 10, 8),
        {"b1": yellow(D(2026, 10, 8))},
        boundary=True,
    ),
    Case(
        "org001_term_ending_in_national_day_overdue_on_oct9",
        "ORG-001",
        TERM_ON_HOLIDAY,
        (NATIONAL_DAY_TERM,),
        D(2026, 10, 9),
        {"b1": red(D(2026, 10, 8))},
        boundary=True,
    ),
    Case(
        "org001_renewal_recorded_after_asof_reads_the_old_term",
        "ORG-001",
        TERM,
        (LAPSING, renew_term("b1", D(2026, 9, 15), D(2026, 9, 15), D(2029, 9, 14))),
        D(2026, 8, 1),
        {"b1": red(D(2026, 6, 30))},
        boundary=True,
    ),
    Case(
        "org001_replay_reports_the_lapsed_term_that_was_true_then",
        "ORG-001",
        TERM,
        (LAPSING, renew_term("b1", D(2026, 9, 15), D(2026, 9, 15), D(2029, 9, 14))),
        D(2026, 8, 1),
        {"b1": red(D(2026, 6, 30))},
        boundary=True,
        earlier=(D(2026, 12, 7),),
    ),
    Case(
        "org001_renewed_term_far_from_its_end",
        "ORG-001",
        TERM,
        (LAPSING, renew_term("b1", D(2026, 9, 15), D(2026, 9, 15), D(2029, 9, 14))),
        D(2026, 12, 7),
        {"b1": NONE},
    ),
    Case(
        "org001_branch_deleted_before_asof_owes_nothing",
        "ORG-001",
        TERM,
        (LAPSING, delete("b1", D(2026, 7, 10))),
        D(2026, 8, 1),
        {"b1": NONE},
        boundary=True,
    ),
    Case(
        "org001_branch_deleted_after_asof_still_owed_renewal",
        "ORG-001",
        TERM,
        (LAPSING, delete("b1", D(2026, 11, 10))),
        D(2026, 8, 1),
        {"b1": red(D(2026, 6, 30))},
        boundary=True,
    ),
    # --- ORG-002 ----------------------------------------------------------------------------------
    Case(
        "org002_member_outside_any_branch_is_red",
        "ORG-002",
        IN_BRANCH,
        (branch("b1"), person("p1"), person("p2", branch="b1")),
        D(2026, 12, 7),
        {"p1": red(), "p2": NONE},
    ),
    Case(
        "org002_non_member_needs_no_branch",
        "ORG-002",
        IN_BRANCH,
        (person("p1", party=False),),
        D(2026, 12, 7),
        {"p1": NONE},
    ),
    Case(
        "org002_put_into_a_branch_after_asof_was_outside_then",
        "ORG-002",
        IN_BRANCH,
        (branch("b1"), person("p1", day=D(2026, 3, 2)), join_branch("p1", "b1", D(2026, 9, 1))),
        D(2026, 8, 3),
        {"p1": red()},
        boundary=True,
    ),
    Case(
        "org002_in_a_branch_from_the_day_it_was_recorded",
        "ORG-002",
        IN_BRANCH,
        (branch("b1"), person("p1", day=D(2026, 3, 2)), join_branch("p1", "b1", D(2026, 9, 1))),
        D(2026, 9, 1),
        {"p1": NONE},
        boundary=True,
    ),
    Case(
        "org002_arrival_after_asof_was_not_a_member_here_then",
        "ORG-002",
        IN_BRANCH,
        (arrive("p1", D(2026, 10, 15)),),
        D(2026, 10, 14),
        {"p1": NONE},
        boundary=True,
    ),
    Case(
        "org002_transferred_out_before_asof_is_gone",
        "ORG-002",
        IN_BRANCH,
        (person("p1"), event("out", "p1", "transfer_out", D(2026, 5, 29))),
        D(2026, 6, 1),
        {"p1": NONE},
        boundary=True,
    ),
    Case(
        "org002_transferred_out_after_asof_was_still_outside_a_branch",
        "ORG-002",
        IN_BRANCH,
        (person("p1"), event("out", "p1", "transfer_out", D(2026, 9, 30))),
        D(2026, 9, 29),
        {"p1": red()},
        boundary=True,
    ),
    Case(
        "org002_person_deleted_before_asof_is_not_on_the_roster",
        "ORG-002",
        IN_BRANCH,
        (person("p1"), delete("p1", D(2026, 6, 1))),
        D(2026, 6, 2),
        {"p1": NONE},
        boundary=True,
    ),
    Case(
        "org002_person_deleted_after_asof_was_on_the_roster_then",
        "ORG-002",
        IN_BRANCH,
        (person("p1"), delete("p1", D(2026, 6, 1))),
        D(2026, 5, 29),
        {"p1": red()},
        boundary=True,
    ),
    # --- ORG-003 ----------------------------------------------------------------------------------
    Case(
        "org003_supervision_ended_the_day_before",
        "ORG-003",
        ONE_POST_TWO_DUTIES,
        (person("ld", unit="b"), supervise("ld", "a", D(2023, 1, 1), end=D(2026, 6, 30))),
        D(2026, 7, 1),
        {"a": yellow()},
        boundary=True,
    ),
    Case(
        "org003_supervision_on_its_last_day_still_holds",
        "ORG-003",
        ONE_POST_TWO_DUTIES,
        (person("ld", unit="b"), supervise("ld", "a", D(2023, 1, 1), end=D(2026, 6, 30))),
        D(2026, 6, 30),
        {"a": NONE},
        boundary=True,
    ),
    Case(
        "org003_supervision_starting_after_asof_did_not_hold_then",
        "ORG-003",
        ONE_POST_TWO_DUTIES,
        (person("ld", unit="b"), supervise("ld", "a", D(2026, 3, 2))),
        D(2026, 2, 28),
        {"a": yellow()},
        boundary=True,
    ),
    # --- ORG-004 ----------------------------------------------------------------------------------
    Case(
        "org004_secretary_and_two_members_make_three",
        "ORG-004",
        PARTY_GROUP,
        GROUP_OF_THREE,
        D(2026, 12, 7),
        {"organ": NONE},
        boundary=True,
    ),
    Case(
        "org004_two_members_are_too_few",
        "ORG-004",
        PARTY_GROUP,
        (*SECRETARY, person("m1"), leading("m1")),
        D(2026, 12, 7),
        {"organ": red()},
        boundary=True,
    ),
    Case(
        "org004_secretary_left_the_day_before",
        "ORG-004",
        PARTY_GROUP,
        (
            person("sec"),
            leading("sec", "secretary", end=D(2026, 5, 31)),
            person("dep"),
            leading("dep", "deputy_secretary"),
            person("m1"),
            leading("m1"),
            person("m2"),
            leading("m2"),
        ),
        D(2026, 6, 1),
        {"organ": red()},
        boundary=True,
    ),
    Case(
        "org004_third_member_appointed_after_asof",
        "ORG-004",
        PARTY_GROUP,
        (*SECRETARY, person("m1"), leading("m1"), person("m2"), leading("m2", start=D(2026, 7, 1))),
        D(2026, 6, 30),
        {"organ": red()},
        boundary=True,
    ),
    Case(
        "org004_third_member_counts_from_appointment_day",
        "ORG-004",
        PARTY_GROUP,
        (*SECRETARY, person("m1"), leading("m1"), person("m2"), leading("m2", start=D(2026, 7, 1))),
        D(2026, 7, 1),
        {"organ": NONE},
        boundary=True,
    ),
]

CASES += [
    # --- ORG-005…007 branch thresholds --------------------------------------------------------------
    Case(
        "org005_three_full_members_are_enough",
        "ORG-005",
        BRANCH_SIZE,
        (branch("b1"), *members("b1", 3)),
        D(2026, 12, 7),
        {"b1": NONE},
        boundary=True,
    ),
    Case(
        "org005_a_probationary_member_is_not_yet_a_full_one",
        "ORG-005",
        BRANCH_SIZE,
        (
            branch("b1"),
            *members("b1", 2),
            person("p1", branch="b1", probationary_since=D(2026, 5, 8), day=D(2026, 5, 8)),
        ),
        D(2026, 12, 7),
        {"b1": red()},
        boundary=True,
    ),
    Case(
        "org005_transfer_out_leaves_two_full_members",
        "ORG-005",
        BRANCH_SIZE,
        (branch("b1"), *members("b1", 3), event("out", "m3", "transfer_out", D(2026, 9, 30))),
        D(2026, 10, 8),
        {"b1": red()},
        boundary=True,
    ),
    Case(
        "org005_before_the_transfer_there_were_three",
        "ORG-005",
        BRANCH_SIZE,
        (branch("b1"), *members("b1", 3), event("out", "m3", "transfer_out", D(2026, 9, 30))),
        D(2026, 9, 29),
        {"b1": NONE},
        boundary=True,
    ),
    Case(
        "org006_seven_full_members_with_only_a_secretary",
        "ORG-006",
        COMMITTEE_SEATS,
        (branch("b1"), *members("b1", 7), committee("b1", "m1")),
        D(2026, 12, 7),
        {"b1": red()},
        boundary=True,
    ),
    Case(
        "org006_six_full_members_need_only_a_secretary",
        "ORG-006",
        COMMITTEE_SEATS,
        (branch("b1"), *members("b1", 6), committee("b1", "m1")),
        D(2026, 12, 7),
        {"b1": NONE},
        boundary=True,
    ),
    Case(
        "org006_committee_of_two_is_too_small",
        "ORG-006",
        COMMITTEE_SEATS,
        (branch("b1"), *members("b1", 7), committee("b1", "m1"), committee("b1", "m2", post="organization")),
        D(2026, 12, 7),
        {"b1": yellow()},
        boundary=True,
    ),
    Case(
        "org006_committee_of_three_is_enough",
        "ORG-006",
        COMMITTEE_SEATS,
        (
            branch("b1"),
            *members("b1", 7),
            committee("b1", "m1"),
            committee("b1", "m2", post="organization"),
            committee("b1", "m3", post="propaganda"),
        ),
        D(2026, 12, 7),
        {"b1": NONE},
        boundary=True,
    ),
    Case(
        "org007_fifty_members_are_within_the_limit",
        "ORG-007",
        FIFTY,
        (branch("b1"), *members("b1", 50)),
        D(2026, 12, 7),
        {"b1": NONE},
        boundary=True,
    ),
    Case(
        "org007_fifty_one_members_are_too_many",
        "ORG-007",
        FIFTY,
        (branch("b1"), *members("b1", 51)),
        D(2026, 12, 7),
        {"b1": yellow()},
        boundary=True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_org_scenario(case: Case, db) -> None:
    check(case)
