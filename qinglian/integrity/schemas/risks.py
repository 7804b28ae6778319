"""Shapes of the 廉政风险点 API (api/risks.py). Values are the stable English codes; `*_label` are Chinese."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.integrity.choices import RiskLedger, RiskLevel


class ReviewOut(Schema):
    id: int
    date: dt.date
    note: str
    level_before: str = Field(..., description="复核时调整等级的，调整前的等级；未调整为空")

    @staticmethod
    def resolve_level_before(obj: Any) -> str:
        return obj.level_before or ""


class RiskOut(Schema):
    id: int
    unit: Ref
    post: str = Field(..., description="岗位；委室层面的风险点为空")
    matter: str
    description: str
    level: str
    level_label: str
    controls: str
    owner: Ref | None
    ledger: str = Field(..., description="风险所在台账")
    ledger_label: str
    ledger_note: str
    identified_on: dt.date = Field(..., description="排查日期")
    last_review: dt.date | None = Field(..., description="最近复核日期")
    review_due: dt.date = Field(..., description="复核期限（INT-030）")
    review_state: str = Field(..., description="overdue 逾期未复核、due 即将到期、current 在复核期内")

    @staticmethod
    def resolve_level_label(obj: Any) -> str:
        return obj.get_level_display()

    @staticmethod
    def resolve_ledger_label(obj: Any) -> str:
        return obj.get_ledger_display()


class RiskDetailOut(RiskOut):
    reviews: list[ReviewOut] = Field(..., description="复核记录，新的在前")

    @staticmethod
    def resolve_reviews(obj: Any) -> list[Any]:
        return list(obj.reviews.order_by("-date", "-id"))


class RiskIn(Schema):
    unit_id: int
    post: str = Field("", max_length=60)
    matter: str = Field(..., min_length=1, max_length=100)
    description: str = Field(..., min_length=1)
    level: RiskLevel
    controls: str = Field(..., min_length=1)
    owner_id: int | None = None
    ledger: RiskLedger = RiskLedger.OTHER
    ledger_note: str = Field("", max_length=200)
    identified_on: dt.date


class ReviewIn(Schema):
    date: dt.date
    level: RiskLevel | None = Field(None, description="复核后的等级；不填或与原等级相同为不调整")
    note: str = Field("", max_length=300)
