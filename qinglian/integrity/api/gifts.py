"""The gifts register (礼品登记) in the integrity API: list, one gift, registration (the recipient's own, or the
party-affairs office's for anyone), correction and the office's handling. Reads start from `selectors.gifts`
(`visible_to`) and `access_gift`; writes go through `services.gifts`, as the pages do."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.integrity.choices import GiftHandling
from qinglian.integrity.models import Gift
from qinglian.integrity.permissions import access_gift
from qinglian.integrity.schemas.gifts import GiftHandleIn, GiftIn, GiftOut
from qinglian.integrity.selectors import gifts as selectors
from qinglian.integrity.selectors.inquiries import subject_choices
from qinglian.integrity.services.gifts import gift_handle, gift_register
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


def _out(user, pk: int) -> Gift:
    return selectors.with_states(user, [access_gift(user, pk)])[0]


def _fill(gift: Gift, payload: GiftIn) -> None:
    gift.received_on = payload.received_on
    gift.back_on = payload.back_on
    gift.giver = payload.giver
    gift.occasion = payload.occasion
    gift.description = payload.description
    gift.value = payload.value
    gift.registered_on = payload.registered_on


@router.post(
    "/gifts", response={201: GiftOut, **WRITE_ERRORS}, summary="登记收受礼品", url_name="integrity_api_gift_create"
)
def gift_create(request: HttpRequest, payload: GiftIn) -> Status:
    """受礼人登记本人收受的礼品；机关党委专责人员可代为登记。"""
    user = auth_user(request)
    scope = scope_of(user)
    person_id = payload.person_id or scope.person_id
    if payload.person_id is not None and payload.person_id != scope.person_id:
        person_id = reference(subject_choices(user), payload.person_id, "person_id", "受礼人").pk
    gift = Gift(organ_id=scope.organ_id, person_id=person_id)
    _fill(gift, payload)
    gift_register(gift=gift, by=user)
    return Status(201, _out(user, gift.pk))


@router.get("/gifts", response={200: list[GiftOut], **ERRORS}, summary="礼品登记", url_name="integrity_api_gift_list")
@paginate(Pagination)
def gift_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="收受年度"),
    unit_id: int | None = Query(None, description="受礼人所在委室"),
    person_id: int | None = Query(None, description="受礼人"),
    handling: str = Query("", description="pending 未处理，或处理方式代码"),
) -> list[Gift]:
    user = auth_user(request)
    qs = selectors.gift_list(user, year=year, unit_id=unit_id, person_id=person_id, handling=handling)
    return selectors.with_states(user, list(qs))


@router.put(
    "/gifts/{pk}", response={200: GiftOut, **WRITE_ERRORS}, summary="修改礼品登记", url_name="integrity_api_gift_update"
)
def gift_update(request: HttpRequest, pk: int, payload: GiftIn) -> Gift:
    """受礼人在处理前修改本人的登记；机关党委专责人员随时可改。受礼人不能通过修改换成他人。"""
    user = auth_user(request)
    gift = access_gift(user, pk, write=True)
    _fill(gift, payload)
    gift_register(gift=gift, by=user)
    return _out(user, pk)


@router.get("/gifts/{pk}", response={200: GiftOut, **ERRORS}, summary="一件礼品", url_name="integrity_api_gift_detail")
def gift_detail(request: HttpRequest, pk: int) -> Gift:
    return _out(auth_user(request), pk)


@router.post(
    "/gifts/{pk}/handle",
    response={200: GiftOut, **WRITE_ERRORS},
    summary="登记礼品上交和处理",
    url_name="integrity_api_gift_handle",
)
def gift_handle_op(request: HttpRequest, pk: int, payload: GiftHandleIn) -> Gift:
    user = auth_user(request)
    gift = access_gift(user, pk)
    received_by = reference(subject_choices(user), payload.received_by_id, "received_by_id", "登记受理人")
    gift_handle(
        gift=gift,
        handling=GiftHandling(payload.handling).value,
        handed_in_on=payload.handed_in_on,
        handling_note=payload.handling_note,
        received_by=received_by,
        by=user,
    )
    return _out(user, pk)
