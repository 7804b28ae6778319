"""PL-020 失去联系党员 (《中国共产党党员教育管理工作条例》第二十四条) at its boundaries and as the register stood on the
day checked.

The months and years are counted by core.workdays (民法典第二百零一条至第二百零三条): from the day contact was lost
(not counted) to the corresponding day, the month's last day when it has none, a rest day moved to the next working
day. The member has been out of touch that long on that day. The 2026 calendar: Spring Festival 2-15…2-23, working
Saturdays 2-14 and 2-28; National Day 10-1…10-7, working Saturday 10-10.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import timezone

from qinglian.compliance.choices import Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Context, Params, Subject, Verdict
from qinglian.core import clock
from qinglian.org.choices import BranchPost
from qinglian.org.models import BranchCommitteeMember, Person
from qinglian.org.tests.factories import BranchFactory, PersonFactory, PersonnelEventFactory
from qinglian.partylife.models import LostContact

pytestmark = pytest.mark.django_db

CODE = "PL-020"
SHIPPED = next(
    entry["values"]
    for entry in json.loads((Path(__file__).parents[1] / "rule_params.json").read_text(encoding="utf-8"))["sets"]
    if entry["rule_code"] == CODE
)
ONE_DAY = dt.timedelta(days=1)
EARLY = dt.date(2025, 1, 6)  # when the people and the branch were entered


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _check(as_of: dt.date, lost_since: dt.date, **data) -> Verdict | None:
    """The pure check over one record: `data` may give found_on, suspended_on, removed_on."""
    rule = RULES[CODE]
    params = Params(rule.parse_params(SHIPPED))
    values = {"in_organ": True, "lost_since": lost_since, "found_on": None, "suspended_on": None, "removed_on": None}
    values |= data
    subject = Subject(type="partylife.lostcontact", id="1", label="党员甲", data=values)
    return rule.check(subject, params, Context(organ_id=1, as_of=as_of, params=params))


def _run(organ_id: int, as_of: dt.date) -> list[tuple[Subject, Verdict | None]]:
    rule = RULES[CODE]
    params = Params(rule.parse_params(SHIPPED))
    ctx = Context(organ_id=organ_id, as_of=as_of, params=params)
    return [(subject, rule.check(subject, params, ctx)) for subject in rule.collect(ctx)]


def _severity(verdict: Verdict | None) -> str | None:
    return verdict.severity if verdict else None


# --- the months and years at their boundaries (pure check) ------------------------------------------------------


def test_the_shipped_figures_are_the_articles_and_say_how_they_are_counted():
    assert SHIPPED == {"warn_months": 3, "suspend_months": 6, "remove_years": 2}
    periods = {p.name: p.period for p in RULES[CODE].params}
    assert periods == {"warn_months": "months", "suspend_months": "months", "remove_years": "years"}
    assert "第二十四条" in RULES[CODE].basis


def test_five_months_and_a_day_short_of_six_is_yellow_and_six_is_red():
    lost = dt.date(2026, 1, 15)  # six months end on Wednesday 15 July
    assert _check(dt.date(2026, 4, 14), lost) is None  # three months end on 15 April
    warned = _check(dt.date(2026, 4, 15), lost)
    assert warned.severity == Severity.YELLOW and warned.due == dt.date(2026, 7, 15)
    assert "已满3个月" in warned.reason and "至2026年07月15日满6个月" in warned.reason
    assert _severity(_check(dt.date(2026, 6, 15), lost)) == Severity.YELLOW  # five months
    assert _severity(_check(dt.date(2026, 7, 14), lost)) == Severity.YELLOW
    red = _check(dt.date(2026, 7, 15), lost)
    assert red.severity == Severity.RED and red.due == dt.date(2026, 7, 15)
    assert red.reason == (
        "党员甲自2026年01月15日起与党组织失去联系，至2026年07月15日已满6个月，"
        "未登记停止党籍决定，应按条例第二十四条作出停止党籍处理"
    )


def test_a_month_end_without_the_corresponding_day_ends_on_the_last_day_a_working_saturday_included():
    # Lost on 31 August 2025: six months end on 28 February 2026 (no 31st), a 调休 working Saturday — it stays.
    lost = dt.date(2025, 8, 31)
    assert _severity(_check(dt.date(2026, 2, 27), lost)) == Severity.YELLOW
    red = _check(dt.date(2026, 2, 28), lost)
    assert red.severity == Severity.RED and red.due == dt.date(2026, 2, 28)
    # Lost on 31 March: three months end on 30 June (Tuesday).
    assert _check(dt.date(2026, 6, 29), dt.date(2026, 3, 31)) is None
    assert _severity(_check(dt.date(2026, 6, 30), dt.date(2026, 3, 31))) == Severity.YELLOW


def test_six_months_ending_in_a_holiday_run_to_the_next_working_day():
    lost = dt.date(2026, 4, 1)  # 1 October is National Day: the six months end on Thursday 8 October
    assert _check(dt.date(2026, 10, 7), lost).severity == Severity.YELLOW
    red = _check(dt.date(2026, 10, 8), lost)
    assert red.severity == Severity.RED and red.due == dt.date(2026, 10, 8)
    spring = dt.date(2025, 8, 20)  # 20 February 2026 is in the Spring Festival: to Tuesday 24 February
    assert _check(dt.date(2026, 2, 23), spring).severity == Severity.YELLOW
    assert _check(dt.date(2026, 2, 24), spring).due == dt.date(2026, 2, 24)


def test_three_months_ending_in_a_holiday_warn_after_it():
    lost = dt.date(2026, 7, 1)  # 1 October → 8 October
    assert _check(dt.date(2026, 10, 7), lost) is None
    assert _check(dt.date(2026, 10, 8), lost).severity == Severity.YELLOW


def test_two_years_after_the_suspension_without_removal_is_red():
    suspended = dt.date(2024, 2, 29)  # two years end on 28 February 2026 (no 29th), a working Saturday
    data = {"suspended_on": suspended}
    assert _check(dt.date(2024, 3, 1), dt.date(2023, 8, 1), **data) is None  # suspended in time: nothing to do
    assert _check(dt.date(2026, 2, 27), dt.date(2023, 8, 1), **data) is None
    red = _check(dt.date(2026, 2, 28), dt.date(2023, 8, 1), **data)
    assert red.severity == Severity.RED and red.due == dt.date(2026, 2, 28)
    assert red.reason == (
        "党员甲于2024年02月29日停止党籍，至2026年02月28日已满2年仍未取得联系，应按条例第二十四条按照自行脱党予以除名"
    )
    holiday = {"suspended_on": dt.date(2024, 10, 1)}  # 1 October 2026 → 8 October
    assert _check(dt.date(2026, 10, 7), dt.date(2024, 3, 1), **holiday) is None
    assert _check(dt.date(2026, 10, 8), dt.date(2024, 3, 1), **holiday).due == dt.date(2026, 10, 8)


def test_found_again_or_removed_closes_the_case():
    lost = dt.date(2025, 1, 10)
    assert _check(dt.date(2026, 6, 1), lost, found_on=dt.date(2025, 9, 1)) is None
    suspended = {"suspended_on": dt.date(2025, 8, 1)}
    assert _check(dt.date(2028, 6, 1), lost, **suspended, found_on=dt.date(2026, 1, 5)) is None
    assert _check(dt.date(2028, 6, 1), lost, **suspended, removed_on=dt.date(2027, 8, 2)) is None


# --- the register as it stood on the day checked ----------------------------------------------------------------


@pytest.fixture
def branch(org):
    with clock.replaying(_at(EARLY)):
        branch = BranchFactory(organ=org.organ, name="机关第一党支部", established_on=dt.date(2020, 1, 1))
        secretary = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="书记甲")
        BranchCommitteeMember.objects.create(
            organ=org.organ, branch=branch, person=secretary, post=BranchPost.SECRETARY, start=dt.date(2024, 1, 1)
        )
    return branch


@pytest.fixture
def member(org, branch):
    with clock.replaying(_at(EARLY)):
        return PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="党员乙")


def _record(member, day: dt.date | None = None, **values) -> LostContact:
    """A record entered on `day` (today when None)."""
    record = LostContact(organ=member.organ, person=member, lost_since=dt.date(2026, 1, 15), **values)
    if day is None:
        record.save()
    else:
        with clock.replaying(_at(day)):
            record.save()
    return record


def test_a_record_entered_after_the_day_counts_when_contact_was_lost_by_then(org, member):
    record = _record(member)  # typed in today (back-filled)
    assert record.created_at.date() > dt.date(2026, 7, 15)
    [(subject, verdict)] = _run(org.organ.pk, dt.date(2026, 7, 15))
    assert subject.id == str(record.pk) and subject.label == "党员乙" and verdict.severity == Severity.RED
    assert subject.link == f"/partylife/lost-contact/{record.pk}/" and subject.unit_id == org.unit_a.pk
    assert subject.person_id == Person.objects.get(name="书记甲").pk  # the branch secretary follows it up
    assert _run(org.organ.pk, dt.date(2026, 1, 14)) == []  # contact not yet lost on that day


def test_found_suspended_and_removed_dated_after_the_day_are_not_known_on_it(org, branch, member):
    record = _record(member, found_on=dt.date(2026, 7, 20))
    [(_, verdict)] = _run(org.organ.pk, dt.date(2026, 7, 17))
    assert verdict.severity == Severity.RED  # found three days later
    [(subject, verdict)] = _run(org.organ.pk, dt.date(2026, 7, 20))
    assert verdict is None and subject.data["found_on"] == dt.date(2026, 7, 20)  # still collected: the finding closes
    LostContact.objects.filter(pk=record.pk).update(
        found_on=None, suspended_on=dt.date(2026, 7, 20), removed_on=dt.date(2028, 7, 21)
    )
    assert _severity(_run(org.organ.pk, dt.date(2026, 7, 17))[0][1]) == Severity.RED  # suspended after the day
    assert _run(org.organ.pk, dt.date(2026, 7, 20))[0][1] is None
    assert _severity(_run(org.organ.pk, dt.date(2028, 7, 20))[0][1]) == Severity.RED  # removed the day after
    assert _run(org.organ.pk, dt.date(2028, 7, 21))[0][1] is None


def test_a_record_withdrawn_after_the_day_still_stood_on_it_and_one_withdrawn_before_did_not(org, member):
    record = _record(member, dt.date(2026, 2, 2))
    record.deleted_at = _at(dt.date(2026, 8, 3))
    record.save()
    assert len(_run(org.organ.pk, dt.date(2026, 8, 2))) == 1
    assert _run(org.organ.pk, dt.date(2026, 8, 3)) == []


def test_the_secretary_and_unit_are_those_of_the_day(org, branch, member):
    _record(member, dt.date(2026, 2, 2))
    with clock.replaying(_at(dt.date(2026, 9, 1))):
        member.unit = org.unit_b
        member.save()
        BranchCommitteeMember.objects.filter(branch=branch).update(end=dt.date(2026, 8, 31))
        successor = PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="书记丙")
        BranchCommitteeMember.objects.create(
            organ=org.organ, branch=branch, person=successor, post=BranchPost.SECRETARY, start=dt.date(2026, 9, 1)
        )
    [(before, _)] = _run(org.organ.pk, dt.date(2026, 8, 31))
    assert before.unit_id == org.unit_a.pk and before.person_id == Person.objects.get(name="书记甲").pk
    [(after, _)] = _run(org.organ.pk, dt.date(2026, 9, 1))
    assert after.unit_id == org.unit_b.pk and after.person_id == successor.pk


def test_the_runner_raises_the_finding_for_the_secretary_and_closes_it_when_found(org, member):
    record = _record(member, dt.date(2026, 2, 2))
    result = run_checks(organ_id=org.organ.pk, as_of=dt.date(2026, 5, 6), codes=[CODE])
    assert result.errors == []
    finding = Finding.objects.get(rule_code=CODE)
    assert (finding.severity, finding.subject_id, finding.due_date) == ("yellow", str(record.pk), dt.date(2026, 7, 15))
    assert finding.responsible_person.name == "书记甲" and finding.subject_repr == "党员乙"
    run_checks(organ_id=org.organ.pk, as_of=dt.date(2026, 7, 15), codes=[CODE])
    finding.refresh_from_db()
    assert finding.severity == "red"
    LostContact.objects.filter(pk=record.pk).update(found_on=dt.date(2026, 7, 16))
    run_checks(organ_id=org.organ.pk, as_of=dt.date(2026, 7, 16), codes=[CODE])
    finding.refresh_from_db()
    assert finding.status == "closed"


def test_a_member_transferred_out_is_no_longer_the_organs_case(org, member):
    _record(member, dt.date(2026, 2, 2))
    PersonnelEventFactory(organ=org.organ, person=member, kind="transfer_out", date=dt.date(2026, 8, 3))
    [(subject, verdict)] = _run(org.organ.pk, dt.date(2026, 8, 2))
    assert subject.data["in_organ"] and verdict.severity == Severity.RED
    [(subject, verdict)] = _run(org.organ.pk, dt.date(2026, 8, 3))
    assert not subject.data["in_organ"] and verdict is None and subject.label == "党员乙"  # still yielded: it closes
