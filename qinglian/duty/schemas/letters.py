"""Shapes of the 责任书 API (api/letters.py)."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref


class LetterOut(Schema):
    id: int
    year: int
    level: str
    level_label: str
    unit: Ref
    signer: Ref
    issuer: Ref | None
    signed: bool
    signed_on: dt.date | None
    trigger_event_id: int | None = Field(None, description="因该人事变动补签")
    note: str

    @staticmethod
    def resolve_level_label(obj: Any) -> str:
        return obj.get_level_display()

    @staticmethod
    def resolve_signed(obj: Any) -> bool:
        return obj.signed_on is not None


class LetterSignIn(Schema):
    signed_on: dt.date


class LettersGenerateIn(Schema):
    year: int = Field(..., ge=2000, le=2100)


class LettersGenerateOut(Schema):
    year: int
    created: int = Field(..., description="本次新生成（未签订）的责任书份数")
    total: int = Field(..., description="该年度责任书总数")
