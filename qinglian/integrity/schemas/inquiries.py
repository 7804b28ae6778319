"""Shapes of the proposals and letters-of-inquiry API (api/inquiries.py). Values are the stable English codes;
`*_label` are Chinese. A letter of inquiry has dates and status only: there is no content field to send or get."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.core.api import Ref
from qinglian.integrity.choices import ProposalKind


class ProposalOut(Schema):
    id: int
    kind: str
    kind_label: str
    number: str
    issued_on: dt.date
    title: str
    summary: str
    target_unit: Ref | None = Field(..., description="主送委室；空为主送机关党组")
    due_on: dt.date = Field(..., description="书面回复期限（INT-050）")
    replied_on: dt.date | None
    reply_no: str
    reply_summary: str
    status_label: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_due_on(obj: Any) -> dt.date:
        return obj.state.due

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.state.label


class ProposalIn(Schema):
    kind: ProposalKind
    number: str = Field(..., min_length=1, max_length=60)
    issued_on: dt.date
    title: str = Field(..., min_length=1, max_length=200)
    summary: str = Field(..., min_length=1, max_length=5000)
    target_unit_id: int | None = Field(None, description="主送委室；不填为主送机关党组")


class ProposalReplyIn(Schema):
    replied_on: dt.date
    reply_no: str = Field(..., min_length=1, max_length=60)
    reply_summary: str = Field(..., min_length=1, max_length=5000)


class InquiryOut(Schema):
    id: int
    subject: Ref
    number: str
    received_on: dt.date
    due_on: dt.date = Field(..., description="回复期限（INT-051）")
    signer: Ref | None
    signed_on: dt.date | None
    replied_on: dt.date | None
    status_label: str

    @staticmethod
    def resolve_due_on(obj: Any) -> dt.date:
        return obj.state.due

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.state.label


class InquiryIn(Schema):
    subject_id: int
    number: str = Field("", max_length=60)
    received_on: dt.date


class InquiryReplyIn(Schema):
    signer_id: int | None = Field(None, description="签署意见的党组书记；被函询人为党组书记的不填")
    signed_on: dt.date | None = None
    replied_on: dt.date
