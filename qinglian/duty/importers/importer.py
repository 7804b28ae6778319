"""责任清单导入 on the core import framework: one importer family, two sources (an Excel sheet, a Word outline).

Both preview first and write on "确认导入" from a signed token of the previewed plan (`confirm`), all or nothing,
into the year's draft list: the list (created when missing), its headings (reused when the draft already has
them), then its items, through services.duty_list_save / section_save / item_save.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.db.models import Max

from qinglian.core import clock
from qinglian.core.excel import Column, SheetRows
from qinglian.core.importing import Action, LedgerImport, Mode
from qinglian.core.importing.base import refuse_oversized
from qinglian.duty.importers.common import (
    CHANGE_REASON,
    internal_units,
    lookups,
    normalise,
    require_draft_year,
)
from qinglian.duty.importers.excel import TEXT_COLUMNS, duty_columns, duty_notes, judge_sheet
from qinglian.duty.importers.plan import DutyPlan, DutyResult, DutyRow, headings_of
from qinglian.duty.importers.word import Outline, judge_outline, read_outline
from qinglian.duty.models import DutyItem, DutyList, DutySection
from qinglian.duty.permissions import can_edit_lists
from qinglian.duty.services import lists as services


class DutyImport(LedgerImport[DutyRow]):
    """What both sources share: the year on the form, the draft rule, the confirm step, and the writing."""

    title = "责任清单"
    sheet = "责任清单"
    upload_noun = "责任清单导入表"
    row_noun = "清单事项"
    change_reason = CHANGE_REASON
    refusal = "责任清单由机关党委专责人员导入和维护"
    phrases: ClassVar = {Action.CREATE: "将导入 {} 项", Action.UNCHANGED: "已在清单中 {} 项"}
    modes: ClassVar[tuple[Mode, ...]] = ("all",)
    confirm = True
    plan_class = DutyPlan
    row_class = DutyRow
    result_class = DutyResult
    source: ClassVar[str]  # "Excel" / "Word", in the preview's heading and the audit log

    def __init__(self, organ: Any, user: Any = None, *, year: int | None = None) -> None:
        super().__init__(organ, user)
        self.year = year or clock.today().year  # the template's: its examples and the items already in the draft

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_edit_lists(user)

    def option_fields(self) -> dict[str, Any]:
        this = clock.today().year
        listed = DutyList.objects.filter(organ=self.organ).values_list("year", flat=True)
        years = sorted({this - 1, this, this + 1, *listed}, reverse=True)
        year = forms.TypedChoiceField(label="导入到年度", coerce=int, choices=[(y, f"{y}年") for y in years])
        year.initial = this
        return {"year": year}

    def check(self, options: dict[str, Any]) -> None:
        require_draft_year(self.organ.pk, options["year"])

    def make_plan(self, source: Any, rows: list[DutyRow], options: dict[str, Any]) -> DutyPlan:
        plan: DutyPlan = super().make_plan(source, rows, options)  # type: ignore[assignment]
        plan.year, plan.source = options["year"], self.source
        return plan

    def refused_message(self, plan: DutyPlan) -> str:  # type: ignore[override]
        return f"有 {len(plan.error_rows)} 项存在问题，未写入任何数据；请修改后重新上传"

    # --- writing: the draft list and its headings first, then one item a row -----------------------------

    def prepare(self, plan: DutyPlan, by: Any, result: DutyResult) -> None:  # type: ignore[override]
        duty_list = require_draft_year(self.organ.pk, plan.year)
        if duty_list is None:
            duty_list = services.duty_list_save(duty_list=DutyList(organ=self.organ, year=plan.year, title=""), by=by)
        result.duty_list = duty_list
        for path in plan.headings:  # parents come before their children
            parent = result.sections.get(path[:-1]) if len(path) > 1 else None
            siblings = DutySection.objects.filter(duty_list=duty_list, parent=parent)
            section = siblings.filter(title=path[-1]).first()
            if section is None:
                section = DutySection(duty_list=duty_list, parent=parent, title=path[-1], order=siblings.count() + 1)
                section._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
                services.section_save(section=section, by=by)
                result.tally["sections"] += 1
            result.sections[path] = section
        items = DutyItem.objects.filter(duty_list=duty_list)
        result.existing = {normalise(c) for c in items.values_list("content", flat=True)}
        result.order = items.aggregate(m=Max("order"))["m"] or 0

    def write(self, row: DutyRow, by: Any, result: DutyResult) -> Action:  # type: ignore[override]
        if normalise(row.content) in result.existing:  # added since the preview
            return Action.UNCHANGED
        result.order += 1
        item = DutyItem(
            organ=self.organ,
            duty_list=result.duty_list,
            section=result.sections.get(row.section),
            order=result.order,
            content=row.content,
            theme=row.theme,
            lead_leader_id=row.leader_id,
            deadline=row.deadline,
            recurrence=row.recurrence,
            standard=row.standard,
            evidence_required=row.evidence,
        )
        item._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
        services.item_save(item=item, by=by, lead_unit_id=row.lead_unit_id, co_unit_ids=row.co_unit_ids)
        result.tally["tasks"] += 1 + len(row.co_unit_ids)
        return Action.CREATE

    def audit(self, plan: DutyPlan, result: DutyResult) -> dict[str, Any]:  # type: ignore[override]
        duty_list = result.duty_list
        detail = {"sections": result.sections_created, "items": result.items_created, "unchanged": result.unchanged}
        return {"target": duty_list, "target_repr": f"{duty_list.title}（{plan.source}导入）", "detail": detail}


class DutyExcelImport(DutyImport):
    """The Excel template: one row per item, its headings in the first two columns."""

    source = "Excel"
    text_columns = TEXT_COLUMNS
    export_only = ()  # 序号 is a column of the template here, checked for repeats

    def columns(self) -> list[Column]:
        """With drop-downs of the organ's current Party group members and units."""
        ctx = lookups(self.organ.pk, self.year)
        return duty_columns(list(ctx.leaders), list(ctx.unit_names.values()))

    def notes(self) -> list[str]:
        return duty_notes(self.year)

    def judge(self, sheet: SheetRows, options: dict[str, Any]) -> list[DutyRow]:
        return judge_sheet(sheet, options["year"], lookups(self.organ.pk, options["year"]))

    def make_plan(self, source: Any, rows: list[DutyRow], options: dict[str, Any]) -> DutyPlan:
        plan = super().make_plan(source, rows, options)
        plan.headings = headings_of(rows)
        return plan


