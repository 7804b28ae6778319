"""Shapes of the trips abroad API (api/abroad.py). Names are prefixed (FrugalityAbroad…): the OpenAPI document has
one namespace for every app."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from qinglian.core.api import Ref
from qinglian.frugality.amounts import parse_amount


class FrugalityAbroadPlanItemOut(Schema):
    id: int
    name: str


class FrugalityAbroadTripOut(Schema):
    id: int
    leader: Ref
    unit: Ref
    purpose: str
    countries: str
    country_count: int
    team_size: int
    depart_on: dt.date
    return_on: dt.date
    days: int = Field(..., description="在外天数（含离、抵境当日）")
    approved_on: dt.date | None
    plan_item: FrugalityAbroadPlanItemOut | None
    report_on: dt.date | None
    report_due_on: dt.date = Field(..., description="出访报告提交期限（FRG-053）")
    report_label: str
    total_amount: Decimal
    voucher_no: str
    paid_on: dt.date | None
    entry_source: str
    note: str

    @staticmethod
    def resolve_report_due_on(obj: Any) -> dt.date:
        return obj.state.due

    @staticmethod
    def resolve_report_label(obj: Any) -> str:
        return obj.state.label


class FrugalityAbroadTripIn(Schema):
    leader_id: int = Field(..., description="团长")
    unit_id: int | None = Field(None, description="承办委室；不填为团长所在委室")
    purpose: str = Field(..., min_length=1, max_length=200)
    countries: str = Field(..., min_length=1, max_length=200, description="以顿号分隔，如：德国、法国")
    country_count: int = Field(..., ge=1, le=99)
    team_size: int = Field(..., ge=1, le=999)
    depart_on: dt.date
    return_on: dt.date
    approved_on: dt.date | None = None
    plan_item_id: int | None = Field(None, description="年度因公出国（境）计划事项；不填为计划外")
    report_on: dt.date | None = None
    total_amount: Decimal = Field(Decimal(0), description="费用合计（元），可写作 186000、“18.6万元”")
    voucher_no: str = Field("", max_length=40)
    paid_on: dt.date | None = None
    note: str = Field("", max_length=500)

    @field_validator("total_amount", mode="before")
    @classmethod
    def _amount(cls, raw: Any) -> Decimal:
        return parse_amount(raw) or Decimal(0)  # AmountError is a ValueError: a 422 with its Chinese reason


class FrugalityAbroadReportIn(Schema):
    report_on: dt.date = Field(..., description="出访报告提交日期")
