"""廉政谈话 services and selectors: what a talk must say, the refusals in Chinese (nothing written), attendance of a
collective talk, withdrawal, and the talks expected after personnel events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.integrity.choices import IntegrityTalkKind
from qinglian.integrity.models import IntegrityTalk, TalkAttendance
from qinglian.integrity.selectors import talks as selectors
from qinglian.integrity.services.talks import AttendanceLine, talk_delete, talk_save
from qinglian.integrity.tests.factories import TalkFactory
from qinglian.org.tests.factories import PersonFactory, PersonnelEventFactory

TODAY = timezone.localdate()


def _talk(org, talker, subject=None, **extra) -> IntegrityTalk:
    values = {
        "organ": org.organ,
        "kind": IntegrityTalkKind.PRE_APPOINTMENT,
        "date": TODAY,
        "talker": talker,
        "subject": subject,
    }
    return IntegrityTalk(**(values | extra))


def test_a_one_to_one_talk_is_recorded_in_the_subjects_unit(org, personnel_officer, leader, cadre_other_unit):
    talk = talk_save(talk=_talk(org, leader.person, cadre_other_unit.person, points=" 严守纪律 "), by=personnel_officer)
    talk.refresh_from_db()
    assert (talk.unit, talk.points, talk.recorded_by) == (org.unit_b, "严守纪律", personnel_officer)
    assert talk.history.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"subject": None}, "须填写谈话对象"),
        ({"subject": "talker"}, "谈话人与谈话对象不能是同一人"),
        ({"date": TODAY + dt.timedelta(days=1)}, "谈话日期不能晚于今天"),
        ({"kind": IntegrityTalkKind.COLLECTIVE}, "集体廉政谈话不填谈话对象"),
    ],
)
def test_refusals_are_chinese_and_write_nothing(org, party_officer, leader, cadre_other_unit, change, message):
    if change.get("subject") == "talker":
        change = {"subject": leader.person}
    talk = _talk(org, leader.person, cadre_other_unit.person) if "subject" not in change else None
    talk = talk or _talk(org, leader.person, change.pop("subject"))
    for key, value in change.items():
        setattr(talk, key, value)
    with pytest.raises(InvalidInput, match=message):
        talk_save(talk=talk, by=party_officer)
    assert not IntegrityTalk.all_objects.exists()


def test_only_the_writers_record(org, cadre_same_unit, unit_head, supervisor, leader, cadre_other_unit):
    for user in (cadre_same_unit, unit_head, supervisor):
        with pytest.raises(Forbidden, match="只有机关党委、组织人事专责人员或党组成员"):
            talk_save(talk=_talk(org, leader.person, cadre_other_unit.person), by=user)
    assert not IntegrityTalk.all_objects.exists()


def test_a_linked_event_must_be_the_subjects(org, party_officer, leader, cadre_same_unit, cadre_other_unit):
    theirs = PersonnelEventFactory(person=cadre_same_unit.person, date=TODAY - dt.timedelta(days=3))
    talk = _talk(org, leader.person, cadre_other_unit.person, event=theirs)
    with pytest.raises(InvalidInput, match="与谈话对象不一致"):
        talk_save(talk=talk, by=party_officer)
    retired = PersonnelEventFactory(person=cadre_other_unit.person, kind="retirement", date=TODAY)
    with pytest.raises(InvalidInput, match="只有提拔、任职、转岗、调入"):
        talk_save(talk=_talk(org, leader.person, cadre_other_unit.person, event=retired), by=party_officer)
    # a 任前 talk may come before the event it answers
    ahead = PersonnelEventFactory(person=cadre_other_unit.person, date=TODAY, to_unit=org.unit_a)
    saved = talk_save(
        talk=_talk(org, leader.person, cadre_other_unit.person, event=ahead, date=TODAY - dt.timedelta(days=10)),
        by=party_officer,
    )
    assert saved.unit == org.unit_a  # the event's new unit
    assert IntegrityTalk.objects.count() == 1


def _collective(org, talker):
    return _talk(org, talker, None, kind=IntegrityTalkKind.COLLECTIVE, topic="新任职干部集体廉政谈话")


def test_a_collective_talk_records_who_was_expected_present_or_absent(org, party_officer, leader):
    people = [PersonFactory(organ=org.organ, unit=org.unit_a) for _ in range(3)]
    lines = [
        AttendanceLine(people[0].pk),
        AttendanceLine(people[1].pk),
        AttendanceLine(people[2].pk, present=False, reason="出差"),
    ]
    talk = talk_save(talk=_collective(org, leader.person), by=party_officer, attendance=lines)
    rows = {a.person_id: (a.present, a.absence_reason) for a in talk.attendance.all()}
    assert rows == {people[0].pk: (True, ""), people[1].pk: (True, ""), people[2].pk: (False, "出差")}
    # an edit replaces the list, keeping the rows of those who stay
    kept = TalkAttendance.objects.get(talk=talk, person=people[0])
    talk_save(talk=talk, by=party_officer, attendance=[lines[0], AttendanceLine(people[1].pk, False, "病假")])
    assert TalkAttendance.objects.filter(talk=talk).count() == 2
    assert TalkAttendance.objects.get(talk=talk, person=people[0]).pk == kept.pk
    assert TalkAttendance.objects.get(talk=talk, person=people[1]).absence_reason == "病假"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "须登记应参加人员"),
        ([AttendanceLine(0, present=False)], "缺席人员须填写缺席原因"),
        ([AttendanceLine(0), AttendanceLine(0)], "重复人员"),
        ([AttendanceLine(0, present=False, reason="病假")], "至少须有一人出席"),
    ],
)
def test_collective_attendance_refusals(org, party_officer, leader, lines, message):
    person = PersonFactory(organ=org.organ, unit=org.unit_a)
    lines = [AttendanceLine(person.pk, line.present, line.reason) for line in lines]
    with pytest.raises(InvalidInput, match=message):
        talk_save(talk=_collective(org, leader.person), by=party_officer, attendance=lines)
    assert not IntegrityTalk.all_objects.exists() and not TalkAttendance.objects.exists()


def test_one_to_one_talks_take_no_attendance(org, party_officer, leader, cadre_other_unit, cadre_same_unit):
    with pytest.raises(InvalidInput, match="一对一谈话不登记参加人员"):
        talk_save(
            talk=_talk(org, leader.person, cadre_other_unit.person),
            by=party_officer,
            attendance=[AttendanceLine(cadre_same_unit.person_id)],
        )


def test_withdrawing_needs_a_reason_and_is_audited(org, party_officer, leader, cadre_other_unit):
    talk = TalkFactory(talker=leader.person, subject=cadre_other_unit.person)
    with pytest.raises(InvalidInput, match="请填写删除原因"):
        talk_delete(talk=talk, by=party_officer, reason=" ")
    talk_delete(talk=talk, by=party_officer, reason="重复登记")
    assert not IntegrityTalk.objects.filter(pk=talk.pk).exists()
    assert IntegrityTalk.all_objects.get(pk=talk.pk).deleted_by == party_officer
    assert AuditEvent.objects.filter(action="record_deleted").exists()
    with pytest.raises(InvalidInput, match="已被删除"):
        talk_save(talk=talk, by=party_officer)


# --- the talks expected after personnel events -----------------------------------------------------------


def test_expected_talks_match_linked_and_recent_unlinked_talks(org, personnel_officer, leader, cadre_other_unit):
    person = cadre_other_unit.person
    promoted = PersonnelEventFactory(person=person, kind="promotion", date=dt.date(2026, 3, 2))
    moved = PersonnelEventFactory(person=person, kind="transfer", date=dt.date(2026, 6, 1), to_unit=org.unit_b)
    PersonnelEventFactory(person=person, kind="retirement", date=dt.date(2026, 7, 1))  # expects nothing
    # unlinked, 20 days before the promotion: answers it; linked to the move, late
    TalkFactory(talker=leader.person, subject=person, date=dt.date(2026, 2, 10))
    TalkFactory(
        talker=leader.person, subject=person, kind=IntegrityTalkKind.TRANSFER, event=moved, date=dt.date(2026, 8, 3)
    )
    rows = {
        r.event_id: r
        for r in selectors.expected_talks_on(
            organ_id=org.organ.pk,
            as_of=dt.date(2026, 9, 1),
            since=dt.date(2025, 1, 1),
            talk_days=20,
            warn_days=5,
        )
    }
    assert set(rows) == {promoted.pk, moved.pk}
    assert (rows[promoted.pk].talk_date, rows[promoted.pk].state) == (dt.date(2026, 2, 10), "held")
    assert rows[moved.pk].state == "late" and rows[moved.pk].due == dt.date(2026, 6, 30)  # 端午 (19 June) is a holiday
    # on a day before the move's talk, it had not been held
    before = selectors.expected_talks_on(
        organ_id=org.organ.pk, as_of=dt.date(2026, 7, 1), since=dt.date(2025, 1, 1), talk_days=20, warn_days=5
    )
    assert [r.state for r in before if r.event_id == moved.pk] == ["overdue"]


def test_a_cadre_sees_only_their_own_expected_talks(org, personnel_officer, cadre_same_unit, cadre_other_unit):
    mine = PersonnelEventFactory(person=cadre_same_unit.person, date=TODAY - dt.timedelta(days=5))
    PersonnelEventFactory(person=cadre_other_unit.person, date=TODAY - dt.timedelta(days=5))
    assert [r.event_id for r in selectors.expected_talks(cadre_same_unit)] == [mine.pk]
    assert len(selectors.expected_talks(personnel_officer)) == 2
