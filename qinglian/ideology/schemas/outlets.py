"""Shapes of the outlet API (api/outlets.py). Values are the stable English codes; `*_label` are Chinese. Names are
prefixed (IdeologyOutlet…): the OpenAPI document has one namespace for every app."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.ideology.choices import OutletKind, Platform, ReviewerLevel


class IdeologyOutletOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    platform: str
    account: str
    unit: Ref
    owner: Ref | None
    first_level: int
    second_level: int
    final_level: int
    levels_label: str
    filing_status: str
    filing_status_label: str
    filed_on: dt.date | None
    filing_no: str
    opened_on: dt.date
    closed_on: dt.date | None
    last_published: dt.date | None = None
    note: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_filing_status_label(obj: Any) -> str:
        return obj.get_filing_status_display()

    @staticmethod
    def resolve_levels_label(obj: Any) -> str:
        return " / ".join(ReviewerLevel(level).label for level in obj.levels())

    @staticmethod
    def resolve_last_published(obj: Any) -> dt.date | None:
        return getattr(obj, "last_published", None)


class IdeologyOutletIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    kind: OutletKind
    platform: Platform | None = Field(None, description="政务新媒体必填，其他阵地不填")
    account: str = Field("", max_length=200)
    unit_id: int = Field(..., description="主管委室")
    owner_id: int | None = Field(None, description="责任人（本机关在职人员）")
    first_level: ReviewerLevel = ReviewerLevel.OUTLET_EDITOR
    second_level: ReviewerLevel = ReviewerLevel.UNIT_HEAD
    final_level: ReviewerLevel = ReviewerLevel.SUPERVISING_LEADER
    opened_on: dt.date
    filed_on: dt.date | None = None
    filing_no: str = Field("", max_length=60)
    note: str = Field("", max_length=500)


class IdeologyOutletFileIn(Schema):
    filed_on: dt.date
    filing_no: str = Field("", max_length=60)


class IdeologyOutletCloseIn(Schema):
    closed_on: dt.date
    reason: str = Field(..., max_length=200, description="关停原因，如：账号注销")
