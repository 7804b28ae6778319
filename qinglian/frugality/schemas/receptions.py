"""Shapes of the 公务接待 API (api/receptions.py). Names are prefixed (FrugalityReception…): the OpenAPI document
has one namespace for every app. Money is read by `parse_amount` ("1,280.50", "0.3万元"): a bad amount is a 422
with its Chinese reason; values are the stable English codes, `*_label` the Chinese."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from qinglian.core.api import Ref
from qinglian.frugality.amounts import parse_amount
from qinglian.frugality.choices import GuestLevel, MealKind


class FrugalityReceptionMealOut(Schema):
    id: int
    on: dt.date
    kind: str
    kind_label: str
    guests: int
    escorts: int
    amount: Decimal
    venue: str
    items: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()


class FrugalityReceptionOut(Schema):
    id: int
    unit: Ref
    voucher_no: str
    paid_on: dt.date | None
    entry_source: str
    letter_unit: str
    letter_no: str
    letter_on: dt.date | None
    letter_persons: int | None
    letter_purpose: str
    letter_start: dt.date | None
    letter_end: dt.date | None
    guest_unit: str
    guest_lead: str
    guest_level: str
    guest_level_label: str
    guest_count: int
    purpose: str
    start_on: dt.date
    end_on: dt.date
    venue: str
    lodging_place: str
    lodging_amount: Decimal
    other_amount: Decimal
    total_amount: Decimal = Field(..., description="接待费合计＝工作餐和宴请（不含自行用餐）＋住宿＋其他费用")
    list_signed_on: dt.date | None
    approver: Ref | None
    invoice_no: str
    invoice_on: dt.date | None
    invoice_amount: Decimal | None
    note: str
    meals: list[FrugalityReceptionMealOut]

    @staticmethod
    def resolve_guest_level_label(obj: Any) -> str:
        return obj.get_guest_level_display()

    @staticmethod
    def resolve_meals(obj: Any) -> list[Any]:
        return sorted(obj.meals.all(), key=lambda m: (m.on, m.pk))


def _amount(raw: Any) -> Decimal | None:
    return parse_amount(raw)  # AmountError is a ValueError: a 422 with its Chinese reason


class FrugalityReceptionMealIn(Schema):
    on: dt.date = Field(..., description="用餐日期，须在接待日期内")
    kind: MealKind = MealKind.WORK
    guests: int = Field(..., ge=1, le=9999, description="就餐的接待对象人数")
    escorts: int = Field(0, ge=0, le=9999, description="陪餐人数")
    amount: Decimal = Field(..., description="金额（元），可写作 1280.50、“0.3万元”")
    venue: str = Field("", max_length=100)
    items: str = Field("", max_length=500, description="菜品酒水")

    @field_validator("amount", mode="before")
    @classmethod
    def _meal_amount(cls, raw: Any) -> Decimal | None:
        return _amount(raw)


class FrugalityReceptionIn(Schema):
    unit_id: int = Field(..., description="承办委室")
    voucher_no: str = Field("", max_length=40)
    paid_on: dt.date | None = Field(None, description="报销日期；尚未报销的不填")
    letter_unit: str = Field("", max_length=100)
    letter_no: str = Field("", max_length=60)
    letter_on: dt.date | None = Field(None, description="公函日期；未收到公函的不填")
    letter_persons: int | None = Field(None, ge=1, le=9999)
    letter_purpose: str = Field("", max_length=200)
    letter_start: dt.date | None = None
    letter_end: dt.date | None = None
    guest_unit: str = Field(..., min_length=1, max_length=100)
    guest_lead: str = Field("", max_length=100)
    guest_level: GuestLevel = GuestLevel.OTHER
    guest_count: int = Field(..., ge=1, le=9999)
    purpose: str = Field(..., min_length=1, max_length=200)
    start_on: dt.date
    end_on: dt.date
    venue: str = Field("", max_length=200)
    lodging_place: str = Field("", max_length=100)
    lodging_amount: Decimal | None = Field(None, description="住宿费（元）")
    other_amount: Decimal | None = Field(None, description="其他费用（元）")
    list_signed_on: dt.date | None = Field(None, description="清单审签日期；未审签的不填")
    approver_id: int | None = Field(None, description="审签人")
    invoice_no: str = Field("", max_length=120)
    invoice_on: dt.date | None = None
    invoice_amount: Decimal | None = None
    note: str = Field("", max_length=500)
    meals: list[FrugalityReceptionMealIn] | None = Field(
        None, description="用餐明细：给出时以此为准（未列出的删除）；修改时不给出则保留原有用餐"
    )

    @field_validator("lodging_amount", "other_amount", "invoice_amount", mode="before")
    @classmethod
    def _amounts(cls, raw: Any) -> Decimal | None:
        return _amount(raw)


class FrugalityReceptionDeleteIn(Schema):
    reason: str = Field(..., min_length=1, max_length=90, description="删除原因")
