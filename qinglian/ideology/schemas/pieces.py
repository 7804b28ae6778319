"""Shapes of the pieces API (api/pieces.py). Values are the stable English codes; `*_label` are Chinese. Names are
prefixed (IdeologyPiece…): the OpenAPI document has one namespace for every app."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.ideology.choices import PieceKind, ReviewDecision, Stage


class IdeologyPieceOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    outlet: Ref
    unit: Ref
    drafter: Ref
    sensitive: bool
    sensitive_reason: str
    status: str
    status_label: str
    submitted_on: dt.date | None
    published_on: dt.date | None
    published_url: str
    withdrawn_reason: str
    entry_source: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj["kind_label"] if isinstance(obj, dict) else obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj["status_label"] if isinstance(obj, dict) else obj.get_status_display()


class IdeologyPieceIssueOut(Schema):
    key: str
    rule: str = ""
    category: str = ""
    severity: str = ""
    text: str = ""
    message: str = ""
    suggestion: str | None = None
    start: int = 0
    end: int = 0
    blocking: bool = False


class IdeologyPieceVersionOut(Schema):
    number: int
    created_at: dt.datetime
    author: Ref | None
    file_name: str
    chars: int
    note: str
    error_count: int
    political_errors: int
    category_counts: dict[str, int]


class IdeologyPieceSignoffOut(Schema):
    stage: int
    stage_label: str
    decision: str
    decision_label: str
    reviewer: Ref
    level: int | None
    version: int | None
    signed_on: dt.date
    opinion: str
    source: str


class IdeologyPieceProofRoundOut(Schema):
    round: int
    proofreader: Ref
    done_on: dt.date
    note: str


class IdeologyPieceIssueChangesOut(Schema):
    new: list[IdeologyPieceIssueOut]
    fixed: list[IdeologyPieceIssueOut]
    kept: list[IdeologyPieceIssueOut]


class IdeologyPieceDetailOut(IdeologyPieceOut):
    versions: list[IdeologyPieceVersionOut]
    latest_text: str
    latest_issues: list[IdeologyPieceIssueOut]
    since_previous: IdeologyPieceIssueChangesOut | None
    signoffs: list[IdeologyPieceSignoffOut]
    proof_rounds: list[IdeologyPieceProofRoundOut]
    pending_stage: int | None
    blocking: int


class IdeologyPieceQueueOut(Schema):
    piece: IdeologyPieceOut
    stage: int
    stage_label: str
    required_level: int


class IdeologyPieceIn(Schema):
    outlet_id: int = Field(..., description="阵地")
    title: str = Field(..., min_length=1, max_length=200)
    kind: PieceKind = PieceKind.ARTICLE
    sensitive: bool = False
    sensitive_reason: str = Field("", max_length=200)
    text: str = Field(..., description="稿件正文（第1稿），保存时自动审校")
    note: str = Field("", max_length=300)


class IdeologyPieceVersionIn(Schema):
    text: str = Field(..., description="新稿正文，保存时自动审校")
    note: str = Field("", max_length=300, description="修改说明")


class IdeologyPieceSignIn(Schema):
    stage: Stage = Field(..., description="1 初审，2 复审，3 终审（须为当前待审环节）")
    decision: ReviewDecision
    opinion: str = Field("", max_length=500, description="退回修改须填写")
    on: dt.date | None = Field(None, description="审核日期，默认今天")


class IdeologyPieceOverrideIn(Schema):
    issue_key: str = Field(..., max_length=300, description="最新稿政治性问题的标识（详情中 latest_issues 的 key）")
    reason: str = Field(..., max_length=500, description="放行理由")


class IdeologyPieceProofRoundIn(Schema):
    round: int = Field(..., ge=1, le=3)
    proofreader_id: int
    done_on: dt.date
    note: str = Field("", max_length=300)


class IdeologyPiecePublishIn(Schema):
    published_on: dt.date
    published_url: str = Field("", max_length=300)


class IdeologyPieceWithdrawIn(Schema):
    reason: str = Field(..., max_length=300)
