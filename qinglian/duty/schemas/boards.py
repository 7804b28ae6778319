"""Shapes of the completion and 一岗双责 card API (api/boards.py)."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.duty.schemas.common import CompletionOut
from qinglian.duty.schemas.lists import ItemOut, ListRef
from qinglian.duty.schemas.tasks import TaskOut


class UnitCompletionOut(CompletionOut):
    unit: Ref


class LeaderCompletionOut(CompletionOut):
    leader: Ref
    items: int = Field(..., description="牵头事项数")


class CompletionReportOut(Schema):
    year: int
    duty_list: ListRef | None = Field(..., description="本账号可见的该年度清单；没有则为 null")
    overall: CompletionOut
    by_unit: list[UnitCompletionOut]
    by_leader: list[LeaderCompletionOut]


class CardOut(Schema):
    """一岗双责责任卡: the items the leader leads, the tasks of the units they supervise, open findings."""

    leader: Ref
    post: str
    post_label: str
    year: int
    supervised_units: list[Ref]
    led_items: list[ItemOut]
    unit_tasks: list[TaskOut]
    completion: CompletionOut
    open_findings: int = Field(..., description="分管委室未整改的预警数")
