"""The duty API (主体责任): the year's list with its headings and items, units' tasks and progress, completion
by unit and by leader, the leaders' 一岗双责 cards, responsibility letters, 督办单 and 约谈.

Every read starts from `visible_to(request.auth_user)`, a selector or `permissions.access_*`; every write goes
through the services, exactly as the pages do, so their Chinese refusals (403/400/409) are the API's too.
Whatever the caller may not see is a 404, never a 403.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core.api import ERRORS, Pagination
from qinglian.core.errors import NotFound
from qinglian.duty import selectors, services, services_tasks
from qinglian.duty.api_common import TASK_STATUS, YEAR, auth_user, reference
from qinglian.duty.choices import OPEN_TASK_STATUSES
from qinglian.duty.models import (
    DutyAssignment,
    DutyItem,
    DutyList,
    DutySection,
)
from qinglian.duty.permissions import (
    access_assignment,
    access_duty_list,
    access_item,
)
from qinglian.duty.schemas import (
    OVERDUE,
    CardOut,
    CompletionReportOut,
    CopyIn,
    ItemIn,
    ItemOut,
    ListDetailOut,
    ListIn,
    ListOut,
    PublishIn,
    ReportIn,
    ReportOut,
    ReturnIn,
    SectionCreatedOut,
    SectionIn,
    TaskDetailOut,
    TaskOut,
    TaskStatusFilter,
)
from qinglian.duty.selectors import Completion, SectionNode
from qinglian.duty.selectors_pages import cn_number
from qinglian.org.models import LeadingGroupMember, Person, Unit, User
from qinglian.org.permissions import scope_of

router = Router(tags=["主体责任"])


def _items(queryset: QuerySet[DutyItem]) -> QuerySet[DutyItem]:
    """Items with their live tasks, units loaded (ItemOut puts the lead unit first)."""
    tasks = DutyAssignment.objects.select_related("unit")
    return queryset.select_related("lead_leader").prefetch_related(Prefetch("assignments", queryset=tasks))


def _tasks(queryset: QuerySet[DutyAssignment]) -> QuerySet[DutyAssignment]:
    return queryset.select_related("unit", "item", "item__duty_list", "item__lead_leader")


# --- lists, headings, items --------------------------------------------------------------------


@router.get("/lists", response={200: list[ListOut], **ERRORS}, summary="责任清单列表")
@paginate(Pagination)
def list_index(request: HttpRequest, year: int | None = YEAR) -> QuerySet[DutyList]:
    """各年度的责任清单，新的在前。草稿只有机关党委专责人员和党组成员可见。"""
    lists = DutyList.objects.visible_to(auth_user(request))
    lists = lists.annotate(item_count=Count("items", filter=Q(items__deleted_at__isnull=True)))
    return lists.filter(year=year) if year else lists


def _section_out(node: SectionNode, level: int) -> dict[str, Any]:
    section = node.section
    number = cn_number(section.order)
    return {
        "id": section.pk,
        "order": section.order,
        "title": section.title,
        "label": f"{number}、" if level == 1 else f"（{number}）",
        "completion": node.completion,
        "items": node.items,
        "children": [_section_out(child, level + 1) for child in node.children],
    }


def _detail(duty_list: DutyList) -> DutyList:
    """Attach the tree (selectors.tree: headings → items → tasks, with completion under each node)."""
    roots = selectors.tree(duty_list, timezone.localdate())
    overall = Completion()
    for node in roots:
        for name in ("total", "done", "closed", "overdue", "not_started"):
            setattr(overall, name, getattr(overall, name) + getattr(node.completion, name))
    duty_list.api_completion = overall
    duty_list.api_sections = [_section_out(n, 1) for n in roots if n.section is not None]
    duty_list.api_unsectioned = next((n.items for n in roots if n.section is None), [])
    return duty_list


@router.get("/lists/{list_id}", response={200: ListDetailOut, **ERRORS}, summary="责任清单详情")
def list_detail(request: HttpRequest, list_id: int) -> DutyList:
    """清单的标题树（一、→（一）→ 事项），每个事项带各委室任务及其状态（含逾期），各级标题带完成情况。"""
    return _detail(access_duty_list(auth_user(request), list_id))


@router.post("/lists", response={201: ListOut, **ERRORS}, summary="新建责任清单（草稿）")
def list_create(request: HttpRequest, payload: ListIn) -> Status:
    """机关党委专责人员新建某年度的清单草稿；每个年度只有一份清单。"""
    user = auth_user(request)
    duty_list = DutyList(
        organ_id=scope_of(user).organ_id,
        year=payload.year,
        title=payload.title.strip(),
        document_no=payload.document_no.strip(),
    )
    services.duty_list_save(duty_list=duty_list, by=user)
    return Status(201, duty_list)


@router.post("/lists/{list_id}/publish", response={200: ListOut, **ERRORS}, summary="印发责任清单")
def list_publish(request: HttpRequest, list_id: int, payload: PublishIn | None = None) -> DutyList:
    """印发后各委室可见并可认领任务。每个事项须已指定牵头委室。请求体可省略。"""
    user = auth_user(request)
    duty_list = access_duty_list(user, list_id, write=True)
    published_on = payload.published_on if payload else None
    return services.duty_list_publish(duty_list=duty_list, by=user, published_on=published_on)


@router.post("/lists/{list_id}/copy", response={201: ListOut, **ERRORS}, summary="沿用为新年度清单")
def list_copy(request: HttpRequest, list_id: int, payload: CopyIn) -> Status:
    """以该清单为底稿生成新年度的草稿：标题、事项、牵头领导和委室照搬，日期顺延，进展不带入。"""
    user = auth_user(request)
    source = access_duty_list(user, list_id)
    return Status(201, services.duty_list_copy(source=source, year=payload.year, by=user))


@router.post("/lists/{list_id}/sections", response={201: SectionCreatedOut, **ERRORS}, summary="添加标题")
def section_create(request: HttpRequest, list_id: int, payload: SectionIn) -> Status:
    """一级标题（一、）不填 parent_id；二级标题（（一））填所属一级标题。"""
    user = auth_user(request)
    duty_list = access_duty_list(user, list_id, write=True)
    parent = reference(duty_list.sections.all(), payload.parent_id, "parent_id", "上级标题")
    order = payload.order or duty_list.sections.filter(parent=parent).count() + 1
    section = DutySection(duty_list=duty_list, parent=parent, order=order, title=payload.title.strip())
    return Status(201, services.section_save(section=section, by=user))


def _fill_item(item: DutyItem, payload: ItemIn) -> None:
    duty_list = item.duty_list
    item.section = reference(duty_list.sections.all(), payload.section_id, "section_id", "所属标题")
    people = Person.objects.filter(organ_id=duty_list.organ_id)
    item.lead_leader = reference(people, payload.lead_leader_id, "lead_leader_id", "牵头领导")
    if payload.order is not None:
        item.order = payload.order
    item.content = payload.content.strip()
    item.theme = payload.theme
    item.deadline = payload.deadline
    item.recurrence = payload.recurrence
    item.standard = payload.standard.strip()
    item.evidence_required = payload.evidence_required.strip()


def _save_item(user: User, item: DutyItem, payload: ItemIn) -> DutyItem:
    services.item_save(item=item, by=user, lead_unit_id=payload.lead_unit_id, co_unit_ids=payload.co_unit_ids)
    return _items(DutyItem.objects.all()).get(pk=item.pk)


@router.post("/lists/{list_id}/items", response={201: ItemOut, **ERRORS}, summary="添加事项")
def item_create(request: HttpRequest, list_id: int, payload: ItemIn) -> Status:
    """添加事项并分解到牵头委室和配合委室（各生成一项任务）。"""
    user = auth_user(request)
    duty_list = access_duty_list(user, list_id, write=True)
    last = DutyItem.objects.filter(duty_list=duty_list).order_by("-order").values_list("order", flat=True).first()
    item = DutyItem(duty_list=duty_list, organ_id=duty_list.organ_id, order=(last or 0) + 1)
    _fill_item(item, payload)
    return Status(201, _save_item(user, item, payload))


@router.put("/items/{item_id}", response={200: ItemOut, **ERRORS}, summary="修改事项")
def item_update(request: HttpRequest, item_id: int, payload: ItemIn) -> DutyItem:
    """整体替换事项内容和分工。去掉的委室，其任务连同已报送的进展保留在历史中。"""
    user = auth_user(request)
    item = access_item(user, item_id, write=True)
    _fill_item(item, payload)
    return _save_item(user, item, payload)


@router.delete("/items/{item_id}", response={204: None, **ERRORS}, summary="删除事项（软删除）")
def item_delete(request: HttpRequest, item_id: int) -> Status:
    """事项及其各委室任务标记删除，从清单中消失，修改记录中仍可查到。"""
    user = auth_user(request)
    services.item_delete(item=access_item(user, item_id, write=True), by=user)
    return Status(204, None)


# --- tasks -------------------------------------------------------------------------------------


@router.get("/tasks", response={200: list[TaskOut], **ERRORS}, summary="责任任务列表")
@paginate(Pagination)
def task_list(
    request: HttpRequest,
    year: int | None = YEAR,
    unit_id: int | None = Query(None, description="责任委室"),
    status: TaskStatusFilter | None = TASK_STATUS,
    leader_id: int | None = Query(None, description="牵头领导"),
) -> QuerySet[DutyAssignment]:
    today = timezone.localdate()
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
        tasks = tasks.filter(status=status).exclude(item__deadline__lt=today)
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
    services_tasks.assignment_claim(assignment=access_assignment(user, task_id), by=user)
    return _task(user, task_id)


@router.post("/tasks/{task_id}/reports", response={201: ReportOut, **ERRORS}, summary="报送进展")
def task_report(request: HttpRequest, task_id: int, payload: ReportIn) -> Status:
    """本委室人员报送进展；is_final 为报告完成，待确认销号。佐证材料在任务页面上传。"""
    user = auth_user(request)
    report = services_tasks.progress_report(
        assignment=access_assignment(user, task_id),
        by=user,
        date=payload.date or timezone.localdate(),
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
    services_tasks.assignment_confirm(assignment=access_assignment(user, task_id), by=user)
    return _task(user, task_id)


@router.post("/tasks/{task_id}/return", response={200: TaskDetailOut, **ERRORS}, summary="退回")
def task_return(request: HttpRequest, task_id: int, payload: ReturnIn) -> DutyAssignment:
    """不予认可已完成（或撤销销号）：任务回到推进中，退回理由记入修改记录。"""
    user = auth_user(request)
    services_tasks.assignment_return(assignment=access_assignment(user, task_id), by=user, reason=payload.reason)
    return _task(user, task_id)


# --- completion and 一岗双责 cards --------------------------------------------------------------


def _figures(completion: Completion) -> dict[str, int]:
    names = ("total", "done", "closed", "overdue", "not_started", "rate")
    return {name: getattr(completion, name) for name in names}


@router.get("/completion", response={200: CompletionReportOut, **ERRORS}, summary="完成情况（按委室、按领导）")
def completion(request: HttpRequest, year: int | None = YEAR) -> dict[str, Any]:
    """本账号可见的该年度清单的完成情况：按责任委室（牵头和配合任务）和按牵头领导。"""
    year, today = year or timezone.localdate().year, timezone.localdate()
    duty_list = DutyList.objects.visible_to(auth_user(request)).filter(year=year).first()
    items = selectors.items_with_tasks(duty_list) if duty_list else []
    overall = Completion()
    for item in items:
        for task in item.assignments.all():
            overall.add(task, today)
    units = {a.unit_id: a.unit for item in items for a in item.assignments.all()}
    by_unit = selectors.completion_by_unit(items, today)
    leaders = {item.lead_leader_id: item.lead_leader for item in items if item.lead_leader_id}
    led = {pid: sum(1 for item in items if item.lead_leader_id == pid) for pid in leaders}
    rank = {pid: n for n, (pid, _) in enumerate(selectors.leading_group(scope_of(auth_user(request)).organ_id, today))}
    by_leader = selectors.completion_by_leader(items, today)
    return {
        "year": year,
        "duty_list": duty_list,
        "overall": _figures(overall),
        "by_unit": [
            {"unit": units[uid], **_figures(c)}
            for uid, c in sorted(by_unit.items(), key=lambda kv: (units[kv[0]].order, kv[0]))
        ],
        "by_leader": [
            {"leader": leaders[pid], "items": led[pid], **_figures(c)}
            for pid, c in sorted(by_leader.items(), key=lambda kv: (rank.get(kv[0], 999), kv[0]))
        ],
    }


@router.get("/cards/{person_id}", response={200: CardOut, **ERRORS}, summary="一岗双责责任卡")
def duty_card(request: HttpRequest, person_id: int, year: int | None = YEAR) -> dict[str, Any]:
    """党组成员的责任卡：牵头事项、分管委室的任务、完成情况和分管委室未整改的预警数。"""
    user = auth_user(request)
    scope, today = scope_of(user), timezone.localdate()
    year = year or today.year
    if not scope.is_business:
        raise NotFound("责任卡不存在或无权查看")
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    member = (
        LeadingGroupMember.objects.filter(organ_id=scope.organ_id, person_id=person_id, start__lte=end)
        .exclude(end__lt=start)
        .select_related("person")
        .order_by("order", "id")
        .first()
    )
    if member is None:
        raise NotFound(f"{year}年党组成员中没有此人，没有责任卡")
    card = selectors.duty_card(organ_id=scope.organ_id, leader_id=person_id, year=year, on=today)
    visible = DutyList.objects.visible_to(user).filter(year=year).first()
    led, tasks = (card.led_items, card.unit_tasks) if visible else ([], [])  # a draft stays hidden, as on the page
    for task in tasks:
        task.item.duty_list = visible  # the one list of the year: TaskOut reads it without a query per item
    return {
        "leader": member.person,
        "post": member.post,
        "post_label": member.get_post_display(),
        "year": year,
        "supervised_units": list(Unit.objects.filter(pk__in=card.supervised_unit_ids).order_by("order", "id")),
        "led_items": led,
        "unit_tasks": tasks,
        "completion": _figures(card.completion if visible else Completion()),
        "open_findings": card.open_findings,
    }


# Letters, 督办单 and 约谈 live in api_oversight (same URL prefix, same tag).
from qinglian.duty.api_oversight import router as _oversight  # noqa: E402

router.add_router("", _oversight)
