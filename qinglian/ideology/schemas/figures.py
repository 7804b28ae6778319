"""Shapes of the year's figures API (api/figures.py). Class names carry the app's prefix: they are unique across the
OpenAPI document."""

# No `from __future__ import annotations`: ninja reads these annotations at runtime.
import datetime as dt

from ninja import Field, Schema


class IdeologyFigureOut(Schema):
    key: str = Field(..., description="数据项代码")
    label: str
    count: int
    link: str = Field(..., description="构成该数字的记录清单（页面地址）")


class IdeologyFigureGroupOut(Schema):
    key: str = Field(..., description="pieces/caught/outlets/forums/reports/opinion")
    title: str
    note: str = Field("", description="统计口径")
    figures: list[IdeologyFigureOut]


class IdeologySilentOutletOut(Schema):
    outlet_id: int
    name: str
    kind: str
    unit: str
    owner: str
    last_published: dt.date | None = Field(None, description="最近发布日期，从未发布为空")
    days: int = Field(..., description="截至统计日未更新天数")


class IdeologyFiguresOut(Schema):
    year: int
    as_of: dt.date = Field(..., description="统计截至日期（往年为12月31日，本年为今天）")
    current: bool
    silent_days: int | None = Field(None, description="IDEO-001 连续未更新天数参数，未设置为空")
    summary: str = Field(..., description="可用于年度工作报告的综述")
    groups: list[IdeologyFigureGroupOut]
    silent_outlets: list[IdeologySilentOutletOut]
