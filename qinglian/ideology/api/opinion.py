"""The public-opinion register in the 意识形态 API: list, one event, registration, the first response, the report
upward, the closing, and the yearly summary. Reads start from `selectors.opinion` (`visible_to`) and
`access_opinion_event`; writes go through `services.opinion`, as the pages do."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core import clock
from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.ideology.forms.outlets import organ_people
from qinglian.ideology.models import OpinionEvent, Outlet
from qinglian.ideology.permissions import access_opinion_event
from qinglian.ideology.schemas.opinion import (
    IdeologyOpinionCloseIn,
    IdeologyOpinionIn,
    IdeologyOpinionOut,
    IdeologyOpinionReportIn,
    IdeologyOpinionRespondIn,
    IdeologyOpinionSummaryOut,
)
from qinglian.ideology.selectors import opinion as selectors
from qinglian.ideology.services import opinion as services
from qinglian.integrity.forms.inquiries import organ_units
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


def _aware(moment: dt.datetime) -> dt.datetime:
    """A moment without a zone is Beijing time (the organ's clock)."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _timed(user, events: list[OpinionEvent]) -> list[OpinionEvent]:
    limits = selectors.limits_on(scope_of(user).organ_id, clock.today())
    return selectors.with_timing(events, limits, clock.now())


def _one(user, pk: int) -> OpinionEvent:
    return _timed(user, [access_opinion_event(user, pk)])[0]


@router.get(
    "/opinion/",
    response={200: list[IdeologyOpinionOut], **ERRORS},
    summary="舆情事件台账",
    url_name="ideology_api_opinion_list",
)
@paginate(Pagination)
def opinion_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="发现年度"),
    level: str = Query("", description="general 一般，serious 较大，major 重大"),
    status: str = Query("", description="open 处置中，closed 已办结，unanswered 尚未首次响应"),
    unit_id: int | None = Query(None, description="责任委室"),
    q: str = Query("", max_length=50, description="标题、内容或责任人"),
):
    user = auth_user(request)
    events = selectors.event_list(user, year=year, level=level, status=status, unit_id=unit_id, q=q)
    return _timed(user, list(events))


@router.get(
    "/opinion/summary/",
    response={200: IdeologyOpinionSummaryOut, **ERRORS},
    summary="舆情处置年度汇总",
    url_name="ideology_api_opinion_summary",
)
def opinion_summary(request: HttpRequest, year: str = Query("", description="年度，默认本年度")) -> dict:
    s = selectors.year_summary(auth_user(request), selectors.parse_year(year))
    return {
        "year": s.year,
        "total": s.total,
        "by_level": [{"key": k, "label": lb, "count": n} for k, lb, n in s.by_level],
        "by_source": [{"key": k, "label": lb, "count": n} for k, lb, n in s.by_source],
        "by_month": [{"key": str(m), "label": f"{m}月", "count": n} for m, n in s.by_month],
        "times": [
            {
                "level": t.level,
                "label": t.label,
                "count": t.count,
                "answered": t.answered,
                "median_hours": round(t.median, 1) if t.median is not None else None,
                "longest_hours": round(t.longest, 1) if t.longest is not None else None,
                "limit_hours": t.limit,
                "late": t.late,
            }
            for t in s.times
        ],
        "reported": s.reported,
        "report_due": s.report_due,
        "closed": s.closed,
        "open": s.open,
    }


@router.post(
    "/opinion/",
    response={201: IdeologyOpinionOut, **WRITE_ERRORS},
    summary="登记舆情事件",
    url_name="ideology_api_opinion_create",
)
def opinion_create(request: HttpRequest, payload: IdeologyOpinionIn) -> Status:
    """机关党委登记舆情。"""
    user = auth_user(request)
    organ_id = scope_of(user).organ_id
    event = OpinionEvent(organ_id=organ_id)
    event.unit = reference(organ_units(user), payload.unit_id, "unit_id", "责任委室")
    event.responsible = reference(organ_people(user), payload.responsible_id, "responsible_id", "责任人")
    event.outlet = reference(Outlet.objects.filter(organ_id=organ_id), payload.outlet_id, "outlet_id", "阵地")
    event.title, event.summary = payload.title, payload.summary
    event.source, event.level = payload.source.value, payload.level.value
    event.found_at = _aware(payload.found_at)
    services.event_save(event=event, by=user)
    return Status(201, _one(user, event.pk))


@router.get(
    "/opinion/{pk}/",
    response={200: IdeologyOpinionOut, **ERRORS},
    summary="一起舆情事件",
    url_name="ideology_api_opinion_detail",
)
def opinion_detail(request: HttpRequest, pk: int) -> OpinionEvent:
    return _one(auth_user(request), pk)


@router.post(
    "/opinion/{pk}/respond/",
    response={200: IdeologyOpinionOut, **WRITE_ERRORS},
    summary="登记首次响应",
    url_name="ideology_api_opinion_respond",
)
def opinion_respond(request: HttpRequest, pk: int, payload: IdeologyOpinionRespondIn) -> OpinionEvent:
    user = auth_user(request)
    event = access_opinion_event(user, pk, write=True)
    services.event_respond(event=event, at=_aware(payload.at), measure=payload.measure, by=user)
    return _one(user, pk)


@router.post(
    "/opinion/{pk}/report/",
    response={200: IdeologyOpinionOut, **WRITE_ERRORS},
    summary="登记向上级报告",
    url_name="ideology_api_opinion_report",
)
def opinion_report(request: HttpRequest, pk: int, payload: IdeologyOpinionReportIn) -> OpinionEvent:
    user = auth_user(request)
    event = access_opinion_event(user, pk, write=True)
    services.event_report(event=event, at=_aware(payload.at), to=payload.to, by=user)
    return _one(user, pk)


@router.post(
    "/opinion/{pk}/close/",
    response={200: IdeologyOpinionOut, **WRITE_ERRORS},
    summary="办结舆情事件",
    url_name="ideology_api_opinion_close",
)
def opinion_close(request: HttpRequest, pk: int, payload: IdeologyOpinionCloseIn) -> OpinionEvent:
    user = auth_user(request)
    event = access_opinion_event(user, pk, write=True)
    services.event_close(event=event, closed_on=payload.closed_on, handling=payload.handling, by=user)
    return _one(user, pk)
