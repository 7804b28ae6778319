"""Shapes of the 个人有关事项报告 API (api/personal.py): dates, receipts and status — never a report's content.
Values are the stable English codes; `*_label` are Chinese."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref


class PersonalReportOut(Schema):
    id: int
    person: Ref = Field(..., description="报告人")
    kind: str
    kind_label: str
    year: int
    change_kind: str
    change_kind_label: str
    event_date: dt.date | None
    submitted_on: dt.date
    received_on: dt.date | None
    received_by: Ref | None = Field(None, description="受理人")
    receipt_no: str
    managed_here: bool

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_change_kind_label(obj: Any) -> str:
        return obj.get_change_kind_display() if obj.change_kind else ""


class PersonalReportIn(Schema):
    person_id: int | None = Field(None, description="报告人；不填为本人（组织人事专责人员可代为登记）")
    kind: str = Field(..., pattern="^(annual|change)$", description="annual 年度集中报告；change 变化事项报告")
    year: int | None = Field(None, ge=2000, le=2100, description="年度集中报告的年份")
    change_kind: str = Field("", max_length=16)
    event_date: dt.date | None = None
    submitted_on: dt.date
    managed_here: bool = True


class SpotCheckOut(Schema):
    id: int
    person: Ref
    year: int
    reason: str
    reason_label: str
    draw_id: int | None
    event_id: int | None
    checked_on: dt.date | None
    outcome: str
    outcome_label: str
    handling: str

    @staticmethod
    def resolve_reason_label(obj: Any) -> str:
        return obj.get_reason_display()

    @staticmethod
    def resolve_outcome_label(obj: Any) -> str:
        return obj.get_outcome_display() if obj.outcome else ""


class SpotCheckDrawOut(Schema):
    id: int
    year: int
    drawn_on: dt.date
    seed: str
    ratio: str
    method: str
    population: list[int] = Field(..., description="抽取范围（人员编号，升序）")
    drawn: list[int] = Field(..., description="抽中人员（人员编号，按抽取顺序）")

    @staticmethod
    def resolve_ratio(obj: Any) -> str:
        return str(obj.ratio)


class SpotCheckDrawIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    seed: str = Field("", max_length=64, description="不填由系统生成")


class DrawVerificationOut(Schema):
    ok: bool
    expected: list[int]
    recorded: list[int]
    problems: list[str]


class PersonalStatusOut(Schema):
    year: int
    due: dt.date
    filed: bool
    obliged: bool
    text: str