class DutyWordImport(DutyImport):
    """A Word outline (一、（一）1.): a document, not a sheet — it has no columns and no template to download."""

    source = "Word"

    def option_fields(self) -> dict[str, Any]:
        units = [("", "---------"), *((u.pk, u.name) for u in internal_units(self.organ.pk))]
        default_unit = forms.TypedChoiceField(
            label="默认牵头委室",
            coerce=int,
            choices=units,
            help_text="文稿中未写明牵头单位的事项，先按此委室导入，预览中逐项标明“须补充牵头委室”",
            error_messages={"required": "请选择默认牵头委室"},
        )
        return super().option_fields() | {"default_unit": default_unit}

    def columns(self) -> list[Column]:
        return []

    def notes(self) -> list[str]:
        return []

    def read(self, data: bytes) -> Outline:
        refuse_oversized(data, hint="")
        return read_outline(data)

    def judge(self, outline: Outline, options: dict[str, Any]) -> list[DutyRow]:
        ctx = lookups(self.organ.pk, options["year"])
        return judge_outline(outline, options["year"], ctx, options["default_unit"])

    def make_plan(self, source: Any, rows: list[DutyRow], options: dict[str, Any]) -> DutyPlan:
        plan = super().make_plan(source, rows, options)
        plan.headings, plan.notes = list(source.headings), list(source.notes)
        return plan


IMPORTS: dict[str, type[DutyImport]] = {"Excel": DutyExcelImport, "Word": DutyWordImport}
