"""Shapes of the official car API (api/cars.py). Values are the stable English codes; `*_label` are Chinese. Names
are prefixed (FrugalityCar…): the OpenAPI document has one namespace for every app."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from qinglian.core.api import Ref
from qinglian.frugality.amounts import parse_amount
from qinglian.frugality.choices import CarType, Energy


class FrugalityCarOut(Schema):
    id: int
    unit: Ref
    plate: str
    car_type: str
    car_type_label: str
    energy: str
    energy_label: str
    model_name: str
    price: Decimal
    displacement: Decimal | None
    purchased_on: dt.date
    voucher_no: str
    paid_on: dt.date | None
    mileage: int
    mileage_on: dt.date | None
    disposed_on: dt.date | None
    entry_source: str
    note: str

    @staticmethod
    def resolve_car_type_label(obj: Any) -> str:
        return obj.get_car_type_display()

    @staticmethod
    def resolve_energy_label(obj: Any) -> str:
        return obj.get_energy_display()


class FrugalityCarIn(Schema):
    unit_id: int = Field(..., description="使用委室")
    plate: str = Field(..., min_length=1, max_length=20)
    car_type: CarType
    energy: Energy = Energy.FUEL
    model_name: str = Field(..., min_length=1, max_length=100)
    price: Decimal = Field(..., description="购置价格（元），可写作 118000、“11.8万元”")
    displacement: Decimal | None = Field(None, description="排气量（升），燃油车必填", max_digits=4, decimal_places=2)
    purchased_on: dt.date
    voucher_no: str = Field("", max_length=40)
    paid_on: dt.date | None = None
    mileage: int = Field(0, ge=0, le=9_999_999)
    mileage_on: dt.date | None = None
    note: str = Field("", max_length=500)

    @field_validator("price", mode="before")
    @classmethod
    def _amount(cls, raw: Any) -> Decimal | None:
        return parse_amount(raw)  # AmountError is a ValueError: a 422 with its Chinese reason


class FrugalityCarDisposeIn(Schema):
    disposed_on: dt.date
    reason: str = Field("", max_length=90, description="处置方式和说明，如：公开拍卖")
