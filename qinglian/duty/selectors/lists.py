"""Reads of the year's responsibility list: its items with their units' tasks, the tree of headings, completion
by heading, unit and leader, the page's filtered tree, and the choices the list's forms offer.

Completion is computed from the tasks, never stored. Everything starts from querysets already scoped by
`visible_to(user)` or from one list the caller may see; nothing here checks permissions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from qinglian.core import clock
from qinglian.duty.choices import TaskStatus
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, DutySection
from qinglian.duty.selectors.tasks import lead_first, mark_status, status_key
from qinglian.org.models import LeadingGroupMember, Person, Unit
from qinglian.proofread.numerals import int_to_cn


def list_for_year(organ_id: int, year: int) -> DutyList | None:
    return DutyList.objects.filter(organ_id=organ_id, year=year).first()


def visible_list(user: Any, year: int) -> DutyList | None:
    """The year's list if this account may see it (a draft only the office and the leaders)."""
    return DutyList.objects.visible_to(user).filter(year=year).first()


def items_with_tasks(duty_list: DutyList) -> list[DutyItem]:
    """Items in order with their live assignments (units prefetched): one query each, not one per item."""
    assignments = DutyAssignment.objects.select_related("unit").order_by("-role", "unit__order", "id")  # lead first
    return list(
        DutyItem.objects.filter(duty_list=duty_list)
        .select_related("lead_leader", "section")
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .order_by("order", "id")
    )


def next_item_order(duty_list: DutyList) -> int:
    """The number a new item gets: one after the list's last."""
    last = DutyItem.objects.filter(duty_list=duty_list).order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


