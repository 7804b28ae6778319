"""代表建议导入 on the core import framework: one row per suggestion, all rows or none, written through
services.deputy_save, suggestion_save, suggestion_assign and suggestion_mark_key."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from qinglian.core.excel import Column, SheetRows
from qinglian.core.importing import Action, LedgerImport, Mode
from qinglian.npc.choices import SessionKind
from qinglian.npc.importers.common import (
    CHANGE_REASON,
    PHRASES,
    TEXT_COLUMNS,
    DeputyRef,
    SuggestionPlan,
    SuggestionResult,
    SuggestionRow,
    session_label,
    suggestion_columns,
    suggestion_notes,
)
from qinglian.npc.importers.judge import judge_rows
from qinglian.npc.models import Deputy, Session, Suggestion
from qinglian.npc.permissions import can_write_suggestions
from qinglian.npc.services.setup import deputy_save
from qinglian.npc.services.suggestions import suggestion_assign, suggestion_mark_key, suggestion_save
from qinglian.org.choices import UnitKind
from qinglian.org.models import Unit


class SuggestionImport(LedgerImport[SuggestionRow]):
    """A year's suggestion list. "全部成功才导入" only: a year's list is numbered as a whole, and half a list would
    leave gaps the desk would have to find. Rows naming a lead unit are assigned (主办, 协办), and may be 重点督办;
    with "自动新增代表", deputies not in the system are created once, however many rows name them."""

    title = "代表建议"
    sheet = "代表建议"
    upload_noun = "代表建议表"
    row_noun = "代表建议"
    change_reason = CHANGE_REASON
    refusal = "只有建议办理台账的负责委室可以导入代表建议"
    phrases: ClassVar = PHRASES
    modes: ClassVar[tuple[Mode, ...]] = ("all",)
    text_columns = TEXT_COLUMNS  # text, so Excel keeps "0012" and the dates as typed
    export_only = ()  # the template's columns only, as before the framework
    plan_class = SuggestionPlan
    row_class = SuggestionRow
    result_class = SuggestionResult

    @classmethod
    def may_import(cls, user: Any) -> bool:
        return can_write_suggestions(user)

    def columns(self) -> list[Column]:
        """With drop-downs of the organ's sessions, external units (主办, 协办) and committees (督办委室)."""
        plenary = Session.objects.filter(organ=self.organ).exclude(kind=SessionKind.INTERIM)
        units = Unit.objects.filter(organ=self.organ)
        external = [u.name for u in units if u.kind == UnitKind.EXTERNAL]
        internal = [u.name for u in units if u.kind == UnitKind.INTERNAL]
        return suggestion_columns([session_label(s) for s in plenary], external, internal)

    def notes(self) -> list[str]:
        return suggestion_notes()

    def option_fields(self) -> dict[str, Any]:
        auto_create = forms.BooleanField(
            label="自动新增代表",
            required=False,
            help_text="系统中没有的领衔代表、联名代表在导入时新增（不勾选时视为错误，以免错字生成多余的代表）。",
        )
        return {"auto_create_deputies": auto_create}

    def judge(self, sheet: SheetRows, options: dict[str, Any]) -> list[SuggestionRow]:
        return judge_rows(self.organ, sheet, bool(options.get("auto_create_deputies")))

    def refused_message(self, plan: SuggestionPlan) -> str:  # type: ignore[override]
        return f"有 {len(plan.error_rows)} 行存在问题，未写入任何数据；请修改后重新上传"

    def write(self, row: SuggestionRow, by: Any, result: SuggestionResult) -> Action:  # type: ignore[override]
        lead = self._deputy(row.lead_deputy, by, result)
        co_ids = [self._deputy(ref, by, result).pk for ref in row.co_signers]
        suggestion = Suggestion(organ=self.organ, lead_deputy=lead, **row.values)
        suggestion._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
        suggestion_save(suggestion=suggestion, by=by, co_signer_ids=co_ids)
        if row.lead_unit is not None:
            suggestion_assign(
                suggestion=suggestion,
                lead_unit=row.lead_unit,
                assigned_on=row.assigned_on,
                by=by,
                co_units=row.co_units,
            )
            result.tally["assigned"] += 1
        if row.is_key:
            suggestion_mark_key(suggestion=suggestion, is_key=True, by=by, committee=row.committee, leader=row.leader)
            result.tally["key"] += 1
        return Action.CREATE

    def _deputy(self, ref: DeputyRef | None, by: Any, result: SuggestionResult) -> Deputy:
        """An existing deputy, or the one this import creates (once, however many rows name it)."""
        if isinstance(ref, Deputy):
            return ref
        if ref not in result.created_deputies:
            deputy = Deputy(organ=self.organ, name=ref.name, delegation=ref.delegation)
            deputy._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
            result.created_deputies[ref] = deputy_save(deputy=deputy, by=by)
            result.tally["deputies"] += 1
        return result.created_deputies[ref]

    def audit_detail(self, result: SuggestionResult) -> dict[str, Any]:  # type: ignore[override]
        return {"suggestions": result.suggestions, "assigned": result.assigned, "deputies": result.deputies}
