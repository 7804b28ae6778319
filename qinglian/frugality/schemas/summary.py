"""Shapes of the spending summary API (api/summary.py). Amounts in yuan as decimals; the rate a fraction (null when
last year spent nothing). Class names carry the app's prefix: they are unique across the OpenAPI document."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
from decimal import Decimal

from ninja import Field, Schema


class FrugalitySummaryCellOut(Schema):
    amount: Decimal = Field(..., description="本年（元）")
    last: Decimal = Field(..., description="上年同期（元）")
    change: Decimal = Field(..., description="增减额（元）")
    rate: Decimal | None = Field(None, description="增减率（小数，上年同期为0时为空）")


class FrugalitySummaryLineOut(Schema):
    ledger: str = Field(..., description="台账代码；total 为合计")
    label: str
    months: list[FrugalitySummaryCellOut] = Field(..., description="1—12月")
    total: FrugalitySummaryCellOut


class FrugalitySummaryUnitOut(Schema):
    unit_id: int | None = Field(None, description="委室；合计行为空")
    name: str
    lines: list[FrugalitySummaryLineOut]
    total: FrugalitySummaryLineOut


class FrugalitySummaryOut(Schema):
    year: int
    ledgers: list[str]
    units: list[FrugalitySummaryUnitOut]
    totals: FrugalitySummaryUnitOut
