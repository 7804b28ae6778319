"""The trips abroad ledger in the 八项规定 API: list, one delegation, recording and correction, the report handed in
after return. Reads start from `selectors.abroad` (`visible_to`) and `access_abroad_trip`; writes go through
`services.abroad`, as the pages do."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.frugality.models import AbroadTrip
from qinglian.frugality.permissions import access_abroad_trip
from qinglian.frugality.schemas.abroad import FrugalityAbroadReportIn, FrugalityAbroadTripIn, FrugalityAbroadTripOut
from qinglian.frugality.selectors import abroad as selectors
from qinglian.frugality.services.abroad import abroad_report, abroad_save
from qinglian.integrity.forms.inquiries import organ_units
from qinglian.integrity.selectors.inquiries import subject_choices
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


def _out(user, pk: int) -> AbroadTrip:
    return selectors.with_states(user, [access_abroad_trip(user, pk)])[0]


def _fill(user, trip: AbroadTrip, payload: FrugalityAbroadTripIn) -> None:
    trip.leader = reference(subject_choices(user), payload.leader_id, "leader_id", "团长")
    unit = reference(organ_units(user), payload.unit_id, "unit_id", "委室")
    trip.unit_id = unit.pk if unit else None
    trip.plan_item_id = payload.plan_item_id  # the service checks it is of the year's abroad plan
    for name in (
        "purpose",
        "countries",
        "country_count",
        "team_size",
        "depart_on",
        "return_on",
        "approved_on",
        "report_on",
        "total_amount",
        "voucher_no",
        "paid_on",
        "note",
    ):
        setattr(trip, name, getattr(payload, name))


@router.get(
    "/abroad",
    response={200: list[FrugalityAbroadTripOut], **ERRORS},
    summary="因公出国（境）台账",
    url_name="frugality_api_abroad_list",
)
@paginate(Pagination)
def abroad_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="出境年度"),
    unit_id: int | None = Query(None, description="承办委室"),
    q: str = Query("", max_length=50, description="国家、任务、团长或凭证号"),
    report: str = Query("", description="pending 未提交出访报告，overdue 逾期未提交，done 已提交"),
) -> list[AbroadTrip]:
    user = auth_user(request)
    qs = selectors.abroad_list(user, year=year, unit_id=unit_id, q=q, report=report)
    return selectors.with_states(user, list(qs))


@router.post(
    "/abroad",
    response={201: FrugalityAbroadTripOut, **WRITE_ERRORS},
    summary="登记因公出国（境）团组",
    url_name="frugality_api_abroad_create",
)
def abroad_create(request: HttpRequest, payload: FrugalityAbroadTripIn) -> Status:
    """财务专责人员登记出访团组。"""
    user = auth_user(request)
    trip = AbroadTrip(organ_id=scope_of(user).organ_id)
    _fill(user, trip, payload)
    abroad_save(trip=trip, by=user)
    return Status(201, _out(user, trip.pk))


@router.get(
    "/abroad/{pk}",
    response={200: FrugalityAbroadTripOut, **ERRORS},
    summary="一个出访团组",
    url_name="frugality_api_abroad_detail",
)
def abroad_detail(request: HttpRequest, pk: int) -> AbroadTrip:
    return _out(auth_user(request), pk)


@router.put(
    "/abroad/{pk}",
    response={200: FrugalityAbroadTripOut, **WRITE_ERRORS},
    summary="修改出访团组",
    url_name="frugality_api_abroad_update",
)
def abroad_update(request: HttpRequest, pk: int, payload: FrugalityAbroadTripIn) -> AbroadTrip:
    user = auth_user(request)
    trip = access_abroad_trip(user, pk, write=True)
    _fill(user, trip, payload)
    abroad_save(trip=trip, by=user)
    return _out(user, pk)


@router.post(
    "/abroad/{pk}/report",
    response={200: FrugalityAbroadTripOut, **WRITE_ERRORS},
    summary="登记出访报告提交日期",
    url_name="frugality_api_abroad_report",
)
def abroad_report_op(request: HttpRequest, pk: int, payload: FrugalityAbroadReportIn) -> AbroadTrip:
    """提交出访报告：团长本人不能登记本人率团的报告。"""
    user = auth_user(request)
    trip = access_abroad_trip(user, pk, write=True)
    abroad_report(trip=trip, report_on=payload.report_on, by=user)
    return _out(user, pk)
