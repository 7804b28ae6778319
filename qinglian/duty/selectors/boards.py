"""Reads of the boards built from the duty ledgers: a unit's tasks grouped by status, a leader's 一岗双责
responsibility card, and the Party group's agenda with how often it studied each of the three duties.

The card and the figures are computed from the ledgers, never stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from qinglian.compliance.models import Finding
from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import RULES
from qinglian.core import asof
from qinglian.duty.choices import TaskStatus, Theme
from qinglian.duty.models import AgendaTag, DutyAssignment, DutyItem, DutyList
from qinglian.duty.selectors.lists import Completion, items_with_tasks, list_for_year, visible_list
from qinglian.duty.selectors.people import supervising_leaders
from qinglian.duty.selectors.tasks import OVERDUE, STATUS_BADGES, lead_first, mark_status
from qinglian.partylife.choices import Holder
from qinglian.partylife.selectors.meetings import leading_group_agenda

# --- a unit's board ----------------------------------------------------------------------------------

BOARD_ORDER = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, OVERDUE, TaskStatus.COMPLETED, TaskStatus.CLOSED)


@dataclass
class StatusGroup:
    key: str
    label: str
    badge: str
    tasks: list[DutyAssignment]


def unit_tasks(duty_list: DutyList | None, unit_id: int, on: dt.date) -> list[DutyAssignment]:
    """The unit's tasks of the list in item order, each with its shown status (mark_status)."""
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


# --- 一岗双责 responsibility cards -------------------------------------------------------------------


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


def duty_card(
    *, organ_id: int, leader_id: int, year: int, on: dt.date, findings: QuerySet[Finding] | None = None
) -> DutyCard:
    """The items the leader leads, the tasks of the units they supervise, completion and open findings (of
    `findings`, default all the organ's: a viewer's card counts only those the viewer may see)."""
    supervised = [unit for unit, leader in supervising_leaders(organ_id, on).items() if leader == leader_id]
    duty_list = list_for_year(organ_id, year)
    led: list[DutyItem] = []
    tasks: list[DutyAssignment] = []
    if duty_list is not None:
        items = items_with_tasks(duty_list)
        led = [item for item in items if item.lead_leader_id == leader_id]
        tasks = [a for item in items for a in item.assignments.all() if a.unit_id in supervised]
    # A task both of an item the leader leads and of a unit they supervise counts once.
    counted = {a.pk: a for a in [a for item in led for a in item.assignments.all()] + tasks}
    findings = Finding.objects.all() if findings is None else findings
    open_findings = (
        findings.filter(organ_id=organ_id, responsible_unit_id__in=supervised).open().count() if supervised else 0
    )
    return DutyCard(leader_id, year, supervised, led, tasks, Completion.of(counted.values(), on), open_findings)


def visible_card(user: Any, organ_id: int, person_id: int, year: int, on: dt.date) -> DutyCard:
    """duty_card without the tasks of a list `user` may not see (a draft, for a cadre) nor the findings they may not
    see, statuses marked."""
    card = duty_card(
        organ_id=organ_id, leader_id=person_id, year=year, on=on, findings=Finding.objects.visible_to(user)
    )
    if visible_list(user, year) is None:
        card.led_items, card.unit_tasks, card.completion = [], [], Completion()
    for task in card.unit_tasks:
        mark_status(task, on)
    for item in card.led_items:
        for task in lead_first(item):
            mark_status(task, on)
    return card


# --- the Party group's agenda ------------------------------------------------------------------------

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


def agenda_theme_counts(*, organ_id: int, start: dt.date, end: dt.date, as_of: dt.date | None = None) -> dict[str, int]:
    """Theme → number of the Party group's meetings in [start, end] with at least one agenda item so tagged.

    With `as_of` (a rule's check for a day), only the meetings held by then (dated on or before it) and not
    deleted by its end count; without it, the meetings on the ledger now (the page)."""
    meetings = Q(
        agenda_item__meeting__organ_id=organ_id,
        agenda_item__meeting__holder=Holder.LEADING_GROUP,
        agenda_item__meeting__date__range=(start, end if as_of is None else asof.cap(end, as_of)),
    )
    if as_of is None:
        meetings &= Q(agenda_item__meeting__deleted_at__isnull=True)
    else:
        meetings &= asof.live_on(as_of, "agenda_item__meeting__")
    rows = AgendaTag.objects.filter(meetings).values_list("theme", "agenda_item__meeting_id").distinct()
    counts = {theme.value: 0 for theme in Theme}
    for theme, _ in set(rows):
        counts[theme] += 1
    return counts


def agenda_figures(organ_id: int, year: int, today: dt.date) -> tuple[list[dict[str, Any]], bool]:
    """Per half-year and for the whole year, the meetings that studied each theme, with the frequency a rule
    requires for that kind of period (None when none); and whether any rule's frequency is known."""
    required = study_requirements(organ_id, min(today, dt.date(year, 12, 31)))
    periods = [
        ("上半年", dt.date(year, 1, 1), dt.date(year, 6, 30), "half"),
        ("下半年", dt.date(year, 7, 1), dt.date(year, 12, 31), "half"),
        ("全年", dt.date(year, 1, 1), dt.date(year, 12, 31), "year"),
    ]
    rows = []
    for label, start, end, kind in periods:
        counts = agenda_theme_counts(organ_id=organ_id, start=start, end=end)
        cells = []
        for theme in Theme:
            rule = required.get(theme.value)
            need = rule.min_count if rule is not None and rule.kind == kind else None
            cells.append({"theme": theme, "count": counts[theme.value], "required": need})
        rows.append({"label": label, "cells": cells})
    return rows, bool(required)


def tagged(item: Any) -> Any:
    """An agenda item with the set of its themes (`themes`) for the page."""
    item.themes = {tag.theme for tag in item.duty_tags.all()}
    return item


def agenda_meetings(user: Any, year: int) -> list[Any]:
    """The year's Party group meetings `user` may see, each with its agenda items (`items`) tagged."""
    meetings = list(leading_group_agenda(user, year=year).prefetch_related("agenda__duty_tags"))
    for meeting in meetings:
        meeting.items = [tagged(a) for a in meeting.agenda.all()]
    return meetings


def agenda_item(user: Any, pk: int) -> Any | None:
    """One agenda item of a Party group meeting `user` may see (its meeting loaded), or None."""
    meeting = leading_group_agenda(user).filter(agenda__pk=pk).first()
    return next((a for a in meeting.agenda.all() if a.pk == pk), None) if meeting else None
