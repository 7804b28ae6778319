"""Shapes of the analysis and reporting API (api/reports.py). Values are the stable English codes; `*_label` are
Chinese. Names are prefixed (IdeologyReport…): the OpenAPI document has one namespace for every app."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core import clock
from qinglian.core.api import Ref
from qinglian.ideology.selectors.reports import STATUS_LABELS, status_of


class IdeologyReportOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    responsible: Ref | None
    recipient: str
    done_on: dt.date | None
    summary: str
    status: str = Field(..., description="not_due 未到期，soon 即将到期，overdue 逾期，done 已完成，done_late 逾期完成")
    status_label: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return status_of(obj.due_on, obj.done_on, clock.today())

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return STATUS_LABELS[status_of(obj.due_on, obj.done_on, clock.today())]


class IdeologyReportPlanIn(Schema):
    year: int = Field(..., ge=2000, le=2100, description="按现行规则参数安排该年度的各项")


class IdeologyReportIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    responsible_id: int | None = Field(None, description="责任人；只有机关党委可以指定")
    recipient: str = Field("", max_length=200)


class IdeologyReportDoneIn(Schema):
    done_on: dt.date = Field(..., description="研判会召开、报告报送或通报印发的日期，不能晚于今天")
    summary: str = Field(..., min_length=1, max_length=5000)


class IdeologyReportReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=90)
