"""Meetings, agenda items and their computed deadlines; submissions and receipts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.npc.choices import AgendaKind, NpcMeetingKind
from qinglian.npc.models import MeetingAgendaItem, NpcMeeting
from qinglian.npc.services import meetings as m
from qinglian.npc.tests.factories import ExternalUnitFactory

D = dt.date


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def office(desks, cadre_other_unit):
    """The materials desk is unit B (conftest)."""
    return cadre_other_unit


def _meeting(office, day, kind=NpcMeetingKind.STANDING):
    return m.npc_meeting_save(meeting=NpcMeeting(kind=kind, number="第30次", date=day), by=office)


def _item(office, meeting, unit, *, special=False, kind=AgendaKind.REPORT_REVIEW):
    item = MeetingAgendaItem(
        meeting=meeting,
        title="关于本市养老服务工作情况的报告",
        kind=kind,
        submitting_unit=unit,
        is_special_report=special,
    )
    return m.agenda_item_save(item=item, by=office)


def test_a_standing_meeting_item_is_due_ten_working_days_before_skipping_dragon_boat(org, office):
    item = _item(office, _meeting(office, D(2026, 6, 25)), ExternalUnitFactory(organ=org.organ))
    assert item.deadline == D(2026, 6, 10)  # 6-19 is 端午 (a Friday)
    assert item.final_deadline is None and item.order == 1


def test_a_special_report_has_the_supervision_law_deadlines_moved_back_off_holidays(org, office):
    item = _item(office, _meeting(office, D(2026, 10, 15)), ExternalUnitFactory(organ=org.organ), special=True)
    # 20 days before = 9-25 (中秋, a holiday) → 9-24; 10 days before = 10-05 (国庆) → 9-30, the last working day.
    assert item.deadline == D(2026, 9, 24)
    assert item.final_deadline == D(2026, 9, 30)


def test_a_chairpersons_meeting_counts_five_working_days_across_the_make_up_saturday(org, office):
    meeting = _meeting(office, D(2026, 10, 15), kind=NpcMeetingKind.CHAIRPERSONS)
    item = _item(office, meeting, org.unit_a, kind=AgendaKind.OTHER)
    assert item.deadline == D(2026, 10, 9)  # 14, 13, 12, Saturday 10 (调休上班), 9


def test_moving_the_meeting_moves_its_deadlines(org, office):
    meeting = _meeting(office, D(2026, 6, 25))
    item = _item(office, meeting, ExternalUnitFactory(organ=org.organ))
    meeting.date = D(2026, 7, 2)
    m.npc_meeting_save(meeting=meeting, by=office)
    item.refresh_from_db()
    assert item.deadline == D(2026, 6, 17)


def test_versions_count_up_and_the_office_signs_the_receipt(org, office, cadre_same_unit):
    item = _item(office, _meeting(office, D(2026, 6, 25)), org.unit_a)
    first = m.material_submit(item=item, submitted_at=_at(D(2026, 6, 9)), by=cadre_same_unit)
    second = m.material_submit(item=item, submitted_at=_at(D(2026, 6, 12)), by=cadre_same_unit, is_final=True)
    assert (first.version, second.version) == (1, 2)
    assert first.submitter == "cadre_same_unit"  # the person's name when none is typed
    with pytest.raises(Forbidden):
        m.material_receive(submission=first, received_at=_at(D(2026, 6, 9), 11), received_by=None, by=cadre_same_unit)
    m.material_receive(submission=first, received_at=_at(D(2026, 6, 9), 11), received_by=office.person, by=office)
    assert first.received_by == office.person
    with pytest.raises(InvalidInput, match="签收时间不能早于报送时间"):
        m.material_receive(submission=second, received_at=_at(D(2026, 6, 12), 9), received_by=office.person, by=office)


def test_a_unit_cannot_submit_for_another_units_item(org, office, cadre_same_unit):
    item = _item(office, _meeting(office, D(2026, 6, 25)), ExternalUnitFactory(organ=org.organ))
    with pytest.raises(Forbidden, match="只能为本单位承担的议题报送材料"):
        m.material_submit(item=item, submitted_at=_at(D(2026, 6, 9)), by=cadre_same_unit)


def test_only_the_materials_desk_keeps_meetings(desks, cadre_same_unit):
    with pytest.raises(Forbidden):
        _meeting(cadre_same_unit, D(2026, 6, 25))
