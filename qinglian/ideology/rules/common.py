"""What the 意识形态 rules share: their category, the look-back window, the bases they cite, who answers when a
record names nobody, and one read of a ledger per run (compliance.reading)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Model

from qinglian.compliance import reading
from qinglian.compliance.registry import Context, Param

CATEGORY = "意识形态"
LOOK_BACK = Param("look_back_years", "检查最近几个年度", unit="年", minimum=1, maximum=5, help="2 = 本年度和上一年度")
RESPONSIBILITY = "《党委（党组）意识形态工作责任制实施办法》（2015年，中央原文未公开，依据地方实施细则）"
NEW_MEDIA = "《国务院办公厅关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）"
CHECK_INDICATORS = "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）"
PUBLISHING = "《图书质量保障体系》（新闻出版署1997年）三审三校"
ORGAN_REVIEW = "机关信息发布“三审”制度（地方惯例）"
ONE_MEETING = "“一会一报”制度（地方惯例，中央原文未公开）"
OPINION = "网络舆情应对处置制度（地方惯例）"


def first_day(ctx: Context) -> dt.date:
    """The first day of the window: 1 January of the earliest year looked back on."""
    return dt.date(ctx.as_of.year - int(ctx.params.look_back_years) + 1, 1, 1)


def ledger_rows(
    ctx: Context,
    model: type[Model],
    *,
    date_field: str,
    related: Sequence[str] = (),
    prefetch: Sequence[str] = (),
    since: dt.date | None = None,
) -> list[Any]:
    """The ledger's rows dated from `since` (default: the window's first day) to D, live on D, read once per run.
    Callers must not modify them."""
    start = since or first_day(ctx)
    return reading.ledger_rows(ctx, model, date_field=date_field, start=start, related=related, prefetch=prefetch)
