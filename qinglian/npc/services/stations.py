"""Writes of the liaison stations (代表联络站) and deputies' activities (履职活动): the stations desk."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from qinglian.core.errors import InvalidInput
from qinglian.core.writes import save_checked
from qinglian.npc import permissions
from qinglian.npc.models import DeputyActivity, LiaisonStation
from qinglian.npc.services.common import not_future, organ_deputies, own, require, same_organ

_DESK_ONLY = "只有联络站台账的负责委室可以办理此项"
_UNKNOWN = "代表名单中有不存在的代表"


@transaction.atomic
def station_save(*, station: LiaisonStation, by: Any, deputy_ids: Iterable[int] | None = None) -> LiaisonStation:
    """Add or change a station; `deputy_ids` (when given) replaces the deputies attached to it."""
    require(permissions.can_write_stations(by), _DESK_ONLY)
    own(station, by)
    station.name = station.name.strip()
    save_checked(station, by=by)
    if deputy_ids is not None:
        station.deputies.set(organ_deputies(station.organ_id, deputy_ids, unknown=_UNKNOWN))
    return station


@transaction.atomic
def activity_save(*, activity: DeputyActivity, deputy_ids: Iterable[int], by: Any) -> DeputyActivity:
    """Record an activity and the deputies who took part (at least one)."""
    require(permissions.can_write_stations(by), _DESK_ONLY)
    own(activity, by)
    same_organ(activity, activity.station)
    not_future(activity.date, "活动日期")
    deputies = organ_deputies(activity.organ_id, deputy_ids, unknown=_UNKNOWN)
    if not deputies:
        raise InvalidInput("请至少选择一名参加活动的代表")
    save_checked(activity, by=by)
    activity.deputies.set(deputies)
    return activity
