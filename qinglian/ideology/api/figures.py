"""The year's figures in the 意识形态 API: GET /api/ideology/figures/?year= — what the page shows, read as the page
reads it (selectors.figures: visible_to; the organ readers get the organ's figures; anybody without a business role
403), with the paragraph for the annual report."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from qinglian.core import clock
from qinglian.core.api import ERRORS, auth_user
from qinglian.core.errors import Forbidden
from qinglian.ideology.schemas.figures import IdeologyFiguresOut
from qinglian.ideology.selectors.figures import REFUSAL, may_read_figures, year_figures
from qinglian.ideology.selectors.figures_report import summary_text

router = Router()


@router.get(
    "/figures/",
    response={200: IdeologyFiguresOut, **ERRORS},
    summary="意识形态工作年度数据",
    url_name="ideology_api_figures",
)
def figures(
    request: HttpRequest, year: int | None = Query(None, ge=2000, le=2100, description="年度，默认本年")
) -> dict[str, Any]:
    """稿件审核、审校纠错、阵地、一会一报、分析研判和报告、舆情的年度数据，每项附构成该数字的记录清单地址。"""
    user = auth_user(request)
    if not may_read_figures(user):
        raise Forbidden(REFUSAL)
    found = year_figures(user, year or clock.today().year)
    return {
        "year": found.year,
        "as_of": found.day,
        "current": found.current,
        "silent_days": found.silent_days,
        "summary": summary_text(found),
        "groups": [
            {
                "key": g.key,
                "title": g.title,
                "note": g.note,
                "figures": [{"key": f.key, "label": f.label, "count": f.count, "link": f.link} for f in g.figures],
            }
            for g in found.groups
        ],
        "silent_outlets": [s.__dict__ for s in found.silent],
    }
