"""Shapes of the travel API (api/travel.py). Values are the stable English codes; `*_label` are Chinese. Money is
read by `amounts.parse_amount` ("1,280.50", "1280元", "０.３万元"), so a bad amount is a 422 naming the field."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from qinglian.core.api import Ref
from qinglian.frugality.amounts import parse_amount
from qinglian.frugality.choices import SeatClass, TransportMode, TravelBand

ZERO = Decimal("0.00")


def _amount(value: Any) -> Decimal:
    return parse_amount(value) or ZERO


class FrugalityTripStayOut(Schema):
    id: int
    province: str
    city: str
    arrive_on: dt.date
    leave_on: dt.date
    nights: int
    lodging_amount: Decimal


class FrugalityTripTicketOut(Schema):
    id: int
    on: dt.date
    mode: str
    mode_label: str
    seat_class: str
    seat_class_label: str
    from_city: str
    to_city: str
    amount: Decimal

    @staticmethod
    def resolve_mode_label(obj: Any) -> str:
        return obj.get_mode_display()

    @staticmethod
    def resolve_seat_class_label(obj: Any) -> str:
        return obj.get_seat_class_display()


class FrugalityTripOut(Schema):
    id: int
    voucher_no: str
    entry_source: str
    entry_source_label: str
    traveller: Ref
    unit: Ref
    band: str
    band_label: str
    purpose: str
    start_on: dt.date
    end_on: dt.date
    calendar_days: int = Field(..., description="出差自然（日历）天数：返回日期−出发日期+1")
    approved_on: dt.date | None
    approver: Ref | None
    meal_days: int
    meal_amount: Decimal
    transport_days: int
    transport_amount: Decimal
    total_amount: Decimal = Field(..., description="住宿费、票价、伙食补助费、市内交通费之和")
    paid_on: dt.date | None
    note: str
    stays: list[FrugalityTripStayOut]
    tickets: list[FrugalityTripTicketOut]

    @staticmethod
    def resolve_entry_source_label(obj: Any) -> str:
        return obj.get_entry_source_display()

    @staticmethod
    def resolve_band_label(obj: Any) -> str:
        return obj.get_band_display()

    @staticmethod
    def resolve_stays(obj: Any) -> list[Any]:
        return list(obj.stays.all())

    @staticmethod
    def resolve_tickets(obj: Any) -> list[Any]:
        return list(obj.tickets.all())


class FrugalityTripStayIn(Schema):
    province: str = Field(..., min_length=1, max_length=30)
    city: str = Field(..., min_length=1, max_length=40)
    arrive_on: dt.date
    leave_on: dt.date
    nights: int = Field(..., ge=0, le=366)
    lodging_amount: Decimal = Field(ZERO, description="住宿费（元），可写 1,280.50 或 0.3万元")

    _money = field_validator("lodging_amount", mode="before")(_amount)


class FrugalityTripTicketIn(Schema):
    on: dt.date
    mode: TransportMode
    seat_class: SeatClass
    from_city: str = Field("", max_length=40)
    to_city: str = Field("", max_length=40)
    amount: Decimal = Field(ZERO, description="票价（元）")

    _money = field_validator("amount", mode="before")(_amount)


class FrugalityTripIn(Schema):
    voucher_no: str = Field("", max_length=40, description="记账凭证号；报销前可不填")
    traveller_id: int
    unit_id: int | None = Field(None, description="承办委室；不填为出差人所在委室")
    band: TravelBand | None = Field(None, description="出差人员级别；不填按出发日的职级确定")
    purpose: str = Field(..., min_length=1, max_length=200)
    start_on: dt.date
    end_on: dt.date
    approved_on: dt.date | None = None
    approver_id: int | None = None
    meal_days: int = Field(0, ge=0, le=3660)
    meal_amount: Decimal = Field(ZERO, description="伙食补助费（元）")
    transport_days: int = Field(0, ge=0, le=3660)
    transport_amount: Decimal = Field(ZERO, description="市内交通费（元）")
    paid_on: dt.date | None = None
    note: str = Field("", max_length=500)
    stays: list[FrugalityTripStayIn] = Field(default_factory=list, max_length=100)
    tickets: list[FrugalityTripTicketIn] = Field(default_factory=list, max_length=100)

    _money = field_validator("meal_amount", "transport_amount", mode="before")(_amount)
