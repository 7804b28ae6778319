"""失去联系党员 writes: recorded by the branch secretary, followed up, corrected and withdrawn by the office; every
refusal in Chinese and with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.org.choices import BranchPost, PartyStatus
from qinglian.org.models import BranchCommitteeMember
from qinglian.org.tests.factories import BranchFactory, OrganFactory, PersonFactory, UnitFactory
from qinglian.partylife.choices import Holder, LostContactStatus, MeetingKind
from qinglian.partylife.models import LostContact, Meeting
from qinglian.partylife.services.contact import (
    ContactDates,
    lost_contact_add,
    lost_contact_delete,
    lost_contact_update,
)

LOST = dt.date(2026, 1, 15)
SEARCHES = "1月16日起电话、微信联系未果；2月走访家属，去向不明"
TOMORROW = clock.today() + dt.timedelta(days=1)


@pytest.fixture
def branch(org):
    branch = BranchFactory(organ=org.organ, name="机关第一党支部")
    branch.units.add(org.unit_a)
    return branch


@pytest.fixture
def member(org, branch):
    return PersonFactory(organ=org.organ, unit=org.unit_a, branch=branch, name="党员甲")


@pytest.fixture
def secretary(org, branch, cadre_same_unit):
    """cadre_same_unit leads the member's branch."""
    BranchCommitteeMember.objects.create(
        organ=org.organ,
        branch=branch,
        person=cadre_same_unit.person,
        post=BranchPost.SECRETARY,
        start=dt.date(2024, 1, 1),
    )
    return cadre_same_unit


def _meeting(org, branch, day: dt.date, kind: str = MeetingKind.BRANCH_GENERAL_MEETING, **extra) -> Meeting:
    return Meeting.objects.create(
        organ=org.organ, branch=branch, kind=kind, date=day, topic="讨论党员停止党籍", **extra
    )


def _add(member, by, searches: str = SEARCHES, **dates) -> LostContact:
    return lost_contact_add(person=member, dates=ContactDates(**{"lost_since": LOST} | dates), searches=searches, by=by)


def _update(record, by, searches: str = SEARCHES, **dates) -> LostContact:
    values = {
        "lost_since": record.lost_since,
        "found_on": record.found_on,
        "suspended_on": record.suspended_on,
        "suspension_meeting": record.suspension_meeting,
        "removed_on": record.removed_on,
    }
    return lost_contact_update(record=record, dates=ContactDates(**values | dates), searches=searches, by=by)


def test_the_branch_secretary_records_a_member_of_the_branch(secretary, member):
    record = _add(member, secretary)
    assert (record.person, record.lost_since, record.status) == (member, LOST, LostContactStatus.SEARCHING)
    assert record.is_open and record.history.get().history_user == secretary


def test_a_case_already_further_on_is_entered_at_once(org, branch, party_officer, member):
    meeting = _meeting(org, branch, dt.date(2024, 8, 20))
    record = _add(
        member,
        party_officer,
        lost_since=dt.date(2024, 1, 10),
        suspended_on=dt.date(2024, 8, 20),
        suspension_meeting=meeting,
        removed_on=dt.date(2026, 8, 21),
    )
    assert record.status == LostContactStatus.REMOVED and not record.is_open


