"""问题整改 in the integrity API: batches, problems, measures — list, detail, create, update; the report submitted,
a measure reported done, a problem closed (销号) or reopened.

Reads start from `visible_to` or `permissions.access_*`; writes go through services.rectification, as the pages'
do. Whatever the caller may not see is a 404; a refusal is a 4xx with its Chinese message."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core import clock
from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.core.errors import Forbidden
from qinglian.integrity import permissions
from qinglian.integrity.choices import RectificationSource
from qinglian.integrity.models import RectificationBatch, RectificationMeasure, RectificationProblem
from qinglian.integrity.schemas.rectification import (
    RectificationBatchIn,
    RectificationBatchOut,
    RectificationCloseIn,
    RectificationCompleteIn,
    RectificationMeasureIn,
    RectificationMeasureOut,
    RectificationProblemIn,
    RectificationProblemOut,
    RectificationReopenIn,
    RectificationReportIn,
)
from qinglian.integrity.selectors import rectification as selectors
from qinglian.integrity.services import rectification as services
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS: dict[int, Any] = {**ERRORS, 409: ErrorOut}


def _batch_out(user: Any, pk: int) -> RectificationBatch:
    batch = selectors.batch_list(user).get(pk=pk)
    batch.report = selectors.report_state(batch, clock.today())
    return batch


def _problems(user: Any):
    return RectificationProblem.objects.visible_to(user).select_related("unit", "leader", "owner")


def _measures(user: Any):
    return RectificationMeasure.objects.visible_to(user).select_related("unit", "owner")


def _keeper(user: Any) -> None:
    if not permissions.can_keep_rectification(user):
        raise Forbidden(services.KEEPER_ONLY)


# --- batches -----------------------------------------------------------------------------------------------------


@router.get(
    "/rectification/batches",
    response={200: list[RectificationBatchOut], **ERRORS},
    summary="整改批次",
    url_name="integrity_api_rectification_batches",
)
@paginate(Pagination)
def batch_list(
    request: HttpRequest,
    source: RectificationSource | None = None,
    year: int | None = Query(None, ge=2000, le=2100, description="反馈年度"),
) -> list[RectificationBatch]:
    """反馈日期新的在前，含整改报告应报送日期和销号进度。"""
    user = auth_user(request)
    if not scope_of(user).is_business:
        return []
    rows = selectors.batch_list(user, {"source": source, "year": year})
    return selectors.with_report_states(rows, clock.today())


@router.get(
    "/rectification/batches/{pk}",
    response={200: RectificationBatchOut, **ERRORS},
    summary="整改批次详情",
    url_name="integrity_api_rectification_batch",
)
def batch_detail(request: HttpRequest, pk: int) -> RectificationBatch:
    user = auth_user(request)
    permissions.access_batch(user, pk)
    return _batch_out(user, pk)


def _batch_fields(user: Any, batch: RectificationBatch, payload: RectificationBatchIn) -> None:
    batch.source, batch.title, batch.issuer = payload.source, payload.title.strip(), payload.issuer.strip()
    batch.feedback_on = payload.feedback_on
    batch.lead = reference(Person.objects.visible_to(user), payload.lead_id, "lead_id", "人员")


@router.post(
    "/rectification/batches",
    response={201: RectificationBatchOut, **WRITE_ERRORS},
    summary="新增整改批次",
    url_name="integrity_api_rectification_batch_create",
)
def batch_create(request: HttpRequest, payload: RectificationBatchIn) -> Status:
    user = auth_user(request)
    _keeper(user)
    batch = RectificationBatch(organ_id=scope_of(user).organ_id)
    _batch_fields(user, batch, payload)
    services.batch_save(batch=batch, by=user)
    return Status(201, _batch_out(user, batch.pk))


@router.put(
    "/rectification/batches/{pk}",
    response={200: RectificationBatchOut, **WRITE_ERRORS},
    summary="修改整改批次",
    url_name="integrity_api_rectification_batch_update",
)
def batch_update(request: HttpRequest, pk: int, payload: RectificationBatchIn) -> RectificationBatch:
    user = auth_user(request)
    batch = permissions.access_batch(user, pk, write=True)
    _batch_fields(user, batch, payload)
    services.batch_save(batch=batch, by=user)
    return _batch_out(user, pk)


@router.post(
    "/rectification/batches/{pk}/report",
    response={200: RectificationBatchOut, **WRITE_ERRORS},
    summary="登记整改报告报送",
    url_name="integrity_api_rectification_batch_report",
)
def batch_report(request: HttpRequest, pk: int, payload: RectificationReportIn) -> RectificationBatch:
    user = auth_user(request)
    batch = permissions.access_batch(user, pk, write=True)
    services.batch_report_submit(
        batch=batch, submitted_on=payload.submitted_on, report_no=payload.report_no, by=user, request=request
    )
    return _batch_out(user, pk)


# --- problems ----------------------------------------------------------------------------------------------------


@router.get(
    "/rectification/problems",
    response={200: list[RectificationProblemOut], **ERRORS},
    summary="整改问题",
    url_name="integrity_api_rectification_problems",
)
@paginate(Pagination)
def problem_list(
    request: HttpRequest, batch_id: int | None = Query(None, description="整改批次"), status: str | None = None
) -> Any:
    rows = _problems(auth_user(request))
    if batch_id is not None:
        rows = rows.filter(batch_id=batch_id)
    if status:
        rows = rows.filter(status=status)
    return rows


@router.get(
    "/rectification/problems/{pk}",
    response={200: RectificationProblemOut, **ERRORS},
    summary="整改问题详情",
    url_name="integrity_api_rectification_problem",
)
def problem_detail(request: HttpRequest, pk: int) -> RectificationProblem:
    return permissions.access_problem(auth_user(request), pk)


def _problem_fields(user: Any, problem: RectificationProblem, payload: RectificationProblemIn) -> None:
    people = Person.objects.visible_to(user)
    problem.batch = reference(RectificationBatch.objects.visible_to(user), payload.batch_id, "batch_id", "整改批次")
    problem.number, problem.category, problem.description = payload.number, payload.category, payload.description
    problem.unit = reference(Unit.objects.visible_to(user), payload.unit_id, "unit_id", "委室")
    problem.leader = reference(people, payload.leader_id, "leader_id", "人员")
    problem.owner = reference(people, payload.owner_id, "owner_id", "人员")


@router.post(
    "/rectification/problems",
    response={201: RectificationProblemOut, **WRITE_ERRORS},
    summary="新增整改问题",
    url_name="integrity_api_rectification_problem_create",
)
def problem_create(request: HttpRequest, payload: RectificationProblemIn) -> Status:
    user = auth_user(request)
    _keeper(user)
    problem = RectificationProblem(organ_id=scope_of(user).organ_id)
    _problem_fields(user, problem, payload)
    services.problem_save(problem=problem, by=user)
    return Status(201, _problems(user).get(pk=problem.pk))


@router.put(
    "/rectification/problems/{pk}",
    response={200: RectificationProblemOut, **WRITE_ERRORS},
    summary="修改整改问题",
    url_name="integrity_api_rectification_problem_update",
)
def problem_update(request: HttpRequest, pk: int, payload: RectificationProblemIn) -> RectificationProblem:
    user = auth_user(request)
    problem = permissions.access_problem(user, pk, write=True)
    _problem_fields(user, problem, payload)
    services.problem_save(problem=problem, by=user)
    return _problems(user).get(pk=pk)


@router.post(
    "/rectification/problems/{pk}/close",
    response={200: RectificationProblemOut, **WRITE_ERRORS},
    summary="问题销号",
    url_name="integrity_api_rectification_problem_close",
)
def problem_close(request: HttpRequest, pk: int, payload: RectificationCloseIn) -> RectificationProblem:
    """党组书记或党组成员审批；问题的责任人、责任领导、责任委室负责人及整改措施责任人不能销号。"""
    user = auth_user(request)
    problem = permissions.access_problem(user, pk)
    services.problem_close(problem=problem, by=user, note=payload.note, request=request)
    return _problems(user).get(pk=pk)


@router.post(
    "/rectification/problems/{pk}/reopen",
    response={200: RectificationProblemOut, **WRITE_ERRORS},
    summary="重新打开已销号问题",
    url_name="integrity_api_rectification_problem_reopen",
)
def problem_reopen(request: HttpRequest, pk: int, payload: RectificationReopenIn) -> RectificationProblem:
    user = auth_user(request)
    problem = permissions.access_problem(user, pk)
    services.problem_reopen(problem=problem, by=user, reason=payload.reason, request=request)
    return _problems(user).get(pk=pk)


# --- measures ----------------------------------------------------------------------------------------------------


@router.get(
    "/rectification/measures",
    response={200: list[RectificationMeasureOut], **ERRORS},
    summary="整改措施",
    url_name="integrity_api_rectification_measures",
)
@paginate(Pagination)
def measure_list(
    request: HttpRequest,
    problem_id: int | None = Query(None, description="整改问题"),
    mine: bool = Query(False, description="只列本人负责的"),
) -> Any:
    user = auth_user(request)
    rows = selectors.my_measures(user) if mine else _measures(user)
    if problem_id is not None:
        rows = rows.filter(problem_id=problem_id)
    return rows


@router.get(
    "/rectification/measures/{pk}",
    response={200: RectificationMeasureOut, **ERRORS},
    summary="整改措施详情",
    url_name="integrity_api_rectification_measure",
)
def measure_detail(request: HttpRequest, pk: int) -> RectificationMeasure:
    return permissions.access_measure(auth_user(request), pk)


def _measure_fields(user: Any, measure: RectificationMeasure, payload: RectificationMeasureIn) -> None:
    measure.problem = reference(_problems(user), payload.problem_id, "problem_id", "整改问题")
    measure.description, measure.deadline = payload.description, payload.deadline
    measure.unit = reference(Unit.objects.visible_to(user), payload.unit_id, "unit_id", "委室")
    measure.owner = reference(Person.objects.visible_to(user), payload.owner_id, "owner_id", "人员")


@router.post(
    "/rectification/measures",
    response={201: RectificationMeasureOut, **WRITE_ERRORS},
    summary="新增整改措施",
    url_name="integrity_api_rectification_measure_create",
)
def measure_create(request: HttpRequest, payload: RectificationMeasureIn) -> Status:
    user = auth_user(request)
    _keeper(user)
    measure = RectificationMeasure(organ_id=scope_of(user).organ_id)
    _measure_fields(user, measure, payload)
    services.measure_save(measure=measure, by=user)
    return Status(201, _measures(user).get(pk=measure.pk))


@router.put(
    "/rectification/measures/{pk}",
    response={200: RectificationMeasureOut, **WRITE_ERRORS},
    summary="修改整改措施",
    url_name="integrity_api_rectification_measure_update",
)
def measure_update(request: HttpRequest, pk: int, payload: RectificationMeasureIn) -> RectificationMeasure:
    user = auth_user(request)
    measure = permissions.access_measure(user, pk)
    _keeper(user)
    _measure_fields(user, measure, payload)
    services.measure_save(measure=measure, by=user)
    return _measures(user).get(pk=pk)


@router.post(
    "/rectification/measures/{pk}/complete",
    response={200: RectificationMeasureOut, **WRITE_ERRORS},
    summary="报告整改措施完成",
    url_name="integrity_api_rectification_measure_complete",
)
def measure_complete(request: HttpRequest, pk: int, payload: RectificationCompleteIn) -> RectificationMeasure:
    """责任人、责任委室负责人或机关党委专责人员报告完成；须已上传佐证材料。"""
    user = auth_user(request)
    measure = permissions.access_measure(user, pk, write=True)
    services.measure_report(
        measure=measure, completed_on=payload.completed_on, note=payload.note, by=user, request=request
    )
    return _measures(user).get(pk=pk)
