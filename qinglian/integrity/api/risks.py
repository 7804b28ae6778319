"""廉政风险点 in the integrity API: the register with the page's filters, one risk point with its reviews, add,
change, review. Reads start from `selectors.risks` (`visible_to`) and `access_risk`; writes go through
`services.risks`, exactly as the pages do. url names: integrity_api_risk_*."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.integrity.choices import RiskLedger, RiskLevel
from qinglian.integrity.models import RiskPoint
from qinglian.integrity.permissions import access_risk, can_keep_risks
from qinglian.integrity.schemas.risks import ReviewIn, RiskDetailOut, RiskIn, RiskOut
from qinglian.integrity.selectors import risks as selectors
from qinglian.integrity.services.risks import KEEPERS_ONLY, risk_review, risk_save
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 409: ErrorOut}
STATES = "|".join(selectors.REVIEW_STATES)


@router.get("/risks", response={200: list[RiskOut], **ERRORS}, summary="廉政风险点", url_name="integrity_api_risk_list")
@paginate(Pagination)
def risk_list(
    request: HttpRequest,
    unit_id: int | None = Query(None, description="委室"),
    level: RiskLevel | None = None,
    ledger: RiskLedger | None = None,
    review: str | None = Query(None, pattern=f"^({STATES})$", description="overdue、due 或 current"),
) -> list[RiskPoint]:
    """按登记表顺序（委室、岗位）。"""
    return selectors.risk_list(auth_user(request), unit_id=unit_id, level=level, ledger=ledger, review=review)


def _detail(user: Any, pk: int) -> RiskPoint:
    return selectors.risk_with_due(user, access_risk(user, pk))


@router.get(
    "/risks/{int:risk_id}",
    response={200: RiskDetailOut, **ERRORS},
    summary="廉政风险点详情",
    url_name="integrity_api_risk_detail",
)
def risk_detail(request: HttpRequest, risk_id: int) -> RiskPoint:
    """含复核记录。"""
    return _detail(auth_user(request), risk_id)


def _fill(risk: RiskPoint, payload: RiskIn) -> None:
    for name, value in payload.dict().items():
        setattr(risk, name, value.strip() if isinstance(value, str) else value)


@router.post(
    "/risks",
    response={201: RiskDetailOut, **WRITE_ERRORS},
    summary="登记廉政风险点",
    url_name="integrity_api_risk_create",
)
def risk_create(request: HttpRequest, payload: RiskIn) -> Status:
    """机关党委专责人员可登记各委室的风险点，委室负责人只能登记本人负责委室的。"""
    user = auth_user(request)
    if not can_keep_risks(user):
        raise Forbidden(KEEPERS_ONLY)
    risk = RiskPoint(organ_id=scope_of(user).organ_id)
    _fill(risk, payload)
    risk_save(risk=risk, by=user)
    return Status(201, _detail(user, risk.pk))


@router.put(
    "/risks/{int:risk_id}",
    response={200: RiskDetailOut, **WRITE_ERRORS},
    summary="修改廉政风险点",
    url_name="integrity_api_risk_update",
)
def risk_update(request: HttpRequest, risk_id: int, payload: RiskIn) -> RiskPoint:
    user = auth_user(request)
    risk = access_risk(user, risk_id, write=True)
    _fill(risk, payload)
    risk_save(risk=risk, by=user)
    return _detail(user, risk.pk)


@router.post(
    "/risks/{int:risk_id}/reviews",
    response={201: RiskDetailOut, **WRITE_ERRORS},
    summary="复核廉政风险点",
    url_name="integrity_api_risk_review",
)
def risk_review_create(request: HttpRequest, risk_id: int, payload: ReviewIn) -> Status:
    """记录一次复核；填写不同的等级即调整风险等级（复核记录保留调整前的等级）。"""
    user = auth_user(request)
    risk = access_risk(user, risk_id, write=True)
    if payload.date is None:
        raise InvalidInput("请填写复核日期")
    risk_review(risk=risk, by=user, date=payload.date, level=payload.level, note=payload.note)
    return Status(201, _detail(user, risk.pk))
