"""Shapes of the gifts API (api/gifts.py). Values are the stable English codes; `*_label` are Chinese."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.integrity.choices import GiftHandling


class GiftOut(Schema):
    id: int
    person: Ref
    received_on: dt.date
    back_on: dt.date | None
    giver: str
    occasion: str
    description: str
    value: Decimal | None
    registered_on: dt.date | None
    handed_in_on: dt.date | None
    handling: str
    handling_label: str
    handling_note: str
    received_by: Ref | None
    due_on: dt.date = Field(..., description="登记上交期限（INT-060）")
    status_label: str

    @staticmethod
    def resolve_handling_label(obj: Any) -> str:
        return obj.get_handling_display() if obj.handling else "未处理"

    @staticmethod
    def resolve_due_on(obj: Any) -> dt.date:
        return obj.state.due

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.state.label


class GiftIn(Schema):
    person_id: int | None = Field(None, description="受礼人；不填为本人")
    received_on: dt.date
    back_on: dt.date | None = None
    giver: str = Field(..., min_length=1, max_length=100)
    occasion: str = Field("", max_length=100)
    description: str = Field(..., min_length=1, max_length=200)
    value: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    registered_on: dt.date | None = Field(None, description="不填为今天")


class GiftHandleIn(Schema):
    handling: GiftHandling
    handed_in_on: dt.date | None = None
    handling_note: str = Field("", max_length=200)
    received_by_id: int | None = None
