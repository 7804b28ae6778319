"""责任清单导入: the plan both importers (Excel, Word outline) produce, the lookups they share, and the
signed token that carries a previewed plan to the confirm step.

A plan is judged without writing anything; the page shows it, and "确认导入" sends it back signed, so
what is written is exactly what was previewed (re-checked by the services when it is written).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core import signing
from django.utils import timezone

from qinglian.core.errors import InvalidInput
from qinglian.duty.choices import ListStatus, Recurrence, Theme
from qinglian.duty.models import DutyItem, DutyList

TOKEN_SALT = "qinglian.duty.import"
TOKEN_MAX_AGE = 2 * 60 * 60  # a preview left open over lunch can still be confirmed
THEMES = {label: value for value, label in Theme.choices} | {
    "党风廉政": Theme.INTEGRITY,
    "从严治党": Theme.STRICT_GOVERNANCE,
}
RECURRENCES = {label: value for value, label in Recurrence.choices} | {"每季": Recurrence.QUARTERLY}
_SPLIT = re.compile(r"[、，,；;/\s]+")


def split_names(text: str) -> list[str]:
    """ "研究室、办公室" → ["研究室", "办公室"] (顿号 as written; commas and semicolons tolerated)."""
    return [name for name in _SPLIT.split(text or "") if name]


_MARK = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,3}[.．、](?!\d))\s*")


def strip_mark(title: str) -> str:
    """ "一、强化政治建设" → "强化政治建设": headings are stored without their number, which the pages and
    the Word summary write from the order."""
    return _MARK.sub("", (title or "").strip()).strip()


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


@dataclass
class SectionPlan:
    """A heading to create (or reuse, when the draft already has one with this title under this parent)."""

    key: str
    title: str
    parent: str | None = None


@dataclass
class ItemPlan:
    """One item as it will be written; `errors` are (column, problem) in Chinese, `notes` are warnings."""

    source: str  # "第5行" / "第12段": where in the file, for the person fixing it
    content: str
    section: str | None = None
    theme: str = Theme.STRICT_GOVERNANCE
    leader_id: int | None = None
    leader_name: str = ""
    lead_unit_id: int | None = None
    lead_unit_name: str = ""
    co_unit_ids: list[int] = field(default_factory=list)
    co_unit_names: list[str] = field(default_factory=list)
    deadline: dt.date | None = None
    recurrence: str = Recurrence.ONCE
    standard: str = ""
    evidence: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unchanged: bool = False  # the draft already holds this item: not imported again

    @property
    def is_error(self) -> bool:
        return bool(self.errors)

    @property
    def deadline_label(self) -> str:
        if self.recurrence != Recurrence.ONCE:
            return Recurrence(self.recurrence).label
        return self.deadline.isoformat() if self.deadline else "—"


@dataclass
class ImportPlan:
    organ_id: int
    year: int
    source: str  # "Excel" / "Word"
    sections: list[SectionPlan] = field(default_factory=list)
    items: list[ItemPlan] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def error_items(self) -> list[ItemPlan]:
        return [i for i in self.items if i.is_error]

    @property
    def has_errors(self) -> bool:
        return bool(self.error_items)

    @property
    def new_items(self) -> list[ItemPlan]:
        return [i for i in self.items if not i.unchanged and not i.is_error]

    def section_title(self, key: str | None) -> str:
        by_key = {s.key: s for s in self.sections}
        parts: list[str] = []
        while key and key in by_key:
            parts.insert(0, by_key[key].title)
            key = by_key[key].parent
        return " / ".join(parts)

    def summary(self) -> str:
        level1 = sum(1 for s in self.sections if s.parent is None)
        tasks = sum(1 + len(i.co_unit_ids) for i in self.new_items)
        unchanged = sum(1 for i in self.items if i.unchanged)
        return (
            f"共 {len(self.items)} 项：一级标题 {level1} 个、二级标题 {len(self.sections) - level1} 个，"
            f"将导入 {len(self.new_items)} 项（分解为 {tasks} 项委室任务），已在清单中 {unchanged} 项，"
            f"有问题 {len(self.error_items)} 项"
        )

    def to_token(self, user_id: int) -> str:
        payload = asdict(self)
        payload["user_id"] = user_id
        for item in payload["items"]:
            item["deadline"] = item["deadline"].isoformat() if item["deadline"] else None
        return signing.dumps(payload, salt=TOKEN_SALT, compress=True)

    @classmethod
    def from_token(cls, token: str, *, user_id: int) -> ImportPlan:
        """The plan previewed by `user_id`; InvalidInput when the token is forged, stale or someone else's."""
        try:
            payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.SignatureExpired:
            raise InvalidInput("预览已超过2小时，请重新上传文件") from None
        except signing.BadSignature:
            raise InvalidInput("导入内容无法核验，请重新上传文件") from None
        if payload.pop("user_id", None) != user_id:
            raise InvalidInput("导入内容无法核验，请重新上传文件")
        items = []
        for raw in payload.pop("items"):
            raw["deadline"] = dt.date.fromisoformat(raw["deadline"]) if raw["deadline"] else None
            raw["errors"] = [tuple(e) for e in raw["errors"]]
            items.append(ItemPlan(**raw))
        sections = [SectionPlan(**s) for s in payload.pop("sections")]
        return cls(**payload, sections=sections, items=items)


