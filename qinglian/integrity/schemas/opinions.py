"""Shapes of the 党风廉政意见回复 API (api/opinions.py)."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.integrity.choices import OpinionConclusion, OpinionPurpose
from qinglian.integrity.selectors.opinions import RequestRow, Status, items_of, rows_of, status_of


class OpinionItemOut(Schema):
    id: int
    person: Ref
    proposed_post: str
    summary: str = Field(description="廉政情况摘要（系统草稿，派驻纪检监察组可修改）")
    summary_drafted_at: dt.datetime | None
    conclusion: str = Field(description="clear 无反映问题 / issue 有问题；未回复为空")
    conclusion_label: str
    answer: str

    @staticmethod
    def resolve_conclusion_label(obj: Any) -> str:
        return obj.get_conclusion_display() if obj.conclusion else "未回复"


class OpinionRequestOut(Schema):
    id: int
    purpose: str
    purpose_label: str
    title: str
    document_no: str
    sent_on: dt.date | None
    status: str = Field(description="draft 草拟 / sent 已送达待回复 / replied 已回复")
    status_label: str
    reply_no: str
    replied_on: dt.date | None

    @staticmethod
    def resolve_purpose_label(obj: Any) -> str:
        return obj.get_purpose_display()

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return status_of(obj)

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return Status.LABELS[status_of(obj)]


class OpinionRequestDetailOut(OpinionRequestOut):
    due: dt.date | None = Field(None, description="回复期限（送达后按工作日计算）")
    overdue: bool = False
    items: list[OpinionItemOut]

    @staticmethod
    def resolve_due(obj: Any) -> dt.date | None:
        return _row(obj).due

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return _row(obj).overdue

    @staticmethod
    def resolve_items(obj: Any) -> list:
        return items_of(obj)


def _row(obj: Any) -> RequestRow:
    [row] = rows_of([obj], organ_id=obj.organ_id)
    return row


class OpinionPersonIn(Schema):
    person_id: int
    proposed_post: str = Field("", max_length=100)


class OpinionRequestIn(Schema):
    purpose: OpinionPurpose
    title: str = Field(..., min_length=1, max_length=200)
    document_no: str = Field("", max_length=60)
    people: list[OpinionPersonIn] = Field(default_factory=list)


class OpinionAnswerIn(Schema):
    conclusion: OpinionConclusion
    answer: str = ""
    summary: str | None = Field(None, description="同时修改廉政情况摘要（可省略）")


class OpinionSummaryIn(Schema):
    summary: str = Field(..., min_length=1)


class OpinionSendIn(Schema):
    sent_on: dt.date | None = Field(None, description="送达日期，默认今天")
