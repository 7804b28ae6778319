"""The list API: the year's lists, their headings and items (each item with its units' tasks)."""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core import clock
from qinglian.core.api import ERRORS, Pagination, auth_user, reference
from qinglian.duty.api.common import YEAR
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, DutySection
from qinglian.duty.permissions import access_duty_list, access_item
from qinglian.duty.schemas.lists import (
    CopyIn,
    ItemIn,
    ItemOut,
    ListDetailOut,
    ListIn,
    ListOut,
    PublishIn,
    SectionCreatedOut,
    SectionIn,
)
from qinglian.duty.selectors.lists import (
    Completion,
    SectionNode,
    heading_number,
    heading_title,
    next_item_order,
    tree,
)
from qinglian.duty.services import lists as services
from qinglian.org.models import Person, User
from qinglian.org.permissions import scope_of

router = Router()


def _items(queryset: QuerySet[DutyItem]) -> QuerySet[DutyItem]:
    """Items with their live tasks, units loaded (ItemOut puts the lead unit first)."""
    tasks = DutyAssignment.objects.select_related("unit")
    return queryset.select_related("lead_leader").prefetch_related(Prefetch("assignments", queryset=tasks))


@router.get("/lists", response={200: list[ListOut], **ERRORS}, summary="责任清单列表")
@paginate(Pagination)
def list_index(request: HttpRequest, year: int | None = YEAR) -> QuerySet[DutyList]:
    """各年度的责任清单，新的在前。草稿只有机关党委专责人员和党组成员可见。"""
    lists = DutyList.objects.visible_to(auth_user(request))
    lists = lists.annotate(item_count=Count("items", filter=Q(items__deleted_at__isnull=True)))
    return lists.filter(year=year) if year else lists


def _section_out(node: SectionNode) -> dict[str, Any]:
    section = node.section
    return {
        "id": section.pk,
        "order": section.order,
        "title": heading_title(section),
        "label": heading_number(section),
        "completion": node.completion,
        "items": node.items,
        "children": [_section_out(child) for child in node.children],
    }


def _detail(duty_list: DutyList) -> DutyList:
    """Attach the tree (selectors.lists.tree: headings → items → tasks, with completion under each node)."""
    roots = tree(duty_list, clock.today())
    duty_list.api_completion = Completion.total_of(node.completion for node in roots)
    duty_list.api_sections = [_section_out(n) for n in roots if n.section is not None]
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
    item = DutyItem(duty_list=duty_list, organ_id=duty_list.organ_id, order=next_item_order(duty_list))
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
