"""The org rules judge the organisation as it stood on the date checked (issue #12), count their periods with
core.workdays, and the new set-up rules (ORG-005…007) hold at their boundaries.

Rows are entered at chosen moments (`on(day)`, which stamps their history) to say what the ledgers showed when;
the real clock is later than every date checked here except where a test says "today".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Context, Params, Subject, Verdict
from qinglian.core import clock
from qinglian.core.writes import soft_delete
from qinglian.org.choices import PartyStatus
from qinglian.org.models import BranchCommitteeMember, LeadingGroupMember
from qinglian.org.tests.factories import (
    BranchFactory,
    PersonFactory,
    PersonnelEventFactory,
    SupervisionFactory,
    UnitFactory,
)

D = dt.date
SETUP = D(2026, 1, 5)  # when the organ's rows were first entered, unless a test back-fills them today
ORG_RULES = [f"ORG-00{n}" for n in range(1, 8)]
PARAMS = {
    "ORG-001": {"remind_months": 6, "warn_months": 3, "term_years": 3},
    "ORG-002": {},
    "ORG-003": {},
    "ORG-004": {"min_members": 3},
    "ORG-005": {"min_full_members": 3, "probation_years": 1},
    "ORG-006": {"committee_from": 7, "committee_min_seats": 3, "probation_years": 1},
    "ORG-007": {"max_members": 50},
}


@contextmanager
def on(day: dt.date) -> Iterator[None]:
    """Save as if it were 10:00 on `day`: the rows' history says they were entered then."""
    with clock.replaying(timezone.make_aware(dt.datetime.combine(day, dt.time(10)))):
        yield


def _subjects(code: str, organ, as_of: dt.date) -> list[Subject]:
    params = Params(PARAMS[code])
    return list(RULES[code].collect(Context(organ_id=organ.pk, as_of=as_of, params=params)))


def _verdicts(code: str, organ, as_of: dt.date) -> dict[str, Verdict | None]:
    """What the rule says on `as_of` about each subject it looks at, by label."""
    params = Params(PARAMS[code])
    ctx = Context(organ_id=organ.pk, as_of=as_of, params=params)
    return {s.label: RULES[code].check(s, params, ctx) for s in RULES[code].collect(ctx)}


def _severity(code: str, organ, as_of: dt.date, label: str) -> str | None:
    verdict = _verdicts(code, organ, as_of)[label]
    return None if verdict is None else str(verdict.severity)


def _check(code: str, data: dict) -> Verdict | None:
    """A pure check of plain data (the set-up rules read no calendar)."""
    params = Params(PARAMS[code])
    subject = Subject(type="org.branch", id="1", label="机关第一党支部", data=data)
    return RULES[code].check(subject, params, Context(organ_id=1, as_of=D(2026, 11, 25), params=params))


def _branch(org, name: str = "机关第一党支部", *, day: dt.date = SETUP, **fields):
    with on(day):
        return BranchFactory(organ=org.organ, name=name, **fields)


def _members(org, branch, count: int, *, day: dt.date = SETUP, **fields) -> list:
    with on(day):
        return PersonFactory.create_batch(count, organ=org.organ, unit=org.unit_a, branch=branch, **fields)


def _renew(branch, day: dt.date, start: dt.date, end: dt.date) -> None:
    with on(day):
        branch.term_start, branch.term_end = start, end
        branch.save()


# --- ORG-001: the term as it stood on D, its end a period end -----------------------------------------------


def test_a_reelection_recorded_after_d_does_not_clear_ds_red(org):
    branch = _branch(org, term_start=D(2023, 6, 1), term_end=D(2026, 5, 29))
    _renew(branch, D(2026, 7, 12), D(2026, 7, 10), D(2029, 7, 9))
    lapsed = _verdicts("ORG-001", org.organ, D(2026, 6, 30))["机关第一党支部"]
    assert lapsed.severity == Severity.RED and "已于2026年05月29日届满" in lapsed.reason
    assert _severity("ORG-001", org.organ, D(2026, 7, 10), "机关第一党支部") is None


