"""Writes of the travel ledger (差旅): the finance officer records a trip with its stays and tickets as one claim,
corrects it, or withdraws one entered by mistake.

A trip and its lines are saved together: the trip row is saved on every change of a stay or a ticket, so its
history and `updated_at` say when the claim changed. The band (出差人员级别) defaults to the traveller's rank on the
day of departure (正厅级、副厅级 → 厅局级, everyone else → 其他人员); the finance officer may set another, as the
claim states it. Dates out of order are refused; what the rules judge (a late approval, allowance days that differ
from the calendar, a class above the entitlement) is recorded as claimed, so the rules can find it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, astuple, dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from qinglian.core import asof, clock
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.core.writes import save_checked, stamp, withdraw
from qinglian.frugality.choices import SEAT_MODE, EntrySource, SeatClass, TransportMode, TravelBand
from qinglian.frugality.models import Trip, TripStay, TripTicket
from qinglian.frugality.permissions import can_keep_ledgers
from qinglian.org.choices import Rank, UnitKind
from qinglian.org.models import Person, Unit
from qinglian.org.permissions import refuse_own_stake
from qinglian.org.scope import scope_of

KEEP_ONLY = "只有财务专责人员可以录入和修改差旅台账"
DEPARTMENT_RANKS = frozenset({Rank.DEPARTMENT_CHIEF, Rank.DEPARTMENT_DEPUTY})
IMPORT_REASON = "财务导入"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class StayLine:
    """One stay of a claim: nights in one city and the lodging paid for them."""

    province: str
    city: str
    arrive_on: dt.date
    leave_on: dt.date
    nights: int
    lodging_amount: Decimal = ZERO


@dataclass(frozen=True)
class TicketLine:
    """One ticket of a claim."""

    on: dt.date
    mode: str
    seat_class: str
    from_city: str = ""
    to_city: str = ""
    amount: Decimal = ZERO


def band_for(person_id: int, on: dt.date) -> str:
    """The travel band of a person's rank on `on` (read from history for a past day): 正厅级、副厅级 are 厅局级,
    everyone else 其他人员. 省部级 is never a default: a municipal organ has none, and the claim may say so."""
    rank = asof.values_on(Person, on, "rank", ids=[person_id]).get(person_id)
    if rank is None:
        rank = Person.all_objects.filter(pk=person_id).values_list("rank", flat=True).first()
    return TravelBand.DEPARTMENT if rank in DEPARTMENT_RANKS else TravelBand.OTHER


# --- checks (the import judges rows with the same ones) -----------------------------------------------------


def _not_future(day: dt.date | None, label: str) -> None:
    if day is not None and day > clock.today():
        raise InvalidInput(f"{label}不能晚于今天")


def check_trip_dates(
    *, start_on: dt.date | None, end_on: dt.date | None, approved_on: dt.date | None, paid_on: dt.date | None
) -> None:
    """The trip's own dates: departure and return given and in order; approval and reimbursement not in the future,
    reimbursement not before the return. An approval after departure is recorded (FRG-013 finds it)."""
    if start_on is None:
        raise InvalidInput("请填写出发日期")
    if end_on is None:
        raise InvalidInput("请填写返回日期")
    if end_on < start_on:
        raise InvalidInput(f"返回日期（{end_on:%Y-%m-%d}）不能早于出发日期（{start_on:%Y-%m-%d}）")
    _not_future(approved_on, "审批日期")
    _not_future(paid_on, "报销日期")
    if paid_on is not None and paid_on < end_on:
        raise InvalidInput(f"报销日期（{paid_on:%Y-%m-%d}）不能早于返回日期（{end_on:%Y-%m-%d}）")


def check_stay(line: StayLine, start_on: dt.date, end_on: dt.date) -> None:
    """A stay inside the trip, leaving after arriving, with no more nights than the days between."""
    if not line.province.strip() or not line.city.strip():
        raise InvalidInput("住宿须填写省份和城市")
    if len(line.province.strip()) > 30 or len(line.city.strip()) > 40:
        raise InvalidInput("省份最多30个字，城市最多40个字")
    where = f"{line.province.strip()} {line.city.strip()}"
    if line.leave_on < line.arrive_on:
        raise InvalidInput(f"{where}：离开日期不能早于到达日期")
    if line.arrive_on < start_on or line.leave_on > end_on:
        raise InvalidInput(
            f"{where}：住宿日期（{line.arrive_on:%Y-%m-%d}至{line.leave_on:%Y-%m-%d}）应在出差期间"
            f"（{start_on:%Y-%m-%d}至{end_on:%Y-%m-%d}）内"
        )
    most = (line.leave_on - line.arrive_on).days
    if line.nights < 0:
        raise InvalidInput(f"{where}：住宿天数不能为负数")
    if line.nights > most:
        raise InvalidInput(f"{where}：住宿{line.nights}晚，超过到达至离开之间的{most}晚")
    if line.lodging_amount < 0:
        raise InvalidInput(f"{where}：住宿费不能为负数")
    if line.lodging_amount > 0 and line.nights == 0:
        raise InvalidInput(f"{where}：有住宿费的须填写住宿天数（晚）")


def check_ticket(line: TicketLine, start_on: dt.date, end_on: dt.date) -> None:
    """A ticket inside the trip whose class belongs to its mode."""
    if line.mode not in TransportMode.values:
        raise InvalidInput("请选择交通工具")
    if line.seat_class not in SeatClass.values:
        raise InvalidInput("请选择座位/舱位")
    if SEAT_MODE[line.seat_class] != line.mode:
        mode, seat = TransportMode(line.mode).label, SeatClass(line.seat_class).label
        raise InvalidInput(f"座位/舱位“{seat}”不属于交通工具“{mode}”")
    if not start_on <= line.on <= end_on:
        raise InvalidInput(
            f"票据乘坐日期（{line.on:%Y-%m-%d}）应在出差期间（{start_on:%Y-%m-%d}至{end_on:%Y-%m-%d}）内"
        )
    if line.amount < 0:
        raise InvalidInput("票价不能为负数")
    if len(line.from_city.strip()) > 40 or len(line.to_city.strip()) > 40:
        raise InvalidInput("出发地、到达地最多40个字")


def _check_claim(trip: Trip) -> None:
    for label, value in (("伙食补助费", trip.meal_amount), ("市内交通费", trip.transport_amount)):
        if value is None or Decimal(value) < 0:
            raise InvalidInput(f"{label}不能为负数")
    for label, days in (("伙食补助天数", trip.meal_days), ("市内交通费天数", trip.transport_days)):
        if days is None or int(days) < 0:
            raise InvalidInput(f"{label}不能为负数")


def _check_people(trip: Trip) -> None:
    if trip.traveller_id is None:
        raise InvalidInput("请选择出差人")
    traveller = Person.all_objects.select_related("unit").filter(pk=trip.traveller_id).first()
    if traveller is None or traveller.organ_id != trip.organ_id or traveller.deleted_at is not None:
        raise InvalidInput("出差人不是本机关人员")
    if traveller.unit.kind == UnitKind.STATIONED:
        raise InvalidInput("派驻纪检监察组人员的差旅由派出机关保障，不在本机关差旅台账登记")
    if trip.unit_id is None:
        trip.unit_id = traveller.unit_id
    if not Unit.objects.filter(pk=trip.unit_id, organ_id=trip.organ_id, kind=UnitKind.INTERNAL).exists():
        raise InvalidInput("承办委室不属于本机关")
    if trip.approver_id is not None:
        if trip.approver_id == trip.traveller_id:
            raise InvalidInput("审批人不能是出差人本人")
        if not Person.all_objects.filter(pk=trip.approver_id, organ_id=trip.organ_id).exists():
            raise InvalidInput("审批人不是本机关人员")


def _check_voucher(trip: Trip, imported: bool) -> None:
    trip.voucher_no = (trip.voucher_no or "").strip()
    if imported and not trip.voucher_no:
        raise InvalidInput("财务导入的差旅须有凭证号")
    if trip.voucher_no:
        taken = Trip.objects.filter(organ_id=trip.organ_id, voucher_no=trip.voucher_no).exclude(pk=trip.pk)
        if taken.exists():
            raise Conflict(f"凭证号{trip.voucher_no}已用于另一条差旅记录")


def _own(trip: Trip, by: Any) -> None:
    if not can_keep_ledgers(by):
        raise Forbidden(KEEP_ONLY)
    organ_id = scope_of(by).organ_id
    if trip.organ_id is None:
        trip.organ_id = organ_id
    elif trip.organ_id != organ_id:
        raise Forbidden("不能修改其他机关的记录")


# --- writes --------------------------------------------------------------------------------------------------


@transaction.atomic
def trip_save(
    *,
    trip: Trip,
    stays: Sequence[StayLine],
    tickets: Sequence[TicketLine],
    by: Any,
    imported: bool = False,
) -> Trip:
    """Record a trip (or correct one) with all its stays and tickets: the lines given replace the trip's lines, and
    the trip is saved with them. An empty band ("") is the traveller's on the day of departure (the model's
    default 其他人员 is a value, not "unset": the forms, the API and the import pass "" when none is given). The
    total is the sum of lodging, tickets and the two allowances. Nobody records their own trip. `imported`: a
    finance import's row (voucher number required; the row stays 财务导入 when corrected later)."""
    _own(trip, by)
    refuse_own_stake(by, "录入本人的差旅", responsible_people=[trip.traveller_id])
    if trip.pk is not None:
        current = Trip.all_objects.select_for_update().filter(pk=trip.pk).first()
        if current is None or current.deleted_at is not None:
            raise Conflict("该差旅记录已删除，不能修改")
        if current.organ_id != trip.organ_id:
            raise Forbidden("不能修改其他机关的记录")
        trip.entry_source = current.entry_source
    else:
        trip.entry_source = EntrySource.IMPORTED if imported else EntrySource.MANUAL
    _check_people(trip)
    check_trip_dates(start_on=trip.start_on, end_on=trip.end_on, approved_on=trip.approved_on, paid_on=trip.paid_on)
    trip.purpose = (trip.purpose or "").strip()
    if not trip.purpose:
        raise InvalidInput("请填写出差事由")
    trip.band = trip.band or band_for(trip.traveller_id, trip.start_on)
    if trip.band not in TravelBand.values:
        raise InvalidInput("出差人员级别不正确")
    _check_claim(trip)
    _check_voucher(trip, imported)
    for stay in stays:
        check_stay(stay, trip.start_on, trip.end_on)
    for ticket in tickets:
        check_ticket(ticket, trip.start_on, trip.end_on)
    trip.note = (trip.note or "").strip()
    trip.total_amount = (
        sum((s.lodging_amount for s in stays), ZERO)
        + sum((t.amount for t in tickets), ZERO)
        + Decimal(trip.meal_amount)
        + Decimal(trip.transport_amount)
    )
    reason = IMPORT_REASON if imported else ("录入差旅" if trip.pk is None else "修改差旅")
    trip._change_reason = reason  # type: ignore[attr-defined]
    save_checked(trip, by=by)
    _replace(trip, TripStay, "stays", [_clean_stay(s) for s in stays], _stay_key, by, reason)
    _replace(trip, TripTicket, "tickets", [_clean_ticket(t) for t in tickets], _ticket_key, by, reason)
    return trip


