"""The travel ledger (差旅) in the 八项规定 API: list (the page's filters), one trip with its stays and tickets, and
the finance officer's record, correction (the lines given replace the trip's) and withdrawal. Reads start from
`selectors.travel` (`visible_to`) and `access_trip`; writes go through `services.travel`, as the pages do."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.core.errors import Forbidden
from qinglian.frugality.forms.travel import organ_people, organ_units
from qinglian.frugality.models import Trip
from qinglian.frugality.permissions import access_trip, can_keep_ledgers
from qinglian.frugality.schemas.travel import FrugalityTripIn, FrugalityTripOut
from qinglian.frugality.selectors import travel as selectors
from qinglian.frugality.services.travel import KEEP_ONLY, StayLine, TicketLine, trip_delete, trip_save
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


def _out(user, pk: int) -> Trip:
    return access_trip(user, pk)


def _fill(user, trip: Trip, payload: FrugalityTripIn) -> tuple[list[StayLine], list[TicketLine]]:
    trip.traveller = reference(organ_people(user, trip.traveller_id), payload.traveller_id, "traveller_id", "出差人")
    trip.approver = reference(organ_people(user, trip.approver_id), payload.approver_id, "approver_id", "审批人")
    unit = reference(organ_units(user), payload.unit_id, "unit_id", "承办委室")
    trip.unit_id = unit.pk if unit is not None else None
    for name in ("voucher_no", "purpose", "start_on", "end_on", "approved_on", "paid_on", "note"):
        setattr(trip, name, getattr(payload, name))
    for name in ("meal_days", "meal_amount", "transport_days", "transport_amount"):
        setattr(trip, name, getattr(payload, name))
    trip.band = payload.band.value if payload.band else ""
    stays = [StayLine(s.province, s.city, s.arrive_on, s.leave_on, s.nights, s.lodging_amount) for s in payload.stays]
    tickets = [
        TicketLine(t.on, t.mode.value, t.seat_class.value, t.from_city, t.to_city, t.amount) for t in payload.tickets
    ]
    return stays, tickets


@router.get(
    "/trips", response={200: list[FrugalityTripOut], **ERRORS}, summary="差旅台账", url_name="frugality_api_trip_list"
)
@paginate(Pagination)
def trip_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="出发年度"),
    month_from: int | None = Query(None, ge=1, le=12, description="起始月"),
    month_to: int | None = Query(None, ge=1, le=12, description="截止月"),
    unit_id: int | None = Query(None, description="承办委室"),
    traveller_id: int | None = Query(None, description="出差人"),
    band: str = Query("", max_length=12, description="出差人员级别：provincial、department、other"),
    source: str = Query("", max_length=10, description="manual 手工录入，imported 财务导入"),
    q: str = Query("", max_length=60, description="凭证号、出差人、事由或城市"),
    mine: bool = Query(False, description="只列本人的差旅（我的差旅）"),
) -> QuerySet[Trip]:
    user = auth_user(request)
    filters = selectors.TripFilter(
        year=year,
        month_from=month_from,
        month_to=month_to,
        unit_id=unit_id,
        traveller_id=traveller_id,
        band=band,
        source=source,
        text=q,
    )
    qs = selectors.own_trips(user, filters) if mine else selectors.trip_list(user, filters)
    return qs.prefetch_related("stays", "tickets")


@router.get(
    "/trips/{pk}", response={200: FrugalityTripOut, **ERRORS}, summary="一次差旅", url_name="frugality_api_trip_detail"
)
def trip_detail(request: HttpRequest, pk: int) -> Trip:
    return _out(auth_user(request), pk)


@router.post(
    "/trips", response={201: FrugalityTripOut, **WRITE_ERRORS}, summary="录入差旅", url_name="frugality_api_trip_create"
)
def trip_create(request: HttpRequest, payload: FrugalityTripIn) -> Status:
    """财务专责人员录入一次差旅及其住宿、交通票据；不能录入本人的差旅。"""
    user = auth_user(request)
    if not can_keep_ledgers(user):
        raise Forbidden(KEEP_ONLY)
    trip = Trip(organ_id=scope_of(user).organ_id)
    stays, tickets = _fill(user, trip, payload)
    trip_save(trip=trip, stays=stays, tickets=tickets, by=user)
    return Status(201, _out(user, trip.pk))


@router.put(
    "/trips/{pk}",
    response={200: FrugalityTripOut, **WRITE_ERRORS},
    summary="修改差旅",
    url_name="frugality_api_trip_update",
)
def trip_update(request: HttpRequest, pk: int, payload: FrugalityTripIn) -> Trip:
    """整体替换差旅内容：请求中的住宿和票据取代原有的（未列出的删除，修改记录中可查）。"""
    user = auth_user(request)
    trip = access_trip(user, pk, write=True)
    stays, tickets = _fill(user, trip, payload)
    trip_save(trip=trip, stays=stays, tickets=tickets, by=user)
    return _out(user, pk)


@router.delete(
    "/trips/{pk}",
    response={204: None, **WRITE_ERRORS},
    summary="删除差旅（软删除）",
    url_name="frugality_api_trip_delete",
)
def trip_withdraw(
    request: HttpRequest, pk: int, reason: str = Query(..., max_length=200, description="删除原因")
) -> Status:
    """录错的差旅标记删除：从台账和检查中消失，修改记录中仍可查到删除人和原因。"""
    user = auth_user(request)
    trip_delete(trip=access_trip(user, pk, write=True), by=user, reason=reason)
    return Status(204, None)
