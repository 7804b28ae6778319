"""Excel of the 廉政风险点 register in the layout of the 廉政风险点登记表 (the print view's columns, with the ledger and
the date identified), so that the file re-imports as is (importers/risks.py reads past 序号 and 最近复核). Takes
rows the page already scoped (`visible_to`); `export_table` writes the audit log."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse

from qinglian.core.excel import Column, export_table
from qinglian.integrity.models import RiskPoint

UNIT, POST, MATTER, DESCRIPTION, LEVEL = "委室", "岗位", "风险事项", "风险描述", "风险等级"
CONTROLS, OWNER, LEDGER, IDENTIFIED = "防控措施", "责任人", "风险所在台账", "排查日期"
LAST_REVIEW = "最近复核"
EXPORT_ONLY = ("序号", LAST_REVIEW)

REGISTER_COLUMNS = [
    Column("序号", 6),
    Column(UNIT, 16),
    Column(POST, 12),
    Column(MATTER, 18),
    Column(DESCRIPTION, 36),
    Column(LEVEL, 8),
    Column(CONTROLS, 40),
    Column(OWNER, 10),
    Column(LEDGER, 14),
    Column(IDENTIFIED, 12),
    Column(LAST_REVIEW, 12),
]


def register_rows(risks: Sequence[RiskPoint]) -> list[tuple]:
    """One row per risk point (annotated with `last_review` by selectors.risks.risk_list)."""
    return [
        (
            i,
            r.unit.name,
            r.post,
            r.matter,
            r.description,
            r.get_level_display(),
            r.controls,
            r.owner.name if r.owner_id else "",
            r.get_ledger_display(),
            r.identified_on,
            getattr(r, "last_review", None) or "",
        )
        for i, r in enumerate(risks, start=1)
    ]


def register_xlsx(request: HttpRequest, risks: Sequence[RiskPoint], *, unit_name: str = "") -> HttpResponse:
    title = f"{unit_name}廉政风险点登记表" if unit_name else "廉政风险点登记表"
    return export_table(request, title, REGISTER_COLUMNS, register_rows(risks))
