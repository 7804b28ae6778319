"""Shapes of the public-opinion API (api/opinion.py). Values are the stable English codes; `*_label` are Chinese.
Names are prefixed (IdeologyOpinion…): the OpenAPI document has one namespace for every app."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.ideology.choices import OpinionLevel, OpinionSource


class IdeologyOpinionOut(Schema):
    id: int
    title: str
    source: str
    source_label: str
    level: str
    level_label: str
    found_at: dt.datetime
    summary: str
    unit: Ref
    responsible: Ref | None
    outlet: Ref | None
    first_response_at: dt.datetime | None
    first_response: str
    response_hours: float | None = Field(None, description="发现至首次响应（未响应的至今）的小时数")
    response_late: bool = Field(False, description="超过 IDEO-040 的响应时限")
    reported_upward: bool
    reported_at: dt.datetime | None
    reported_to: str
    report_late: bool = Field(False, description="较大、重大舆情超过 IDEO-041 的报告时限")
    handling: str
    status: str
    status_label: str
    closed_on: dt.date | None

    @staticmethod
    def resolve_source_label(obj: Any) -> str:
        return obj.get_source_display()

    @staticmethod
    def resolve_level_label(obj: Any) -> str:
        return obj.get_level_display()

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_response_hours(obj: Any) -> float | None:
        timing = getattr(obj, "timing", None)
        return round(timing.response_hours, 1) if timing and timing.response_hours is not None else None

    @staticmethod
    def resolve_response_late(obj: Any) -> bool:
        timing = getattr(obj, "timing", None)
        return bool(timing and timing.response_late)

    @staticmethod
    def resolve_report_late(obj: Any) -> bool:
        timing = getattr(obj, "timing", None)
        return bool(timing and timing.report_late)


class IdeologyOpinionIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    source: OpinionSource
    level: OpinionLevel = OpinionLevel.GENERAL
    found_at: dt.datetime = Field(..., description="发现时间（带时区，或按北京时间理解）")
    summary: str = Field(..., min_length=1, max_length=5000)
    unit_id: int = Field(..., description="责任委室")
    responsible_id: int | None = Field(None, description="责任人（本机关在职人员）")
    outlet_id: int | None = Field(None, description="涉及阵地")


class IdeologyOpinionRespondIn(Schema):
    at: dt.datetime
    measure: str = Field(..., max_length=300, description="首次响应措施")


class IdeologyOpinionReportIn(Schema):
    at: dt.datetime
    to: str = Field(..., max_length=100, description="报告对象，如：市委宣传部")


class IdeologyOpinionCloseIn(Schema):
    closed_on: dt.date
    handling: str = Field("", max_length=5000, description="处置情况；不填时沿用已登记的处置情况")


class IdeologyOpinionCount(Schema):
    key: str
    label: str
    count: int


class IdeologyOpinionTimes(Schema):
    level: str
    label: str
    count: int
    answered: int
    median_hours: float | None
    longest_hours: float | None
    limit_hours: int | None
    late: int


class IdeologyOpinionSummaryOut(Schema):
    year: int
    total: int
    by_level: list[IdeologyOpinionCount]
    by_source: list[IdeologyOpinionCount]
    by_month: list[IdeologyOpinionCount]
    times: list[IdeologyOpinionTimes]
    reported: int
    report_due: int
    closed: int
    open: int
