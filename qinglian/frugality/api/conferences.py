"""The meetings ledger in the 八项规定 API: the list (the page's filters), one meeting with its bill and its figures
per person-day, and the finance officer's writes. Reads start from `selectors.conferences` (`visible_to`) and
`access_conference`; writes go through `services.conferences`, as the pages do."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.core.errors import InvalidInput
from qinglian.frugality.choices import ConferenceCategory, PlanKind
from qinglian.frugality.forms.plans import organ_units
from qinglian.frugality.models import Conference, PlanItem
from qinglian.frugality.permissions import access_conference
from qinglian.frugality.schemas.conferences import FrugalityConferenceIn, FrugalityConferenceOut
from qinglian.frugality.schemas.plans import FrugalityWithdrawIn
from qinglian.frugality.selectors import conferences as selectors
from qinglian.frugality.services.conferences import CostLine, conference_save, conference_withdraw
from qinglian.org.models import Person
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


def _out(user, conference: Conference) -> Conference:
    return selectors.with_figures([conference], selectors.rate_book(user))[0]


def _fill(user, conference: Conference, payload: FrugalityConferenceIn) -> None:
    organ_id = scope_of(user).organ_id
    conference.voucher_no = payload.voucher_no
    conference.unit = reference(organ_units(user), payload.unit_id, "unit_id", "承办委室")
    conference.name = payload.name
    conference.category = ConferenceCategory(payload.category).value
    conference.briefing = payload.briefing
    items = PlanItem.objects.filter(plan__organ_id=organ_id, plan__kind=PlanKind.CONFERENCE)
    conference.plan_item = reference(items, payload.plan_item_id, "plan_item_id", "年度计划事项")
    conference.adhoc_approved_on = payload.adhoc_approved_on
    people = Person.objects.filter(organ_id=organ_id)
    conference.adhoc_approver = reference(people, payload.adhoc_approver_id, "adhoc_approver_id", "计划外审批人")
    for name in ("start_on", "end_on", "days", "travel_days", "attendees", "staff", "venue", "venue_city"):
        setattr(conference, name, getattr(payload, name))
    conference.paid_on = payload.paid_on
    conference.note = payload.note


def _save(user, conference: Conference, payload: FrugalityConferenceIn) -> Conference:
    _fill(user, conference, payload)
    costs = None
    if payload.costs is not None:
        costs = [CostLine(c.kind.value, c.amount, c.description) for c in payload.costs]
    return conference_save(conference=conference, costs=costs, total=payload.total_amount, by=user)


@router.get(
    "/conferences",
    response={200: list[FrugalityConferenceOut], **ERRORS},
    summary="会议费台账",
    url_name="frugality_api_conference_list",
)
@paginate(Pagination)
def conference_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="会议开始年度"),
    month_from: int | None = Query(None, ge=1, le=12, description="起始月"),
    month_to: int | None = Query(None, ge=1, le=12, description="截止月"),
    unit_id: int | None = Query(None, description="承办委室"),
    category: str = Query("", description="会议类别：one/two/three/four"),
    planned: str = Query("", description="planned 列入年度计划 / unplanned 计划外"),
    q: str = Query("", max_length=50, description="名称、地点或凭证号"),
) -> list[Conference]:
    if category and category not in ConferenceCategory.values:
        raise InvalidInput("会议类别应为 one、two、three 或 four", detail={"category": "会议类别有误"})
    user = auth_user(request)
    qs = selectors.conference_list(
        user,
        year=year,
        month_from=month_from,
        month_to=month_to,
        unit_id=unit_id,
        category=category,
        planned=planned,
        q=q.strip(),
    ).prefetch_related("costs")
    return selectors.with_figures(qs, selectors.rate_book(user))


@router.get(
    "/conferences/{pk}",
    response={200: FrugalityConferenceOut, **ERRORS},
    summary="一个会议及其费用明细",
    url_name="frugality_api_conference_detail",
)
def conference_detail(request: HttpRequest, pk: int) -> Conference:
    user = auth_user(request)
    return _out(user, access_conference(user, pk))


@router.post(
    "/conferences",
    response={201: FrugalityConferenceOut, **WRITE_ERRORS},
    summary="录入会议",
    url_name="frugality_api_conference_create",
)
def conference_create(request: HttpRequest, payload: FrugalityConferenceIn) -> Status:
    """财务专责人员按凭证录入会议及其费用明细；有明细的，费用合计为明细之和。"""
    user = auth_user(request)
    conference = _save(user, Conference(organ_id=scope_of(user).organ_id), payload)
    return Status(201, _out(user, conference))


@router.put(
    "/conferences/{pk}",
    response={200: FrugalityConferenceOut, **WRITE_ERRORS},
    summary="修改会议",
    url_name="frugality_api_conference_update",
)
def conference_update(request: HttpRequest, pk: int, payload: FrugalityConferenceIn) -> Conference:
    user = auth_user(request)
    conference = _save(user, access_conference(user, pk, write=True), payload)
    return _out(user, conference)


@router.post(
    "/conferences/{pk}/withdraw",
    response={200: FrugalityConferenceOut, **WRITE_ERRORS},
    summary="删除录入错误的会议记录",
    url_name="frugality_api_conference_withdraw",
)
def conference_withdraw_op(request: HttpRequest, pk: int, payload: FrugalityWithdrawIn) -> Conference:
    """软删除：记录仍保留在历史中，删除原因记入审计日志。"""
    user = auth_user(request)
    conference = conference_withdraw(conference=access_conference(user, pk, write=True), reason=payload.reason, by=user)
    return _out(user, conference)
