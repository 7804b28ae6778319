"""廉政谈话导入: the organ's own registers of one-to-one talks (任前、转岗、提醒、一般性), one row per talk, on the
core import framework. People are found by name; a namesake is told apart by the 所在委室 column (the subject's
unit). A talk already in the ledger (same date, kind, talker and subject) is 无变化, so the ledger's export
re-imports as is — its collective talks included, which are recorded on the page (with attendance) and only
recognised here. Every row goes through services.talks, so the checks and the history are those of the form.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from simple_history.utils import update_change_reason

from qinglian.core import clock
from qinglian.core.excel import Column, SheetRows
from qinglian.core.importing import Action, LedgerImport, Result, RowPlan, SheetRow
from qinglian.integrity.choices import ONE_TO_ONE_KINDS, IntegrityTalkKind
from qinglian.integrity.exports.talks import (
    DATE,
    EXPORT_ONLY,
    KIND,
    PLACE,
    POINTS,
    SIGNED,
    SUBJECT,
    TALKER,
    TOPIC,
    UNIT,
)
from qinglian.integrity.models import IntegrityTalk
from qinglian.integrity.permissions import can_record_talks
from qinglian.integrity.services.talks import talk_save
from qinglian.org.models import Person, Unit

CHANGE_REASON = "廉政谈话导入"
KINDS = {label: value for value, label in IntegrityTalkKind.choices}
YES = {"是", "已签", "已签订", "Y", "y", "1", "√"}
NO = {"", "否", "未签", "未签订", "N", "n", "0"}


def talk_columns() -> list[Column]:
    return [
        Column(DATE, 12, required=True, note="如 2026-03-15；不能晚于今天"),
        Column(
            KIND, 18, required=True, choices=IntegrityTalkKind.labels, note="集体廉政谈话须在页面登记参加人员，不能导入"
        ),
        Column(TALKER, 10, required=True, note="本机关人员姓名（党组书记、党组成员、派驻纪检监察组组长等）"),
        Column(SUBJECT, 10, required=True, note="本机关人员姓名"),
        Column(UNIT, 16, note="谈话对象所在委室；同名人员必填，用于区分"),
        Column(PLACE, 14),
        Column(TOPIC, 24),
        Column(POINTS, 40),
        Column(SIGNED, 10, choices=("是", "否"), note="不填为否"),
    ]


def talk_notes() -> list[str]:
    return [
        "廉政谈话导入模板：每行填写一次一对一廉政谈话（任前、转岗/交流、提醒、一般性谈话）；表头带 * 的列为必填。",
        "人员按本机关花名册中的姓名识别；同名人员请在“所在委室”列填写谈话对象所在委室以区分。",
        "系统中已有的谈话（日期、类型、谈话人、谈话对象相同）显示为“无变化”，不会重复导入；本页导出的台账可直接上传。",
        "导入的谈话不关联人事变动：变动前30日以后与本人的任前、转岗谈话计入该变动的廉政谈话（规则 INT-001）。",
        "全部行无误才导入；有任何一行有问题时不写入任何数据，请按提示修改后重新上传。",
        f"每次最多导入 {settings.QINGLIAN_IMPORT_MAX_ROWS} 行。",
    ]


@dataclass
class TalkRow(RowPlan):
    preview: str = ""

    @property
    def detail(self) -> str:
        return self.preview


@dataclass
class _Context:
    today: dt.date
    people: dict[str, list[Person]]
    units: dict[str, int]
    existing: set[tuple[dt.date, str, int, int | None]]
    seen: dict[tuple[dt.date, str, int, int | None], int]


class TalkImport(LedgerImport[TalkRow]):
    title = "廉政谈话台账"
    sheet = "廉政谈话台账"
    upload_noun = "廉政谈话台账"
    row_noun = "廉政谈话"
    change_reason = CHANGE_REASON
    refusal = "只有机关党委、组织人事专责人员或党组成员可以导入廉政谈话"
    phrases: ClassVar = {Action.CREATE: "新增 {} 次谈话", Action.UNCHANGED: "无变化 {} 次"}
    modes = ("all",)
    text_columns = (DATE,)
    export_only = EXPORT_ONLY
    row_class = TalkRow

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_record_talks(user)

    def columns(self) -> list[Column]:
        return talk_columns()

    def notes(self) -> list[str]:
        return talk_notes()

    def judge(self, sheet: SheetRows, options: dict[str, Any]) -> list[TalkRow]:
        ctx = self._context()
        return [_judge(SheetRow(number, record), ctx) for number, record in sheet.rows]

    def write(self, row: TalkRow, by: Any, result: Result[TalkRow]) -> Action:
        values = dict(row.values)
        talk = IntegrityTalk(organ=self.organ, **values)
        talk_save(talk=talk, by=by)
        update_change_reason(talk, CHANGE_REASON)
        return Action.CREATE

    def _context(self) -> _Context:
        people: dict[str, list[Person]] = {}
        for person in Person.objects.filter(organ=self.organ).select_related("unit").order_by("-is_active", "id"):
            people.setdefault(person.name, []).append(person)
        units = {}
        for unit in Unit.objects.filter(organ=self.organ):
            units[unit.name] = unit.pk
            if unit.short_name:
                units.setdefault(unit.short_name, unit.pk)
        existing = set(
            IntegrityTalk.objects.filter(organ=self.organ).values_list("date", "kind", "talker_id", "subject_id")
        )
        return _Context(today=clock.today(), people=people, units=units, existing=existing, seen={})


def _person(row: SheetRow, header: str, ctx: _Context, unit_id: int | None = None) -> Person | None:
    name = re.sub(r"\s", "", row.text(header))
    if not name:
        row.error(header, "必填")
        return None
    found = ctx.people.get(name, [])
    if not found:
        row.error(header, f"本机关没有名为“{name}”的人员")
        return None
    if len(found) > 1 and unit_id is not None:
        found = [p for p in found if p.unit_id == unit_id] or found
    if len(found) > 1:
        units = "、".join(p.unit.name for p in found)
        hint = "请在“所在委室”列填写谈话对象所在委室以区分" if header == SUBJECT else "请在系统中逐条登记"
        row.error(header, f"本机关有{len(found)}人名为“{name}”（{units}），{hint}")
        return None
    return found[0]


def _judge(row: SheetRow, ctx: _Context) -> TalkRow:
    day = row.judge_date(DATE, required=True, today=ctx.today)
    kind = row.judge_choice(KIND, KINDS, required=True, noun="谈话类型")
    unit_text = row.text(UNIT)
    unit_id = ctx.units.get(unit_text) if unit_text else None
    if unit_text and unit_id is None:
        row.error(UNIT, f"本机关没有名为“{unit_text}”的委室")
    talker = _person(row, TALKER, ctx)
    collective = kind == IntegrityTalkKind.COLLECTIVE
    subject = None if collective else _person(row, SUBJECT, ctx, unit_id)
    if talker is not None and subject is not None and talker.pk == subject.pk:
        row.error(SUBJECT, "谈话人与谈话对象不能是同一人")
    signed_text = row.text(SIGNED)
    if signed_text not in YES | NO:
        row.error(SIGNED, "请填写“是”或“否”")
    values = {
        "date": day,
        "kind": kind,
        "talker": talker,
        "subject": subject,
        "unit_id": unit_id,
        "place": row.judge_text(PLACE, 100),
        "topic": row.judge_text(TOPIC, 200),
        "points": row.text(POINTS),
        "commitment_signed": signed_text in YES,
    }
    name = " ".join(t for t in (row.text(DATE)[:10], row.text(TALKER), row.text(SUBJECT)) if t)
    plan = TalkRow(row=row.number, name=name, action=Action.CREATE, errors=row.errors, values=values)
    if not row.errors and talker is not None and day is not None:
        key = (day, kind, talker.pk, subject.pk if subject else None)
        if key in ctx.existing:
            plan.action = Action.UNCHANGED
        elif collective:
            row.error(KIND, "集体廉政谈话须在页面登记（含参加人员），不能导入")
        elif key in ctx.seen:
            row.error(DATE, f"与第{ctx.seen[key]}行是同一次谈话，请删去重复行")
        else:
            ctx.seen[key] = row.number
            plan.preview = f"{IntegrityTalkKind(kind).label}：{talker.name} → {subject.name if subject else ''}"
    if kind and kind not in ONE_TO_ONE_KINDS and not collective:
        row.error(KIND, "不是有效的谈话类型")
    if row.errors:
        plan.action = Action.ERROR
    return plan
