"""Shapes of the special-check API (api/checks.py). Values are the stable English codes; `*_label` are Chinese.
Class names carry the app's prefix: they are unique across the whole OpenAPI document."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from qinglian.frugality.choices import SampleVerdict


class FrugalityCheckRuleOut(Schema):
    code: str
    title: str
    ledger: str
    ledger_label: str
    subjects: int | None = Field(None, description="检查期间该规则检查的对象数")
    findings: int = Field(..., description="检查期间的问题数（未整改和已记录的预警）")
    red: int
    yellow: int
    blue: int
    compares_amount: bool = Field(..., description="该规则是否比对金额标准")
    excess: Decimal | None = Field(None, description="超标准金额（元）；不比对金额或未能计算的为空")


class FrugalityCheckLedgerOut(Schema):
    ledger: str
    label: str
    rows: int
    amount: Decimal


class FrugalityCheckOut(Schema):
    id: int
    title: str
    period_start: dt.date
    period_end: dt.date
    ledgers: list[str]
    status: str
    status_label: str
    sample_size: int
    seed: str = Field(..., description="抽样种子（抽样后）")
    drawn_at: dt.datetime | None
    run_on: dt.date | None = Field(None, description="规则检查日期；统计数据为该日结果")
    findings: int | None = Field(None, description="规则发现问题合计")
    excess: Decimal | None = Field(None, description="超标准金额合计（元）")
    ledger_figures: list[FrugalityCheckLedgerOut]
    rules: list[FrugalityCheckRuleOut]
    report_no: str
    reported_on: dt.date | None
    conclusion: str

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_findings(obj: Any) -> int | None:
        return (obj.counts or {}).get("findings")

    @staticmethod
    def resolve_excess(obj: Any) -> str | None:
        return (obj.counts or {}).get("excess")

    @staticmethod
    def resolve_ledger_figures(obj: Any) -> list[dict]:
        return (obj.counts or {}).get("ledgers", [])

    @staticmethod
    def resolve_rules(obj: Any) -> list[dict]:
        return (obj.counts or {}).get("rules", [])


class FrugalityCheckSampleOut(Schema):
    id: int
    position: int
    ledger: str
    ledger_label: str
    object_id: int
    voucher_no: str
    label: str
    amount: Decimal
    verdict: str = Field(..., description="compliant 合规 / problem 问题；空为未审核")
    verdict_label: str
    remark: str
    reviewed_at: dt.datetime | None
    problem_id: int | None = Field(None, description="已移送的整改问题编号")

    @staticmethod
    def resolve_ledger_label(obj: Any) -> str:
        return obj.get_ledger_display()

    @staticmethod
    def resolve_verdict_label(obj: Any) -> str:
        return obj.get_verdict_display() if obj.verdict else "未审核"


class FrugalityCheckReviewIn(Schema):
    verdict: SampleVerdict
    remark: str = Field("", max_length=500, description="问题说明；审核结论为“问题”的必填")
