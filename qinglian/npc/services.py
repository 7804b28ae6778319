"""Writes of 人大履职服务 shared by every ledger: the desks, deputies, sessions, units' profiles, deletion.

Suggestions are written by services_suggestions.py, meetings and materials by services_meetings.py,
stations and activities by services_stations.py. Every write checks permission and input (Chinese
messages), owns its transaction, and records who changed what in the row's history (`save_checked`);
deletions are soft and written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.core.writes import save_checked
from qinglian.npc import permissions
from qinglian.npc.choices import DeskKind
from qinglian.npc.models import (
    Assignment,
    Contact,
    Deputy,
    DeputyActivity,
    HandlingUnitProfile,
    LiaisonStation,
    MaterialSubmission,
    MeetingAgendaItem,
    NpcMeeting,
    Reply,
    SatisfactionRecord,
    ServiceDesk,
    Session,
    Suggestion,
)
from qinglian.org.choices import UnitKind
from qinglian.org.permissions import scope_of


def own(obj: models.Model, by: Any) -> None:
    """Put a new row in the writer's organ; refuse a row of another organ."""
    organ_id = scope_of(by).organ_id
    if obj.organ_id is None:
        obj.organ_id = organ_id
    elif obj.organ_id != organ_id:
        raise Forbidden("不能修改其他机关的记录")


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise Forbidden(message)


def same_organ(obj: models.Model, *related: models.Model | None) -> None:
    """Every related row (unit, deputy, session…) must belong to the row's organ."""
    for other in related:
        if other is not None and getattr(other, "organ_id", obj.organ_id) != obj.organ_id:
            raise InvalidInput(f"“{other}”不属于本机关")


def not_future(day, label: str) -> None:
    if day is not None and day > timezone.localdate():
        raise InvalidInput(f"{label}不能晚于今天")


@transaction.atomic
def service_desk_set(*, organ: Any, kind: str, unit: Any, by: Any) -> ServiceDesk:
    """Name the internal unit that keeps ledger `kind` (建议办理/会议材料/联络站); replaces the previous one."""
    require(permissions.can_manage_desks(by), "只有机关党委专责人员可以指定台账负责委室")
    if kind not in DeskKind.values:
        raise InvalidInput("台账类型不正确")
    if unit.kind != UnitKind.INTERNAL or unit.organ_id != organ.pk:
        raise InvalidInput("台账须由本机关内设机构负责")
    desk = ServiceDesk.objects.filter(organ=organ, kind=kind).first() or ServiceDesk(organ=organ, kind=kind)
    own(desk, by)
    desk.unit = unit
    return save_checked(desk, by=by)


@transaction.atomic
def deputy_save(*, deputy: Deputy, by: Any) -> Deputy:
    """Add or change a deputy (the suggestions desk or the stations desk)."""
    require(
        permissions.can_write_suggestions(by) or permissions.can_write_stations(by),
        "只有建议办理或联络站台账的负责委室可以登记代表",
    )
    own(deputy, by)
    deputy.name = deputy.name.strip()
    return save_checked(deputy, by=by)


@transaction.atomic
def session_save(*, session: Session, by: Any) -> Session:
    """Add or change a session (大会) or a between-sessions period (闭会期间) of a term."""
    require(permissions.can_write_suggestions(by), "只有建议办理台账的负责委室可以登记届次会议")
    own(session, by)
    return save_checked(session, by=by)


@transaction.atomic
def handling_unit_profile_save(*, profile: HandlingUnitProfile, by: Any) -> HandlingUnitProfile:
    """The top leader (责任人) and contact of an external handling unit."""
    require(permissions.can_write_suggestions(by), "只有建议办理台账的负责委室可以维护承办单位信息")
    own(profile, by)
    if profile.unit.kind != UnitKind.EXTERNAL:
        raise InvalidInput("承办单位信息只为外部单位（政府部门等）登记")
    same_organ(profile, profile.unit)
    return save_checked(profile, by=by)


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
    from qinglian.audit.services import audit_record
    from qinglian.core.writes import soft_delete

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
