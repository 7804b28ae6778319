"""Reads the duty pages need on top of selectors.py: the filtered tree with heading numbers, status keys for
badges, the rows of the 台账 export, a unit's board and the Party group's agenda figures.

Everything starts from querysets already scoped by `visible_to(user)`; nothing here checks permissions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from qinglian.duty import selectors
from qinglian.duty.choices import TaskStatus, Theme
from qinglian.duty.models import DutyAssignment, DutyItem, DutyList, ProgressReport
from qinglian.duty.selectors import Completion, SectionNode

OVERDUE = "overdue"
# status key → (label, Bootstrap badge class); 逾期 is derived from the date (DutyAssignment.display_status).
STATUS_BADGES: dict[str, tuple[str, str]] = {
    TaskStatus.NOT_STARTED: (TaskStatus.NOT_STARTED.label, "text-bg-secondary"),
    TaskStatus.IN_PROGRESS: (TaskStatus.IN_PROGRESS.label, "text-bg-primary"),
    OVERDUE: ("逾期", "text-bg-danger"),
    TaskStatus.COMPLETED: (TaskStatus.COMPLETED.label, "text-bg-success"),
    TaskStatus.CLOSED: (TaskStatus.CLOSED.label, "text-bg-dark"),
}
STATUS_FILTER_CHOICES = [(key, label) for key, (label, _) in STATUS_BADGES.items()]

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (headings never reach a hundred)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def status_key(assignment: DutyAssignment, on: dt.date) -> str:
    return OVERDUE if assignment.is_overdue(on) else assignment.status


def mark_status(assignment: DutyAssignment, on: dt.date) -> DutyAssignment:
    """Attach the shown status (逾期 included) so templates need no date argument."""
    key = status_key(assignment, on)
    assignment.status_key = key
    assignment.status_label, assignment.badge = STATUS_BADGES[key]
    return assignment


def lead_first(item: DutyItem) -> list[DutyAssignment]:
    """The item's tasks, lead unit first, then co-units in unit order (stored on the item as `tasks`)."""
    item.tasks = list(item.assignments.all())
    return item.tasks


@dataclass
class TaskFilter:
    unit_id: int | None = None
    leader_id: int | None = None
    status: str = ""
    theme: str = ""

    @property
    def narrows_tasks(self) -> bool:
        return bool(self.unit_id or self.status)

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


def _matching_tasks(item: DutyItem, flt: TaskFilter, on: dt.date) -> list[DutyAssignment]:
    return [a for a in item.assignments.all() if flt.task_matches(a, on)]


def _page_node(node: SectionNode, level: int, flt: TaskFilter, on: dt.date) -> PageNode | None:
    section = node.section
    if section is None:
        label, title = "", "未归入标题的事项"
    else:
        label = f"{cn_number(section.order)}、" if level == 1 else f"（{cn_number(section.order)}）"
        title = section.title
    page = PageNode(label, title, level)
    for item in node.items:
        tasks = _matching_tasks(item, flt, on)
        if not flt.item_matches(item) or (flt.narrows_tasks and not tasks):
            continue
        for assignment in lead_first(item):
            mark_status(assignment, on)
        item.completion = Completion()
        for assignment in tasks:
            item.completion.add(assignment, on)
            page.completion.add(assignment, on)
        page.items.append(item)
    for child in node.children:
        sub = _page_node(child, level + 1, flt, on)
        if sub is not None:
            page.children.append(sub)
            _merge(page.completion, sub.completion)
    return page if page.items or page.children else None


def _merge(into: Completion, other: Completion) -> None:
    for name in ("total", "done", "closed", "overdue", "not_started"):
        setattr(into, name, getattr(into, name) + getattr(other, name))


def page_tree(duty_list: DutyList, on: dt.date, flt: TaskFilter) -> tuple[list[PageNode], Completion]:
    """The tree of selectors.tree, narrowed by the filter, with completion of what the filter kept."""
    nodes = [n for n in (_page_node(root, 1, flt, on) for root in selectors.tree(duty_list, on)) if n]
    overall = Completion()
    for node in nodes:
        _merge(overall, node.completion)
    return nodes, overall


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
    by_unit = selectors.completion_by_unit(items, on)
    units = {a.unit_id: a.unit for item in items for a in item.assignments.all()}
    rows = [UnitRow(units[uid], completion) for uid, completion in by_unit.items()]
    return sorted(rows, key=lambda r: (r.unit.order, r.unit.pk))


def leader_rows(items: list[DutyItem], on: dt.date, order: Mapping[int, int]) -> list[LeaderRow]:
    """`order`: person id → position in the Party group (secretary first); former members go last."""
    by_leader = selectors.completion_by_leader(items, on)
    people = {item.lead_leader_id: item.lead_leader for item in items if item.lead_leader_id}
    counts: dict[int, int] = {}
    for item in items:
        if item.lead_leader_id:
            counts[item.lead_leader_id] = counts.get(item.lead_leader_id, 0) + 1
    rows = [LeaderRow(people[pid], counts[pid], completion) for pid, completion in by_leader.items()]
    return sorted(rows, key=lambda r: (order.get(r.leader.pk, 999), r.leader.pk))


