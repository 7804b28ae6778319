"""Writes of the meeting-materials ledger: meetings, agenda items (with their deadlines), submissions and the
office's receipt.

An item's deadlines are computed here, never typed: from the meeting's date and kind and the parameters of
NPC-008 in force on the meeting date (deadlines.material_deadlines). Saving a meeting recomputes its items,
so moving a meeting moves its deadlines.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max

from qinglian.compliance.params import MissingParameters
from qinglian.core.errors import InvalidInput
from qinglian.core.writes import save_checked
from qinglian.npc import permissions
from qinglian.npc.deadlines import material_deadlines, materials_params
from qinglian.npc.models import MaterialSubmission, MeetingAgendaItem, NpcMeeting
from qinglian.npc.services.common import own, require, same_organ

_DESK_ONLY = "只有会议材料台账的负责委室可以办理此项"


def _deadlines(item: MeetingAgendaItem, meeting: NpcMeeting) -> tuple[dt.date, dt.date | None]:
    try:
        params = materials_params(organ_id=meeting.organ_id, on=meeting.date)
    except MissingParameters as exc:
        raise InvalidInput(f"无法计算材料报送期限：{exc}") from exc
    return material_deadlines(meeting.date, meeting.kind, item.is_special_report, params)


@transaction.atomic
def npc_meeting_save(*, meeting: NpcMeeting, by: Any) -> NpcMeeting:
    """Add or change a meeting; its items' deadlines follow its date and kind."""
    require(permissions.can_write_materials(by), _DESK_ONLY)
    own(meeting, by)
    save_checked(meeting, by=by)
    for item in meeting.items.all():
        deadline, final = _deadlines(item, meeting)
        if (item.deadline, item.final_deadline) != (deadline, final):
            item.deadline, item.final_deadline = deadline, final
            save_checked(item, by=by)
    return meeting


@transaction.atomic
def agenda_item_save(*, item: MeetingAgendaItem, by: Any) -> MeetingAgendaItem:
    """Add or change an agenda item; `deadline` (and `final_deadline` for a special work report) computed."""
    require(permissions.can_write_materials(by), _DESK_ONLY)
    meeting = item.meeting
    own(meeting, by)
    item.organ_id = meeting.organ_id
    same_organ(item, item.submitting_unit)
    if not item.pk and not item.order:
        item.order = (meeting.items.aggregate(n=Max("order"))["n"] or 0) + 1
    item.deadline, item.final_deadline = _deadlines(item, meeting)
    return save_checked(item, by=by)


@transaction.atomic
def material_submit(
    *,
    item: MeetingAgendaItem,
    submitted_at: dt.datetime,
    by: Any,
    submitter: str = "",
    is_final: bool = False,
    note: str = "",
) -> MaterialSubmission:
    """Record a version of an item's materials (the next version number). The materials desk may record it
    for any item; a person of an internal submitting unit for that unit's own items."""
    require(permissions.can_submit_material(by, item), "只能为本单位承担的议题报送材料")
    own(item, by)
    if not submitter.strip() and not getattr(by, "person_id", None):
        raise InvalidInput("请填写报送人")
    # Lock the item so two submissions at once cannot take the same version number.
    MeetingAgendaItem.objects.select_for_update().filter(pk=item.pk).first()
    last = MaterialSubmission.all_objects.filter(agenda_item=item).aggregate(n=Max("version"))["n"] or 0
    submission = MaterialSubmission(
        organ_id=item.organ_id,
        agenda_item=item,
        version=last + 1,
        submitted_at=submitted_at,
        submitter=submitter.strip() or by.person.name,
        submitted_by=by,
        is_final=is_final,
        note=note.strip(),
    )
    return save_checked(submission, by=by)


@transaction.atomic
def material_receive(
    *, submission: MaterialSubmission, received_at: dt.datetime, received_by: Any, by: Any
) -> MaterialSubmission:
    """The office's receipt (签收) of a submitted version, by a person of the organ."""
    require(permissions.can_write_materials(by), _DESK_ONLY)
    own(submission, by)
    same_organ(submission, received_by)
    if received_at < submission.submitted_at:
        raise InvalidInput("签收时间不能早于报送时间")
    submission.received_at, submission.received_by = received_at, received_by
    return save_checked(submission, by=by)
