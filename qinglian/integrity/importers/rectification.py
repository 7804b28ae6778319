"""整改台账导入: a batch's problems and measures from the spreadsheet organs keep (the layout of the batch's export):
one row per measure, a problem's cells written on its first row (merged cells in the export, so read empty on
the rows after it) or repeated with the same 序号. All or nothing; the export re-imports as it is (a problem
already in the batch with the same 序号 and description, and its measure with the same wording, are 无变化).

完成情况, 整改状态 and 长效机制 are the export's own columns and read past: completion is reported with its
evidence on the measure's page, never imported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django import forms

from qinglian.core.errors import InvalidInput
from qinglian.core.excel import Column
from qinglian.core.importing import Action, Change, LedgerImport, Result, RowPlan, SheetRow
from qinglian.core.importing.views import ImportPage
from qinglian.integrity import permissions
from qinglian.integrity.exports.rectification import (
    CATEGORY,
    DEADLINE,
    DONE_NOTE,
    LEADER,
    MEASURE,
    MECHANISMS,
    OWNER,
    PROBLEM,
    SEQ,
    STATE,
    UNIT,
)
from qinglian.integrity.models import RectificationBatch, RectificationMeasure, RectificationProblem
from qinglian.integrity.services import rectification as services
from qinglian.org.models import Person, Unit


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


@dataclass
class MeasureRow(RowPlan):
    problem_key: int = 0  # the problem's 序号
    first_of_problem: bool = False
    problem_values: dict[str, Any] = field(default_factory=dict)

    @property
    def cells(self) -> tuple[Any, ...]:
        return (self.problem_key or "", self.name)


class RectificationImport(LedgerImport[MeasureRow]):
    title = "整改台账"
    sheet = "整改台账"
    upload_noun = "整改台账"
    row_noun = "整改措施（每行一项措施）"
    change_reason = "整改台账导入"
    refusal = services.KEEPER_ONLY
    phrases = {Action.CREATE: "新增措施 {} 项", Action.UPDATE: "更新 {} 项", Action.UNCHANGED: "无变化 {} 项"}
    modes = ("all",)
    export_only = (DONE_NOTE, STATE, MECHANISMS)
    row_class = MeasureRow

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return permissions.can_keep_rectification(user)

    def columns(self) -> list[Column]:
        return [
            Column(SEQ, 6, note="问题序号；同一问题的多项措施可合并单元格或重复填写相同序号"),
            Column(CATEGORY, 14, note="如：落实主体责任方面"),
            Column(PROBLEM, 36, required=True, note="每个问题的第一行填写；其后各行留空（合并单元格）表示同一问题"),
            Column(MEASURE, 36, required=True),
            Column(LEADER, 10, note="分管领导姓名"),
            Column(UNIT, 12, note="委室名称"),
            Column(OWNER, 10, note="责任人姓名"),
            Column(DEADLINE, 12, required=True, note="如 2026-05-29"),
        ]

    def notes(self) -> list[str]:
        return [
            "每行填写一项整改措施；一个问题有多项措施时，问题序号、类别、描述、责任领导只在第一行填写（或合并单元格）。",
            "本表可直接使用整改台账导出的文件；完成情况、整改状态、长效机制三列导入时不读取。",
            "导入方式为“全部成功才导入”：任何一行有问题都不写入。",
        ]

    def option_fields(self) -> dict[str, Any]:
        batches = RectificationBatch.objects.filter(organ=self.organ).order_by("-feedback_on", "-id")
        if self.user is not None:
            batches = batches & RectificationBatch.objects.visible_to(self.user)
        return {"batch": forms.ModelChoiceField(label="导入到整改批次", queryset=batches, empty_label="请选择整改批次")}

    def check(self, options: dict[str, Any]) -> None:
        batch = options.get("batch")
        if batch is None or batch.organ_id != self.organ.pk:
            raise InvalidInput("请选择要导入的整改批次")

    # --- judging ---------------------------------------------------------------------------------------------

    def _lookups(self) -> None:
        self.units: dict[str, int] = {}
        for unit in Unit.objects.filter(organ=self.organ).internal():
            for name in (unit.short_name, unit.name):
                if name:
                    self.units[_norm(name)] = unit.pk
        self.people: dict[str, list[int]] = {}
        for pk, name in Person.objects.filter(organ=self.organ, is_active=True).values_list("pk", "name"):
            self.people.setdefault(_norm(name), []).append(pk)

    def _person(self, row: SheetRow, header: str) -> int | None:
        name = row.text(header)
        if not name:
            return None
        found = self.people.get(_norm(name), [])
        if not found:
            row.error(header, f"“{name}”不在本机关在职人员名单中")
            return None
        if len(found) > 1:
            row.error(header, f"本机关有{len(found)}人名为“{name}”，请导入后在页面上选择")
            return None
        return found[0]

    def _unit(self, row: SheetRow, header: str) -> int | None:
        name = row.text(header)
        if not name:
            return None
        unit = self.units.get(_norm(name))
        if unit is None:
            row.error(header, f"“{name}”不是本机关的委室")
        return unit

    def judge(self, sheet: Any, options: dict[str, Any]) -> list[MeasureRow]:
        self._lookups()
        batch: RectificationBatch = options["batch"]
        existing = {p.number: p for p in RectificationProblem.objects.filter(batch=batch).prefetch_related("measures")}
        rows: list[MeasureRow] = []
        current: dict[str, Any] | None = None
        seen_numbers: set[int] = set()
        for number, record in sheet.rows:
            row = SheetRow(number, record)
            description = row.judge_text(PROBLEM, 5000)
            seq_text = row.text(SEQ)
            first = bool(description)
            if not first and current is None:
                row.error(PROBLEM, "必填（第一项措施所在行须填写问题描述）")
            if first:
                if seq_text and not seq_text.isdigit():
                    row.error(SEQ, "应为数字")
                key = int(seq_text) if seq_text.isdigit() else (current["number"] + 1 if current else 1)
                if (
                    current is not None
                    and key == current["number"]
                    and _norm(description) == _norm(current["description"])
                ):
                    first = False  # the problem's cells repeated on its next measure's row
                else:
                    if key in seen_numbers:
                        row.error(SEQ, f"序号{key}在表中重复")
                    seen_numbers.add(key)
                    current = {
                        "number": key,
                        "description": description,
                        "category": row.judge_text(CATEGORY, 60),
                        "leader_id": self._person(row, LEADER),
                        "unit_id": self._unit(row, UNIT),
                        "owner_id": self._person(row, OWNER),
                    }
                    stored = existing.get(key)
                    if stored is not None and _norm(stored.description) != _norm(description):
                        row.error(SEQ, f"本批次已有序号为{key}的其他问题")
            measure_text = row.judge_text(MEASURE, 5000, required=True)
            deadline = row.judge_date(DEADLINE, required=True)
            if deadline is not None and deadline < batch.feedback_on:
                row.error(DEADLINE, "完成时限不能早于问题反馈日期")
            values = {
                "description": measure_text,
                "deadline": deadline,
                "unit_id": self._unit(row, UNIT) if not first else (current or {}).get("unit_id"),
                "owner_id": self._person(row, OWNER) if not first else (current or {}).get("owner_id"),
            }
            plan = MeasureRow(
                row=number,
                name=measure_text[:40],
                errors=row.errors,
                values=values,
                problem_key=current["number"] if current else 0,
                first_of_problem=first,
                problem_values=dict(current) if current else {},
            )
            plan.action = Action.ERROR if row.errors else self._action(plan, existing.get(plan.problem_key))
            rows.append(plan)
        return rows

    def _action(self, row: MeasureRow, problem: RectificationProblem | None) -> Action:
        if problem is None:
            return Action.CREATE
        for measure in problem.measures.all():
            if _norm(measure.description) == _norm(row.values["description"]):
                changes = []
                if measure.deadline != row.values["deadline"]:
                    changes.append(
                        Change(DEADLINE, f"{measure.deadline:%Y-%m-%d}", f"{row.values['deadline']:%Y-%m-%d}")
                    )
                row.changes = changes
                row.values["measure_id"] = measure.pk
                return Action.UPDATE if changes else Action.UNCHANGED
        return Action.CREATE

    # --- writing ---------------------------------------------------------------------------------------------

    def prepare(self, plan, by: Any, result: Result[MeasureRow]) -> None:
        self._batch = plan.options["batch"]
        self._problems: dict[int, RectificationProblem] = {
            p.number: p for p in RectificationProblem.objects.filter(batch=self._batch)
        }

    def write(self, row: MeasureRow, by: Any, result: Result[MeasureRow]) -> Action:
        problem = self._problems.get(row.problem_key)
        if problem is None:
            pv = row.problem_values
            problem = RectificationProblem(
                organ_id=self._batch.organ_id,
                batch=self._batch,
                number=pv["number"],
                category=pv["category"],
                description=pv["description"],
                unit_id=pv["unit_id"],
                leader_id=pv["leader_id"],
                owner_id=pv["owner_id"],
            )
            problem._change_reason = self.change_reason
            services.problem_save(problem=problem, by=by)
            self._problems[problem.number] = problem
        if row.values.get("measure_id"):
            measure = RectificationMeasure.objects.get(pk=row.values["measure_id"])
            measure.deadline = row.values["deadline"]
            action = Action.UPDATE
        else:
            measure = RectificationMeasure(
                organ_id=self._batch.organ_id,
                problem=problem,
                description=row.values["description"],
                unit_id=row.values["unit_id"],
                owner_id=row.values["owner_id"],
                deadline=row.values["deadline"],
            )
            action = Action.CREATE
        measure._change_reason = self.change_reason
        services.measure_save(measure=measure, by=by)
        return action

    def audit(self, plan, result: Result[MeasureRow]) -> dict[str, Any]:
        batch = plan.options["batch"]
        return {"target": batch, "target_repr": f"{batch}（整改台账导入）", "detail": self.audit_detail(result)}


IMPORT_PAGE = ImportPage(
    importer=RectificationImport,
    heading="整改台账导入",
    template_url="integrity_rectification_template",
    testid="rectification",
    intro=(
        "从各委室常用的整改台账 Excel 导入一个整改批次的问题和整改措施：每行一项措施，"
        "一个问题的多项措施合并单元格或重复序号。",
        "整改台账导出的文件可以直接导入；完成情况须在整改措施页面上传佐证材料后报告，不通过导入写入。",
    ),
    file_label="整改台账文件（.xlsx）",
    preview_hint="仅预览，不写入",
    name_header="整改措施",
    row_header="行号",
    columns=("问题序号", "整改措施"),
    done_link=("integrity_rectification", "返回整改台账"),
)
