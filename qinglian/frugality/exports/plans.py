"""Excel of the yearly plans: one row per item, in the import's columns (importers/plans.py) plus 序号, 已使用（条）
and 已支出（元）, which the import reads past — the export re-imports as it is. `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.frugality.importers.plans import plan_columns
from qinglian.frugality.models import SpendingPlan
from qinglian.frugality.selectors.plans import ITEM_CATEGORIES, ItemUsage, plan_usage


def item_cells(plan: SpendingPlan, usage: ItemUsage) -> tuple:
    """One item in the import's column order."""
    item = usage.item
    return (
        plan.year,
        plan.get_kind_display(),
        plan.approved_on,
        plan.approval_ref,
        item.name,
        item.unit.name if item.unit_id else "",
        ITEM_CATEGORIES[plan.kind].get(item.category, item.category),
        item.people,
        item.days,
        item.budget,
    )


def plans_xlsx(request: HttpRequest, user: Any, plans: Iterable[SpendingPlan]) -> HttpResponse:
    columns = [Column("序号", 6), *plan_columns(), Column("已使用（条）", 10), Column("已支出（元）", 14)]
    rows = []
    for plan in plans:
        for usage in plan_usage(user, plan):
            rows.append((len(rows) + 1, *item_cells(plan, usage), len(usage.rows), usage.spent))
    return export_table(request, "年度经费计划", columns, rows)
