"""Shapes of the task API (api/tasks.py): a unit's task with its item, reports and 督办单."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.duty.schemas.lists import ListRef, TaskBriefOut, TaskItemOut
from qinglian.duty.selectors.tasks import task_notices


class TaskOut(TaskBriefOut):
    duty_list: ListRef
    item: TaskItemOut

    @staticmethod
    def resolve_duty_list(obj: Any) -> Any:
        return obj.item.duty_list


class ReportOut(Schema):
    id: int
    period: str = Field(..., description="周期性任务的所属期间，如 2026-03、2026-Q1、2026")
    date: dt.date
    content: str
    percent: int
    is_final: bool
    reported_by: str | None
    created_at: dt.datetime

    @staticmethod
    def resolve_reported_by(obj: Any) -> str | None:
        return str(obj.reported_by) if obj.reported_by_id else None


class NoticeBriefOut(Schema):
    id: int
    number: str
    status: str
    status_label: str
    reply_due: dt.date

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()


class TaskDetailOut(TaskOut):
    claimed_by: str | None
    confirmed_by: str | None
    reports: list[ReportOut] = Field(..., description="进展报告，新的在前")
    notices: list[NoticeBriefOut] = Field(..., description="针对该任务、本账号可见的督办单")

    @staticmethod
    def resolve_claimed_by(obj: Any) -> str | None:
        return str(obj.claimed_by) if obj.claimed_by_id else None

    @staticmethod
    def resolve_confirmed_by(obj: Any) -> str | None:
        return str(obj.confirmed_by) if obj.confirmed_by_id else None

    @staticmethod
    def resolve_reports(obj: Any) -> list[Any]:
        return list(obj.reports.select_related("reported_by").order_by("-date", "-id"))

    @staticmethod
    def resolve_notices(obj: Any, context: Any) -> list[Any]:
        return task_notices(context["request"].auth_user, obj)


class ReportIn(Schema):
    date: dt.date | None = Field(None, description="报送日期，不填为今天")
    content: str
    percent: int = Field(0, ge=0, le=100)
    is_final: bool = Field(False, description="报告完成：任务变为已完成，待牵头领导或机关党委确认销号")
    period: str = Field("", max_length=10, description="周期性任务的所属期间；不填按报送日期计算")


class DutyReturnIn(Schema):
    reason: str = Field(..., description="退回理由")