def test_a_reelection_held_by_d_but_recorded_after_it_counts_from_its_own_start(org):
    """Ledgers are back-filled: the new term's start date says it was running on D, whenever it was typed in."""
    branch = _branch(org, term_start=D(2023, 6, 1), term_end=D(2026, 5, 29))
    _renew(branch, D(2026, 7, 12), D(2026, 6, 20), D(2029, 6, 19))
    assert _severity("ORG-001", org.organ, D(2026, 6, 30), "机关第一党支部") is None
    assert _severity("ORG-001", org.organ, D(2026, 6, 19), "机关第一党支部") == Severity.RED


def test_a_term_ending_on_a_holiday_may_be_renewed_on_the_next_working_day(org):
    # 2026-10-01…07 is the National Day holiday: the last day of the term moves to 10-08 (民法典第二百零三条).
    _branch(org, term_start=D(2023, 10, 8), term_end=D(2026, 10, 1))
    last_day = _verdicts("ORG-001", org.organ, D(2026, 10, 8))["机关第一党支部"]
    assert last_day.severity == Severity.YELLOW and last_day.due == D(2026, 10, 8)
    assert "2026年10月01日届满（届满日为节假日，换届期限顺延至2026年10月08日）" in last_day.reason
    overdue = _verdicts("ORG-001", org.organ, D(2026, 10, 9))["机关第一党支部"]
    assert overdue.severity == Severity.RED and overdue.due == D(2026, 10, 8)


def test_a_reminder_that_would_open_on_a_holiday_opens_on_the_next_working_day(org):
    # Six months before 2027-04-01 is 2026-10-01, inside the National Day holiday.
    _branch(org, term_start=D(2024, 4, 2), term_end=D(2027, 4, 1))
    assert _severity("ORG-001", org.organ, D(2026, 10, 7), "机关第一党支部") is None
    assert _severity("ORG-001", org.organ, D(2026, 10, 8), "机关第一党支部") == Severity.BLUE


def test_an_unrecorded_end_is_the_start_plus_the_term_and_an_expired_one_is_red(org):
    # 2023-02-18 + 3 years is 2026-02-18, in the Spring Festival holiday (2-15…2-23): the term ends 2-24.
    _branch(org, term_start=D(2023, 2, 18), term_end=None)
    last_day = _verdicts("ORG-001", org.organ, D(2026, 2, 24))["机关第一党支部"]
    assert last_day.severity == Severity.YELLOW and last_day.due == D(2026, 2, 24)
    expired = _verdicts("ORG-001", org.organ, D(2026, 2, 25))["机关第一党支部"]
    assert expired.severity == Severity.RED and expired.due == D(2026, 2, 24)
    assert "按任期3年推算" in expired.reason and "未登记届满日期" in expired.reason


def test_an_unrecorded_end_far_off_stays_a_blue_note_to_record_it(org):
    _branch(org, term_start=D(2025, 1, 10), term_end=None)
    note = _verdicts("ORG-001", org.organ, D(2026, 6, 30))["机关第一党支部"]
    assert note.severity == Severity.BLUE and note.due is None
    assert "未登记本届任期届满日期，按任期3年推算为2028年01月10日" in note.reason


def test_no_term_dates_at_all_is_a_blue_note(org):
    _branch(org, term_start=None, term_end=None)
    note = _verdicts("ORG-001", org.organ, D(2026, 6, 30))["机关第一党支部"]
    assert note.severity == Severity.BLUE and "未登记任期起止日期" in note.reason


def test_a_term_on_record_only_from_after_d_leaves_ds_term_unknown(org):
    _branch(org, day=clock.today(), term_start=D(2026, 9, 1), term_end=D(2029, 8, 31))  # typed in today
    note = _verdicts("ORG-001", org.organ, D(2026, 6, 30))["机关第一党支部"]
    assert note.severity == Severity.BLUE and "未登记2026年06月30日时所在一届的任期起止日期" in note.reason
    assert _severity("ORG-001", org.organ, D(2026, 9, 1), "机关第一党支部") is None


def test_a_branch_stands_from_its_establishment_until_it_is_deleted(org):
    _branch(org, "机关第六党支部", established_on=D(2026, 8, 1))
    closed = _branch(org, "机关第七党支部")
    with on(D(2026, 7, 10)):
        soft_delete(closed, by=None)
    assert set(_verdicts("ORG-001", org.organ, D(2026, 7, 9))) == {"机关第七党支部"}
    assert set(_verdicts("ORG-001", org.organ, D(2026, 7, 10))) == set()
    assert set(_verdicts("ORG-001", org.organ, D(2026, 8, 1))) == {"机关第六党支部"}