# --- the Excel 台账 -------------------------------------------------------------------------------------


def _heading_path(item: DutyItem) -> str:
    section = item.section
    if section is None:
        return ""
    if section.parent_id:
        parent = section.parent
        return f"{cn_number(parent.order)}、{parent.title} / （{cn_number(section.order)}）{section.title}"
    return f"{cn_number(section.order)}、{section.title}"


def _due_text(item: DutyItem) -> str:
    if item.deadline and item.recurrence == "once":
        return f"{item.deadline:%Y-%m-%d}"
    text = item.get_recurrence_display()
    return f"{text}（至{item.deadline:%Y-%m-%d}）" if item.deadline else text


def latest_reports(assignments: Iterable[DutyAssignment]) -> dict[int, ProgressReport]:
    """assignment id → its latest report, in one query."""
    latest: dict[int, ProgressReport] = {}
    ids = [a.pk for a in assignments]
    for report in ProgressReport.objects.filter(assignment_id__in=ids).order_by("date", "id"):
        latest[report.assignment_id] = report
    return latest


def ledger_rows(items: list[DutyItem], on: dt.date, flt: TaskFilter) -> list[tuple]:
    """One row per unit task, in list order, with the 台账 columns of views_lists.LEDGER_COLUMNS."""
    items = [i for i in items if flt.item_matches(i)]
    tasks = [(item, a) for item in items for a in lead_first(item) if flt.task_matches(a, on)]
    latest = latest_reports(a for _, a in tasks)
    rows = []
    for index, (item, a) in enumerate(tasks, start=1):
        report = latest.get(a.pk)
        progress = f"{report.date:%Y-%m-%d} {report.content}（{report.percent}%）" if report else ""
        rows.append(
            (
                index,
                _heading_path(item),
                f"{item.order}. {item.content}",
                item.get_theme_display(),
                item.lead_leader.name if item.lead_leader_id else "",
                a.unit.name,
                a.get_role_display(),
                _due_text(item),
                item.standard,
                item.evidence_required,
                a.display_status(on),
                progress,
                a.claimed_at,
                a.completed_on,
                a.confirmed_at,
            )
        )
    return rows


# --- a unit's board ----------------------------------------------------------------------------------

BOARD_ORDER = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, OVERDUE, TaskStatus.COMPLETED, TaskStatus.CLOSED)


@dataclass
class StatusGroup:
    key: str
    label: str
    badge: str
    tasks: list[DutyAssignment]


def unit_tasks(duty_list: DutyList | None, unit_id: int, on: dt.date) -> list[DutyAssignment]:
    if duty_list is None:
        return []
    rows = (
        DutyAssignment.objects.filter(item__duty_list=duty_list, item__deleted_at__isnull=True, unit_id=unit_id)
        .select_related("item", "item__lead_leader", "unit")
        .order_by("item__order", "item_id")
    )
    return [mark_status(a, on) for a in rows]


def board_groups(tasks: list[DutyAssignment]) -> list[StatusGroup]:
    return [StatusGroup(key, *STATUS_BADGES[key], [t for t in tasks if t.status_key == key]) for key in BOARD_ORDER]


def completion_of(tasks: Iterable[DutyAssignment], on: dt.date) -> Completion:
    result = Completion()
    for task in tasks:
        result.add(task, on)
    return result


# --- the Party group's agenda ------------------------------------------------------------------------


def half_years(year: int) -> list[tuple[str, dt.date, dt.date]]:
    return [
        ("上半年", dt.date(year, 1, 1), dt.date(year, 6, 30)),
        ("下半年", dt.date(year, 7, 1), dt.date(year, 12, 31)),
    ]


# theme → (rule code, period the rule counts in): how often the Party group must study it (rules/agenda.py).
STUDY_RULES: dict[str, tuple[str, str]] = {
    Theme.STRICT_GOVERNANCE: ("DUTY-007", "half"),
    Theme.INTEGRITY: ("DUTY-006", "year"),
    Theme.IDEOLOGY: ("DUTY-005", "half"),
}


@dataclass(frozen=True)
class StudyRequirement:
    code: str
    kind: str  # "half" or "year"
    min_count: int


def study_requirements(organ_id: int, on: dt.date) -> dict[str, StudyRequirement]:
    """theme → the study frequency in force on `on` (parameter `min_count` of the rule); a rule that is not
    registered or has no parameters in force is left out, and the page shows bare counts for it."""
    from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
    from qinglian.compliance.registry import RULES

    codes = [code for code, _ in STUDY_RULES.values() if code in RULES]
    in_force = sets_in_force(organ_id=organ_id, on=on, codes=codes) if codes else {}
    found: dict[str, StudyRequirement] = {}
    for theme, (code, kind) in STUDY_RULES.items():
        if code not in RULES:
            continue
        try:
            params = resolve(RULES[code], in_force.get(code))
        except MissingParameters:
            continue
        if "min_count" in params:
            found[theme] = StudyRequirement(code, kind, int(params["min_count"]))
    return found
