"""代表建议导入: a year's suggestion list from Excel, one row per suggestion.

Built on the core import framework (`SuggestionImport`), like the roster, meeting-record and duty-list imports:
parsing judges every row and writes nothing, so the page can preview; applying writes all rows in one
transaction or none ("全部成功才导入" only). Every write goes through the services (deputy_save, suggestion_save,
suggestion_assign, suggestion_mark_key): the same checks, permissions and history as the forms.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from qinglian.core.importing import Action
from qinglian.npc.importers.common import SuggestionPlan, SuggestionResult, SuggestionRow, suggestion_columns
from qinglian.npc.importers.importer import SuggestionImport
from qinglian.org.models import Organ


def suggestion_template(organ: Organ) -> Workbook:
    """The template of `organ`: drop-downs of its sessions, external units and committees, and 填表说明."""
    return SuggestionImport(organ).template()


def suggestion_parse(*, organ: Organ, data: bytes, auto_create_deputies: bool = False) -> SuggestionPlan:
    """Judge every row against `organ`; writes nothing. Raises InvalidInput for a whole-file problem."""
    return SuggestionImport(organ).parse(data, auto_create_deputies=auto_create_deputies)  # type: ignore[return-value]


def suggestion_apply(*, plan: SuggestionPlan, by: Any) -> SuggestionResult:
    """Write every row, or nothing: a plan with problems is refused, and a row the services refuse rolls back
    the rows before it (InvalidInput naming the row)."""
    return SuggestionImport(plan.organ, by).apply(plan, mode="all", by=by)  # type: ignore[return-value]


__all__ = [
    "Action",
    "SuggestionImport",
    "SuggestionPlan",
    "SuggestionResult",
    "SuggestionRow",
    "suggestion_apply",
    "suggestion_columns",
    "suggestion_parse",
    "suggestion_template",
]
