"""The year's figures in the npc API (api/figures.py)."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
from ninja import Field, Schema


class FigureOut(Schema):
    key: str
    label: str
    value: int | float | None = Field(..., description="数值；比率为百分数（保留一位小数），无可统计时为 null")
    unit: str = Field(..., description="件、项、次或 %")
    definition: str = Field(..., description="口径")
    numerator: int | None = Field(None, description="比率的分子")
    denominator: int | None = Field(None, description="比率的分母")
