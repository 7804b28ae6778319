"""花名册导入: a downloadable template, a parse that judges every row, and an apply that writes them.

Built on the core import framework (`RosterImport`): parsing never writes and returns a plan (新增/更新/无变化/
错误 per row, with the problems in Chinese) for the page to preview; applying writes it in one transaction,
"all or nothing" or "valid rows only", through services.person_save, so every change is in the person's history
with the importing account. The ID number is the key: a person of the organ with the same number is updated.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from qinglian.core.importing import Mode, Plan, Result
from qinglian.org.models import Organ
from qinglian.org.roster.importer import RosterImport
from qinglian.org.roster.judge import PersonRow


def roster_template(organ: Organ) -> Workbook:
    """The import template of `organ`: drop-downs for coded columns (its units and branches) and 填表说明."""
    return RosterImport(organ).template()


def roster_parse(*, organ: Organ, data: bytes) -> Plan[PersonRow]:
    return RosterImport(organ).parse(data)


def roster_apply(*, plan: Plan[PersonRow], mode: Mode, by: Any) -> Result[PersonRow]:
    return RosterImport(plan.organ).apply(plan, mode=mode, by=by)


__all__ = ["PersonRow", "RosterImport", "roster_apply", "roster_parse", "roster_template"]
