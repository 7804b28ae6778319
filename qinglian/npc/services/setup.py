"""Writes of the setup the ledgers rest on: which unit keeps which ledger, deputies, sessions, and the profiles
of the external handling units.

Every write checks permission and input (Chinese messages), owns its transaction, and records who changed what
in the row's history (`save_checked`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from qinglian.core.errors import InvalidInput
from qinglian.core.writes import save_checked
from qinglian.npc import permissions
from qinglian.npc.choices import DeskKind
from qinglian.npc.models import Deputy, HandlingUnitProfile, ServiceDesk, Session
from qinglian.npc.services.common import own, require, same_organ
from qinglian.org.choices import UnitKind
from qinglian.org.models import Organ, Unit
from qinglian.org.scope import scope_of


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
def service_desks_set(*, changes: Iterable[tuple[str, Unit]], by: Any) -> None:
    """Name the units of several ledgers of the writer's organ at once, all or nothing: a refusal leaves every
    desk as it was."""
    organ = Organ.objects.get(pk=scope_of(by).organ_id)
    for kind, unit in changes:
        service_desk_set(organ=organ, kind=kind, unit=unit, by=by)


@transaction.atomic
def deputy_save(*, deputy: Deputy, by: Any) -> Deputy:
    """Add or change a deputy (the suggestions desk or the stations desk)."""
    require(permissions.can_keep_deputies(by), "只有建议办理或联络站台账的负责委室可以登记代表")
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
