"""The spending summary in the 八项规定 API: GET /api/frugality/summary — per unit and month of a year, the four
ledgers' spending and the same month of last year, read as the page reads it (selectors.summary: the ledgers'
readers, a unit head their units only; anybody else 403)."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from qinglian.core import clock
from qinglian.core.api import ERRORS, auth_user
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.frugality.schemas.summary import FrugalitySummaryOut
from qinglian.frugality.selectors.summary import (
    REFUSAL,
    SPENDING_LEDGERS,
    Cell,
    Line,
    UnitSpending,
    may_read_summary,
    readable_units,
    spending_summary,
)

router = Router()


def _cell(cell: Cell) -> dict[str, Any]:
    rate = cell.rate.fraction
    return {"amount": cell.amount, "last": cell.last, "change": cell.change, "rate": rate}


def _line(line: Line) -> dict[str, Any]:
    return {
        "ledger": line.ledger,
        "label": line.label,
        "months": [_cell(c) for c in line.months],
        "total": _cell(line.total),
    }


def _unit(unit: UnitSpending) -> dict[str, Any]:
    lines = [_line(line) for line in unit.lines]
    return {"unit_id": unit.unit_id, "name": unit.name, "lines": lines, "total": _line(unit.total)}


@router.get(
    "/summary",
    response={200: FrugalitySummaryOut, **ERRORS},
    summary="经费支出汇总",
    url_name="frugality_api_summary",
)
def summary(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="年度，默认本年"),
    unit_id: int | None = Query(None, description="委室，默认可查看的全部委室"),
    ledger: str = Query("", description="reception/travel/conference/training，默认全部"),
) -> dict[str, Any]:
    """按委室、月份汇总公务接待、差旅、会议、培训支出及上年同期、增减。"""
    user = auth_user(request)
    if not may_read_summary(user):
        raise Forbidden(REFUSAL)
    if ledger and ledger not in SPENDING_LEDGERS:
        raise InvalidInput("台账应为 reception、travel、conference 或 training")
    if unit_id is not None and not readable_units(user).filter(pk=unit_id).exists():
        raise InvalidInput("委室不存在或无权查看")
    found = spending_summary(user, year=year or clock.today().year, unit_id=unit_id, ledger=ledger)
    return {
        "year": found.year,
        "ledgers": [code for code, _ in found.ledgers],
        "units": [_unit(u) for u in found.units],
        "totals": _unit(found.totals),
    }
