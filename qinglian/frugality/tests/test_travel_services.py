"""差旅 services: a trip and its lines saved together (the trip's history and updated_at move with a line), the band
from the rank on the day of departure, dates out of order and other refusals in Chinese with nothing written,
nobody recording their own trip, withdrawal with a reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.frugality.choices import EntrySource, SeatClass, TransportMode, TravelBand
from qinglian.frugality.models import Trip, TripStay, TripTicket
from qinglian.frugality.services.travel import StayLine, TicketLine, band_for, trip_delete, trip_save
from qinglian.org.choices import Rank
from qinglian.org.tests.factories import PersonFactory

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def traveller(org):
    return PersonFactory(organ=org.organ, unit=org.unit_b, name="李出差", rank=Rank.CLERK_1)


def _trip(org, traveller, **kw) -> Trip:
    values = {
        "organ": org.organ,
        "traveller": traveller,
        "purpose": "参加立法业务培训",
        "start_on": D(2026, 3, 10),
        "end_on": D(2026, 3, 12),
        "approved_on": D(2026, 3, 5),
        "meal_days": 3,
        "meal_amount": Decimal("300"),
        "transport_days": 3,
        "transport_amount": Decimal("240"),
        "voucher_no": "记-0310",
        "paid_on": D(2026, 3, 20),
    }
    return Trip(**(values | kw))


STAY = StayLine("北京", "北京", D(2026, 3, 10), D(2026, 3, 12), 2, Decimal("900"))
TICKET = TicketLine(D(2026, 3, 10), TransportMode.HIGH_SPEED, SeatClass.HSR_SECOND, "临江", "北京", Decimal("620"))


def test_a_trip_is_recorded_with_its_lines_the_band_from_the_rank_and_the_total(org, traveller, finance_officer):
    trip = trip_save(trip=_trip(org, traveller, band=""), stays=[STAY], tickets=[TICKET], by=finance_officer)
    trip.refresh_from_db()
    assert (trip.unit, trip.band, trip.entry_source) == (org.unit_b, TravelBand.OTHER, EntrySource.MANUAL)
    assert trip.total_amount == Decimal("2060.00")
    assert [s.city for s in trip.stays.all()] == ["北京"] and trip.tickets.get().to_city == "北京"
    assert trip.history.first().history_change_reason == "录入差旅"


def test_a_leaders_band_defaults_to_department_from_the_rank_on_the_day_of_departure(org, finance_officer):
    with clock.replaying(moment(D(2025, 1, 2))):
        leader = PersonFactory(organ=org.organ, unit=org.unit_a, rank=Rank.BUREAU_CHIEF)
    with clock.replaying(moment(D(2026, 1, 5))):
        leader.rank = Rank.DEPARTMENT_DEPUTY
        leader.save()
    assert band_for(leader.pk, D(2025, 6, 1)) == TravelBand.OTHER
    assert band_for(leader.pk, D(2026, 3, 10)) == TravelBand.DEPARTMENT
    trip = trip_save(trip=_trip(org, leader, band=""), stays=[], tickets=[], by=finance_officer)
    assert trip.band == TravelBand.DEPARTMENT
    # The claim may state another band: the finance officer's entry stands.
    trip.band = TravelBand.PROVINCIAL
    assert trip_save(trip=trip, stays=[], tickets=[], by=finance_officer).band == TravelBand.PROVINCIAL


def test_editing_a_line_saves_the_trip_too_and_keeps_unchanged_lines(org, traveller, finance_officer):
    with clock.replaying(moment(D(2026, 3, 21))):
        trip = trip_save(trip=_trip(org, traveller), stays=[STAY], tickets=[TICKET], by=finance_officer)
    stay_id, before = trip.stays.get().pk, trip.updated_at
    dearer = StayLine("北京", "北京", D(2026, 3, 10), D(2026, 3, 12), 2, Decimal("1000"))
    with clock.replaying(moment(D(2026, 3, 25))):
        trip_save(trip=Trip.objects.get(pk=trip.pk), stays=[dearer], tickets=[TICKET], by=finance_officer)
    trip.refresh_from_db()
    assert trip.updated_at > before and trip.total_amount == Decimal("2160.00")
    assert trip.history.count() == 2 and trip.history.first().history_change_reason == "修改差旅"
    assert trip.stays.get().pk != stay_id and trip.tickets.count() == 1
    assert TripStay.history.filter(id=stay_id, history_type="-").exists()


@pytest.mark.parametrize(
    ("change", "stays", "message"),
    [
        ({"end_on": D(2026, 3, 9)}, [], "返回日期（2026-03-09）不能早于出发日期"),
        ({"paid_on": D(2026, 3, 11)}, [], "报销日期（2026-03-11）不能早于返回日期"),
        ({"approved_on": D(2099, 1, 1)}, [], "审批日期不能晚于今天"),
        ({}, [StayLine("北京", "北京", D(2026, 3, 9), D(2026, 3, 11), 2, Decimal(900))], "应在出差期间"),
        ({}, [StayLine("北京", "北京", D(2026, 3, 12), D(2026, 3, 11), 0, Decimal(0))], "离开日期不能早于到达日期"),
        ({}, [StayLine("北京", "北京", D(2026, 3, 10), D(2026, 3, 11), 2, Decimal(900))], "住宿2晚，超过"),
        ({}, [StayLine("北京", "北京", D(2026, 3, 10), D(2026, 3, 10), 0, Decimal(90))], "须填写住宿天数"),
        ({"purpose": "  "}, [], "请填写出差事由"),
        ({"meal_amount": Decimal("-1")}, [], "伙食补助费不能为负数"),
    ],
)
def test_refusals_are_chinese_and_write_nothing(org, traveller, finance_officer, change, stays, message):
    with pytest.raises(InvalidInput, match=message):
        trip_save(trip=_trip(org, traveller, **change), stays=stays, tickets=[], by=finance_officer)
    assert not Trip.all_objects.exists() and not TripStay.objects.exists()


def test_a_ticket_must_be_of_its_mode_and_inside_the_trip(org, traveller, finance_officer):
    wrong = TicketLine(D(2026, 3, 10), TransportMode.PLANE, SeatClass.HSR_FIRST, "临江", "北京", Decimal(500))
    with pytest.raises(InvalidInput, match="不属于交通工具"):
        trip_save(trip=_trip(org, traveller), stays=[], tickets=[wrong], by=finance_officer)
    late = TicketLine(D(2026, 3, 13), TransportMode.HIGH_SPEED, SeatClass.HSR_SECOND, "北京", "临江", Decimal(600))
    with pytest.raises(InvalidInput, match="应在出差期间"):
        trip_save(trip=_trip(org, traveller), stays=[], tickets=[late], by=finance_officer)
    assert not TripTicket.objects.exists()


def test_who_may_record(org, traveller, finance_officer, party_officer, cadre_same_unit, supervisor):
    for user in (party_officer, cadre_same_unit, supervisor):
        with pytest.raises(Forbidden):
            trip_save(trip=_trip(org, traveller), stays=[], tickets=[], by=user)
    with pytest.raises(Forbidden, match="责任人"):
        trip_save(trip=_trip(org, finance_officer.person), stays=[], tickets=[], by=finance_officer)
    with pytest.raises(InvalidInput, match="派驻纪检监察组"):
        trip_save(trip=_trip(org, supervisor.person), stays=[], tickets=[], by=finance_officer)
    with pytest.raises(InvalidInput, match="审批人不能是出差人本人"):
        trip_save(trip=_trip(org, traveller, approver=traveller), stays=[], tickets=[], by=finance_officer)
    assert not Trip.all_objects.exists()


def test_a_voucher_number_names_one_trip_and_an_import_needs_one(org, traveller, finance_officer):
    trip_save(trip=_trip(org, traveller), stays=[], tickets=[], by=finance_officer)
    with pytest.raises(Conflict, match="凭证号记-0310已用于另一条差旅记录"):
        trip_save(trip=_trip(org, traveller, start_on=D(2026, 4, 1), end_on=D(2026, 4, 1), paid_on=None), stays=[],
                  tickets=[], by=finance_officer)  # fmt: skip
    with pytest.raises(InvalidInput, match="须有凭证号"):
        trip_save(trip=_trip(org, traveller, voucher_no=""), stays=[], tickets=[], by=finance_officer, imported=True)
    imported = trip_save(trip=_trip(org, traveller, voucher_no="记-0999"), stays=[], tickets=[], by=finance_officer,
                         imported=True)  # fmt: skip
    imported.note = "更正"
    assert trip_save(trip=imported, stays=[], tickets=[], by=finance_officer).entry_source == EntrySource.IMPORTED


def test_withdrawal_needs_a_reason_and_is_audited(org, traveller, finance_officer):
    trip = trip_save(trip=_trip(org, traveller), stays=[STAY], tickets=[], by=finance_officer)
    with pytest.raises(InvalidInput, match="请填写删除原因"):
        trip_delete(trip=trip, by=finance_officer, reason=" ")
    trip_delete(trip=trip, by=finance_officer, reason="重复录入")
    assert not Trip.objects.exists() and Trip.all_objects.get().deleted_by == finance_officer
    assert AuditEvent.objects.filter(action="record_deleted", detail__reason="重复录入").exists()
    with pytest.raises(Conflict, match="已删除"):
        trip_save(trip=trip, stays=[], tickets=[], by=finance_officer)
    # The voucher number is free again once its trip is withdrawn.
    trip_save(trip=_trip(org, traveller), stays=[], tickets=[], by=finance_officer)
