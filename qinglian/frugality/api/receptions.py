"""The 公务接待 ledger in the 八项规定 API: list (the page's filters), one reception with its meals, recording and
correction (with the whole list of meals, or keeping them), withdrawal with a reason. Reads start from
`selectors.receptions` (`visible_to`) and `access_reception`; writes go through `services.receptions`, as the pages
do: only the finance officer writes (403 for anyone else), whatever the caller may not see is a 404."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.core.errors import Forbidden
from qinglian.frugality.forms.receptions import organ_units
from qinglian.frugality.models import Reception, ReceptionMeal
from qinglian.frugality.permissions import access_reception, can_keep_ledgers
from qinglian.frugality.schemas.receptions import (
    FrugalityReceptionDeleteIn,
    FrugalityReceptionIn,
    FrugalityReceptionOut,
)
from qinglian.frugality.selectors import receptions as selectors
from qinglian.frugality.services.receptions import (
    KEEP_ONLY,
    reception_delete,
    reception_save,
    reception_with_meals,
)
from qinglian.org.models import Person
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}
FIELDS = (
    "voucher_no",
    "paid_on",
    "letter_unit",
    "letter_no",
    "letter_on",
    "letter_persons",
    "letter_purpose",
    "letter_start",
    "letter_end",
    "guest_unit",
    "guest_lead",
    "guest_level",
    "guest_count",
    "purpose",
    "start_on",
    "end_on",
    "venue",
    "lodging_place",
    "lodging_amount",
    "other_amount",
    "list_signed_on",
    "invoice_no",
    "invoice_on",
    "invoice_amount",
    "note",
)


def _out(user, pk: int) -> Reception:
    return access_reception(user, pk)


def _save(user, reception: Reception, payload: FrugalityReceptionIn) -> Reception:
    reception.unit_id = reference(organ_units(user), payload.unit_id, "unit_id", "承办委室").pk
    people = Person.objects.filter(organ_id=scope_of(user).organ_id)
    approver = reference(people, payload.approver_id, "approver_id", "审签人")
    reception.approver_id = approver.pk if approver else None
    for name in FIELDS:
        value = getattr(payload, name)
        setattr(reception, name, value.value if name == "guest_level" else value)
    if payload.meals is None:
        return reception_save(reception=reception, by=user)
    meals = [ReceptionMeal(**{**m.dict(), "kind": m.kind.value}) for m in payload.meals]
    return reception_with_meals(reception=reception, meals=meals, by=user, reason="接口提交的用餐明细")


@router.get(
    "/receptions",
    response={200: list[FrugalityReceptionOut], **ERRORS},
    summary="公务接待台账",
    url_name="frugality_api_reception_list",
)
@paginate(Pagination)
def reception_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="接待年度（按接待开始日期）"),
    month_from: int | None = Query(None, ge=1, le=12, description="起月"),
    month_to: int | None = Query(None, ge=1, le=12, description="止月"),
    unit_id: int | None = Query(None, description="承办委室"),
    q: str = Query("", max_length=60, description="来访单位、事由、凭证号、公函文号等"),
    documents: str = Query("", description="missing 凭证不全，complete 凭证齐全"),
) -> list[Reception]:
    user = auth_user(request)
    qs = selectors.reception_list(
        user, year=year, month_from=month_from, month_to=month_to, unit_id=unit_id, text=q, documents=documents
    )
    return qs.prefetch_related("meals")


@router.post(
    "/receptions",
    response={201: FrugalityReceptionOut, **WRITE_ERRORS},
    summary="登记公务接待",
    url_name="frugality_api_reception_create",
)
def reception_create(request: HttpRequest, payload: FrugalityReceptionIn) -> Status:
    """财务专责人员登记一次公务接待（可同时给出用餐明细）；接待费合计由用餐、住宿和其他费用计算。"""
    user = auth_user(request)
    if not can_keep_ledgers(user):
        raise Forbidden(KEEP_ONLY)
    reception = _save(user, Reception(organ_id=scope_of(user).organ_id), payload)
    return Status(201, _out(user, reception.pk))


@router.get(
    "/receptions/{pk}",
    response={200: FrugalityReceptionOut, **ERRORS},
    summary="一次公务接待",
    url_name="frugality_api_reception_detail",
)
def reception_detail(request: HttpRequest, pk: int) -> Reception:
    return _out(auth_user(request), pk)


@router.put(
    "/receptions/{pk}",
    response={200: FrugalityReceptionOut, **WRITE_ERRORS},
    summary="修改公务接待",
    url_name="frugality_api_reception_update",
)
def reception_update(request: HttpRequest, pk: int, payload: FrugalityReceptionIn) -> Reception:
    """按请求内容保存；给出 meals 时用餐明细以请求为准（未列出的删除，修改记录中仍可查到），不给出则保留原有用餐。"""
    user = auth_user(request)
    _save(user, access_reception(user, pk, write=True), payload)
    return _out(user, pk)


@router.post(
    "/receptions/{pk}/delete",
    response={204: None, **WRITE_ERRORS},
    summary="删除公务接待（软删除）",
    url_name="frugality_api_reception_delete",
)
def reception_remove(request: HttpRequest, pk: int, payload: FrugalityReceptionDeleteIn) -> Status:
    """误登记的接待标记删除，从台账和此后的检查中消失；删除原因写入修改记录和审计日志。"""
    user = auth_user(request)
    reception_delete(reception=access_reception(user, pk, write=True), by=user, reason=payload.reason)
    return Status(204, None)
