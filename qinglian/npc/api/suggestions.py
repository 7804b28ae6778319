"""The suggestions ledger (代表建议) in the npc API: the list with its filters and reply deadlines, one
suggestion with everything its page shows, registering and changing one, and the handling figures per unit.

Reads start from `selectors.suggestions.suggestion_list` (`visible_to`) or `access_suggestion`; writes go through
`services.suggestions.suggestion_save`. The handling steps (交办, 签收, 答复…) are in suggestion_actions.py.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, Pagination, auth_user, reference
from qinglian.core.errors import Forbidden
from qinglian.npc.api.common import WRITE_ERRORS, YEAR, references, stats_report
from qinglian.npc.choices import SuggestionCategory, SuggestionStatus
from qinglian.npc.models import Suggestion
from qinglian.npc.permissions import access_suggestion, can_write_suggestions, reading_organ_id
from qinglian.npc.schemas.suggestions import HandlingReportOut, SuggestionDetailOut, SuggestionIn, SuggestionOut
from qinglian.npc.selectors import suggestions as selectors
from qinglian.npc.selectors.figures import handling_stats
from qinglian.npc.selectors.setup import deputy_choices, session_list
from qinglian.npc.selectors.suggestion_detail import load_suggestion
from qinglian.npc.services.suggestions import suggestion_save
from qinglian.org.models import User

router = Router()


@router.get("/suggestions", response={200: list[SuggestionOut], **ERRORS}, summary="代表建议列表")
@paginate(Pagination)
def suggestion_list(
    request: HttpRequest,
    year: int | None = YEAR,
    session_id: int | None = Query(None, description="届次会议"),
    unit_id: int | None = Query(None, description="承办单位（主办或协办，承办中的）"),
    status: SuggestionStatus | None = None,
    category: SuggestionCategory | None = None,
    is_key: bool | None = Query(None, description="重点督办"),
    overdue: bool | None = Query(None, description="true：已超过答复期限仍未答复；false：其余"),
) -> QuerySet[Suggestion]:
    """按年度、编号排列；每件带答复期限、剩余工作日和是否超期（与页面一致）。"""
    qs = selectors.suggestion_list(
        auth_user(request),
        year=year,
        session_id=session_id,
        unit_id=unit_id,
        status=status,
        category=category,
        is_key=is_key,
        overdue=overdue,
    )
    return selectors.with_handling(qs).order_by("-year", "number", "pk")


@router.get("/suggestions/{suggestion_id}", response={200: SuggestionDetailOut, **ERRORS}, summary="代表建议详情")
def suggestion_detail(request: HttpRequest, suggestion_id: int) -> Suggestion:
    """领衔和附议代表、交办（主办/协办、签收、退回、协办意见）、联系沟通、答复及满意度、各项期限。"""
    return load_suggestion(auth_user(request), suggestion_id)


def _fill(user: User, suggestion: Suggestion, payload: SuggestionIn) -> list[int]:
    """Copy the body onto the suggestion; references must be visible (400 on the field). Returns co-signers."""
    # A deputy who has left office stays on the suggestions they made.
    deputies = deputy_choices(user, selectors.suggestion_deputy_ids(suggestion))
    suggestion.number = payload.number
    suggestion.year = payload.year
    suggestion.session = reference(session_list(user), payload.session_id, "session_id", "届次会议")
    suggestion.lead_deputy = reference(deputies, payload.lead_deputy_id, "lead_deputy_id", "领衔代表")
    suggestion.title = payload.title.strip()
    suggestion.content = payload.content.strip()
    suggestion.category = payload.category
    suggestion.received_on = payload.received_on
    co_signers = references(deputies, payload.co_signer_ids, "co_signer_ids", "附议代表")
    return [d.pk for d in co_signers]


@router.post("/suggestions", response={201: SuggestionDetailOut, **WRITE_ERRORS}, summary="登记代表建议")
def suggestion_create(request: HttpRequest, payload: SuggestionIn) -> Status:
    """建议办理台账的负责委室登记。同一年度内编号重复为 409。"""
    user = auth_user(request)
    if not can_write_suggestions(user):
        raise Forbidden("只有建议办理台账的负责委室可以登记代表建议")
    suggestion = Suggestion(organ_id=reading_organ_id(user))
    co_signer_ids = _fill(user, suggestion, payload)
    suggestion_save(suggestion=suggestion, by=user, co_signer_ids=co_signer_ids)
    return Status(201, load_suggestion(user, suggestion.pk))


@router.put("/suggestions/{suggestion_id}", response={200: SuggestionDetailOut, **WRITE_ERRORS}, summary="修改代表建议")
def suggestion_update(request: HttpRequest, suggestion_id: int, payload: SuggestionIn) -> Suggestion:
    """整体替换建议的登记内容（含附议代表）；办理情况通过各办理步骤登记。"""
    user = auth_user(request)
    suggestion = access_suggestion(user, suggestion_id, write=True)
    co_signer_ids = _fill(user, suggestion, payload)
    suggestion_save(suggestion=suggestion, by=user, co_signer_ids=co_signer_ids)
    return load_suggestion(user, suggestion.pk)


@router.get("/units/stats", response={200: HandlingReportOut, **ERRORS}, summary="各承办单位办理情况")
def unit_stats(request: HttpRequest, year: int | None = YEAR) -> dict[str, Any]:
    """该年度建议按主办单位统计：件数、已答复、按期答复、办理落实、测评和满意，及合计（不填年度为今年）。"""
    return stats_report(request, year, handling_stats)
