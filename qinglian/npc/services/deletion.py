"""Soft deletion of a row of any npc ledger entered by mistake: by the desk of its ledger, written to the audit log,
refused while later rows depend on it."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from qinglian.audit.services import audit_record
from qinglian.core.errors import InvalidInput
from qinglian.core.writes import soft_delete
from qinglian.npc import permissions
from qinglian.npc.choices import DeskKind
from qinglian.npc.models import (
    Assignment,
    Contact,
    Deputy,
    DeputyActivity,
    HandlingReport,
    HandlingUnitProfile,
    LiaisonStation,
    MaterialSubmission,
    MeetingAgendaItem,
    NpcMeeting,
    Reply,
    SatisfactionRecord,
    Session,
    Suggestion,
)
from qinglian.npc.services.common import own, require

# Which desk may delete which rows. Child rows of a suggestion go with the suggestions desk.
_DELETE_DESK: dict[type, str] = {
    Deputy: DeskKind.SUGGESTIONS,
    Session: DeskKind.SUGGESTIONS,
    HandlingUnitProfile: DeskKind.SUGGESTIONS,
    Suggestion: DeskKind.SUGGESTIONS,
    Assignment: DeskKind.SUGGESTIONS,
    Contact: DeskKind.SUGGESTIONS,
    Reply: DeskKind.SUGGESTIONS,
    SatisfactionRecord: DeskKind.SUGGESTIONS,
    HandlingReport: DeskKind.SUGGESTIONS,
    NpcMeeting: DeskKind.MATERIALS,
    MeetingAgendaItem: DeskKind.MATERIALS,
    MaterialSubmission: DeskKind.MATERIALS,
    LiaisonStation: DeskKind.STATIONS,
    DeputyActivity: DeskKind.STATIONS,
}


@transaction.atomic
def npc_record_delete(*, obj: models.Model, by: Any, reason: str = "") -> None:
    """Soft-delete a row entered by mistake (the desk of its ledger); written to the audit log.

    A suggestion with replies, or a reply with a satisfaction record, is refused: delete the later rows first,
    so the ledger never holds an evaluation of a reply that no longer exists.
    """
    desk = _DELETE_DESK.get(type(obj))
    if desk is None:
        raise InvalidInput("该记录不能删除")
    require(permissions.can_write_desk(by, desk), "只有该台账的负责委室可以删除记录")
    own(obj, by)
    _refuse_if_referenced(obj)
    soft_delete(obj, by=by)
    audit_record(
        action="record_deleted", user=by, target=obj, detail={"model": obj._meta.label_lower, "reason": reason}
    )


def _refuse_if_referenced(obj: models.Model) -> None:
    if isinstance(obj, Suggestion) and obj.replies.exists():
        raise InvalidInput("该建议已有答复，请先删除答复")
    if isinstance(obj, Reply) and (obj.satisfactions.exists() or obj.rereplies.exists()):
        raise InvalidInput("该答复已有满意度或重新答复，请先删除它们")
    if isinstance(obj, Assignment) and obj.replies.exists():
        raise InvalidInput("该承办单位已答复，不能删除交办记录")
    if isinstance(obj, NpcMeeting) and MaterialSubmission.objects.filter(agenda_item__meeting=obj).exists():
        raise InvalidInput("该会议已有材料报送记录，请先删除报送记录")
    if isinstance(obj, MeetingAgendaItem) and obj.submissions.exists():
        raise InvalidInput("该议题已有材料报送记录，请先删除报送记录")
