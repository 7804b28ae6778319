"""The year's figures in the npc API: the numbers of the figures page with their definitions."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.http import HttpRequest
from ninja import Router

from qinglian.core import clock
from qinglian.core.api import ERRORS, auth_user
from qinglian.npc.api.common import YEAR
from qinglian.npc.permissions import reading_organ_id
from qinglian.npc.schemas.figures import FigureOut
from qinglian.npc.selectors.summary import DEFINITIONS, page_figures

router = Router()


# The operation id it had when it lived in api.py: clients generated from the OpenAPI schema name it so.
@router.get(
    "/figures",
    response={200: list[FigureOut], **ERRORS},
    summary="年度履职数据",
    operation_id="qinglian_npc_api_figures",
)
def figures(request: HttpRequest, year: int | None = YEAR) -> list[dict[str, Any]]:
    """年度履职数据页上的各项数字及其口径（不填年度为今年），从台账计算：一府两院报告、法规、决议决定、审议意见、
    代表建议件数和按期答复率、办理落实率、满意率、会议材料按时报送率、代表活动次数。"""
    organ_id = reading_organ_id(auth_user(request))
    if organ_id is None:
        return []
    year = year or clock.today().year
    found = page_figures(organ_id=organ_id, year=year, as_of=clock.today())
    return [
        {
            "key": f.key,
            "label": f.label,
            "value": _value(f.value),
            "unit": f.unit,
            "definition": DEFINITIONS.get(f.key, ""),
            "numerator": f.ratio.numerator if f.ratio else None,
            "denominator": f.ratio.denominator if f.ratio else None,
        }
        for f in found
    ]


def _value(value: Any) -> int | float | None:
    """Counts stay integers; rates (Decimal percentages) become numbers with their one decimal."""
    if value is None or isinstance(value, int):
        return value
    return float(value)
