"""Shapes of the plans API (api/plans.py). Values are the stable English codes; `*_label` are Chinese. Money is read by
`parse_amount` (`amount_validator`, also used by the meetings' schemas): "1.2万元" is 12000.00, "1,2万元x" a 422."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from qinglian.core.api import Ref
from qinglian.frugality.amounts import parse_amount
from qinglian.frugality.choices import PlanKind
from qinglian.frugality.selectors.plans import ITEM_CATEGORIES

AMOUNT_HELP = '金额（元），可写 12000、"1.2万元"、"12,000.00"'


def read_amount(value: Any) -> Decimal | None:
    """For a `field_validator(mode="before")`: parse_amount's AmountError is a ValueError, so pydantic answers 422
    with its Chinese message."""
    return parse_amount(value)


class FrugalityPlanOut(Schema):
    id: int
    kind: str
    kind_label: str
    year: int
    approved_on: dt.date | None
    approval_ref: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()


class FrugalityPlanItemOut(Schema):
    id: int
    plan_id: int
    name: str
    unit: Ref | None
    category: str
    category_label: str
    people: int | None
    days: Decimal | None
    budget: Decimal | None

    @staticmethod
    def resolve_category_label(obj: Any) -> str:
        return ITEM_CATEGORIES[obj.plan.kind].get(obj.category, obj.category)


class FrugalityPlanItemUsageOut(FrugalityPlanItemOut):
    used: int = Field(..., description="列入该事项的会议、培训或出国（境）记录数")
    spent: Decimal = Field(..., description="这些记录的费用合计（元）")


class FrugalityPlanDetailOut(FrugalityPlanOut):
    items: list[FrugalityPlanItemUsageOut]

    @staticmethod
    def resolve_items(obj: Any) -> list[Any]:
        return obj.item_usage


class FrugalityPlanIn(Schema):
    kind: PlanKind
    year: int = Field(..., ge=2000, le=2100)
    approved_on: dt.date | None = Field(None, description="党组会审批日期；尚未审批的不填")
    approval_ref: str = Field("", max_length=100)


class FrugalityPlanItemIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    unit_id: int | None = None
    category: str = Field("", max_length=12, description="会议：one…four；培训：one…three；出国（境）不填")
    people: int | None = Field(None, ge=1, le=100000)
    days: Decimal | None = Field(None, gt=0, max_digits=5, decimal_places=1)
    budget: Decimal | None = Field(None, description=AMOUNT_HELP)

    @field_validator("budget", mode="before")
    @classmethod
    def _read_budget(cls, value: Any) -> Decimal | None:
        return read_amount(value)


class FrugalityWithdrawIn(Schema):
    reason: str = Field(..., min_length=1, max_length=200, description="撤销原因")
