"""Shapes of the standard tables' API (api/standards.py). Values are the stable English codes; `*_label` are Chinese.
A row's values are decimal strings ("800", "1.6") or a choice's code, as the table keeps them."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt
from typing import Any

from ninja import Field, Schema

from qinglian.compliance.choices import Confidence
from qinglian.frugality.standards.specs import SPECS


class FrugalityStandardTableOut(Schema):
    id: int
    kind: str
    kind_label: str
    jurisdiction: str
    jurisdiction_label: str
    organ_id: int | None = Field(None, description="本机关标准表所属机关；中央、省、市标准表为空")
    title: str
    doc_no: str
    source: str
    effective_from: dt.date
    effective_to: dt.date | None = Field(None, description="为空表示长期有效")
    confidence: str
    confidence_label: str
    unconfirmed: bool = Field(..., description="示例标准，待核实")
    note: str
    retired_at: dt.datetime | None = Field(None, description="作废时间；作废的表规则不再读取")
    row_count: int

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_jurisdiction_label(obj: Any) -> str:
        return obj.get_jurisdiction_display()

    @staticmethod
    def resolve_confidence_label(obj: Any) -> str:
        return obj.get_confidence_display()

    @staticmethod
    def resolve_row_count(obj: Any) -> int:
        count = getattr(obj, "row_count", None)
        return obj.rows.count() if count is None else count


class FrugalityStandardRowOut(Schema):
    keys: list[str] = Field(..., description="各键的代码或地名；“*”表示其他（不区分）")
    key_labels: list[str]
    values: dict[str, str]


class FrugalityStandardTableDetailOut(FrugalityStandardTableOut):
    rows: list[FrugalityStandardRowOut]

    @staticmethod
    def resolve_rows(obj: Any) -> list[Any]:
        return obj.row_views  # selectors.standards.table_rows, set by the API


class FrugalityStandardOut(Schema):
    """The standard a rule would use for the keys on a date, and where it comes from."""

    kind: str
    keys: list[str] = Field(..., description="匹配到的行的键（规范化后）")
    key_labels: list[str]
    values: dict[str, str]
    table_id: int
    table_title: str
    jurisdiction: str
    doc_no: str
    source: str
    confidence: str
    unconfirmed: bool
    effective_from: dt.date
    effective_to: dt.date | None
    cited: str = Field(..., description="检查结果中引用本标准的写法")

    @staticmethod
    def resolve_key_labels(obj: Any) -> list[str]:
        return [key.label(value) for key, value in zip(SPECS[obj.kind].keys, obj.keys, strict=False)]

    @staticmethod
    def resolve_values(obj: Any) -> dict[str, str]:
        return {name: str(value) for name, value in obj.values.items()}

    @staticmethod
    def resolve_unconfirmed(obj: Any) -> bool:
        return obj.confidence == Confidence.UNCONFIRMED


class FrugalityStandardEndIn(Schema):
    effective_to: dt.date


class FrugalityStandardRetireIn(Schema):
    reason: str = Field(..., min_length=1, max_length=200)
