"""PL-015 (党章第九条): months in a row without dues paid or without organisational life, at 2, 3, 5 and 6 months,
for members who joined later, with payments and meetings dated after the check date, and through the runner."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Context, Params, Subject
from qinglian.core import clock
from qinglian.org.choices import BranchPost, PersonnelEventKind
from qinglian.org.models import BranchCommitteeMember
from qinglian.org.services import personnel_event_record
from qinglian.org.tests.factories import BranchFactory, PersonFactory, PersonnelEventFactory
from qinglian.partylife.choices import AttendanceStatus
from qinglian.partylife.models import Attendance, DuesRecord, Meeting
from qinglian.partylife.rules.dues import absent_run, unpaid_run
from qinglian.partylife.selectors.dues import months_between
from qinglian.partylife.services.dues import dues_record_delete
from qinglian.partylife.tests.factories import DuesRecordFactory

pytestmark = pytest.mark.django_db  # the working-day calendar (due dates) lives in the database

AS_OF = dt.date(2026, 11, 25)  # the last whole month is October 2026
OCTOBER = dt.date(2026, 10, 1)
SHIPPED = {
    entry["rule_code"]: entry["values"]
    for entry in json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))["sets"]
}
RULE = RULES["PL-015"]


def M(month: int, year: int = 2026) -> dt.date:
    return dt.date(year, month, 1)


# --- the pure check ------------------------------------------------------------------------------------------


def _check(unpaid: int = 0, absent: int = 0, as_of: dt.date = AS_OF, **values):
    last = OCTOBER if as_of == AS_OF else as_of.replace(day=1)
    runs = {name: months_between(M(12, 2020), last)[-n:] if n else [] for name, n in (("u", unpaid), ("a", absent))}
    subject = Subject(
        type="org.person", id="1", label="党员甲", data={"last": last, "unpaid": runs["u"], "absent": runs["a"]}
    )
    params = Params(RULE.parse_params({**SHIPPED["PL-015"], **values}))
    return RULE.check(subject, params, Context(organ_id=1, as_of=as_of, params=params))


def test_the_shipped_figures_are_the_constitutions_six_months_and_a_three_month_warning():
    assert SHIPPED["PL-015"] == {"months_red": 6, "months_yellow": 3}
    assert RULE.basis.startswith("《中国共产党章程》第九条")


@pytest.mark.parametrize(
    ("months", "severity"),
    [(0, None), (2, None), (3, Severity.YELLOW), (5, Severity.YELLOW), (6, Severity.RED), (9, Severity.RED)],
)
@pytest.mark.parametrize("count", ["unpaid", "absent"])
def test_either_count_is_yellow_from_three_months_and_red_at_six(months, severity, count):
    verdict = _check(**{count: months})
    assert (verdict.severity if verdict else None) == severity


def test_the_reason_names_both_counts_and_the_months_they_began():
    verdict = _check(unpaid=6, absent=3)
    assert verdict.reason == (
        "党员甲截至2026年10月连续6个月未交纳党费（2026年05月起），连续3个月未参加党支部组织生活（2026年08月起），"
        "已满6个月，请党支部核实有无正当理由，按党章第九条处理"
    )
    assert verdict.due == dt.date(
        2026, 10, 30
    )  # it turned red in October: due its last working day (the 31st is a Saturday)


def test_a_yellow_is_due_by_the_month_it_would_turn_red():
    verdict = _check(unpaid=4)
    assert verdict.reason.endswith("请党支部及时谈话提醒；连续满6个月将按党章第九条处理")
    assert verdict.due == dt.date(2026, 12, 31)  # August–October unpaid and on: red with December


def test_the_figures_are_parameters():
    assert _check(unpaid=2, months_yellow=2, months_red=4).severity == Severity.YELLOW
    assert _check(unpaid=4, months_yellow=2, months_red=4).severity == Severity.RED
    assert _check(absent=5, months_yellow=6, months_red=12) is None


def test_the_runs_end_at_the_last_month_and_absent_months_without_a_list_are_passed_over():
    months = months_between(M(1), M(10))
    assert unpaid_run(months, {M(1), M(6)}) == months_between(M(7), M(10))
    assert unpaid_run(months, {M(10)}) == []
    listed = {M(m) for m in (3, 4, 6, 9, 10)}
    assert absent_run(months, listed, {M(3)}) == [M(4), M(6), M(9), M(10)]  # May, July, August: no list
    assert absent_run(months, listed, {M(3), M(9)}) == [M(10)]


# --- on the ledgers ----------------------------------------------------------------------------------------


@pytest.fixture
def branch(org):
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    branch.units.add(org.unit_a)
    return branch


@pytest.fixture
def secretary(org, branch):
    person = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="书记甲")
    BranchCommitteeMember.objects.create(
        organ=org.organ, branch=branch, person=person, post=BranchPost.SECRETARY, start=dt.date(2024, 1, 1)
    )
    _pay(person, range(1, 11))  # January to October: the ledger starts in January 2026
    return person


@pytest.fixture
def member(org, branch, secretary):
    return PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="党员乙")


def _pay(person, months, paid_on_day: int = 10, **extra):
    for month in months:
        DuesRecordFactory(person=person, month=M(month), paid_on=dt.date(2026, month, paid_on_day), **extra)


def _judged(org, as_of: dt.date = AS_OF, **values):
    """(subject, verdict) per member, as the rule sees the ledgers on `as_of` with the shipped parameters."""
    params = Params(RULE.parse_params({**SHIPPED["PL-015"], **values}))
    ctx = Context(organ_id=org.organ.pk, as_of=as_of, params=params)
    return {s.label: (s, RULE.check(s, params, ctx)) for s in RULE.collect(ctx)}


def _severity(org, name: str, as_of: dt.date = AS_OF):
    verdict = _judged(org, as_of)[name][1]
    return verdict.severity if verdict else None


@pytest.mark.parametrize(
    ("paid_until", "severity"),
    [(10, None), (8, None), (7, Severity.YELLOW), (5, Severity.YELLOW), (4, Severity.RED)],
    ids=["none", "2-months", "3-months", "5-months", "6-months"],
)
def test_unpaid_months_up_to_the_last_whole_month(org, member, paid_until, severity):
    _pay(member, range(1, paid_until + 1))
    if paid_until < 10:  # the month after the last payment is entered as 欠缴, the rest not at all
        DuesRecordFactory(person=member, month=M(paid_until + 1), paid=Decimal("0"))
    subject, _ = _judged(org)["党员乙"]
    assert len(subject.data["unpaid"]) == 10 - paid_until
    assert _severity(org, "党员乙") == severity


def test_paying_less_than_owed_is_still_paying(org, member):
    _pay(member, range(1, 11), paid=Decimal("1.00"))
    assert _severity(org, "党员乙") is None


def test_a_payment_dated_after_the_check_date_does_not_count_for_it(org, member):
    _pay(member, range(1, 5))  # May to October unpaid on 25 November: red
    for month in range(5, 11):
        DuesRecordFactory(person=member, month=M(month), paid_on=dt.date(2026, 11, 26))  # 补交 the next day
    assert _severity(org, "党员乙", AS_OF) == Severity.RED
    assert _severity(org, "党员乙", dt.date(2026, 11, 26)) is None


def test_only_whole_calendar_months_count(org, member):
    _pay(member, range(1, 6))  # June onwards unpaid
    assert len(_judged(org, dt.date(2026, 11, 29))["党员乙"][0].data["unpaid"]) == 5  # June–October
    assert len(_judged(org, dt.date(2026, 11, 30))["党员乙"][0].data["unpaid"]) == 6  # November is over
    assert _severity(org, "党员乙", dt.date(2026, 11, 30)) == Severity.RED


def test_a_member_who_joined_the_party_mid_year_is_counted_from_that_month(org, branch, secretary):
    PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="新党员", party_joined_on=dt.date(2026, 8, 20))
    subject, verdict = _judged(org)["新党员"]
    assert subject.data["unpaid"] == [M(8), M(9), M(10)]
    assert verdict.severity == Severity.YELLOW and "2026年08月起" in verdict.reason
    assert "新党员" not in _judged(org, dt.date(2026, 8, 19))  # not yet a member on that day


def test_a_member_who_came_into_the_organ_mid_year_is_counted_from_that_month(org, member):
    PersonnelEventFactory(organ=org.organ, person=member, kind=PersonnelEventKind.TRANSFER_IN, date=dt.date(2026, 9, 1))
    assert _judged(org)["党员乙"][0].data["unpaid"] == [M(9), M(10)]
    assert _severity(org, "党员乙") is None


def test_the_members_are_those_of_the_check_date_not_of_today(org, branch, secretary):
    """Someone who came into the organ after the check date was not held to it yet; someone who left after it (调出,
    退休) still was, though today's row says 不在职 — January to October unpaid is red for them on the 25th."""
    with clock.replaying(timezone.make_aware(dt.datetime(2026, 1, 5, 10))):
        leaver = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="后调出")
        retiree = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="后退休")
    newcomer = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="后调入")  # typed in today
    personnel_event_record(person=newcomer, kind=PersonnelEventKind.TRANSFER_IN, date=dt.date(2026, 11, 26), by=None)
    with clock.replaying(timezone.make_aware(dt.datetime(2026, 11, 27, 10))):
        for person, kind in ((leaver, PersonnelEventKind.TRANSFER_OUT), (retiree, PersonnelEventKind.RETIREMENT)):
            personnel_event_record(person=person, kind=kind, date=dt.date(2026, 11, 27), by=None)
    on_the_day = _judged(org)
    assert "后调入" not in on_the_day
    assert on_the_day["后调出"][1].severity == on_the_day["后退休"][1].severity == Severity.RED
    later = _judged(org, dt.date(2026, 11, 30))
    assert "后调入" in later and not {"后调出", "后退休"} & set(later)
    assert later["后调入"][0].data["unpaid"] == [M(11)]  # counted from the month they came


