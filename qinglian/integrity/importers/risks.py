"""廉政风险点导入: the registers organs already keep in Excel, one row per risk point, on the core import framework.

A row is known by its unit, post and matter (委室、岗位、风险事项): one already in the register is 无变化 or 更新,
any other is 新增. Units are named as in the organ's list (name or short name), owners by name (a namesake in the
row's unit first). Every row goes through services.risks, so the checks and the history are the form's. All or
nothing: a register is one unit's (or the organ's) sheet, half of it is not. A unit head imports only rows of the
units they head. The register's export (exports/risks.py) re-imports as is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from simple_history.utils import update_change_reason

from qinglian.core import clock
from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column, SheetRows
from qinglian.core.importing import Action, Change, LedgerImport, Result, RowPlan, SheetRow
from qinglian.integrity.choices import RiskLedger, RiskLevel
from qinglian.integrity.exports.risks import (
    CONTROLS,
    DESCRIPTION,
    EXPORT_ONLY,
    IDENTIFIED,
    LEDGER,
    LEVEL,
    MATTER,
    OWNER,
    POST,
    UNIT,
)
from qinglian.integrity.models import RiskPoint
from qinglian.integrity.permissions import can_keep_risks
from qinglian.integrity.services.risks import risk_save
from qinglian.org.choices import Role, UnitKind
from qinglian.org.models import Person, Unit
from qinglian.org.scope import scope_of

CHANGE_REASON = "廉政风险点导入"
LEVELS = {label: value for value, label in RiskLevel.choices}
LEDGERS = {label: value for value, label in RiskLedger.choices}


def risk_columns(unit_names: list[str]) -> list[Column]:
    return [
        Column(UNIT, 16, required=True, choices=unit_names, note="本机关内设委室的名称或简称"),
        Column(POST, 12, note="委室层面的风险点不填"),
        Column(MATTER, 18, required=True, note="如：公务接待审批、代表建议交办；同一委室同一岗位的风险事项不重复"),
        Column(DESCRIPTION, 36, required=True),
        Column(LEVEL, 8, required=True, choices=RiskLevel.labels, note="高、中、低"),
        Column(CONTROLS, 40, required=True),
        Column(OWNER, 10, note="本机关干部的姓名"),
        Column(LEDGER, 14, choices=RiskLedger.labels, note="风险发生在哪一类业务台账；不填为“其他”"),
        Column(IDENTIFIED, 12, required=True, note="如 2026-03-15；不能晚于今天"),
    ]


def risk_notes() -> list[str]:
    return [
        "廉政风险点导入模板：请在“廉政风险点”工作表第一行表头下方逐行填写，每行一个风险点；表头带 * 的列为必填。",
        "同一委室、同一岗位、同一风险事项的风险点已登记的，表中内容不同即更新，相同则为“无变化”。",
        "全部行无误才导入；有任何一行有问题时不写入任何数据，请按提示修改后重新上传。",
        "委室负责人只能导入本人负责委室的风险点。本系统导出的廉政风险点登记表可直接上传。",
        f"每次最多导入 {settings.QINGLIAN_IMPORT_MAX_ROWS} 行。",
    ]


@dataclass
class RiskRow(RowPlan):
    """One risk point. `values` are the RiskPoint fields (ids); `risk_id` is the point an update changes."""

    risk_id: int | None = None


@dataclass
class _Context:
    today: dt.date
    units: dict[str, Unit]
    people: dict[str, list[Person]]
    kept: set[int] | None  # units whose rows the account may import; None: every unit
    existing: dict[tuple[int, str, str], RiskPoint]
    seen: dict[tuple[int, str, str], int] = field(default_factory=dict)


class RiskImport(LedgerImport[RiskRow]):
    title = "廉政风险点登记表"
    sheet = "廉政风险点"
    upload_noun = "廉政风险点登记表"
    row_noun = "廉政风险点"
    change_reason = CHANGE_REASON
    refusal = "只有机关党委专责人员或委室负责人可以导入廉政风险点"
    phrases: ClassVar = {Action.CREATE: "新增 {} 个", Action.UPDATE: "更新 {} 个", Action.UNCHANGED: "无变化 {} 个"}
    modes = ("all",)
    text_columns = (IDENTIFIED,)
    export_only = EXPORT_ONLY
    row_class = RiskRow

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_keep_risks(user)

    def _units(self) -> list[Unit]:
        return list(Unit.objects.filter(organ=self.organ, kind=UnitKind.INTERNAL).order_by("order", "pk"))

    def columns(self) -> list[Column]:
        return risk_columns([u.name for u in self._units()])

    def notes(self) -> list[str]:
        return risk_notes()

    def judge(self, sheet: SheetRows, options: dict[str, Any]) -> list[RiskRow]:
        ctx = self._context()
        return [_judge(SheetRow(number, record), ctx) for number, record in sheet.rows]

    def write(self, row: RiskRow, by: Any, result: Result[RiskRow]) -> Action:
        if row.risk_id is None:
            risk = RiskPoint(organ=self.organ)
        else:
            risk = RiskPoint.objects.select_for_update().filter(organ=self.organ, pk=row.risk_id).first()
            if risk is None:
                raise InvalidInput("该风险点已被他人删除，未更新")
        for name, value in row.values.items():
            setattr(risk, name, value)
        risk_save(risk=risk, by=by)
        update_change_reason(risk, CHANGE_REASON)
        return row.action

    def _context(self) -> _Context:
        units: dict[str, Unit] = {}
        for unit in self._units():
            units.setdefault(unit.name, unit)
            if unit.short_name:
                units.setdefault(unit.short_name, unit)
        people: dict[str, list[Person]] = {}
        for person in Person.objects.filter(organ=self.organ).select_related("unit"):
            people.setdefault(person.name, []).append(person)
        scope = scope_of(self.user)
        existing = RiskPoint.objects.filter(organ=self.organ).select_related("owner")
        return _Context(
            today=clock.today(),
            units=units,
            people=people,
            kept=None if scope.has(Role.PARTY_OFFICER) else set(scope.head_unit_ids),
            existing={(r.unit_id, r.post, r.matter): r for r in existing},
        )


# --- judging one row (writes nothing) ----------------------------------------------------------------------


def _clean(text: str) -> str:
    return re.sub(r"\s", "", text)


def _judge(row: SheetRow, ctx: _Context) -> RiskRow:
    unit = _unit(row, ctx)
    post = row.judge_text(POST, 60)
    matter = row.judge_text(MATTER, 100, required=True)
    description = row.judge_text(DESCRIPTION, 5000, required=True)
    level = row.judge_choice(LEVEL, LEVELS, required=True, noun="风险等级（高、中、低）")
    controls = row.judge_text(CONTROLS, 5000, required=True)
    owner = _owner(row, ctx, unit)
    ledger = row.judge_choice(LEDGER, LEDGERS, noun="台账类别") or RiskLedger.OTHER
    identified_on = row.judge_date(IDENTIFIED, required=True, today=ctx.today)
    if unit is not None and matter:
        key = (unit.pk, post, matter)
        if key in ctx.seen:
            row.error(MATTER, f"与第{ctx.seen[key]}行是同一委室、同一岗位的同一风险事项，请删去重复行")
        ctx.seen.setdefault(key, row.number)
    values = {
        "unit_id": getattr(unit, "pk", None),
        "post": post,
        "matter": matter,
        "description": description,
        "level": level,
        "controls": controls,
        "owner_id": getattr(owner, "pk", None),
        "ledger": ledger,
        "identified_on": identified_on,
    }
    name = "：".join(t for t in (" ".join(t for t in (row.text(UNIT), post) if t), matter) if t)
    plan = RiskRow(row=row.number, name=name, action=Action.CREATE, errors=row.errors, values=values)
    if not row.errors:
        _compare(plan, ctx)
    if row.errors:
        plan.action = Action.ERROR
    return plan


def _unit(row: SheetRow, ctx: _Context) -> Unit | None:
    text = _clean(row.text(UNIT))
    if not text:
        row.error(UNIT, "必填")
        return None
    unit = ctx.units.get(text)
    if unit is None:
        row.error(UNIT, f"本机关没有名为“{text}”的内设委室")
        return None
    if ctx.kept is not None and unit.pk not in ctx.kept:
        row.error(UNIT, f"无权导入{unit.name}的风险点：委室负责人只能导入本人负责委室的风险点")
    return unit


def _owner(row: SheetRow, ctx: _Context, unit: Unit | None) -> Person | None:
    name = _clean(row.text(OWNER))
    if not name:
        return None
    found = ctx.people.get(name, [])
    if not found:
        row.error(OWNER, f"本机关没有名为“{name}”的人员")
        return None
    if len(found) > 1 and unit is not None:
        found = [p for p in found if p.unit_id == unit.pk] or found
    if len(found) > 1:
        units = "、".join(p.unit.name for p in found)
        row.error(OWNER, f"本机关有{len(found)}人名为“{name}”（{units}），无法确定是哪一位，请在系统中逐条修改")
        return None
    return found[0]


def _compare(plan: RiskRow, ctx: _Context) -> None:
    """新增, or against the risk point already registered: 无变化 or 更新 with what changes."""
    v = plan.values
    risk = ctx.existing.get((v["unit_id"], v["post"], v["matter"]))
    if risk is None:
        return
    plan.risk_id = risk.pk
    pairs = [
        (DESCRIPTION, risk.description, v["description"]),
        (LEVEL, RiskLevel(risk.level).label, RiskLevel(v["level"]).label),
        (CONTROLS, risk.controls, v["controls"]),
        (OWNER, risk.owner.name if risk.owner_id else "", _owner_name(ctx, v["owner_id"])),
        (LEDGER, RiskLedger(risk.ledger).label, RiskLedger(v["ledger"]).label),
        (IDENTIFIED, f"{risk.identified_on}", f"{v['identified_on']}"),
    ]
    owner_same = risk.owner_id == v["owner_id"]
    plan.changes = [
        Change(column, old, new) for column, old, new in pairs if old != new or (column == OWNER and not owner_same)
    ]
    plan.action = Action.UPDATE if plan.changes else Action.UNCHANGED


def _owner_name(ctx: _Context, person_id: int | None) -> str:
    if person_id is None:
        return ""
    return next(p.name for people in ctx.people.values() for p in people if p.pk == person_id)