def _clean_stay(line: StayLine) -> StayLine:
    return StayLine(
        line.province.strip(), line.city.strip(), line.arrive_on, line.leave_on, int(line.nights), line.lodging_amount
    )


def _clean_ticket(line: TicketLine) -> TicketLine:
    return TicketLine(
        line.on, line.mode, line.seat_class, line.from_city.strip(), line.to_city.strip(), Decimal(line.amount)
    )


def _stay_key(row: TripStay) -> tuple:
    return (row.province, row.city, row.arrive_on, row.leave_on, row.nights, Decimal(row.lodging_amount))


def _ticket_key(row: TripTicket) -> tuple:
    return (row.on, row.mode, row.seat_class, row.from_city, row.to_city, Decimal(row.amount))


def _replace(trip: Trip, model: Any, related: str, lines: list, key: Any, by: Any, reason: str) -> None:
    """Make the trip's lines read `lines` (StayLine or TicketLine, in the model's field order), keeping the rows that
    stay as they were; a removed line is deleted with its history (who and why), an added one created."""
    wanted = list(lines)
    for row in list(getattr(trip, related).all()):
        same = next((line for line in wanted if astuple(line) == key(row)), None)
        if same is not None:
            wanted.remove(same)
            continue
        stamp(row, by)
        row._change_reason = reason
        row.delete()
    for line in wanted:
        row = model(trip=trip, **asdict(line))
        row._change_reason = reason
        save_checked(row, by=by)


@transaction.atomic
def trip_delete(*, trip: Trip, by: Any, reason: str) -> None:
    """Withdraw a trip entered by mistake (soft delete; the reason in its history and the audit log)."""
    _own(trip, by)
    refuse_own_stake(by, "删除本人的差旅", responsible_people=[trip.traveller_id])
    current = Trip.all_objects.select_for_update().filter(pk=trip.pk).first()
    if current is None or current.deleted_at is not None:
        raise Conflict("该差旅记录已删除")
    withdraw(current, by=by, reason=reason, target_repr=f"差旅 {current.voucher_no or '（无凭证号）'} {current}")
    trip.deleted_at = current.deleted_at