def test_no_dues_ledger_no_dues_count(org, branch):
    PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="党员丙")
    assert _judged(org)["党员丙"][0].data["unpaid"] == []  # the organ keeps no dues in the system yet


def test_a_month_deleted_after_the_check_date_still_stood_on_it(org, member, party_officer):
    _pay(member, range(1, 11))
    with clock.replaying(timezone.make_aware(dt.datetime(2026, 11, 27, 10))):
        dues_record_delete(record=DuesRecord.objects.get(person=member, month=OCTOBER), by=party_officer, reason="误录")
    assert _judged(org, dt.date(2026, 11, 26))["党员乙"][0].data["unpaid"] == []  # it stood on the 26th
    assert _judged(org, dt.date(2026, 11, 30))["党员乙"][0].data["unpaid"] == [OCTOBER, M(11)]


# --- organisational life ----------------------------------------------------------------------------------


def _meeting(org, branch, day: dt.date) -> Meeting:
    return Meeting.objects.create(organ=org.organ, branch=branch, kind="theme_day", date=day, topic="主题党日")


def _monthly(org, branch, person, statuses: dict[int, str]):
    for month, status in statuses.items():
        reason = "" if status == AttendanceStatus.PRESENT else "无故"
        meeting = _meeting(org, branch, dt.date(2026, month, 15))
        Attendance.objects.create(meeting=meeting, person=person, status=status, reason=reason)


