"""花名册导入: writing a plan in one transaction, all or nothing or valid rows only."""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction

from qinglian.core import hooks
from qinglian.core.errors import Forbidden, InvalidInput, QinglianError
from qinglian.org.models import Organ, Person, User
from qinglian.org.permissions import can_import_roster, scope_of
from qinglian.org.roster.common import (
    CHANGE_REASON,
    MODES,
    Action,
    Mode,
    RosterPlan,
    RosterResult,
    RowPlan,
)
from qinglian.org.services import person_save

# --- apply -------------------------------------------------------------------------------------


def roster_apply(*, plan: RosterPlan, mode: Mode, by: User) -> RosterResult:
    """Write the plan in one transaction. "all": any problem writes nothing (InvalidInput);
    "valid_only": rows with problems are skipped and reported."""
    if mode not in MODES:
        raise InvalidInput("未知的导入方式")
    if not can_import_roster(by) or scope_of(by).organ_id != plan.organ.pk:
        raise Forbidden("无权导入本机关的花名册")
    if mode == "all" and plan.has_errors:
        raise InvalidInput(
            f"有 {len(plan.error_rows)} 行存在问题，按“全部成功才导入”方式未写入任何数据；请修改后重新上传",
            detail=[{"row": r.row, "errors": r.errors} for r in plan.error_rows],
        )
    result = RosterResult(mode=mode, rows=[])
    with transaction.atomic():
        for row in plan.rows:
            result.rows.append(_apply_row(row, plan.organ, mode, by, result))
        hooks.audit_record(
            action="import",
            user=by,
            organ=plan.organ,
            target_repr="干部花名册",
            detail={"mode": mode, "created": result.created, "updated": result.updated, "skipped": result.skipped},
        )
    return result


def _apply_row(row: RowPlan, organ: Organ, mode: Mode, by: User, result: RosterResult) -> RowPlan:
    if row.is_error:
        result.skipped += 1
        return row
    if row.action == Action.UNCHANGED:
        result.unchanged += 1
        return row
    try:
        with transaction.atomic():  # a savepoint: one failed row must not spoil the rows around it
            _write(row, organ, by)
    except QinglianError as exc:
        if mode == "all":
            raise InvalidInput(f"第{row.row}行（{row.name}）：{exc.message}。未写入任何数据") from exc
        result.skipped += 1
        return replace(row, action=Action.ERROR, errors=[*row.errors, ("保存", exc.message)])
    if row.action == Action.CREATE:
        result.created += 1
    else:
        result.updated += 1
    return row


def _write(row: RowPlan, organ: Organ, by: User) -> Person:
    if row.person_id is None:
        person = Person(organ=organ, **row.values)
    else:
        person = Person.objects.select_for_update().filter(organ=organ, pk=row.person_id).first()
        if person is None:
            raise InvalidInput("该人员已被他人删除，未更新")
        for key, value in row.values.items():
            setattr(person, key, value)
    person._change_reason = CHANGE_REASON
    return person_save(person=person, by=by)
