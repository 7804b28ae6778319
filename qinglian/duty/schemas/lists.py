"""Shapes of the list API (api/lists.py): lists, headings, items with their units' tasks.

A task's `status` is what is stored (未启动/推进中/已完成/已销号); `display_status` adds 逾期 (`overdue`), derived
from today's date exactly as the pages show it, so the two can never disagree.
"""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.duty.choices import Recurrence, Theme
from qinglian.duty.schemas.common import CompletionOut, today
from qinglian.duty.selectors.tasks import OVERDUE

MAX_ORDER = 32767  # the 序号 columns are PositiveSmallIntegerField: PostgreSQL refuses more (SQLite would store it)


class ListRef(Schema):
    id: int
    year: int
    title: str


class ListOut(Schema):
    id: int
    year: int
    title: str
    document_no: str
    status: str
    status_label: str
    published_on: dt.date | None
    based_on_id: int | None = Field(None, description="沿用自哪一年的清单")
    item_count: int

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_item_count(obj: Any) -> int:
        count = getattr(obj, "item_count", None)
        return count if count is not None else obj.items.filter(deleted_at__isnull=True).count()


class TaskBriefOut(Schema):
    """A unit's task as shown under its item."""

    id: int
    unit: Ref
    role: str
    role_label: str
    status: str = Field(..., description="存储的状态：not_started/in_progress/completed/closed")
    status_label: str
    display_status: str = Field(..., description="页面显示的状态，未完成且已过完成时限为 overdue（逾期）")
    display_status_label: str
    is_overdue: bool
    claimed_at: dt.datetime | None
    completed_on: dt.date | None
    confirmed_at: dt.datetime | None

    @staticmethod
    def resolve_role_label(obj: Any) -> str:
        return obj.get_role_display()

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_display_status(obj: Any) -> str:
        return OVERDUE if obj.is_overdue(today()) else obj.status

    @staticmethod
    def resolve_display_status_label(obj: Any) -> str:
        return obj.display_status(today())

    @staticmethod
    def resolve_is_overdue(obj: Any) -> bool:
        return obj.is_overdue(today())


class TaskItemOut(Schema):
    id: int
    order: int
    content: str
    theme: str
    theme_label: str
    lead_leader: Ref | None
    deadline: dt.date | None
    recurrence: str
    recurrence_label: str
    standard: str
    evidence_required: str

    @staticmethod
    def resolve_theme_label(obj: Any) -> str:
        return obj.get_theme_display()

    @staticmethod
    def resolve_recurrence_label(obj: Any) -> str:
        return obj.get_recurrence_display()


class ItemOut(TaskItemOut):
    duty_list_id: int
    section_id: int | None
    tasks: list[TaskBriefOut] = Field(..., description="牵头委室在前，再按委室顺序")

    @staticmethod
    def resolve_tasks(obj: Any) -> list[Any]:
        return list(obj.assignments.all())  # lead unit first (the model's ordering)


class SubSectionOut(Schema):
    id: int
    order: int
    title: str
    label: str = Field(..., description="序号，如（一）")
    completion: CompletionOut
    items: list[ItemOut]


class SectionOut(SubSectionOut):
    label: str = Field(..., description="序号，如一、")
    children: list[SubSectionOut]


class ListDetailOut(ListOut):
    completion: CompletionOut
    sections: list[SectionOut] = Field(..., description="一级标题 → 二级标题 → 事项，各带完成情况")
    unsectioned_items: list[ItemOut] = Field(..., description="未归入任何标题的事项")

    @staticmethod
    def resolve_completion(obj: Any) -> Any:
        return obj.api_completion

    @staticmethod
    def resolve_sections(obj: Any) -> list[Any]:
        return obj.api_sections

    @staticmethod
    def resolve_unsectioned_items(obj: Any) -> list[Any]:
        return obj.api_unsectioned


class ListIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    title: str = Field("", max_length=120, description="不填则按年度生成，如“2026年全面从严治党主体责任清单”")
    document_no: str = Field("", max_length=60)


class PublishIn(Schema):
    published_on: dt.date | None = Field(None, description="印发日期，不填为今天")


class CopyIn(Schema):
    year: int = Field(..., ge=2000, le=2100, description="新清单的年度")


class SectionIn(Schema):
    title: str = Field(..., max_length=200)
    parent_id: int | None = Field(None, description="上级标题（一级标题下的二级标题）")
    order: int | None = Field(None, ge=1, le=MAX_ORDER, description="不填排在同级最后")


class SectionCreatedOut(Schema):
    id: int
    duty_list_id: int
    parent_id: int | None
    order: int
    title: str


class ItemIn(Schema):
    section_id: int | None = None
    order: int | None = Field(None, ge=1, le=MAX_ORDER, description="不填：新事项排在最后，修改时保持原序号")
    content: str
    theme: Theme = Theme.STRICT_GOVERNANCE
    lead_leader_id: int | None = Field(None, description="牵头领导，须为党组成员")
    lead_unit_id: int
    co_unit_ids: list[int] = Field(default_factory=list, description="配合委室")
    deadline: dt.date | None = Field(None, description="一次性任务必填")
    recurrence: Recurrence = Recurrence.ONCE
    standard: str = ""
    evidence_required: str = Field("", max_length=300)
