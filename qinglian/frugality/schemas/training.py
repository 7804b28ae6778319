"""Shapes of the training API (api/training.py). Values are the stable English codes; `*_label` are Chinese.
Amounts in a request may be written as people write them ("1,280.50", "0.3万元"): frugality.amounts reads them,
and refuses the rest with its Chinese reason (422)."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator

from qinglian.core.api import Ref
from qinglian.frugality.amounts import AmountError, parse_amount
from qinglian.frugality.choices import CostKind, LecturerTitle, TrainingCategory


def _amount(raw: Any) -> Decimal:
    try:
        value = parse_amount(raw)
    except AmountError as exc:
        raise ValueError(str(exc)) from None
    if value is None:
        raise ValueError("请填写金额")
    return value


Amount = Annotated[Decimal, BeforeValidator(_amount)]


class FrugalityTrainingCostOut(Schema):
    id: int
    kind: str
    kind_label: str
    amount: Decimal
    description: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()


class FrugalityLectureOut(Schema):
    id: int
    lecturer: str
    title: str
    title_label: str
    on: dt.date
    hours: Decimal
    fee: Decimal
    from_afar: bool

    @staticmethod
    def resolve_title_label(obj: Any) -> str:
        return obj.get_title_display()


class FrugalityTrainingOut(Schema):
    id: int
    voucher_no: str
    unit: Ref
    name: str
    category: str
    category_label: str
    plan_item_id: int | None
    plan_item_name: str
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
    total_amount: Decimal = Field(..., description="费用合计（元），各条费用明细之和")
    paid_on: dt.date | None
    entry_source: str
    note: str
    costs: list[FrugalityTrainingCostOut]
    lectures: list[FrugalityLectureOut]

    @staticmethod
    def resolve_category_label(obj: Any) -> str:
        return obj.get_category_display()

    @staticmethod
    def resolve_plan_item_name(obj: Any) -> str:
        return obj.plan_item.name if obj.plan_item_id else ""

    @staticmethod
    def resolve_costs(obj: Any) -> list[Any]:
        return list(obj.costs.all())

    @staticmethod
    def resolve_lectures(obj: Any) -> list[Any]:
        return list(obj.lectures.all())


class FrugalityTrainingCostIn(Schema):
    kind: CostKind
    amount: Amount = Field(..., description="金额（元），可写作 1280.50、1,280.5元 或 0.3万元")
    description: str = Field("", max_length=200)


class FrugalityLectureIn(Schema):
    lecturer: str = Field(..., min_length=1, max_length=50)
    title: LecturerTitle
    on: dt.date = Field(..., description="授课日期，须在培训起止日期内")
    hours: Decimal = Field(..., gt=0, max_digits=4, decimal_places=1)
    fee: Amount = Field(..., description="讲课费（税后，元）")
    from_afar: bool = False


class FrugalityTrainingIn(Schema):
    voucher_no: str = Field("", max_length=40)
    unit_id: int
    name: str = Field(..., min_length=1, max_length=200)
    category: TrainingCategory
    plan_item_id: int | None = Field(None, description="当年年度培训计划的事项；计划外培训不填")
    adhoc_approved_on: dt.date | None = None
    adhoc_approver_id: int | None = None
    start_on: dt.date
    end_on: dt.date
    days: Decimal = Field(..., gt=0, max_digits=5, decimal_places=1)
    travel_days: Decimal = Field(Decimal(0), ge=0, max_digits=4, decimal_places=1)
    attendees: int = Field(..., ge=1)
    staff: int = Field(0, ge=0)
    venue: str = Field(..., min_length=1, max_length=200)
    venue_city: str = Field("", max_length=40)
    paid_on: dt.date | None = None
    note: str = Field("", max_length=500)
    costs: list[FrugalityTrainingCostIn] = Field(default_factory=list, max_length=100)
    lectures: list[FrugalityLectureIn] = Field(default_factory=list, max_length=100)


class FrugalityTrainingDeleteIn(Schema):
    reason: str = Field(..., min_length=1, max_length=90, description="删除原因，如：重复登记")