@dataclass
class ImportResult:
    duty_list: DutyList
    sections_created: int = 0
    items_created: int = 0
    tasks_created: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        return (
            f"导入完成：新增标题 {self.sections_created} 个、事项 {self.items_created} 项"
            f"（委室任务 {self.tasks_created} 项），已在清单中未重复导入 {self.unchanged} 项"
        )


# --- lookups shared by both importers ---------------------------------------------------------------


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


def lookups(organ_id: int, year: int) -> Lookups:
    from qinglian.org.models import LeadingGroupMember, Unit

    units: dict[str, int] = {}
    names: dict[int, str] = {}
    for unit in Unit.objects.filter(organ_id=organ_id).internal().order_by("order", "id"):
        names[unit.pk] = unit.name
        for name in (unit.short_name, unit.name):  # the full name wins over another unit's short name
            if name:
                units[normalise(name)] = unit.pk
    today = timezone.localdate()
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


def judge_units(item: ItemPlan, lead: str, co: str, ctx: Lookups, *, lead_header: str, co_header: str) -> None:
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


def judge_leader(item: ItemPlan, name: str, ctx: Lookups, *, header: str) -> None:
    if not name:
        return
    item.leader_id, problem = ctx.leader(name)
    item.leader_name = name
    if problem:
        item.errors.append((header, problem))


def judge_year(item: ItemPlan, year: int, *, header: str) -> None:
    if item.deadline and item.deadline.year not in (year, year + 1):
        item.errors.append((header, f"完成时限{item.deadline.isoformat()}不在{year}年度内"))


def mark_existing(item: ItemPlan, ctx: Lookups, seen: dict[str, str]) -> None:
    """An item already in the draft is left alone (re-uploading a file adds nothing twice)."""
    key = normalise(item.content)
    if key in seen:
        item.errors.append(("任务内容", f"与{seen[key]}的任务内容相同，请删去重复的事项"))
        return
    seen[key] = item.source
    if key in ctx.existing:
        item.unchanged = True
        item.notes.append("清单中已有该事项，不再重复导入")


def section_key(plan: ImportPlan, title: str, parent: str | None) -> str:
    """The key of heading `title` under `parent`, adding it to the plan the first time it is seen."""
    for section in plan.sections:
        if section.title == title and section.parent == parent:
            return section.key
    key = f"{parent}.{len(plan.sections) + 1}" if parent else str(len(plan.sections) + 1)
    plan.sections.append(SectionPlan(key=key, title=title, parent=parent))
    return key


def payload_summary(plan: ImportPlan) -> dict[str, Any]:
    return {"year": plan.year, "source": plan.source, "items": len(plan.new_items), "sections": len(plan.sections)}
