"""Shapes the duty API's parts share. Values are the stable English codes; `*_label` are Chinese."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Literal

from ninja import Field, Schema

from qinglian.core import clock

TaskStatusFilter = Literal["not_started", "in_progress", "overdue", "completed", "closed"]
NoticeStatusFilter = Literal["issued", "replied", "closed", "overdue"]


def today() -> dt.date:
    return clock.today()


class CompletionOut(Schema):
    total: int = Field(..., description="任务数（牵头和配合）")
    done: int = Field(..., description="已完成（含已销号）")
    closed: int = Field(..., description="已销号")
    overdue: int = Field(..., description="逾期")
    not_started: int = Field(..., description="未启动")
    rate: int = Field(..., description="完成率（%）= done / total")
