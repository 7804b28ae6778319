"""The official car register in the 八项规定 API: list, one car, registration and correction, disposal. Reads start
from `selectors.cars` (`visible_to`) and `access_car`; writes go through `services.cars`, as the pages do."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.frugality.models import OfficialCar
from qinglian.frugality.permissions import access_car
from qinglian.frugality.schemas.cars import FrugalityCarDisposeIn, FrugalityCarIn, FrugalityCarOut
from qinglian.frugality.selectors import cars as selectors
from qinglian.frugality.services.cars import car_dispose, car_save
from qinglian.integrity.forms.inquiries import organ_units
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


def _fill(user, car: OfficialCar, payload: FrugalityCarIn) -> None:
    car.unit = reference(organ_units(user), payload.unit_id, "unit_id", "委室")
    for name in ("plate", "model_name", "price", "displacement", "purchased_on", "voucher_no", "paid_on"):
        setattr(car, name, getattr(payload, name))
    car.car_type, car.energy = payload.car_type.value, payload.energy.value
    car.mileage, car.mileage_on, car.note = payload.mileage, payload.mileage_on, payload.note


@router.get(
    "/cars", response={200: list[FrugalityCarOut], **ERRORS}, summary="公务用车台账", url_name="frugality_api_car_list"
)
@paginate(Pagination)
def car_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="购置年度"),
    unit_id: int | None = Query(None, description="使用委室"),
    q: str = Query("", max_length=50, description="车牌号、型号或凭证号"),
    status: str = Query("", description="active 在册，disposed 已处置"),
):
    return selectors.car_list(auth_user(request), year=year, unit_id=unit_id, q=q, status=status)


@router.post(
    "/cars",
    response={201: FrugalityCarOut, **WRITE_ERRORS},
    summary="登记公务用车",
    url_name="frugality_api_car_create",
)
def car_create(request: HttpRequest, payload: FrugalityCarIn) -> Status:
    """财务专责人员登记公务用车。"""
    user = auth_user(request)
    car = OfficialCar(organ_id=scope_of(user).organ_id)
    _fill(user, car, payload)
    car_save(car=car, by=user)
    return Status(201, access_car(user, car.pk))


@router.get(
    "/cars/{pk}", response={200: FrugalityCarOut, **ERRORS}, summary="一辆公务用车", url_name="frugality_api_car_detail"
)
def car_detail(request: HttpRequest, pk: int) -> OfficialCar:
    return access_car(auth_user(request), pk)


@router.put(
    "/cars/{pk}",
    response={200: FrugalityCarOut, **WRITE_ERRORS},
    summary="修改公务用车",
    url_name="frugality_api_car_update",
)
def car_update(request: HttpRequest, pk: int, payload: FrugalityCarIn) -> OfficialCar:
    """行驶里程只增不减；处置另行登记。"""
    user = auth_user(request)
    car = access_car(user, pk, write=True)
    _fill(user, car, payload)
    car_save(car=car, by=user)
    return access_car(user, pk)


@router.post(
    "/cars/{pk}/dispose",
    response={200: FrugalityCarOut, **WRITE_ERRORS},
    summary="登记公务用车处置",
    url_name="frugality_api_car_dispose",
)
def car_dispose_op(request: HttpRequest, pk: int, payload: FrugalityCarDisposeIn) -> OfficialCar:
    user = auth_user(request)
    car = access_car(user, pk, write=True)
    car_dispose(car=car, disposed_on=payload.disposed_on, reason=payload.reason, by=user)
    return access_car(user, pk)
