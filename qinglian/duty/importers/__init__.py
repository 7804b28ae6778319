"""责任清单导入: a year's list from an Excel template (one row per item) or from a Word outline
(一、（一）1.), into the year's draft list.

Built on the core import framework (`DutyExcelImport`, `DutyWordImport`: one family, two sources): parsing
judges every row or paragraph and writes nothing, so a page can preview; the previewed plan is carried to
"确认导入" in a signed token; applying writes it in one transaction, all or nothing, through
services.duty_list_save / section_save / item_save, so the same checks and history apply as for the forms.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from qinglian.duty.importers.deadline import Deadline, deadline_parse
from qinglian.duty.importers.excel import duty_columns
from qinglian.duty.importers.importer import IMPORTS, DutyExcelImport, DutyImport, DutyWordImport
from qinglian.duty.importers.plan import DutyPlan, DutyResult, DutyRow, Section
from qinglian.duty.importers.word import split_meta
from qinglian.org.models import Organ


def duty_template(organ: Organ, year: int | None = None) -> Workbook:
    """The organ's template: drop-downs of its current Party group members and units."""
    return DutyExcelImport(organ, year=year).template()


def duty_excel_parse(*, organ: Organ, year: int, data: bytes) -> DutyPlan:
    return DutyExcelImport(organ).parse(data, year=year)  # type: ignore[return-value]


def duty_word_parse(*, organ: Organ, year: int, data: bytes, default_unit_id: int) -> DutyPlan:
    return DutyWordImport(organ).parse(data, year=year, default_unit=default_unit_id)  # type: ignore[return-value]


def duty_import_apply(*, plan: DutyPlan, by: Any) -> DutyResult:
    """Write a plan of either source, all or nothing."""
    return IMPORTS[plan.source](plan.organ, by).apply(plan, mode="all", by=by)  # type: ignore[return-value]


__all__ = [
    "Deadline",
    "DutyExcelImport",
    "DutyImport",
    "DutyPlan",
    "DutyResult",
    "DutyRow",
    "DutyWordImport",
    "Section",
    "deadline_parse",
    "duty_columns",
    "duty_excel_parse",
    "duty_import_apply",
    "duty_template",
    "duty_word_parse",
    "split_meta",
]
