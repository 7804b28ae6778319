"""The training ledger (培训费) in the 八项规定 API: list (filters as the page's), one course with its cost lines and
lectures, create, update (the lines sent replace the course's lines) and withdraw. Reads start from
`selectors.training` (`visible_to`) and `access_course`; writes go through `services.training`, as the pages do."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, ErrorOut, Pagination, auth_user, reference
from qinglian.frugality.models import PlanItem, TrainingCourse
from qinglian.frugality.permissions import access_course
from qinglian.frugality.schemas.training import FrugalityTrainingDeleteIn, FrugalityTrainingIn, FrugalityTrainingOut
from qinglian.frugality.selectors import training as selectors
from qinglian.frugality.services.training import CostLine, LectureLine, course_delete, course_save
from qinglian.integrity.forms.inquiries import organ_units
from qinglian.integrity.selectors.inquiries import subject_choices
from qinglian.org.scope import scope_of

router = Router()
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


def _out(user, pk: int) -> TrainingCourse:
    return access_course(user, pk)


def _save(user, course: TrainingCourse, payload: FrugalityTrainingIn) -> TrainingCourse:
    organ_id = scope_of(user).organ_id
    course.unit = reference(organ_units(user), payload.unit_id, "unit_id", "承办委室")
    items = PlanItem.objects.filter(plan__organ_id=organ_id)
    course.plan_item = reference(items, payload.plan_item_id, "plan_item_id", "年度计划事项")
    course.adhoc_approver = reference(subject_choices(user), payload.adhoc_approver_id, "adhoc_approver_id", "审批人")
    for name in ("voucher_no", "name", "adhoc_approved_on", "start_on", "end_on", "days", "travel_days"):
        setattr(course, name, getattr(payload, name))
    for name in ("attendees", "staff", "venue", "venue_city", "paid_on", "note"):
        setattr(course, name, getattr(payload, name))
    course.category = payload.category.value
    costs = [CostLine(c.kind.value, c.amount, c.description) for c in payload.costs]
    lectures = [LectureLine(x.lecturer, x.title.value, x.on, x.hours, x.fee, x.from_afar) for x in payload.lectures]
    return course_save(course=course, costs=costs, lectures=lectures, by=user)


@router.get(
    "/training",
    response={200: list[FrugalityTrainingOut], **ERRORS},
    summary="培训费台账",
    url_name="frugality_api_training_list",
)
@paginate(Pagination)
def training_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100, description="开班年度"),
    month_from: int | None = Query(None, ge=1, le=12, description="起始月（开班月份）"),
    month_to: int | None = Query(None, ge=1, le=12, description="截止月"),
    unit_id: int | None = Query(None, description="承办委室"),
    category: str = Query("", description="培训类别代码：one/two/three"),
    q: str = Query("", max_length=50, description="名称、凭证号、地点中包含的文字"),
) -> list[TrainingCourse]:
    user = auth_user(request)
    qs = selectors.course_list(
        user, year=year, month_from=month_from, month_to=month_to, unit_id=unit_id, category=category, q=q
    )
    return qs.prefetch_related("costs", "lectures")


@router.post(
    "/training",
    response={201: FrugalityTrainingOut, **WRITE_ERRORS},
    summary="登记培训",
    url_name="frugality_api_training_create",
)
def training_create(request: HttpRequest, payload: FrugalityTrainingIn) -> Status:
    """财务专责人员登记一次培训及其费用明细、授课记录；费用合计为各条费用明细之和。"""
    user = auth_user(request)
    course = _save(user, TrainingCourse(organ_id=scope_of(user).organ_id), payload)
    return Status(201, _out(user, course.pk))


@router.get(
    "/training/{pk}",
    response={200: FrugalityTrainingOut, **ERRORS},
    summary="一次培训",
    url_name="frugality_api_training_detail",
)
def training_detail(request: HttpRequest, pk: int) -> TrainingCourse:
    return _out(auth_user(request), pk)


@router.put(
    "/training/{pk}",
    response={200: FrugalityTrainingOut, **WRITE_ERRORS},
    summary="修改培训",
    url_name="frugality_api_training_update",
)
def training_update(request: HttpRequest, pk: int, payload: FrugalityTrainingIn) -> TrainingCourse:
    """按请求内容保存培训；费用明细和授课记录以请求为准（未列出的删除，修改记录中仍可查到）。"""
    user = auth_user(request)
    _save(user, access_course(user, pk, write=True), payload)
    return _out(user, pk)


@router.post(
    "/training/{pk}/delete",
    response={204: None, **WRITE_ERRORS},
    summary="删除培训（软删除）",
    url_name="frugality_api_training_delete",
)
def training_delete(request: HttpRequest, pk: int, payload: FrugalityTrainingDeleteIn) -> Status:
    """误登记的培训标记删除，从台账和检查中消失；删除原因写入修改记录和审计日志。"""
    user = auth_user(request)
    course_delete(course=access_course(user, pk, write=True), by=user, reason=payload.reason)
    return Status(204, None)
