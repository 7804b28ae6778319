"""会议记录导入: judging every row of an upload against the organ and the importing account (never writes)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from qinglian.core import clock
from qinglian.core.excel import SheetRows
from qinglian.core.importing import Action, SheetRow
from qinglian.org.models import Branch, Organ, PartyGroup, Person, User
from qinglian.org.permissions import scope_of
from qinglian.partylife.choices import LEADING_GROUP_KINDS, AttendanceStatus, Holder, MeetingKind
from qinglian.partylife.importers.columns import (
    _ENTRY,
    _KINDS,
    _TOPIC_SPLIT,
    ABSENT,
    BRANCH,
    DATE,
    FIRST,
    GROUP,
    HOST,
    HOURS,
    KIND,
    LEADING_GROUP_NAME,
    LEAVE,
    LECTURER,
    OTHERS,
    PLACE,
    PRESENT,
    RECORDER,
    TOPIC,
    MeetingRow,
    existing_meeting,
)
from qinglian.partylife.permissions import can_record_for_branch
from qinglian.partylife.services.meetings import AttendanceLine

_FUTURE = "不能晚于今天（尚未召开的会议请列入年度计划）"

# --- parse -------------------------------------------------------------------------------------


@dataclass
class _Context:
    user: User
    branches: dict[str, Branch]
    groups: dict[tuple[int, str], PartyGroup]
    people: dict[str, list[Person]]
    keys: dict[tuple, list[int]]
    today: dt.date


def judge_rows(organ: Organ, user: User, sheet: SheetRows) -> list[MeetingRow]:
    """Every row judged against `organ` and what `user` may record; repeats in the file are errors."""
    ctx = _context(organ, user)
    judged = [_judge(SheetRow(number, record), organ, ctx) for number, record in sheet.rows]
    return [_mark_repeats(plan, ctx) for plan in judged]


def _context(organ: Organ, user: User) -> _Context:
    people: dict[str, list[Person]] = {}
    for person in Person.objects.filter(organ=organ).select_related("unit"):
        people.setdefault(person.name, []).append(person)
    return _Context(
        user=user,
        branches={b.name: b for b in Branch.objects.filter(organ=organ)},
        groups={(g.branch_id, g.name): g for g in PartyGroup.objects.filter(organ=organ)},
        people=people,
        keys={},
        today=clock.today(),
    )


def _judge(row: SheetRow, organ: Organ, ctx: _Context) -> MeetingRow:
    day = row.judge_date(DATE, required=True, today=ctx.today, future=_FUTURE)
    values: dict[str, Any] = {"organ": organ, "date": day, "kind": _judge_kind(row)}
    values |= _judge_holder(row, values["kind"], ctx)
    values["topic"] = row.judge_text(TOPIC, 200, required=True)
    values["place"] = row.judge_text(PLACE, 100)
    values["hours"] = _judge_hours(row)
    for header, key in ((HOST, "host"), (RECORDER, "recorder"), (LECTURER, "lecturer")):
        values[key] = _one_person(row, header, ctx)
    if values["kind"] == MeetingKind.PARTY_LECTURE and values["lecturer"] is None and not row.text(LECTURER):
        row.error(LECTURER, "党课须填写授课人")
    plan = MeetingRow(row=row.number, name=_row_name(row), action=Action.CREATE, errors=row.errors, values=values)
    plan.agenda, plan.first_topic_index = _judge_agenda(row, plan)
    plan.attendance = _judge_attendance(row, ctx)
    if row.errors:
        plan.action = Action.ERROR
    return plan


def _row_name(row: SheetRow) -> str:
    return " ".join(t for t in (row.text(DATE)[:10], row.text(KIND), row.text(TOPIC)) if t)


def _judge_kind(row: SheetRow) -> str:
    text = row.text(KIND)
    if not text:
        row.error(KIND, "必填")
    elif text not in _KINDS:
        row.error(KIND, f"“{text}”不是有效的会议类型，请从下拉列表中选择")
    return _KINDS.get(text, "")


def _judge_holder(row: SheetRow, kind: str, ctx: _Context) -> dict[str, Any]:
    """Branch / party group / leading group of the row, and whether the importing account may record it."""
    name, group_name = row.text(BRANCH), row.text(GROUP)
    if kind in LEADING_GROUP_KINDS or name == LEADING_GROUP_NAME:
        if kind and kind not in LEADING_GROUP_KINDS:
            row.error(BRANCH, f"{MeetingKind(kind).label}由党支部召开，请填写党支部名称")
        elif name != LEADING_GROUP_NAME:
            row.error(BRANCH, f"{MeetingKind(kind).label}由党组召开，党支部一栏请填写“{LEADING_GROUP_NAME}”")
        elif not scope_of(ctx.user).has("party_officer"):
            row.error(BRANCH, "党组的会议由机关党委专责人员导入")
        return {"holder": Holder.LEADING_GROUP, "branch": None, "party_group": None}
    branch = ctx.branches.get(name)
    if not name:
        row.error(BRANCH, "必填")
    elif branch is None:
        row.error(BRANCH, f"本机关没有名为“{name}”的党支部，请从下拉列表中选择")
    elif not can_record_for_branch(ctx.user, branch.pk):
        row.error(BRANCH, f"无权导入“{name}”的会议：只能导入本人任支部委员的党支部的会议")
    if kind != MeetingKind.PARTY_GROUP_MEETING:
        if group_name:
            row.error(GROUP, "只有党小组会填写党小组")
        return {"holder": Holder.BRANCH, "branch": branch, "party_group": None}
    group = ctx.groups.get((branch.pk, group_name)) if branch else None
    if not group_name:
        row.error(GROUP, "党小组会须填写党小组")
    elif branch and group is None:
        row.error(GROUP, f"“{name}”没有名为“{group_name}”的党小组")
    return {"holder": Holder.PARTY_GROUP, "branch": None, "party_group": group}


def _judge_hours(row: SheetRow) -> Decimal:
    text = row.text(HOURS)
    if not text:
        return Decimal("0")
    try:
        hours = Decimal(text)
    except InvalidOperation:
        hours = Decimal("NaN")
    if not hours.is_finite():
        row.error(HOURS, f"“{text}”不是有效的学时，请填写数字，如 2 或 1.5")
        return Decimal("0")
    hours = hours.quantize(Decimal("0.1"))
    if not Decimal("0") <= hours <= Decimal("24"):
        row.error(HOURS, "学时应在0至24之间")
    return hours


def _judge_agenda(row: SheetRow, plan: MeetingRow) -> tuple[list[str], int | None]:
    first = row.text(FIRST)
    others = [t.strip() for t in _TOPIC_SPLIT.split(row.text(OTHERS)) if t.strip()]
    for header, title in [(FIRST, first), *((OTHERS, t) for t in others)]:
        if len(title) > 200:
            row.error(header, "单个议题过长，最多200个字")
    if first:
        return [first, *others], 0
    if not others and plan.values["topic"]:
        plan.notes.append("未填写议题，以主题作为议题")
        return [plan.values["topic"]], None
    return others, None


def _find_person(text: str, ctx: _Context) -> tuple[Person | None, str | None]:
    """A person of the organ by name, or "姓名/委室" when the name is shared. (person, problem)."""
    name, _, unit = (part.strip() for part in text.partition("/"))
    name = re.sub(r"\s", "", name)
    found = ctx.people.get(name, [])
    if unit:
        found = [p for p in found if unit in {p.unit.name, p.unit.short_name}]
    if not found:
        return None, f"本机关没有名为“{text}”的人员"
    if len(found) > 1:
        units = "、".join(p.unit.name for p in found)
        return None, f"本机关有{len(found)}人名为“{name}”（{units}），请写作 {name}/所在委室 以区分"
    return found[0], None


def _one_person(row: SheetRow, header: str, ctx: _Context) -> Person | None:
    text = row.text(header)
    if not text:
        return None
    person, problem = _find_person(text, ctx)
    if problem:
        row.error(header, problem)
    return person


def _judge_attendance(row: SheetRow, ctx: _Context) -> list[AttendanceLine]:
    lines: list[AttendanceLine] = []
    seen: dict[int, str] = {}
    lists = ((PRESENT, AttendanceStatus.PRESENT), (LEAVE, AttendanceStatus.LEAVE), (ABSENT, AttendanceStatus.ABSENT))
    for header, status in lists:
        for entry in _ENTRY.finditer(row.text(header)):
            name, reason = entry["name"].strip(), (entry["reason"] or "").strip()
            if not name:
                continue
            if status != AttendanceStatus.PRESENT and not reason:
                row.error(header, f"“{name}”未写明原因，请写作 {name}（原因）")
                continue
            person, problem = _find_person(name, ctx)
            if person is None:
                row.error(header, problem or "")
            elif person.pk in seen:
                row.error(header, f"“{name}”在{seen[person.pk]}中已出现，同一人只能填写一次")
            else:
                seen[person.pk] = header
                lines.append(AttendanceLine(person_id=person.pk, status=status, reason=reason))
    return lines


def _mark_repeats(plan: MeetingRow, ctx: _Context) -> MeetingRow:
    """Same date, holder, kind and topic: a repeat in the file is an error, one in the database 无变化."""
    v = plan.values
    if plan.is_error:
        return plan
    key = (
        v["date"],
        v["kind"],
        v["topic"],
        v["holder"],
        getattr(v["branch"], "pk", None),
        getattr(v["party_group"], "pk", None),
    )
    earlier = ctx.keys.setdefault(key, [])
    earlier.append(plan.row)
    if len(earlier) > 1:
        plan.errors.append((TOPIC, f"与第{earlier[0]}行是同一次会议（日期、党支部、会议类型、主题相同），请删去重复行"))
        plan.action = Action.ERROR
    elif existing_meeting(v).exists():
        plan.action = Action.UNCHANGED
        plan.notes.append("系统中已有这次会议，不再导入")
    return plan