@pytest.mark.parametrize(
    ("absent_from", "severity"),
    [(9, None), (8, Severity.YELLOW), (6, Severity.YELLOW), (5, Severity.RED)],
    ids=["2-months", "3-months", "5-months", "6-months"],
)
def test_months_on_the_list_without_coming(org, branch, member, absent_from, severity):
    _pay(member, range(1, 11))
    present = {m: AttendanceStatus.PRESENT for m in range(1, absent_from)}
    _monthly(org, branch, member, present | {m: AttendanceStatus.ABSENT for m in range(absent_from, 11)})
    subject, verdict = _judged(org)["党员乙"]
    assert len(subject.data["absent"]) == 11 - absent_from
    assert (verdict.severity if verdict else None) == severity


def test_leave_with_a_reason_is_taking_part_and_a_month_without_a_list_is_not_judged(org, branch, member):
    _pay(member, range(1, 11))
    statuses = {m: AttendanceStatus.ABSENT for m in (3, 4, 5, 7, 9, 10)} | {6: AttendanceStatus.LEAVE}
    _monthly(org, branch, member, statuses)  # no meeting listed the member in August
    assert _judged(org)["党员乙"][0].data["absent"] == [M(7), M(9), M(10)]
    assert _severity(org, "党员乙") == Severity.YELLOW


def test_a_meeting_dated_after_the_check_date_does_not_count_for_it(org, branch, member):
    _pay(member, range(1, 11))
    _monthly(org, branch, member, {m: AttendanceStatus.ABSENT for m in range(5, 11)})
    assert _severity(org, "党员乙", dt.date(2026, 10, 31)) == Severity.RED
    late = _meeting(org, branch, dt.date(2026, 10, 30))
    Attendance.objects.create(meeting=late, person=member, status=AttendanceStatus.PRESENT)
    assert _severity(org, "党员乙", dt.date(2026, 10, 29)) == Severity.YELLOW  # October not yet over: 5 months
    assert _severity(org, "党员乙", dt.date(2026, 10, 31)) is None


# --- through the runner -----------------------------------------------------------------------------------


def test_the_finding_goes_to_the_branch_secretary_turns_red_and_closes_when_paid(org, member, secretary):
    _pay(member, range(1, 5))  # May onwards unpaid: five months on 5 October, six on 25 November
    run_checks(organ_id=org.organ.pk, as_of=dt.date(2026, 10, 5), codes=["PL-015"])
    finding = Finding.objects.get(rule_code="PL-015")
    assert (finding.severity, finding.subject_repr, finding.responsible_person) == ("yellow", "党员乙", secretary)
    assert finding.subject_link == f"/partylife/dues/?person={member.pk}" and finding.period == ""
    run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=["PL-015"])
    finding.refresh_from_db()
    assert finding.severity == "red" and Finding.objects.filter(rule_code="PL-015").count() == 1
    DuesRecordFactory(person=member, month=OCTOBER, paid_on=dt.date(2026, 11, 20))
    run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=["PL-015"])
    finding.refresh_from_db()
    assert finding.status == "closed"