def test_the_secretary_answering_for_a_branch_is_the_one_seated_on_d(org):
    branch = _branch(org)
    old, new = _members(org, branch, 2)
    with on(SETUP):
        BranchCommitteeMember.objects.create(
            organ=org.organ, branch=branch, person=old, post="secretary", start=D(2024, 3, 1), end=D(2026, 4, 30)
        )
        BranchCommitteeMember.objects.create(
            organ=org.organ, branch=branch, person=new, post="secretary", start=D(2026, 5, 1)
        )
    [before] = _subjects("ORG-001", org.organ, D(2026, 4, 30))
    [after] = _subjects("ORG-001", org.organ, D(2026, 5, 1))
    assert (before.person_id, after.person_id) == (old.pk, new.pk)


# --- ORG-002: every member in a branch, as they stood on D ---------------------------------------------------


def test_a_member_put_into_a_branch_after_d_was_outside_it_on_d(org):
    branch = _branch(org)
    with on(SETUP):
        person = PersonFactory(organ=org.organ, unit=org.unit_a, branch=None, name="甲")
    with on(D(2026, 9, 1)):
        person.branch = branch
        person.save()
    assert _severity("ORG-002", org.organ, D(2026, 8, 31), "甲") == Severity.RED
    assert _severity("ORG-002", org.organ, D(2026, 9, 1), "甲") is None


def test_someone_transferred_in_after_d_was_not_on_the_roll(org):
    person = PersonFactory(organ=org.organ, unit=org.unit_a, branch=None, name="乙")  # typed in today
    PersonnelEventFactory(person=person, kind="transfer_in", date=D(2026, 9, 15))
    assert "乙" not in _verdicts("ORG-002", org.organ, D(2026, 9, 14))
    assert _severity("ORG-002", org.organ, D(2026, 9, 15), "乙") == Severity.RED


def test_someone_who_left_after_d_still_stood_on_d_and_is_gone_from_their_event_date(org):
    branch = _branch(org)
    [person] = _members(org, branch, 1, name="丙")
    PersonnelEventFactory(person=person, kind="retirement", date=D(2026, 8, 1))
    with on(D(2026, 8, 5)):  # the record was updated four days after the retirement
        person.is_active, person.branch = False, None
        person.save()
    assert "丙" in _verdicts("ORG-002", org.organ, D(2026, 7, 31))
    assert _severity("ORG-002", org.organ, D(2026, 7, 31), "丙") is None
    assert "丙" not in _verdicts("ORG-002", org.organ, D(2026, 8, 2))  # the event's own date decides


def test_someone_who_joined_the_party_after_d_was_not_a_member_then(org):
    PersonFactory(organ=org.organ, unit=org.unit_a, branch=None, name="丁", party_joined_on=D(2026, 9, 1))
    assert "丁" not in _verdicts("ORG-002", org.organ, D(2026, 8, 31))
    assert _severity("ORG-002", org.organ, D(2026, 9, 1), "丁") == Severity.RED


def test_a_move_from_the_stationed_group_after_d_is_read_as_it_stood(org):
    with on(SETUP):
        person = PersonFactory(organ=org.organ, unit=org.stationed, branch=None, name="戊")
    with on(D(2026, 9, 1)):
        person.unit = org.unit_a
        person.save()
    assert "戊" not in _verdicts("ORG-002", org.organ, D(2026, 8, 31))
    assert _severity("ORG-002", org.organ, D(2026, 9, 1), "戊") == Severity.RED


def test_a_person_deleted_after_d_still_stood_on_d(org):
    with on(SETUP):
        person = PersonFactory(organ=org.organ, unit=org.unit_a, branch=None, name="己")
    with on(D(2026, 9, 1)):
        soft_delete(person, by=None)
    assert _severity("ORG-002", org.organ, D(2026, 8, 31), "己") == Severity.RED
    assert "己" not in _verdicts("ORG-002", org.organ, D(2026, 9, 1))


# --- ORG-003, ORG-004: units and seats as they stood on D ----------------------------------------------------


