"""Shapes of the meetings API (api/conferences.py). Values are the stable English codes; `*_label` are Chinese.
Amounts go through `parse_amount` ("0.8万元" is 8000.00; "1,2万元x" a 422 with the reason)."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from qinglian.core.api import Ref
from qinglian.frugality.choices import ConferenceCategory, CostKind
from qinglian.frugality.schemas.plans import AMOUNT_HELP, read_amount


class FrugalityConferenceCostOut(Schema):
    kind: str
    kind_label: str
    amount: Decimal
    description: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()


class FrugalityConferenceOut(Schema):
    id: int
    voucher_no: str
    unit: Ref
    name: str
    category: str
    category_label: str
    briefing: bool
    plan_item: Ref | None = Field(..., description="年度会议计划事项；空为计划外会议")
    adhoc_approved_on: dt.date | None
    adhoc_approver: Ref | None
    start_on: dt.date
    end_on: dt.date
    days: Decimal
    travel_days: Decimal
    attendees: int
    staff: int
    venue: str
    venue_city: str
    total_amount: Decimal
    paid_on: dt.date | None
    note: str
    entry_source: str
    person_days: Decimal = Field(..., description="(参会人数+工作人员)×(会期+报到离开天数)")
    per_person_day: Decimal | None = Field(..., description="费用合计÷人天数（元/人·天）")
    rate: Decimal | None = Field(..., description="会议开始日生效的综合定额（元/人·天）；空为没有适用的标准")
    excess: Decimal = Field(..., description="超过综合定额的金额（元）")
    costs: list[FrugalityConferenceCostOut]

    @staticmethod
    def resolve_category_label(obj: Any) -> str:
        return obj.get_category_display()

    @staticmethod
    def resolve_person_days(obj: Any) -> Decimal:
        return obj.figures.person_days

    @staticmethod
    def resolve_per_person_day(obj: Any) -> Decimal | None:
        return obj.figures.per_person_day

    @staticmethod
    def resolve_rate(obj: Any) -> Decimal | None:
        return obj.figures.rate

    @staticmethod
    def resolve_excess(obj: Any) -> Decimal:
        return obj.figures.excess

    @staticmethod
    def resolve_costs(obj: Any) -> list[Any]:
        return list(obj.costs.all())


class FrugalityConferenceCostIn(Schema):
    kind: CostKind
    amount: Decimal = Field(..., description=AMOUNT_HELP)
    description: str = Field("", max_length=200)

    @field_validator("amount", mode="before")
    @classmethod
    def _read_amount(cls, value: Any) -> Decimal | None:
        return read_amount(value)


class FrugalityConferenceIn(Schema):
    voucher_no: str = Field("", max_length=40, description="凭证号")
    unit_id: int = Field(..., description="承办委室")
    name: str = Field(..., min_length=1, max_length=200)
    category: ConferenceCategory
    briefing: bool = Field(False, description="传达、布置类会议")
    plan_item_id: int | None = Field(None, description="会议当年年度会议计划的事项；计划外会议不填")
    adhoc_approved_on: dt.date | None = None
    adhoc_approver_id: int | None = None
    start_on: dt.date
    end_on: dt.date
    days: Decimal = Field(..., gt=0, max_digits=5, decimal_places=1)
    travel_days: Decimal = Field(Decimal(0), ge=0, max_digits=4, decimal_places=1)
    attendees: int = Field(..., ge=1, le=100000)
    staff: int = Field(0, ge=0, le=100000)
    venue: str = Field(..., min_length=1, max_length=200)
    venue_city: str = Field("", max_length=40)
    total_amount: Decimal | None = Field(None, description=f"{AMOUNT_HELP}；有费用明细的可不填，填写的须等于明细之和")
    paid_on: dt.date | None = None
    note: str = Field("", max_length=500)
    costs: list[FrugalityConferenceCostIn] | None = Field(
        None, max_length=60, description="费用明细；不传则保留原有明细，传空列表则清空"
    )

    @field_validator("total_amount", mode="before")
    @classmethod
    def _read_total(cls, value: Any) -> Decimal | None:
        return read_amount(value)