@pytest.mark.parametrize(
    ("dates", "searches", "message"),
    [
        ({"lost_since": TOMORROW}, SEARCHES, "失去联系日期不能晚于今天"),
        ({"found_on": TOMORROW}, SEARCHES, "重新取得联系日期不能晚于今天"),
        ({"found_on": LOST - dt.timedelta(days=1)}, SEARCHES, "重新取得联系日期不能早于失去联系日期"),
        ({"suspended_on": LOST - dt.timedelta(days=1)}, SEARCHES, "停止党籍日期不能早于失去联系日期"),
        ({"suspended_on": dt.date(2026, 7, 20)}, "  ", "停止党籍前须登记查找情况"),
        ({"removed_on": dt.date(2026, 7, 20)}, SEARCHES, "除名须在停止党籍之后：请先登记停止党籍日期"),
        (
            {"suspended_on": dt.date(2026, 7, 20), "removed_on": dt.date(2026, 7, 19)},
            SEARCHES,
            "除名日期不能早于停止党籍日期",
        ),
        (
            {"found_on": dt.date(2026, 7, 1), "suspended_on": dt.date(2026, 7, 20)},
            SEARCHES,
            "已于2026年07月01日重新取得联系，不能在此之后停止党籍",
        ),
        (
            {"found_on": dt.date(2026, 8, 1), "suspended_on": dt.date(2026, 7, 20), "removed_on": dt.date(2026, 9, 1)},
            SEARCHES,
            "重新取得联系日期和除名日期只能填写一个",
        ),
    ],
)
def test_impossible_dates_are_refused_and_nothing_is_written(party_officer, member, dates, searches, message):
    with pytest.raises(InvalidInput, match=message):
        _add(member, party_officer, searches=searches, **dates)
    assert not LostContact.all_objects.exists()


def test_the_deciding_meeting_is_a_branch_meeting_held_by_the_suspension(org, branch, party_officer, member):
    suspended = dt.date(2026, 7, 20)
    cases = [
        ({"suspension_meeting": _meeting(org, branch, suspended)}, "须同时填写停止党籍日期"),
        (
            {"suspended_on": suspended, "suspension_meeting": _meeting(org, branch, suspended, MeetingKind.THEME_DAY)},
            "应为本机关党支部的党员大会或支部委员会会议",
        ),
        (
            {
                "suspended_on": suspended,
                "suspension_meeting": Meeting.objects.create(
                    organ=org.organ,
                    holder=Holder.LEADING_GROUP,
                    kind=MeetingKind.LEADING_GROUP_MEETING,
                    date=suspended,
                    topic="党组会议",
                ),
            },
            "应为本机关党支部的党员大会或支部委员会会议",
        ),
        (
            {"suspended_on": suspended, "suspension_meeting": _meeting(org, branch, dt.date(2026, 7, 21))},
            "作出决定的会议（2026年07月21日）不能晚于停止党籍日期",
        ),
        (
            {"suspended_on": suspended, "suspension_meeting": _meeting(org, branch, dt.date(2026, 1, 14))},
            "作出决定的会议（2026年01月14日）不能早于失去联系日期",
        ),
    ]
    for dates, message in cases:
        with pytest.raises(InvalidInput, match=message):
            _add(member, party_officer, **dates)
    assert not LostContact.all_objects.exists()
    committee = _meeting(org, branch, dt.date(2026, 7, 17), MeetingKind.BRANCH_COMMITTEE_MEETING)
    record = _add(member, party_officer, suspended_on=suspended, suspension_meeting=committee)
    assert record.status == LostContactStatus.SUSPENDED and record.suspension_meeting == committee


def test_one_open_record_per_member(party_officer, member):
    first = _add(member, party_officer)
    with pytest.raises(InvalidInput, match="党员甲已有2026年01月15日起未结的失去联系记录，请在原记录上登记"):
        _add(member, party_officer, lost_since=dt.date(2026, 2, 1))
    _update(first, party_officer, found_on=dt.date(2026, 3, 2))
    again = _add(member, party_officer, lost_since=dt.date(2026, 5, 1))  # lost touch again: a new record
    assert again.is_open and LostContact.objects.count() == 2
    with pytest.raises(InvalidInput, match="未结的失去联系记录"):
        _update(first, party_officer, found_on=None)  # reopening the first would make two open records
    first.refresh_from_db()
    assert first.found_on == dt.date(2026, 3, 2)


