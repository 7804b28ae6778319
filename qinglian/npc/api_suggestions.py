"""The suggestions ledger (代表建议) in the npc API: the list with its filters and reply deadlines, one
suggestion with everything its page shows, registering and changing one, and the handling figures per unit.

Reads start from `selectors.suggestion_list` (`visible_to`) or `access_suggestion`; writes go through
`services_suggestions.suggestion_save`. The handling steps (交办, 签收, 答复…) are in api_suggestion_actions.py.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, Pagination
from qinglian.core.errors import Forbidden
from qinglian.npc import selectors
from qinglian.npc.api_common import WRITE_ERRORS, YEAR, organ_of, reference, references, user_of
from qinglian.npc.choices import SuggestionCategory, SuggestionStatus
from qinglian.npc.models import Assignment, Deputy, Reply, Session, Suggestion
from qinglian.npc.permissions import access_suggestion, can_write_suggestions
from qinglian.npc.schemas import HandlingReportOut, SuggestionDetailOut, SuggestionIn, SuggestionOut
from qinglian.npc.selectors_figures import handling_stats
from qinglian.npc.services_suggestions import suggestion_save
from qinglian.org.models import User

router = Router()


def with_handling(qs: QuerySet[Suggestion]) -> QuerySet[Suggestion]:
    """Assignments (with units), replies (with their unit and evaluations): what a row of the list needs."""
    replies = Reply.objects.select_related("assignment__unit").prefetch_related("satisfactions")
    return qs.select_related("session", "lead_deputy").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
        Prefetch("replies", queryset=replies),
    )


def load_suggestion(user: User, pk: Any) -> Suggestion:
    """One suggestion (access checked: 404 when invisible) with everything its page shows, prefetched."""
    from qinglian.npc.views_suggestion_detail import load_suggestion as load

    return load(user, pk)


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
        user_of(request),
        year=year,
        session_id=session_id,
        unit_id=unit_id,
        status=status,
        category=category,
        is_key=is_key,
        overdue=overdue,
    )
    return with_handling(qs).order_by("-year", "number", "pk")


@router.get("/suggestions/{suggestion_id}", response={200: SuggestionDetailOut, **ERRORS}, summary="代表建议详情")
def suggestion_detail(request: HttpRequest, suggestion_id: int) -> Suggestion:
    """领衔和附议代表、交办（主办/协办、签收、退回、协办意见）、联系沟通、答复及满意度、各项期限。"""
    return load_suggestion(user_of(request), suggestion_id)


def _fill(user: User, suggestion: Suggestion, payload: SuggestionIn) -> list[int]:
    """Copy the body onto the suggestion; references must be visible (400 on the field). Returns co-signers."""
    deputies = Deputy.objects.visible_to(user)
    if suggestion.pk:  # a deputy who has left office stays on the suggestions they made
        current = [suggestion.lead_deputy_id, *suggestion.co_signers.values_list("pk", flat=True)]
        deputies = deputies.filter(Q(is_active=True) | Q(pk__in=current))
    else:
        deputies = deputies.filter(is_active=True)
    suggestion.number = payload.number
    suggestion.year = payload.year
    suggestion.session = reference(Session.objects.visible_to(user), payload.session_id, "session_id", "届次会议")
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
    user = user_of(request)
    if not can_write_suggestions(user):
        raise Forbidden("只有建议办理台账的负责委室可以登记代表建议")
    suggestion = Suggestion(organ_id=organ_of(user))
    co_signer_ids = _fill(user, suggestion, payload)
    suggestion_save(suggestion=suggestion, by=user, co_signer_ids=co_signer_ids)
    return Status(201, load_suggestion(user, suggestion.pk))


@router.put("/suggestions/{suggestion_id}", response={200: SuggestionDetailOut, **WRITE_ERRORS}, summary="修改代表建议")
def suggestion_update(request: HttpRequest, suggestion_id: int, payload: SuggestionIn) -> Suggestion:
    """整体替换建议的登记内容（含附议代表）；办理情况通过各办理步骤登记。"""
    user = user_of(request)
    suggestion = access_suggestion(user, suggestion_id, write=True)
    co_signer_ids = _fill(user, suggestion, payload)
    suggestion_save(suggestion=suggestion, by=user, co_signer_ids=co_signer_ids)
    return load_suggestion(user, suggestion.pk)


@router.get("/units/stats", response={200: HandlingReportOut, **ERRORS}, summary="各承办单位办理情况")
def unit_stats(request: HttpRequest, year: int | None = YEAR) -> dict[str, Any]:
    """该年度建议按主办单位统计：件数、已答复、按期答复、办理落实、测评和满意，及合计（不填年度为今年）。"""
    year = year or timezone.localdate().year
    organ_id = organ_of(user_of(request))
    if organ_id is None:
        return {"year": year, "units": [], "total": None}
    units, total = handling_stats(organ_id=organ_id, year=year, as_of=timezone.localdate())
    return {"year": year, "units": units, "total": total}
