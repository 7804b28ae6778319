"""责任清单导入: what both sources (Excel, Word outline) judge with — the organ's units and Party group members by
name, the draft year, the items already in the draft — and the judging of the fields they share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.importing import Action
from qinglian.duty.choices import ListStatus, Recurrence, Theme
from qinglian.duty.importers.plan import DutyRow
from qinglian.duty.models import DutyItem, DutyList
from qinglian.org.models import LeadingGroupMember, Unit

CHANGE_REASON = "责任清单导入"
CONTENT = "任务内容"
THEMES = {label: value for value, label in Theme.choices} | {
    "党风廉政": Theme.INTEGRITY,
    "从严治党": Theme.STRICT_GOVERNANCE,
}
RECURRENCES = {label: value for value, label in Recurrence.choices} | {"每季": Recurrence.QUARTERLY}
_SPLIT = re.compile(r"[、，,；;/\s]+")


def split_names(text: str) -> list[str]:
    """ "研究室、办公室" → ["研究室", "办公室"] (顿号 as written; commas and semicolons tolerated)."""
    return [name for name in _SPLIT.split(text or "") if name]


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


@dataclass
class Lookups:
    """Names → ids of the organ's units and current Party group members; the draft's existing items."""

    units: dict[str, int]
    unit_names: dict[int, str]
    leaders: dict[str, list[int]]
    existing: set[str]

    def unit(self, name: str) -> int | None:
        return self.units.get(normalise(name))

    def leader(self, name: str) -> tuple[int | None, str | None]:
        found = self.leaders.get(normalise(name), [])
        if not found:
            return None, f"“{name}”不是现任党组成员"
        if len(found) > 1:
            return None, f"党组成员中有{len(found)}人名为“{name}”，请在导入后逐项选择"
        return found[0], None


def internal_units(organ_id: int):
    return Unit.objects.filter(organ_id=organ_id).internal().order_by("order", "id")


def lookups(organ_id: int, year: int) -> Lookups:
    units: dict[str, int] = {}
    names: dict[int, str] = {}
    for unit in internal_units(organ_id):
        names[unit.pk] = unit.name
        for name in (unit.short_name, unit.name):  # the full name wins over another unit's short name
            if name:
                units[normalise(name)] = unit.pk
    today = clock.today()
    members = LeadingGroupMember.objects.filter(organ_id=organ_id, start__lte=today).exclude(end__lt=today)
    leaders: dict[str, list[int]] = {}
    for person_id, name in members.values_list("person_id", "person__name"):
        if person_id not in leaders.setdefault(normalise(name), []):
            leaders[normalise(name)].append(person_id)
    draft = DutyList.objects.filter(organ_id=organ_id, year=year).first()
    existing = set()
    if draft is not None:
        existing = {normalise(c) for c in DutyItem.objects.filter(duty_list=draft).values_list("content", flat=True)}
    return Lookups(units=units, unit_names=names, leaders=leaders, existing=existing)


def require_draft_year(organ_id: int, year: int) -> DutyList | None:
    """The year's list if it is a draft (None when there is none yet); refuses a published one."""
    if not 2000 <= year <= 2100:
        raise InvalidInput("年度应为四位年份")
    duty_list = DutyList.objects.filter(organ_id=organ_id, year=year).first()
    if duty_list is not None and duty_list.status == ListStatus.PUBLISHED:
        raise InvalidInput(f"{year}年的责任清单已印发，不能再导入；如需调整，请逐项修改")
    return duty_list


def judge_units(item: DutyRow, lead: str, co: str, ctx: Lookups, *, lead_header: str, co_header: str) -> None:
    """Fill the item's units from names, recording unknown names and a lead unit repeated as co-unit."""
    if lead:
        item.lead_unit_id = ctx.unit(lead)
        item.lead_unit_name = ctx.unit_names.get(item.lead_unit_id or 0, lead)
        if item.lead_unit_id is None:
            item.errors.append((lead_header, f"本机关没有名为“{lead}”的委室"))
    for name in split_names(co):
        unit_id = ctx.unit(name)
        if unit_id is None:
            item.errors.append((co_header, f"本机关没有名为“{name}”的委室"))
        elif unit_id == item.lead_unit_id:
            item.errors.append((co_header, f"“{name}”已是牵头委室，不能同时是配合委室"))
        elif unit_id not in item.co_unit_ids:
            item.co_unit_ids.append(unit_id)
            item.co_unit_names.append(ctx.unit_names[unit_id])


def judge_leader(item: DutyRow, name: str, ctx: Lookups, *, header: str) -> None:
    if not name:
        return
    item.leader_id, problem = ctx.leader(name)
    item.leader_name = name
    if problem:
        item.errors.append((header, problem))


def judge_year(item: DutyRow, year: int, *, header: str) -> None:
    if item.deadline and item.deadline.year not in (year, year + 1):
        item.errors.append((header, f"完成时限{item.deadline.isoformat()}不在{year}年度内"))


def settle(item: DutyRow, ctx: Lookups, seen: dict[str, str]) -> DutyRow:
    """The item's action once judged: an error; 无变化 when the draft already holds it (re-uploading a file adds
    nothing twice); else new. The same content twice in one file is an error."""
    if not item.errors:
        key = normalise(item.content)
        if key in seen:
            item.errors.append((CONTENT, f"与{seen[key]}的任务内容相同，请删去重复的事项"))
        else:
            seen[key] = item.source
            if key in ctx.existing:
                item.action = Action.UNCHANGED
                item.notes.append("清单中已有该事项，不再重复导入")
    if item.errors:
        item.action = Action.ERROR
    return item
