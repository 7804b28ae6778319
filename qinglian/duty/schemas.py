"""Shapes of the duty API (qinglian/duty/api.py). Values are the stable English codes; `*_label` are Chinese.

A task's `status` is what is stored (未启动/推进中/已完成/已销号); `display_status` adds 逾期 (`overdue`), derived
from today's date exactly as the pages show it, so the two can never disagree.
"""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Schema

from qinglian.duty.choices import Recurrence, Theme

OVERDUE = "overdue"
TaskStatusFilter = Literal["not_started", "in_progress", "overdue", "completed", "closed"]
NoticeStatusFilter = Literal["issued", "replied", "closed", "overdue"]


def _today() -> dt.date:
    return timezone.localdate()


class Ref(Schema):
    id: int
    name: str


class CompletionOut(Schema):
    total: int = Field(..., description="任务数（牵头和配合）")
    done: int = Field(..., description="已完成（含已销号）")
    closed: int = Field(..., description="已销号")
    overdue: int = Field(..., description="逾期")
    not_started: int = Field(..., description="未启动")
    rate: int = Field(..., description="完成率（%）= done / total")


# --- lists, sections, items ------------------------------------------------------------------


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
        return OVERDUE if obj.is_overdue(_today()) else obj.status

    @staticmethod
    def resolve_display_status_label(obj: Any) -> str:
        return obj.display_status(_today())

    @staticmethod
    def resolve_is_overdue(obj: Any) -> bool:
        return obj.is_overdue(_today())


class ItemOut(Schema):
    id: int
    duty_list_id: int
    section_id: int | None
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
    tasks: list[TaskBriefOut] = Field(..., description="牵头委室在前，再按委室顺序")

    @staticmethod
    def resolve_theme_label(obj: Any) -> str:
        return obj.get_theme_display()

    @staticmethod
    def resolve_recurrence_label(obj: Any) -> str:
        return obj.get_recurrence_display()

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
    order: int | None = Field(None, ge=1, description="不填排在同级最后")


class SectionCreatedOut(Schema):
    id: int
    duty_list_id: int
    parent_id: int | None
    order: int
    title: str


class ItemIn(Schema):
    section_id: int | None = None
    order: int | None = Field(None, ge=1, description="不填：新事项排在最后，修改时保持原序号")
    content: str
    theme: Theme = Theme.STRICT_GOVERNANCE
    lead_leader_id: int | None = Field(None, description="牵头领导，须为党组成员")
    lead_unit_id: int
    co_unit_ids: list[int] = Field(default_factory=list, description="配合委室")
    deadline: dt.date | None = Field(None, description="一次性任务必填")
    recurrence: Recurrence = Recurrence.ONCE
    standard: str = ""
    evidence_required: str = Field("", max_length=300)


# --- tasks -----------------------------------------------------------------------------------


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
        from qinglian.duty.models import SupervisionNotice

        user = context["request"].auth_user
        return list(SupervisionNotice.objects.visible_to(user).filter(assignment_id=obj.pk))


class ReportIn(Schema):
    date: dt.date | None = Field(None, description="报送日期，不填为今天")
    content: str
    percent: int = Field(0, ge=0, le=100)
    is_final: bool = Field(False, description="报告完成：任务变为已完成，待牵头领导或机关党委确认销号")
    period: str = Field("", max_length=10, description="周期性任务的所属期间；不填按报送日期计算")


class ReturnIn(Schema):
    reason: str = Field(..., description="退回理由")


# --- completion and cards --------------------------------------------------------------------


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
