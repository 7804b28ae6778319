"""Request bodies of the handling steps of a suggestion in the npc API (api/suggestion_actions.py). A date left
out is today, as the page's forms default it."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt

from ninja import Field, Schema

from qinglian.npc.choices import ContactWay, ReplyResult, Satisfaction

DAY_TODAY = "不填为今天"


class AssignIn(Schema):
    lead_unit_id: int = Field(..., description="主办单位（外部单位）")
    co_unit_ids: list[int] = Field(default_factory=list, description="协办单位")
    assigned_on: dt.date | None = Field(None, description=f"交办日期；{DAY_TODAY}")


class ReceiveIn(Schema):
    received_on: dt.date | None = Field(None, description=f"签收日期；{DAY_TODAY}")


class ReturnIn(Schema):
    returned_on: dt.date | None = Field(None, description=f"退回日期；{DAY_TODAY}")
    reason: str = Field(..., max_length=300, description="退回理由")
    accepted: bool = Field(..., description="交办机构同意退回（另行交办）；false 为不同意，继续承办")


class CoOpinionIn(Schema):
    opinion_on: dt.date | None = Field(None, description=f"协办意见日期；{DAY_TODAY}")
    opinion: str = Field(..., description="协办意见要点")


class NotifyIn(Schema):
    notified_on: dt.date | None = Field(None, description=f"通知代表受理日期；{DAY_TODAY}")


class ContactIn(Schema):
    assignment_id: int | None = Field(None, description="联系的承办单位（交办记录）；不填为承办中的主办单位")
    date: dt.date | None = Field(None, description=f"联系日期；{DAY_TODAY}")
    way: ContactWay
    with_whom: str = Field("", max_length=60, description="联系对象；不填为领衔代表")
    note: str = Field("", max_length=300)


class ReplyIn(Schema):
    document_no: str = Field("", max_length=60, description="答复文号")
    date: dt.date | None = Field(None, description=f"答复日期；{DAY_TODAY}")
    result: ReplyResult
    summary: str = ""


class SatisfactionIn(Schema):
    recorded_on: dt.date | None = Field(None, description=f"反馈日期；{DAY_TODAY}")
    level: Satisfaction
    opinion: str = Field("", max_length=500)


class ExtensionIn(Schema):
    requested_on: dt.date | None = Field(None, description=f"申请日期；{DAY_TODAY}")
    reason: str = Field(..., max_length=300, description="延期理由")


class ExtensionApproveIn(Schema):
    approved_on: dt.date | None = Field(None, description=f"批准日期；{DAY_TODAY}")


class KeyIn(Schema):
    is_key: bool = Field(..., description="true 列为重点督办；false 取消")
    committee_id: int | None = Field(None, description="督办委室（内设机构）；列为重点督办时必填")
    leader_id: int | None = Field(None, description="督办领导（党组成员或领导）；列为重点督办时必填")
    key_decided_on: dt.date | None = Field(
        None, description="主任会议确定重点督办的日期；不填则保留已登记的日期（NPC-012 自该日起算督办工作方案期限）"
    )


class SupervisionPlanIn(Schema):
    plan_on: dt.date | None = Field(None, description=f"督办工作方案日期；{DAY_TODAY}")
    summary: str = Field(..., description="督办工作方案要点")
