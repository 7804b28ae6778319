"""Who may read and write the 人大履职服务 ledgers.

- Read: every business role of the organ (these ledgers are not confidential); the three administrators none.
- Write: the people of the internal unit that keeps the ledger (`ServiceDesk`): its members and the heads of
  it. Leaders and the stationed supervisor read only, whatever unit their person sits in.
- Materials: besides the materials desk, a person of an internal submitting unit may record the submissions
  of that unit's own agenda items (not change the item, nor sign the receipt).
- Approving a suggestion's extension (延期): a leader (党组书记/成员) or the head of the suggestions desk unit.
"""

from __future__ import annotations

from typing import Any

from qinglian.core.errors import Forbidden, NotFound
from qinglian.npc.choices import DeskKind
from qinglian.npc.models import (
    Assignment,
    Deputy,
    DeputyActivity,
    HandlingReport,
    HandlingUnitProfile,
    LiaisonStation,
    MaterialSubmission,
    MeetingAgendaItem,
    NpcMeeting,
    Reply,
    ServiceDesk,
    Session,
    Suggestion,
)
from qinglian.org.choices import Role, UnitKind
from qinglian.org.models import Unit
from qinglian.org.scope import Scope, scope_of

_READ_ONLY_ROLES = (Role.LEADER, Role.SUPERVISOR)
_SUGGESTIONS_DESK_ONLY = "只有建议办理台账的负责委室可以办理此项"


def reading_organ_id(user: Any) -> int | None:
    """The organ whose ledgers the user reads (figures, tables), or None for the administrators and outsiders."""
    scope = scope_of(user)
    return scope.organ_id if scope.is_business else None


def desk_unit_id(organ_id: int | None, kind: str) -> int | None:
    """The internal unit keeping ledger `kind` of the organ, or None when none is set."""
    if organ_id is None:
        return None
    return ServiceDesk.objects.filter(organ_id=organ_id, kind=kind).values_list("unit_id", flat=True).first()


def _belongs_to(scope: Scope, unit_id: int | None) -> bool:
    return unit_id is not None and (scope.unit_id == unit_id or unit_id in scope.head_unit_ids)


def can_write_desk(user: Any, kind: str) -> bool:
    """A person of the desk unit of `kind` who is not a leader or the supervisor."""
    scope = scope_of(user)
    if not scope.is_business or scope.has(*_READ_ONLY_ROLES):
        return False
    return _belongs_to(scope, desk_unit_id(scope.organ_id, kind))


def can_write_suggestions(user: Any) -> bool:
    return can_write_desk(user, DeskKind.SUGGESTIONS)


def can_write_materials(user: Any) -> bool:
    return can_write_desk(user, DeskKind.MATERIALS)


def can_write_stations(user: Any) -> bool:
    return can_write_desk(user, DeskKind.STATIONS)


def can_keep_deputies(user: Any) -> bool:
    """Deputies are registered by the suggestions desk (with their suggestions) and the stations desk."""
    return can_write_suggestions(user) or can_write_stations(user)


def can_approve_extension(user: Any) -> bool:
    """延期 is approved by a leader or the head of the unit that keeps the suggestions (交办机构)."""
    scope = scope_of(user)
    if scope.has(Role.LEADER):
        return True
    unit_id = desk_unit_id(scope.organ_id, DeskKind.SUGGESTIONS)
    return unit_id is not None and unit_id in scope.head_unit_ids


def can_submit_material(user: Any, item: Any) -> bool:
    """The materials desk, or a person of the item's submitting unit when that unit is internal."""
    if can_write_materials(user):
        return True
    scope = scope_of(user)
    if not scope.is_business or scope.has(*_READ_ONLY_ROLES):
        return False
    unit = item.submitting_unit
    return unit.kind == UnitKind.INTERNAL and _belongs_to(scope, unit.pk)


def can_manage_desks(user: Any) -> bool:
    """Which unit keeps which ledger is organisation data: the party-affairs office sets it (as org data)."""
    return scope_of(user).has(Role.PARTY_OFFICER)


# --- access_<thing> ---------------------------------------------------------------------------


def _get(queryset, pk: Any, noun: str):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"{noun}不存在或无权查看") from None


def _checked(obj: Any, *, write: bool, allowed: bool, message: str) -> Any:
    if write and not allowed:
        raise Forbidden(message)
    return obj


def access_suggestion(user: Any, pk: Any, *, write: bool = False):
    """A suggestion with its session and deputy; writing (its contacts, replies, satisfaction too) is the desk's."""
    qs = Suggestion.objects.visible_to(user).select_related("session", "lead_deputy")
    return _checked(
        _get(qs, pk, "代表建议"),
        write=write,
        allowed=write and can_write_suggestions(user),
        message="只有建议办理台账的负责委室可以修改代表建议",
    )