def test_only_party_members_of_this_organ_are_recorded(org, branch, party_officer):
    masses = PersonFactory(
        organ=org.organ, unit=org.unit_a, branch=branch, name="群众乙", party_status=PartyStatus.MASSES
    )
    with pytest.raises(InvalidInput, match="群众乙不是中共党员"):
        _add(masses, party_officer)
    elsewhere = PersonFactory(unit=UnitFactory(organ=OrganFactory()), name="外机关丙")
    with pytest.raises(InvalidInput, match="外机关丙不是本机关人员"):
        _add(elsewhere, party_officer)
    assert not LostContact.all_objects.exists()


def test_other_committee_members_other_branches_and_unit_heads_may_not_record(
    org, branch, member, cadre_same_unit, cadre_other_unit, unit_head
):
    BranchCommitteeMember.objects.create(
        organ=org.organ, branch=branch, person=cadre_same_unit.person, post=BranchPost.ORGANIZATION, start=LOST
    )
    other = BranchFactory(organ=org.organ, name="机关第二党支部")
    BranchCommitteeMember.objects.create(
        organ=org.organ, branch=other, person=cadre_other_unit.person, post=BranchPost.SECRETARY, start=LOST
    )
    for user in (cadre_same_unit, cadre_other_unit, unit_head):
        with pytest.raises(Forbidden, match="只能登记本人任支部书记的党支部党员"):
            _add(member, user)
    assert not LostContact.all_objects.exists()


def test_the_secretary_follows_the_case_up_but_does_not_rewrite_it(org, branch, secretary, party_officer, member):
    record = _add(member, secretary, searches="电话联系未果")
    meeting = _meeting(org, branch, dt.date(2026, 7, 20))
    record = _update(record, secretary, suspended_on=dt.date(2026, 7, 20), suspension_meeting=meeting)
    assert record.status == LostContactStatus.SUSPENDED and record.searches == SEARCHES  # blanks filled, text grown
    for change, label in (
        ({"lost_since": dt.date(2026, 3, 1)}, "失去联系日期"),
        ({"suspended_on": dt.date(2026, 7, 21)}, "停止党籍日期"),
        ({"suspended_on": None, "suspension_meeting": None}, "停止党籍日期、作出停止党籍决定的会议"),
    ):
        with pytest.raises(Forbidden, match=f"已登记的{label}只能由机关党委专责人员更正"):
            _update(record, secretary, **change)
    record.refresh_from_db()
    assert (record.lost_since, record.suspended_on) == (LOST, dt.date(2026, 7, 20))
    corrected = _update(record, party_officer, lost_since=dt.date(2026, 1, 10))  # the office corrects
    assert corrected.lost_since == dt.date(2026, 1, 10)
    assert [h.history_user for h in corrected.history.order_by("history_id")] == [secretary, secretary, party_officer]


def test_an_update_with_bad_dates_changes_nothing(party_officer, member):
    record = _add(member, party_officer)
    with pytest.raises(InvalidInput, match="重新取得联系日期不能早于失去联系日期"):
        _update(record, party_officer, found_on=dt.date(2026, 1, 1))
    record.refresh_from_db()
    assert record.found_on is None


def test_only_the_office_withdraws_a_record_with_a_reason_into_the_audit_log(secretary, party_officer, member):
    record = _add(member, secretary)
    with pytest.raises(Forbidden, match="只有机关党委专责人员可以删除"):
        lost_contact_delete(record=record, by=secretary, reason="录错人员")
    with pytest.raises(InvalidInput, match="请填写删除原因"):
        lost_contact_delete(record=record, by=party_officer, reason=" ")
    assert LostContact.objects.filter(pk=record.pk).exists()
    lost_contact_delete(record=record, by=party_officer, reason="录错人员")
    assert not LostContact.objects.filter(pk=record.pk).exists()
    assert LostContact.all_objects.get(pk=record.pk).deleted_by == party_officer
    event = AuditEvent.objects.get(action="record_deleted", target_id=str(record.pk))
    assert event.detail["reason"] == "录错人员"
    assert _add(member, secretary).pk != record.pk  # a withdrawn record no longer holds the member's open case
