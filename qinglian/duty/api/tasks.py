"""The task API: units' tasks across the lists, and claiming, reporting, confirming (销号) and returning one."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core import clock, workdays
from qinglian.core.api import ERRORS, Pagination, auth_user
from qinglian.duty.api.common import TASK_STATUS, YEAR
from qinglian.duty.choices import OPEN_TASK_STATUSES
from qinglian.duty.models import DutyAssignment
from qinglian.duty.permissions import access_assignment
from qinglian.duty.schemas.common import TaskStatusFilter
from qinglian.duty.schemas.tasks import DutyReturnIn, ReportIn, ReportOut, TaskDetailOut, TaskOut
from qinglian.duty.selectors.tasks import OVERDUE
from qinglian.duty.services import tasks as services
from qinglian.org.models import User

router = Router()


def _tasks(queryset: QuerySet[DutyAssignment]) -> QuerySet[DutyAssignment]:
    return queryset.select_related("unit", "item", "item__duty_list", "item__lead_leader")


@router.get("/tasks", response={200: list[TaskOut], **ERRORS}, summary="责任任务列表")
@paginate(Pagination)
def task_list(
    request: HttpRequest,
    year: int | None = YEAR,
    unit_id: int | None = Query(None, description="责任委室"),
    status: TaskStatusFilter | None = TASK_STATUS,
    leader_id: int | None = Query(None, description="牵头领导"),
) -> QuerySet[DutyAssignment]:
    today = clock.today()
    tasks = _tasks(DutyAssignment.objects.visible_to(auth_user(request)))
    if year:
        tasks = tasks.filter(item__duty_list__year=year)
    if unit_id is not None:
        tasks = tasks.filter(unit_id=unit_id)
    if leader_id is not None:
        tasks = tasks.filter(item__lead_leader_id=leader_id)
    if status == OVERDUE:
        tasks = tasks.overdue(today)
    elif status in OPEN_TASK_STATUSES:  # as the page's badge: an overdue task shows as 逾期, not 未启动
        tasks = tasks.filter(status=status).exclude(item__deadline__lte=workdays.overdue_through(today))
    elif status:
        tasks = tasks.filter(status=status)
    return tasks.order_by("-item__duty_list__year", "item__order", "item_id", "role", "unit__order", "id")


def _task(user: User, task_id: int) -> DutyAssignment:
    return (
        _tasks(DutyAssignment.objects.visible_to(user))
        .select_related("claimed_by", "confirmed_by")
        .get(pk=access_assignment(user, task_id).pk)
    )


@router.get("/tasks/{task_id}", response={200: TaskDetailOut, **ERRORS}, summary="责任任务详情")
def task_detail(request: HttpRequest, task_id: int) -> DutyAssignment:
    """任务、所属事项、进展报告（新的在前）和本账号可见的督办单。"""
    return _task(auth_user(request), task_id)


@router.post("/tasks/{task_id}/claim", response={200: TaskDetailOut, **ERRORS}, summary="认领任务")
def task_claim(request: HttpRequest, task_id: int) -> DutyAssignment:
    """委室负责人认领本委室的任务（机关党委专责人员可代为认领）。"""
    user = auth_user(request)
    services.assignment_claim(assignment=access_assignment(user, task_id), by=user)
    return _task(user, task_id)


@router.post("/tasks/{task_id}/reports", response={201: ReportOut, **ERRORS}, summary="报送进展")
def task_report(request: HttpRequest, task_id: int, payload: ReportIn) -> Status:
    """本委室人员报送进展；is_final 为报告完成（申请销号），待确认销号。
    申请销号须任务或其进展报告上已有佐证材料（在任务页面上传），否则 400。"""
    user = auth_user(request)
    report = services.progress_report(
        assignment=access_assignment(user, task_id),
        by=user,
        date=payload.date or clock.today(),
        content=payload.content,
        percent=payload.percent,
        is_final=payload.is_final,
        period=payload.period.strip(),
    )
    return Status(201, report)


@router.post("/tasks/{task_id}/confirm", response={200: TaskDetailOut, **ERRORS}, summary="确认销号")
def task_confirm(request: HttpRequest, task_id: int) -> DutyAssignment:
    """机关党委专责人员或牵头领导核对佐证后销号；只有已报告完成的任务可以销号。"""
    user = auth_user(request)
    services.assignment_confirm(assignment=access_assignment(user, task_id), by=user)
    return _task(user, task_id)


@router.post("/tasks/{task_id}/return", response={200: TaskDetailOut, **ERRORS}, summary="退回")
def task_return(request: HttpRequest, task_id: int, payload: DutyReturnIn) -> DutyAssignment:
    """不予认可已完成（或撤销销号）：任务回到推进中，退回理由记入修改记录。"""
    user = auth_user(request)
    services.assignment_return(assignment=access_assignment(user, task_id), by=user, reason=payload.reason)
    return _task(user, task_id)
