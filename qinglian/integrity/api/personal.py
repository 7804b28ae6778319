"""个人有关事项报告 in the integrity API: reports, checks and draws for their circle (the person, the personnel
officer, the stationed group), one's own status, a report filed, the year's draw and its verification.

Every read starts from `selectors.personal` (`visible_to`) or `permissions.access_*`, so anyone else gets empty
lists and 404 on every one — never a 403 that would say the row exists. Each read of a report's detail is audited
(confidential_viewed). Writes go through services.personal. url names: integrity_api_personal_*."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user
from qinglian.core.errors import NotFound
from qinglian.integrity.models import PersonalReport, SpotCheck, SpotCheckDraw
from qinglian.integrity.permissions import (
    access_draw,
    access_personal_report,
    access_spot_check,
    can_file_own_report,
    can_keep_personal_reports,
)
from qinglian.integrity.schemas.personal import (
    DrawVerificationOut,
    PersonalReportIn,
    PersonalReportOut,
    PersonalStatusOut,
    SpotCheckDrawIn,
    SpotCheckDrawOut,
    SpotCheckOut,
)
from qinglian.integrity.selectors import personal as selectors
from qinglian.integrity.services import personal as services
from qinglian.org.models import Person
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 409: ErrorOut}
_HIDDEN = "所请求的内容不存在或无权查看"


@router.get(
    "/personal/reports",
    response={200: list[PersonalReportOut], **ERRORS},
    summary="个人有关事项报告",
    url_name="integrity_api_personal_report_list",
)
@paginate(Pagination)
def report_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100),
    kind: str | None = Query(None, pattern="^(annual|change)$"),
    unreceived: bool = Query(False, description="只看未受理"),
) -> Any:
    """报告人本人、组织人事专责人员和派驻纪检监察组可见；其他人为空列表。新的在前。"""
    return selectors.report_list(auth_user(request), year=year, kind=kind or "", unreceived=unreceived)


@router.get(
    "/personal/reports/{int:report_id}",
    response={200: PersonalReportOut, **ERRORS},
    summary="个人有关事项报告详情",
    url_name="integrity_api_personal_report_detail",
)
def report_detail(request: HttpRequest, report_id: int) -> PersonalReport:
    """每次查看记入审计日志。"""
    user = auth_user(request)
    report = access_personal_report(user, report_id)
    audit_record(action=AuditAction.CONFIDENTIAL_VIEWED, user=user, request=request, target=report)
    return report


@router.post(
    "/personal/reports",
    response={201: PersonalReportOut, **WRITE_ERRORS},
    summary="登记个人有关事项报告",
    url_name="integrity_api_personal_report_create",
)
def report_create(request: HttpRequest, payload: PersonalReportIn) -> Status:
    """干部登记本人的报告；组织人事专责人员可为本机关任何人登记。"""
    user = auth_user(request)
    scope = scope_of(user)
    person_id = payload.person_id or scope.person_id
    if person_id is None or not can_file_own_report(user, person_id):
        raise NotFound(_HIDDEN)
    person = Person.objects.filter(organ_id=scope.organ_id, pk=person_id).select_related("unit").first()
    if person is None:
        raise NotFound(_HIDDEN)
    report = services.report_record(
        person=person,
        kind=payload.kind,
        year=payload.year,
        change_kind=payload.change_kind,
        event_date=payload.event_date,
        submitted_on=payload.submitted_on,
        managed_here=payload.managed_here,
        by=user,
    )
    return Status(201, report)


@router.get(
    "/personal/status",
    response={200: PersonalStatusOut, **ERRORS},
    summary="本人年度集中报告情况",
    url_name="integrity_api_personal_status",
)
def own_status(request: HttpRequest, year: int | None = Query(None, ge=2000, le=2100)) -> Any:
    status = selectors.own_status(auth_user(request), year)
    if status is None:
        raise NotFound(_HIDDEN)
    return {
        "year": status.year,
        "due": status.due,
        "filed": status.filed,
        "obliged": status.obliged,
        "text": status.text,
    }


@router.get(
    "/personal/checks",
    response={200: list[SpotCheckOut], **ERRORS},
    summary="个人有关事项抽查核实",
    url_name="integrity_api_personal_check_list",
)
@paginate(Pagination)
def check_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100),
    reason: str | None = Query(None, pattern="^(random|promotion)$"),
    outstanding: bool = Query(False, description="只看未完成"),
) -> Any:
    return selectors.check_list(auth_user(request), year=year, reason=reason or "", outstanding=outstanding)


@router.get(
    "/personal/checks/{int:check_id}",
    response={200: SpotCheckOut, **ERRORS},
    summary="抽查核实详情",
    url_name="integrity_api_personal_check_detail",
)
def check_detail(request: HttpRequest, check_id: int) -> SpotCheck:
    user = auth_user(request)
    check = access_spot_check(user, check_id)
    audit_record(action=AuditAction.CONFIDENTIAL_VIEWED, user=user, request=request, target=check)
    return check


@router.get(
    "/personal/draws",
    response={200: list[SpotCheckDrawOut], **ERRORS},
    summary="个人事项随机抽查抽取",
    url_name="integrity_api_personal_draw_list",
)
def draw_list(request: HttpRequest) -> Any:
    return list(selectors.draw_list(auth_user(request)))


@router.get(
    "/personal/draws/{int:draw_id}",
    response={200: SpotCheckDrawOut, **ERRORS},
    summary="抽取详情",
    url_name="integrity_api_personal_draw_detail",
)
def draw_detail(request: HttpRequest, draw_id: int) -> SpotCheckDraw:
    return access_draw(auth_user(request), draw_id)


@router.get(
    "/personal/draws/{int:draw_id}/verify",
    response={200: DrawVerificationOut, **ERRORS},
    summary="复核抽取结果",
    url_name="integrity_api_personal_draw_verify",
)
def draw_verify(request: HttpRequest, draw_id: int) -> Any:
    """按记录的种子、比例和范围重新计算（sha256-rank-v1），与记录比对。"""
    return services.verify_draw(access_draw(auth_user(request), draw_id))


@router.post(
    "/personal/draws",
    response={201: SpotCheckDrawOut, **WRITE_ERRORS},
    summary="年度随机抽取",
    url_name="integrity_api_personal_draw_create",
)
def draw_create(request: HttpRequest, payload: SpotCheckDrawIn) -> Status:
    user = auth_user(request)
    if not can_keep_personal_reports(user):
        raise NotFound(_HIDDEN)
    return Status(201, services.draw_year(year=payload.year, by=user, seed=payload.seed or None))