def access_assignment(user: Any, pk: Any, *, write: bool = False):
    """A unit's assignment of a live suggestion; its steps (签收, 退回, 协办意见) are the suggestions desk's."""
    qs = Assignment.objects.visible_to(user).filter(suggestion__deleted_at=None)
    return _checked(
        _get(qs.select_related("suggestion__lead_deputy", "unit"), pk, "交办记录"),
        write=write,
        allowed=write and can_write_suggestions(user),
        message=_SUGGESTIONS_DESK_ONLY,
    )


def access_reply(user: Any, pk: Any, *, write: bool = False):
    """A reply to a live suggestion; the deputy's evaluation of it is recorded by the suggestions desk."""
    qs = Reply.objects.visible_to(user).filter(suggestion__deleted_at=None)
    return _checked(
        _get(qs.select_related("suggestion", "assignment"), pk, "答复"),
        write=write,
        allowed=write and can_write_suggestions(user),
        message=_SUGGESTIONS_DESK_ONLY,
    )


def access_session(user: Any, pk: Any, *, write: bool = False):
    return _checked(
        _get(Session.objects.visible_to(user), pk, "届次会议"),
        write=write,
        allowed=write and can_write_suggestions(user),
        message="只有建议办理台账的负责委室可以修改届次会议",
    )


def access_unit_profile(user: Any, unit_pk: Any, *, write: bool = False) -> HandlingUnitProfile:
    """The profile of an external handling unit, a new (unsaved) one when none is kept yet."""
    unit = _get(Unit.objects.visible_to(user).filter(kind=UnitKind.EXTERNAL), unit_pk, "承办单位")
    _checked(
        unit,
        write=write,
        allowed=write and can_write_suggestions(user),
        message="只有建议办理台账的负责委室可以维护承办单位信息",
    )
    return HandlingUnitProfile.objects.filter(unit=unit).first() or HandlingUnitProfile(
        unit=unit, organ_id=unit.organ_id
    )


def access_handling_report(user: Any, pk: Any, *, write: bool = False):
    """A year's handling report (heard, published): kept by the suggestions desk, which writes the report."""
    qs = HandlingReport.objects.visible_to(user).select_related("agenda_item__meeting")
    return _checked(
        _get(qs, pk, "办理情况报告"),
        write=write,
        allowed=write and can_write_suggestions(user),
        message="只有建议办理台账的负责委室可以登记办理情况报告",
    )


def access_deputy(user: Any, pk: Any, *, write: bool = False):
    """Deputies are kept by the suggestions desk (it registers them with their suggestions)."""
    return _checked(
        _get(Deputy.objects.visible_to(user), pk, "代表"),
        write=write,
        allowed=write and can_keep_deputies(user),
        message="只有建议办理或联络站台账的负责委室可以修改代表信息",
    )


def access_npc_meeting(user: Any, pk: Any, *, write: bool = False):
    return _checked(
        _get(NpcMeeting.objects.visible_to(user), pk, "会议"),
        write=write,
        allowed=write and can_write_materials(user),
        message="只有会议材料台账的负责委室可以修改会议",
    )


def access_agenda_item(user: Any, pk: Any, *, write: bool = False):
    """Writing an item (title, unit, materials required, outcome, receipts) is the materials desk's; a
    submitting unit records its submissions through `can_submit_material`."""
    qs = MeetingAgendaItem.objects.visible_to(user).select_related("meeting", "submitting_unit")
    return _checked(
        _get(qs, pk, "会议议题"),
        write=write,
        allowed=write and can_write_materials(user),
        message="只有会议材料台账的负责委室可以修改会议议题",
    )


def access_station(user: Any, pk: Any, *, write: bool = False):
    return _checked(
        _get(LiaisonStation.objects.visible_to(user), pk, "代表联络站"),
        write=write,
        allowed=write and can_write_stations(user),
        message="只有联络站台账的负责委室可以修改代表联络站",
    )


def access_activity(user: Any, pk: Any, *, write: bool = False):
    return _checked(
        _get(DeputyActivity.objects.visible_to(user).select_related("station"), pk, "代表履职活动"),
        write=write,
        allowed=write and can_write_stations(user),
        message="只有联络站台账的负责委室可以修改代表履职活动",
    )


def access_submission(user: Any, pk: Any, *, write: bool = False):
    """A submitted version of materials; its files are attached by whoever may submit for the item."""
    qs = MaterialSubmission.objects.visible_to(user).select_related("agenda_item__submitting_unit")
    submission = _get(qs, pk, "材料报送记录")
    allowed = write and can_submit_material(user, submission.agenda_item)
    return _checked(submission, write=write, allowed=allowed, message="只能为本单位承担的议题报送材料")


def can_see_deputy_phone(user: Any) -> bool:
    """A deputy's phone is personal: the desks that call deputies and the organ-wide readers only."""
    return can_keep_deputies(user) or scope_of(user).reads_organ
