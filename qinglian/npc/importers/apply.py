"""代表建议导入: writing a plan in one transaction, all rows or none."""

from __future__ import annotations

from django.db import transaction

from qinglian.core.errors import Forbidden, InvalidInput, QinglianError
from qinglian.npc.importers.common import CHANGE_REASON, DeputyRef, ImportResult, NewDeputy, RowPlan, SuggestionPlan
from qinglian.npc.models import Deputy, Suggestion
from qinglian.npc.permissions import can_write_suggestions
from qinglian.npc.services.setup import deputy_save
from qinglian.npc.services.suggestions import suggestion_assign, suggestion_mark_key, suggestion_save
from qinglian.org.models import User
from qinglian.org.permissions import scope_of


def suggestion_apply(*, plan: SuggestionPlan, by: User) -> ImportResult:
    """Write every row, or nothing: a plan with problems is refused, and a row the services refuse rolls back
    the rows before it (InvalidInput naming the row)."""
    if not can_write_suggestions(by) or scope_of(by).organ_id != plan.organ.pk:
        raise Forbidden("只有建议办理台账的负责委室可以导入代表建议")
    if plan.has_errors:
        raise InvalidInput(
            f"有 {len(plan.error_rows)} 行存在问题，未写入任何数据；请修改后重新上传",
            detail=[{"row": r.row, "errors": r.errors} for r in plan.error_rows],
        )
    result = ImportResult()
    created: dict[NewDeputy, Deputy] = {}
    with transaction.atomic():
        for row in plan.rows:
            try:
                _write(row, plan, by, created, result)
            except QinglianError as exc:
                raise InvalidInput(f"第{row.row}行（{row.name}）：{exc.message}。未写入任何数据") from exc
        result.deputies = len(created)
        from qinglian.audit.services import audit_record

        audit_record(
            action="import",
            user=by,
            organ=plan.organ,
            target_repr="代表建议",
            detail={"suggestions": result.suggestions, "assigned": result.assigned, "deputies": result.deputies},
        )
    return result


def _deputy(ref: DeputyRef, plan: SuggestionPlan, by: User, created: dict[NewDeputy, Deputy]) -> Deputy:
    """An existing deputy, or the one this import creates (once, however many rows name it)."""
    if isinstance(ref, Deputy):
        return ref
    if ref not in created:
        deputy = Deputy(organ=plan.organ, name=ref.name, delegation=ref.delegation)
        deputy._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
        created[ref] = deputy_save(deputy=deputy, by=by)
    return created[ref]


def _write(row: RowPlan, plan: SuggestionPlan, by: User, created: dict, result: ImportResult) -> None:
    lead = _deputy(row.lead_deputy, plan, by, created)
    co_ids = [_deputy(ref, plan, by, created).pk for ref in row.co_signers]
    suggestion = Suggestion(organ=plan.organ, lead_deputy=lead, **row.values)
    suggestion._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
    suggestion_save(suggestion=suggestion, by=by, co_signer_ids=co_ids)
    result.suggestions += 1
    if row.lead_unit is not None:
        suggestion_assign(
            suggestion=suggestion, lead_unit=row.lead_unit, assigned_on=row.assigned_on, by=by, co_units=row.co_units
        )
        result.assigned += 1
    if row.is_key:
        suggestion_mark_key(suggestion=suggestion, is_key=True, by=by, committee=row.committee, leader=row.leader)
        result.key += 1