def test_a_unit_deleted_after_d_was_still_owed_a_supervisor_on_d(org):
    with on(SETUP):
        unit = UnitFactory(organ=org.organ, name="信访室")
    with on(D(2026, 9, 1)):
        soft_delete(unit, by=None)
    assert _severity("ORG-003", org.organ, D(2026, 8, 31), "信访室") == Severity.YELLOW
    assert "信访室" not in _verdicts("ORG-003", org.organ, D(2026, 9, 1))


def test_a_supervision_deleted_after_d_held_on_d_and_one_begun_after_d_did_not(org):
    with on(SETUP):
        leader = PersonFactory(organ=org.organ, unit=org.unit_a)
        withdrawn = SupervisionFactory(organ=org.organ, leader=leader, unit=org.unit_a, start=D(2023, 1, 1))
        SupervisionFactory(organ=org.organ, leader=leader, unit=org.unit_b, start=D(2026, 9, 1))
    with on(D(2026, 9, 1)):
        soft_delete(withdrawn, by=None)
    assert _severity("ORG-003", org.organ, D(2026, 8, 31), "办公室") is None
    assert _severity("ORG-003", org.organ, D(2026, 8, 31), "研究室") == Severity.YELLOW
    assert _severity("ORG-003", org.organ, D(2026, 9, 1), "办公室") == Severity.YELLOW
    assert _severity("ORG-003", org.organ, D(2026, 9, 1), "研究室") is None


def test_a_party_group_seat_deleted_after_d_still_counted_on_d(org):
    people = _members(org, None, 3)
    with on(SETUP):
        for person, post in zip(people, ("secretary", "member", "member"), strict=True):
            seat = LeadingGroupMember.objects.create(organ=org.organ, person=person, post=post, start=D(2023, 2, 1))
    with on(D(2026, 9, 1)):
        soft_delete(seat, by=None)
    assert _severity("ORG-004", org.organ, D(2026, 8, 31), "测试党组") is None
    assert _severity("ORG-004", org.organ, D(2026, 9, 1), "测试党组") == Severity.RED


# --- ORG-005…007: how a branch is set up --------------------------------------------------------------------


def _roll(members: int, full: int | None = None, seats: int = 3, unrecorded: bool = False) -> dict:
    return {
        "members": members,
        "full_members": members if full is None else full,
        "seats": seats,
        "committee_unrecorded": unrecorded,
    }


def test_org005_three_full_members_are_enough_and_two_are_not():
    assert _check("ORG-005", _roll(3)) is None
    short = _check("ORG-005", _roll(4, full=2))
    assert short.severity == Severity.RED and "正式党员2人，不足3人" in short.reason


@pytest.mark.parametrize(
    ("full", "seats", "expected"),
    [
        (6, 0, None),  # under seven full members a secretary alone leads the branch
        (7, 0, Severity.RED),
        (7, 1, Severity.RED),  # a lone secretary is not a committee
        (7, 2, Severity.YELLOW),  # a committee short of three: elect the missing members
        (7, 3, None),
    ],
)
def test_org006_seven_full_members_need_a_committee_of_three(full, seats, expected):
    verdict = _check("ORG-006", _roll(full + 2, full=full, seats=seats))
    assert (verdict.severity if verdict else None) == expected


def test_org006_counts_full_members_not_probationary_ones():
    assert _check("ORG-006", _roll(9, full=6, seats=0)) is None


def test_org006_does_not_judge_a_committee_whose_term_was_never_entered():
    assert _check("ORG-006", _roll(20, seats=0, unrecorded=True)) is None


def test_org007_fifty_members_are_fine_and_fifty_one_too_many():
    assert _check("ORG-007", _roll(50)) is None
    large = _check("ORG-007", _roll(51))
    assert large.severity == Severity.YELLOW and "51人，超过50人" in large.reason


def test_a_member_transferred_in_after_d_does_not_count_on_d(org):
    branch = _branch(org)
    _members(org, branch, 2)
    newcomer = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch)  # typed in today
    PersonnelEventFactory(person=newcomer, kind="transfer_in", date=D(2026, 9, 15))
    assert _severity("ORG-005", org.organ, D(2026, 9, 14), "机关第一党支部") == Severity.RED
    assert _severity("ORG-005", org.organ, D(2026, 9, 15), "机关第一党支部") is None


