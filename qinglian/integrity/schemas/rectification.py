"""Shapes of the 问题整改 API (api/rectification.py). Values are the stable English codes; `*_label` are Chinese."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.integrity.choices import RectificationSource


class RectificationBatchOut(Schema):
    id: int
    source: str
    source_label: str
    title: str
    issuer: str
    feedback_on: dt.date
    lead: Ref | None = Field(..., description="整改第一责任人")
    report_due: dt.date | None = Field(None, description="整改报告应报送日期（INT-040 参数）")
    report_submitted_on: dt.date | None
    report_no: str
    problem_total: int = 0
    problem_closed: int = 0

    @staticmethod
    def resolve_source_label(obj: Any) -> str:
        return obj.get_source_display()

    @staticmethod
    def resolve_report_due(obj: Any) -> dt.date | None:
        report = getattr(obj, "report", None)
        return report.due if report is not None else None


class RectificationBatchIn(Schema):
    source: RectificationSource
    title: str = Field(..., min_length=1, max_length=200)
    issuer: str = Field("", max_length=100)
    feedback_on: dt.date
    lead_id: int | None = None


class RectificationReportIn(Schema):
    submitted_on: dt.date
    report_no: str = Field(..., min_length=1, max_length=60)


class RectificationProblemOut(Schema):
    id: int
    batch_id: int
    number: int
    category: str
    description: str
    unit: Ref | None
    leader: Ref | None
    owner: Ref | None
    status: str
    status_label: str
    closed_on: dt.date | None
    close_note: str

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()


class RectificationProblemIn(Schema):
    batch_id: int
    number: int = Field(..., ge=1, le=32767)
    category: str = Field("", max_length=60)
    description: str = Field(..., min_length=1)
    unit_id: int | None = None
    leader_id: int | None = None
    owner_id: int | None = None


class RectificationCloseIn(Schema):
    note: str = Field("", max_length=2000, description="销号意见；不填为“同意销号”")


class RectificationReopenIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class RectificationMeasureOut(Schema):
    id: int
    problem_id: int
    description: str
    unit: Ref | None
    owner: Ref | None
    deadline: dt.date
    completed_on: dt.date | None
    completion_note: str


class RectificationMeasureIn(Schema):
    problem_id: int
    description: str = Field(..., min_length=1)
    unit_id: int | None = None
    owner_id: int | None = None
    deadline: dt.date


class RectificationCompleteIn(Schema):
    completed_on: dt.date
    note: str = Field(..., min_length=1, description="完成情况")
