"""Reads of the duty ledgers shared by pages, API, rules and exports.

Who heads a unit, who supervises it, completion by unit and by leader, and a leader's duty card are all
computed here from the ledgers, never stored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from qinglian.duty.choices import OPEN_TASK_STATUSES, AssignmentRole, TaskStatus, Theme
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, DutySection
from qinglian.org.selectors import unit_heads  # noqa: F401  (used by the duty rules, pages and API as selectors.unit_heads)


def _current(on: dt.date) -> Q:
    return Q(start__lte=on) & (Q(end__isnull=True) | Q(end__gte=on))


def unit_head_users(unit_id: int) -> list:
    from qinglian.org.choices import Role
    from qinglian.org.models import RoleGrant

    grants = RoleGrant.objects.active().filter(role=Role.UNIT_HEAD, unit_id=unit_id).select_related("user")
    return [g.user for g in grants]


def supervising_leaders(organ_id: int, on: dt.date) -> dict[int, int]:
    """unit id → the leader (person id) supervising it (分管) on `on`."""
    from qinglian.org.models import Supervision

    rows = Supervision.objects.filter(organ_id=organ_id).filter(_current(on)).order_by("start", "id")
    return {row.unit_id: row.leader_id for row in rows}


def leading_group(organ_id: int, on: dt.date) -> list[tuple[int, str]]:
    """(person id, post) of the Party group's members in office on `on`, secretary first."""
    from qinglian.org.models import LeadingGroupMember

    rows = LeadingGroupMember.objects.filter(organ_id=organ_id).filter(_current(on)).order_by("order", "id")
    return [(row.person_id, row.post) for row in rows]


def secretary_of(organ_id: int, on: dt.date) -> int | None:
    return next((pid for pid, post in leading_group(organ_id, on) if post == "secretary"), None)


def list_for_year(organ_id: int, year: int) -> DutyList | None:
    return DutyList.objects.filter(organ_id=organ_id, year=year).first()


def items_with_tasks(duty_list: DutyList) -> list[DutyItem]:
    """Items in order with their live assignments (units prefetched): one query each, not one per item."""
    assignments = DutyAssignment.objects.select_related("unit").order_by("-role", "unit__order", "id")  # lead first
    return list(
        DutyItem.objects.filter(duty_list=duty_list)
        .select_related("lead_leader", "section")
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .order_by("order", "id")
    )


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


@dataclass
class SectionNode:
    section: DutySection | None
    items: list[DutyItem] = field(default_factory=list)
    children: list[SectionNode] = field(default_factory=list)
    completion: Completion = field(default_factory=Completion)


def tree(duty_list: DutyList, on: dt.date) -> list[SectionNode]:
    """The list as sections → sub-sections → items, each node with the completion of what is under it."""
    items = items_with_tasks(duty_list)
    sections = list(duty_list.sections.order_by("order", "id"))
    nodes = {s.pk: SectionNode(s) for s in sections}
    roots: list[SectionNode] = []
    for s in sections:
        (nodes[s.parent_id].children if s.parent_id in nodes else roots).append(nodes[s.pk])
    loose = SectionNode(None)
    for item in items:
        node = nodes.get(item.section_id, loose)
        node.items.append(item)
    if loose.items:
        roots.append(loose)

    def total(node: SectionNode) -> Completion:
        result = Completion()
        for item in node.items:
            for assignment in item.assignments.all():
                result.add(assignment, on)
        for child in node.children:
            sub = total(child)
            for name in ("total", "done", "closed", "overdue", "not_started"):
                setattr(result, name, getattr(result, name) + getattr(sub, name))
        node.completion = result
        return result

    for root in roots:
        total(root)
    return roots


@dataclass
class DutyCard:
    """一岗双责 responsibility card of one leader for a year, built from the ledgers."""

    leader_id: int
    year: int
    supervised_unit_ids: list[int]
    led_items: list[DutyItem]
    unit_tasks: list[DutyAssignment]
    completion: Completion
    open_findings: int


def duty_card(*, organ_id: int, leader_id: int, year: int, on: dt.date) -> DutyCard:
    """The items the leader leads, the tasks of the units they supervise, completion and open findings."""
    from qinglian.compliance.models import Finding

    supervised = [unit for unit, leader in supervising_leaders(organ_id, on).items() if leader == leader_id]
    duty_list = list_for_year(organ_id, year)
    led: list[DutyItem] = []
    tasks: list[DutyAssignment] = []
    if duty_list is not None:
        items = items_with_tasks(duty_list)
        led = [item for item in items if item.lead_leader_id == leader_id]
        tasks = [a for item in items for a in item.assignments.all() if a.unit_id in supervised]
    completion = Completion()
    seen: set[int] = set()
    for assignment in [a for item in led for a in item.assignments.all()] + tasks:
        if assignment.pk not in seen:
            seen.add(assignment.pk)
            completion.add(assignment, on)
    open_findings = (
        Finding.objects.filter(organ_id=organ_id, responsible_unit_id__in=supervised).open().count()
        if supervised
        else 0
    )
    return DutyCard(leader_id, year, supervised, led, tasks, completion, open_findings)


def open_tasks_led_by(leader_id: int, unit_id: int) -> list[DutyItem]:
    """Items led by `leader_id` whose lead unit is `unit_id` and which still have open tasks."""
    return list(
        DutyItem.objects.filter(
            lead_leader_id=leader_id,
            assignments__unit_id=unit_id,
            assignments__role=AssignmentRole.LEAD,
            assignments__status__in=OPEN_TASK_STATUSES,
            assignments__deleted_at__isnull=True,
        ).distinct()
    )


def agenda_theme_counts(*, organ_id: int, start: dt.date, end: dt.date) -> dict[str, int]:
    """Theme → number of the Party group's meetings in [start, end] with at least one agenda item so tagged."""
    from qinglian.duty.models import AgendaTag

    rows = (
        AgendaTag.objects.filter(
            agenda_item__meeting__organ_id=organ_id,
            agenda_item__meeting__holder="leading_group",
            agenda_item__meeting__deleted_at__isnull=True,
            agenda_item__meeting__date__range=(start, end),
        )
        .values_list("theme", "agenda_item__meeting_id")
        .distinct()
    )
    counts = {theme.value: 0 for theme in Theme}
    for theme, _ in set(rows):
        counts[theme] += 1
    return counts
