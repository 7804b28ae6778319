"""The analysis and reporting schedule in the 意识形态 API: the year's items, one item, the plan of a year, the
office's corrections, a completion, its undo and a withdrawal. Reads start from `selectors.reports` (`visible_to`)
and `access_report_item`; writes go through `services.reports`, as the pages do."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from qinglian.core import clock
from qinglian.core.api import ERRORS, ErrorOut, auth_user, reference
from qinglian.ideology.forms.reports import responsible_choices
from qinglian.ideology.models import ReportItem
from qinglian.ideology.permissions import access_report_item
from qinglian.ideology.schemas.reports import (
    IdeologyReportDoneIn,
    IdeologyReportIn,
    IdeologyReportOut,
    IdeologyReportPlanIn,
    IdeologyReportReasonIn,
)
from qinglian.ideology.selectors import reports as selectors
from qinglian.ideology.services import reports as services

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


@router.get(
    "/reports/",
    response={200: list[IdeologyReportOut], **ERRORS},
    summary="分析研判和报告计划（一个年度）",
    url_name="ideology_api_report_list",
)
def report_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="年度，默认本年度"),
    kind: str = Query("", max_length=20, description="analysis 分析研判，annual_report 向上级报告，briefing 党内通报"),
    status: str = Query("", max_length=20, description="not_due、soon、overdue、done、done_late"),
):
    args = {"year": year or clock.today().year, "kind": kind, "status": status}
    return selectors.report_items(auth_user(request), **args)


@router.post(
    "/reports/plan/",
    response={201: list[IdeologyReportOut], **WRITE_ERRORS},
    summary="按规则参数安排一个年度的计划",
    url_name="ideology_api_report_plan",
)
def report_plan(request: HttpRequest, payload: IdeologyReportPlanIn) -> Status:
    """机关党委按现行规则参数生成该年度各期分析研判、向上级报告和党内通报；已有的事项保持不变，返回新增的事项。"""
    return Status(201, services.plan_year(year=payload.year, by=auth_user(request)))


@router.get(
    "/reports/{pk}/",
    response={200: IdeologyReportOut, **ERRORS},
    summary="一项分析研判或报告",
    url_name="ideology_api_report_detail",
)
def report_detail(request: HttpRequest, pk: int) -> ReportItem:
    return access_report_item(auth_user(request), pk)


@router.put(
    "/reports/{pk}/",
    response={200: IdeologyReportOut, **WRITE_ERRORS},
    summary="修改名称、责任人、报送或通报对象",
    url_name="ideology_api_report_update",
)
def report_update(request: HttpRequest, pk: int, payload: IdeologyReportIn) -> ReportItem:
    user = auth_user(request)
    item = access_report_item(user, pk, write=True)
    person = reference(
        responsible_choices(user, item.responsible_id), payload.responsible_id, "responsible_id", "责任人"
    )
    services.item_update(item=item, title=payload.title, responsible=person, recipient=payload.recipient, by=user)
    return access_report_item(user, pk)


@router.post(
    "/reports/{pk}/done/",
    response={200: IdeologyReportOut, **WRITE_ERRORS},
    summary="登记完成",
    url_name="ideology_api_report_done",
)
def report_done(request: HttpRequest, pk: int, payload: IdeologyReportDoneIn) -> ReportItem:
    """责任人或机关党委登记完成日期和主要内容；已登记完成的须先撤销。"""
    user = auth_user(request)
    item = access_report_item(user, pk, write=True)
    services.item_done(item=item, done_on=payload.done_on, summary=payload.summary, by=user)
    return access_report_item(user, pk)


@router.post(
    "/reports/{pk}/undo/",
    response={200: IdeologyReportOut, **WRITE_ERRORS},
    summary="撤销完成登记（须说明原因）",
    url_name="ideology_api_report_undo",
)
def report_undo(request: HttpRequest, pk: int, payload: IdeologyReportReasonIn) -> ReportItem:
    user = auth_user(request)
    item = access_report_item(user, pk, write=True)
    services.item_undo(item=item, reason=payload.reason, by=user)
    return access_report_item(user, pk)


@router.post(
    "/reports/{pk}/delete/",
    response={204: None, **WRITE_ERRORS},
    summary="删除误登记的事项（须说明原因）",
    url_name="ideology_api_report_delete",
)
def report_delete(request: HttpRequest, pk: int, payload: IdeologyReportReasonIn) -> Status:
    user = auth_user(request)
    item = access_report_item(user, pk, write=True)
    services.item_delete(item=item, reason=payload.reason, by=user)
    return Status(204, None)
