"""The outlet register in the 意识形态 API: list, one outlet, registration and correction, filing, closing. Reads
start from `selectors.outlets` (`visible_to`) and `access_outlet`; writes go through `services.outlets`, as the
pages do."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.ideology.forms.outlets import organ_people
from qinglian.ideology.models import Outlet
from qinglian.ideology.permissions import access_outlet
from qinglian.ideology.schemas.outlets import (
    IdeologyOutletCloseIn,
    IdeologyOutletFileIn,
    IdeologyOutletIn,
    IdeologyOutletOut,
)
from qinglian.ideology.selectors import outlets as selectors
from qinglian.ideology.services.outlets import outlet_close, outlet_file, outlet_save
from qinglian.integrity.forms.inquiries import organ_units
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


def _fill(user, outlet: Outlet, payload: IdeologyOutletIn) -> None:
    outlet.unit = reference(organ_units(user), payload.unit_id, "unit_id", "委室")
    outlet.owner = reference(organ_people(user), payload.owner_id, "owner_id", "责任人")
    for name in ("name", "account", "opened_on", "filed_on", "filing_no", "note"):
        setattr(outlet, name, getattr(payload, name))
    outlet.kind = payload.kind.value
    outlet.platform = payload.platform.value if payload.platform else ""
    outlet.first_level = payload.first_level.value
    outlet.second_level = payload.second_level.value
    outlet.final_level = payload.final_level.value


def _one(user, pk: int) -> Outlet:
    return selectors.outlet_one(access_outlet(user, pk))


@router.get(
    "/outlets/",
    response={200: list[IdeologyOutletOut], **ERRORS},
    summary="意识形态阵地台账",
    url_name="ideology_api_outlet_list",
)
@paginate(Pagination)
def outlet_list(
    request: HttpRequest,
    kind: str = Query("", description="阵地类型，如 wechat_account"),
    unit_id: int | None = Query(None, description="主管委室"),
    status: str = Query("", description="open 开设中，closed 已关停"),
    q: str = Query("", max_length=50, description="名称、账号或责任人"),
):
    return selectors.outlet_list(auth_user(request), kind=kind, unit_id=unit_id, status=status, q=q)


@router.post(
    "/outlets/",
    response={201: IdeologyOutletOut, **WRITE_ERRORS},
    summary="登记意识形态阵地",
    url_name="ideology_api_outlet_create",
)
def outlet_create(request: HttpRequest, payload: IdeologyOutletIn) -> Status:
    """机关党委登记阵地。"""
    user = auth_user(request)
    outlet = Outlet(organ_id=scope_of(user).organ_id)
    _fill(user, outlet, payload)
    outlet_save(outlet=outlet, by=user)
    return Status(201, _one(user, outlet.pk))


@router.get(
    "/outlets/{pk}/",
    response={200: IdeologyOutletOut, **ERRORS},
    summary="一个意识形态阵地",
    url_name="ideology_api_outlet_detail",
)
def outlet_detail(request: HttpRequest, pk: int) -> Outlet:
    return _one(auth_user(request), pk)


@router.put(
    "/outlets/{pk}/",
    response={200: IdeologyOutletOut, **WRITE_ERRORS},
    summary="修改意识形态阵地",
    url_name="ideology_api_outlet_update",
)
def outlet_update(request: HttpRequest, pk: int, payload: IdeologyOutletIn) -> Outlet:
    """关停另行登记。"""
    user = auth_user(request)
    outlet = access_outlet(user, pk, write=True)
    _fill(user, outlet, payload)
    outlet_save(outlet=outlet, by=user)
    return _one(user, pk)


@router.post(
    "/outlets/{pk}/file/",
    response={200: IdeologyOutletOut, **WRITE_ERRORS},
    summary="登记政务新媒体备案",
    url_name="ideology_api_outlet_file",
)
def outlet_file_op(request: HttpRequest, pk: int, payload: IdeologyOutletFileIn) -> Outlet:
    user = auth_user(request)
    outlet = access_outlet(user, pk, write=True)
    outlet_file(outlet=outlet, filed_on=payload.filed_on, filing_no=payload.filing_no, by=user)
    return _one(user, pk)


@router.post(
    "/outlets/{pk}/close/",
    response={200: IdeologyOutletOut, **WRITE_ERRORS},
    summary="登记阵地关停",
    url_name="ideology_api_outlet_close",
)
def outlet_close_op(request: HttpRequest, pk: int, payload: IdeologyOutletCloseIn) -> Outlet:
    user = auth_user(request)
    outlet = access_outlet(user, pk, write=True)
    outlet_close(outlet=outlet, closed_on=payload.closed_on, reason=payload.reason, by=user)
    return _one(user, pk)
