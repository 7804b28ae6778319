"""会议记录导入: writing a plan in one transaction, all or nothing or valid rows only."""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction

from qinglian.core.errors import Forbidden, InvalidInput, QinglianError
from qinglian.org.models import User
from qinglian.org.permissions import scope_of
from qinglian.org.roster import MODES, Action, Mode
from qinglian.partylife.importers.common import (
    CHANGE_REASON,
    MeetingPlan,
    MeetingResult,
    RowPlan,
    _existing,
)
from qinglian.partylife.models import Meeting
from qinglian.partylife.permissions import can_record_meetings
from qinglian.partylife.services import meeting_record

# --- apply -------------------------------------------------------------------------------------


def meeting_apply(*, plan: MeetingPlan, mode: Mode, by: User) -> MeetingResult:
    """Write the plan in one transaction. "all": any problem writes nothing (InvalidInput);
    "valid_only": rows with problems are skipped and reported."""
    if mode not in MODES:
        raise InvalidInput("未知的导入方式")
    if not can_record_meetings(by) or scope_of(by).organ_id != plan.organ.pk:
        raise Forbidden("只有机关党委专责人员或党支部委员可以导入会议记录")
    if mode == "all" and plan.has_errors:
        raise InvalidInput(
            f"有 {len(plan.error_rows)} 行存在问题，按“全部成功才导入”方式未写入任何数据；请修改后重新上传",
            detail=[{"row": r.row, "errors": r.errors} for r in plan.error_rows],
        )
    result = MeetingResult(mode=mode)
    with transaction.atomic():
        for row in plan.rows:
            result.rows.append(_apply_row(row, mode, by, result))
        from qinglian.audit.services import audit_record

        audit_record(
            action="import",
            user=by,
            organ=plan.organ,
            target_repr="组织生活会议记录",
            detail={"mode": mode, "created": result.created, "unchanged": result.unchanged, "skipped": result.skipped},
        )
    return result


def _apply_row(row: RowPlan, mode: Mode, by: User, result: MeetingResult) -> RowPlan:
    if row.is_error:
        result.skipped += 1
        return row
    if row.action == Action.UNCHANGED or _existing(row.values).exists():
        result.unchanged += 1
        return replace(row, action=Action.UNCHANGED)
    try:
        with transaction.atomic():  # a savepoint: one failed row must not spoil the rows around it
            meeting = Meeting(**row.values)
            meeting._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
            meeting_record(
                meeting=meeting,
                by=by,
                agenda=row.agenda,
                first_topic_index=row.first_topic_index,
                attendance=row.attendance,
            )
    except QinglianError as exc:
        if mode == "all":
            raise InvalidInput(f"第{row.row}行（{row.name}）：{exc.message}。未写入任何数据") from exc
        result.skipped += 1
        return replace(row, action=Action.ERROR, errors=[*row.errors, ("保存", exc.message)])
    result.created += 1
    return row
