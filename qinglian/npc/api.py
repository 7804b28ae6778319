"""The npc API (人大履职服务) at /api/npc/: deputies' suggestions and their handling, meeting materials,
liaison stations and activities, deputies, and the year's figures.

It shows exactly what the pages show: every read starts from `visible_to(request.auth_user)`, a selector or
`permissions.access_*`; every write goes through the npc services, so their checks, Chinese refusals and
history are the API's too. The endpoints live in sub-routers mounted here:
- api_suggestions.py: the suggestions ledger and the handling figures per unit;
- api_suggestion_actions.py: the handling steps (交办, 签收, 退回, 联系, 答复, 满意度, 延期, 重点督办);
- api_meetings.py: meetings, agenda items, submissions and the materials on-time table;
- api_stations.py: liaison stations, activities, deputies and their activity counts.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from qinglian.core.api import ERRORS
from qinglian.npc.api_common import YEAR, organ_of, user_of
from qinglian.npc.api_meetings import router as meetings_router
from qinglian.npc.api_stations import router as stations_router
from qinglian.npc.api_suggestion_actions import router as actions_router
from qinglian.npc.api_suggestions import router as suggestions_router
from qinglian.npc.schemas_meetings import FigureOut

router = Router(tags=["人大履职服务"])


@router.get("/figures", response={200: list[FigureOut], **ERRORS}, summary="年度履职数据")
def figures(request: HttpRequest, year: int | None = YEAR) -> list[dict[str, Any]]:
    """年度履职数据页上的各项数字及其口径（不填年度为今年），从台账计算：一府两院报告、法规、决议决定、审议意见、
    代表建议件数和按期答复率、办理落实率、满意率、会议材料按时报送率、代表活动次数。"""
    from qinglian.npc.selectors_summary import DEFINITIONS, page_figures

    organ_id = organ_of(user_of(request))
    if organ_id is None:
        return []
    year = year or timezone.localdate().year
    found = page_figures(organ_id=organ_id, year=year, as_of=timezone.localdate())
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


router.add_router("", suggestions_router)
router.add_router("", actions_router)
router.add_router("", meetings_router)
router.add_router("", stations_router)