@dataclass
class Completion:
    """How far a set of tasks has come. `done` counts 已完成 and 已销号; `rate` is done / total in percent."""

    total: int = 0
    done: int = 0
    closed: int = 0
    overdue: int = 0
    not_started: int = 0

    @property
    def rate(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def add(self, assignment: DutyAssignment, on: dt.date) -> None:
        self.total += 1
        if assignment.status in (TaskStatus.COMPLETED, TaskStatus.CLOSED):
            self.done += 1
        if assignment.status == TaskStatus.CLOSED:
            self.closed += 1
        if assignment.status == TaskStatus.NOT_STARTED:
            self.not_started += 1
        if assignment.is_overdue(on):
            self.overdue += 1

    def merge(self, other: Completion) -> None:
        for name in (f.name for f in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, int]:
        """The counts and the rate, as the API answers them."""
        return {**{f.name: getattr(self, f.name) for f in fields(self)}, "rate": self.rate}

    @classmethod
    def of(cls, tasks: Iterable[DutyAssignment], on: dt.date) -> Completion:
        result = cls()
        for task in tasks:
            result.add(task, on)
        return result

    @classmethod
    def total_of(cls, parts: Iterable[Completion]) -> Completion:
        result = cls()
        for part in parts:
            result.merge(part)
        return result


def completion_by_unit(items: Iterable[DutyItem], on: dt.date) -> dict[int, Completion]:
    """unit id → Completion over all its tasks (lead and co) in `items` (from items_with_tasks)."""
    result: dict[int, Completion] = defaultdict(Completion)
    for item in items:
        for assignment in item.assignments.all():
            result[assignment.unit_id].add(assignment, on)
    return dict(result)


def completion_by_leader(items: Iterable[DutyItem], on: dt.date) -> dict[int, Completion]:
    """lead leader person id → Completion over the tasks of the items they lead."""
    result: dict[int, Completion] = defaultdict(Completion)
    for item in items:
        if item.lead_leader_id is None:
            continue
        for assignment in item.assignments.all():
            result[item.lead_leader_id].add(assignment, on)
    return dict(result)


# --- the tree of headings -------------------------------------------------------------------------


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 105 → 一百零五. A heading's 序号 is typed in (page or API) and may be anything the
    field holds: past 999, where Chinese numerals stop being read as a number, it stays in Arabic digits."""
    return int_to_cn(n) if 0 <= n <= 999 else str(n)


def heading_number(section: DutySection) -> str:
    """一、 for a heading, （一） for a sub-heading (the list has two levels)."""
    number = cn_number(section.order)
    return f"（{number}）" if section.parent_id else f"{number}、"


_MARK = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,3}[.．、](?!\d))\s*")


def strip_mark(title: str) -> str:
    """ "一、强化政治建设" → "强化政治建设": a heading is stored without its number, which every view writes from
    the order. `section_save` strips it, but rows written before that (or in bulk) may still carry one."""
    return _MARK.sub("", (title or "").strip()).strip()


def heading_title(section: DutySection) -> str:
    """The heading's words without any number typed into them, so that a number is never written twice."""
    return strip_mark(section.title)


def heading_label(section: DutySection) -> str:
    """ "一、强化政治建设" / "（一）加强理论武装" as the page, the Excel 台账 and the forms show it."""
    return f"{heading_number(section)}{heading_title(section)}"


@dataclass
class SectionNode:
    section: DutySection | None
    items: list[DutyItem] = field(default_factory=list)
    children: list[SectionNode] = field(default_factory=list)
    completion: Completion = field(default_factory=Completion)


def tree(duty_list: DutyList, on: dt.date) -> list[SectionNode]:
    """The list as sections → sub-sections → items, each node with the completion of what is under it;
    items under no heading come last, in a node without a section."""
    items = items_with_tasks(duty_list)
    sections = list(duty_list.sections.order_by("order", "id"))
    nodes = {s.pk: SectionNode(s) for s in sections}
    roots: list[SectionNode] = []
    for s in sections:
        (nodes[s.parent_id].children if s.parent_id in nodes else roots).append(nodes[s.pk])
    loose = SectionNode(None)
    for item in items:
        nodes.get(item.section_id, loose).items.append(item)
    if loose.items:
        roots.append(loose)
    for root in roots:
        _count(root, on)
    return roots


def _count(node: SectionNode, on: dt.date) -> Completion:
    node.completion = Completion.of((a for item in node.items for a in item.assignments.all()), on)
    for child in node.children:
        node.completion.merge(_count(child, on))
    return node.completion


# --- the page's filtered tree and figures --------------------------------------------------------


@dataclass
class TaskFilter:
    unit_id: int | None = None
    leader_id: int | None = None
    status: str = ""
    theme: str = ""

    @property
    def narrows_tasks(self) -> bool:
        return bool(self.unit_id or self.status)

    @property
    def active(self) -> bool:
        return bool(self.unit_id or self.leader_id or self.status or self.theme)

    def item_matches(self, item: DutyItem) -> bool:
        if self.theme and item.theme != self.theme:
            return False
        return not (self.leader_id and item.lead_leader_id != self.leader_id)

    def task_matches(self, assignment: DutyAssignment, on: dt.date) -> bool:
        if self.unit_id and assignment.unit_id != self.unit_id:
            return False
        return not (self.status and status_key(assignment, on) != self.status)


@dataclass
class PageNode:
    """A heading of the tree as the page shows it: its number (一、/（一）), items and the figures under it."""

    label: str
    title: str
    level: int
    items: list[DutyItem] = field(default_factory=list)
    children: list[PageNode] = field(default_factory=list)
    completion: Completion = field(default_factory=Completion)


def _page_node(node: SectionNode, level: int, flt: TaskFilter, on: dt.date) -> PageNode | None:
    section = node.section
    label, title = (heading_number(section), heading_title(section)) if section else ("", "未归入标题的事项")
    page = PageNode(label, title, level)
    for item in node.items:
        tasks = [a for a in item.assignments.all() if flt.task_matches(a, on)]
        if not flt.item_matches(item) or (flt.narrows_tasks and not tasks):
            continue
        for assignment in lead_first(item):
            mark_status(assignment, on)
        item.completion = Completion.of(tasks, on)
        page.completion.merge(item.completion)
        page.items.append(item)
    for child in node.children:
        sub = _page_node(child, level + 1, flt, on)
        if sub is not None:
            page.children.append(sub)
            page.completion.merge(sub.completion)
    return page if page.items or page.children else None


def page_tree(duty_list: DutyList, on: dt.date, flt: TaskFilter) -> tuple[list[PageNode], Completion]:
    """The tree of `tree`, narrowed by the filter, with completion of what the filter kept."""
    nodes = [n for n in (_page_node(root, 1, flt, on) for root in tree(duty_list, on)) if n]
    return nodes, Completion.total_of(n.completion for n in nodes)


@dataclass
class UnitRow:
    unit: Any
    completion: Completion


@dataclass
class LeaderRow:
    leader: Any
    items: int
    completion: Completion


def unit_rows(items: list[DutyItem], on: dt.date) -> list[UnitRow]:
    """Completion per unit (lead and co tasks), in unit order."""
    by_unit = completion_by_unit(items, on)
    units = {a.unit_id: a.unit for item in items for a in item.assignments.all()}
    rows = [UnitRow(units[uid], completion) for uid, completion in by_unit.items()]
    return sorted(rows, key=lambda r: (r.unit.order, r.unit.pk))


def leader_rows(items: list[DutyItem], on: dt.date, rank: Mapping[int, int]) -> list[LeaderRow]:
    """Completion per lead leader with the number of items they lead; `rank`: person id → position in the
    Party group (secretary first, selectors.people.party_group_rank); former members go last."""
    by_leader = completion_by_leader(items, on)
    people = {item.lead_leader_id: item.lead_leader for item in items if item.lead_leader_id}
    counts: dict[int, int] = defaultdict(int)
    for item in items:
        if item.lead_leader_id:
            counts[item.lead_leader_id] += 1
    rows = [LeaderRow(people[pid], counts[pid], completion) for pid, completion in by_leader.items()]
    return sorted(rows, key=lambda r: (rank.get(r.leader.pk, 999), r.leader.pk))


# --- choices of the list's forms ---------------------------------------------------------------


def duty_units(organ_id: int | None) -> QuerySet[Unit]:
    """The units a task can be given to: the organ's internal units."""
    return Unit.objects.filter(organ_id=organ_id).internal().order_by("order", "id")


def leader_choices(organ_id: int | None, duty_list: DutyList | None, also: int | None = None) -> QuerySet[Person]:
    """The Party group's current members, plus whoever already leads an item of the list (a former member)."""
    on = clock.today()
    current = LeadingGroupMember.objects.filter(organ_id=organ_id, start__lte=on).exclude(end__lt=on)
    condition = Q(pk__in=current.values("person_id"))
    if duty_list is not None:
        condition |= Q(pk__in=DutyItem.objects.filter(duty_list=duty_list).values("lead_leader_id"))
    if also:
        condition |= Q(pk=also)
    return Person.objects.filter(organ_id=organ_id).filter(condition).order_by("unit__order", "id")
