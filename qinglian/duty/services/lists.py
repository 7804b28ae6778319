"""Writes of the responsibility list: lists, sections, items with their units, copying a year forward.

Every write checks its input in Chinese, owns its transaction and records who (simple-history); nothing is
deleted for real. Task progress, letters, 督办 and 约谈 are in the sibling modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Exists, F, OuterRef

from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked, soft_delete, stamp
from qinglian.duty.choices import AssignmentRole, Recurrence
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, DutySection
from qinglian.duty.permissions import can_edit_lists
from qinglian.duty.selectors.diff import shift_year
from qinglian.duty.selectors.lists import strip_mark
from qinglian.duty.selectors.people import in_party_group
from qinglian.duty.services.transitions import check
from qinglian.org.models import Unit


def _require_editor(by: Any) -> None:
    if not can_edit_lists(by):
        raise Forbidden("责任清单由机关党委专责人员维护")


@transaction.atomic
def duty_list_save(*, duty_list: DutyList, by: Any) -> DutyList:
    _require_editor(by)
    if not 2000 <= duty_list.year <= 2100:
        raise InvalidInput("年度应为四位年份")
    if not duty_list.title.strip():
        duty_list.title = f"{duty_list.year}年全面从严治党主体责任清单"
    clash = DutyList.objects.filter(organ_id=duty_list.organ_id, year=duty_list.year).exclude(pk=duty_list.pk)
    if clash.exists():
        raise InvalidInput(f"{duty_list.year}年的责任清单已存在")
    return save_checked(duty_list, by=by)


@transaction.atomic
def duty_list_publish(*, duty_list: DutyList, by: Any, published_on: dt.date | None = None) -> DutyList:
    """印发: the list becomes visible to every unit and its tasks can be claimed."""
    _require_editor(by)
    transition = check("list_publish", duty_list.status)
    if not DutyItem.objects.filter(duty_list=duty_list).exists():
        raise InvalidInput("清单中还没有任何事项，不能印发")
    # Exists, not exclude(assignments__…): an item with no task at all must be caught too.
    has_lead = DutyAssignment.objects.filter(item=OuterRef("pk"), role=AssignmentRole.LEAD)
    unassigned = DutyItem.objects.filter(duty_list=duty_list).exclude(Exists(has_lead)).order_by("order", "id")
    if unassigned.exists():
        numbers = "、".join(str(i.order) for i in unassigned[:5])
        raise InvalidInput(f"第{numbers}项尚未指定牵头委室")
    duty_list.status = transition.target
    duty_list.published_on = published_on or clock.today()
    return save_checked(duty_list, by=by)


@transaction.atomic
def section_save(*, section: DutySection, by: Any) -> DutySection:
    _require_editor(by)
    # the number is written from the order; one typed into the title ("一、…") would be shown twice
    section.title = strip_mark(section.title)
    if not section.title:
        raise InvalidInput("标题不能为空")
    if section.parent_id and section.parent.duty_list_id != section.duty_list_id:
        raise InvalidInput("上级标题不属于本清单")
    if section.parent_id and section.parent.parent_id:
        raise InvalidInput("清单标题最多两级：一、（一）")
    stamp(section, by)
    section.full_clean()
    section.save()
    return section


def _check_item(item: DutyItem, lead_unit_id: int | None, co_unit_ids: Sequence[int]) -> None:
    if not item.content.strip():
        raise InvalidInput("任务内容不能为空")
    if lead_unit_id is None:
        raise InvalidInput("请指定牵头委室")
    if lead_unit_id in co_unit_ids:
        raise InvalidInput("牵头委室不能同时是配合委室")
    units = Unit.objects.filter(organ_id=item.duty_list.organ_id, pk__in=[lead_unit_id, *co_unit_ids])
    if units.count() != len({lead_unit_id, *co_unit_ids}):
        raise InvalidInput("所选委室不存在")
    if item.recurrence == Recurrence.ONCE and item.deadline is None:
        raise InvalidInput("一次性任务须填写完成时限")
    if item.deadline and item.deadline.year not in (item.duty_list.year, item.duty_list.year + 1):
        raise InvalidInput(f"完成时限应在{item.duty_list.year}年度内")
    if item.section_id and item.section.duty_list_id != item.duty_list_id:
        raise InvalidInput("所属标题不属于本清单")
    since = dt.date(item.duty_list.year, 1, 1)
    if item.lead_leader_id and not in_party_group(item.lead_leader_id, since=since, on=clock.today()):
        raise InvalidInput("牵头领导应为党组成员")


@transaction.atomic
def item_save(*, item: DutyItem, by: Any, lead_unit_id: int | None, co_unit_ids: Sequence[int] = ()) -> DutyItem:
    """Save an item and make its units' tasks match: the lead unit and the co-units.

    A unit taken off the item keeps its task in history (soft-deleted), with whatever it had reported.
    """
    _require_editor(by)
    co_unit_ids = [u for u in dict.fromkeys(co_unit_ids) if u]
    _check_item(item, lead_unit_id, co_unit_ids)
    item.organ_id = item.duty_list.organ_id
    stamp(item, by)
    item.full_clean(exclude=["section", "lead_leader"])
    item.save()
    wanted = {lead_unit_id: AssignmentRole.LEAD, **{u: AssignmentRole.CO for u in co_unit_ids}}
    current = {a.unit_id: a for a in DutyAssignment.objects.filter(item=item)}
    for unit_id, assignment in current.items():
        if unit_id not in wanted:
            soft_delete(assignment, by=by)
        elif assignment.role != wanted[unit_id]:
            assignment.role = wanted[unit_id]
            stamp(assignment, by)
            assignment.save(update_fields=["role"])
    for unit_id, role in wanted.items():
        if unit_id not in current:
            _create(DutyAssignment(organ_id=item.organ_id, item=item, unit_id=unit_id, role=role), by)
    return item


@transaction.atomic
def item_delete(*, item: DutyItem, by: Any) -> None:
    """Soft delete an item and its tasks; history keeps both."""
    _require_editor(by)
    for assignment in DutyAssignment.objects.filter(item=item):
        soft_delete(assignment, by=by)
    soft_delete(item, by=by)


def _create(obj: Any, by: Any) -> Any:
    """Save a row the service has built and checked (a copy, a unit's task), `by` in its history."""
    stamp(obj, by)
    obj.save()
    return obj


@transaction.atomic
def duty_list_copy(*, source: DutyList, year: int, by: Any) -> DutyList:
    """Start `year` from `source`: same headings, items, leaders and units; dates moved by the years between.

    The copy is a draft; nothing of the source's progress is carried over.
    """
    _require_editor(by)
    shift = year - source.year
    title = source.title.replace(str(source.year), str(year)) if str(source.year) in source.title else ""
    target = duty_list_save(
        duty_list=DutyList(organ_id=source.organ_id, year=year, title=title, based_on=source), by=by
    )
    sections: dict[int, DutySection] = {}
    # Headings before sub-headings: ordering by parent_id would not do it, PostgreSQL sorts NULLs last.
    ordered = source.sections.order_by(F("parent_id").asc(nulls_first=True), "order", "id")
    for section in ordered:
        parent = sections.get(section.parent_id) if section.parent_id else None
        copy = DutySection(duty_list=target, parent=parent, order=section.order, title=section.title)
        sections[section.pk] = _create(copy, by)
    for item in DutyItem.objects.filter(duty_list=source).prefetch_related("assignments"):
        copy = DutyItem(
            organ_id=target.organ_id,
            duty_list=target,
            section=sections.get(item.section_id),
            order=item.order,
            content=item.content,
            theme=item.theme,
            lead_leader_id=item.lead_leader_id,
            deadline=shift_year(item.deadline, shift),
            recurrence=item.recurrence,
            standard=item.standard,
            evidence_required=item.evidence_required,
        )
        _create(copy, by)
        for a in item.assignments.all():
            _create(DutyAssignment(organ_id=target.organ_id, item=copy, unit_id=a.unit_id, role=a.role), by)
    return target