def test_a_member_still_in_the_probation_on_d_is_not_yet_full(org):
    # Entered as 正式党员, but the 预备期 (a year from joining, 党章第七条) ran until 2026-06-10.
    branch = _branch(org)
    _members(org, branch, 2)
    _members(org, branch, 1, party_joined_on=D(2025, 6, 10))
    _members(org, branch, 1, party_status=PartyStatus.PROBATIONARY, party_joined_on=D(2026, 3, 1))
    assert _severity("ORG-005", org.organ, D(2026, 6, 9), "机关第一党支部") == Severity.RED
    assert _severity("ORG-005", org.organ, D(2026, 6, 10), "机关第一党支部") is None


def test_committee_seats_count_by_their_own_dates(org):
    branch = _branch(org)
    people = _members(org, branch, 7)
    with on(SETUP):
        for person, post, start in (
            (people[0], "secretary", D(2026, 3, 2)),
            (people[1], "organization", D(2026, 3, 2)),
            (people[2], "discipline", D(2026, 10, 9)),
        ):
            BranchCommitteeMember.objects.create(organ=org.organ, branch=branch, person=person, post=post, start=start)
    assert _severity("ORG-006", org.organ, D(2026, 3, 1), "机关第一党支部") == Severity.RED
    assert _severity("ORG-006", org.organ, D(2026, 3, 2), "机关第一党支部") == Severity.YELLOW
    assert _severity("ORG-006", org.organ, D(2026, 10, 9), "机关第一党支部") is None


def test_a_committee_of_a_term_entered_only_from_after_d_is_not_judged_on_d(org):
    branch = _branch(org, day=clock.today(), term_start=D(2026, 9, 1), term_end=D(2029, 8, 31))
    people = _members(org, branch, 7)
    for person, post in zip(people, ("secretary", "organization", "discipline"), strict=False):
        BranchCommitteeMember.objects.create(
            organ=org.organ, branch=branch, person=person, post=post, start=D(2026, 9, 1)
        )
    assert _severity("ORG-006", org.organ, D(2026, 6, 30), "机关第一党支部") is None
    assert _severity("ORG-006", org.organ, D(2026, 9, 1), "机关第一党支部") is None


def test_the_fifty_first_member_counts_from_the_day_they_arrive(org):
    branch = _branch(org)
    _members(org, branch, 49)
    _members(org, branch, 1, party_status=PartyStatus.PROBATIONARY, party_joined_on=D(2025, 12, 1))
    newcomer = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch)
    PersonnelEventFactory(person=newcomer, kind="transfer_in", date=D(2026, 9, 15))
    assert _severity("ORG-007", org.organ, D(2026, 9, 14), "机关第一党支部") is None
    assert _severity("ORG-007", org.organ, D(2026, 9, 15), "机关第一党支部") == Severity.YELLOW


# --- the engine and the rules' metadata ---------------------------------------------------------------------


def test_the_shipped_parameters_run_the_set_up_rules(org):
    branch = _branch(org)
    _members(org, branch, 2)
    result = run_checks(organ_id=org.organ.pk, as_of=clock.today(), codes=["ORG-005", "ORG-006", "ORG-007"])
    assert result.errors == []
    finding = Finding.objects.get()
    assert (finding.rule_code, finding.severity, finding.subject_id) == ("ORG-005", "red", str(branch.pk))


_TIME_UNITS = {"年", "个月", "月", "日", "天", "工作日"}


def test_every_length_of_time_says_how_it_is_counted():
    for code in ORG_RULES:
        rule = RULES[code]
        assert rule.basis.startswith("《"), code
        for param in rule.params:
            assert (param.period is not None) == (param.unit in _TIME_UNITS), (code, param.name)


def test_the_shipped_parameter_file_covers_every_org_rule_with_its_parameters(db):
    from qinglian.compliance.models import RuleParameterSet

    for code in ORG_RULES:
        rule = RULES[code]
        if not rule.params:
            continue
        row = RuleParameterSet.objects.get(rule_code=code, jurisdiction="central")
        assert rule.parse_params(row.values) == PARAMS[code], code
        assert row.source.startswith("《") and row.note, code
