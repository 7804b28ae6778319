"""Liaison stations (代表联络站), deputies' activities (履职活动) and the deputies in the npc API.

Reads start from `selectors.stations` and `selectors.setup.deputy_list` (`visible_to`); activities are written
through `services.stations.activity_save` (the stations desk). A deputy's phone number is personal:
as on the deputies' page, only the suggestions and stations desks and the organ-wide readers get it.
"""

# No `from __future__ import annotations`: ninja reads these signatures at runtime, through decorators.
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from qinglian.core import clock
from qinglian.core.api import ERRORS, Pagination, auth_user, reference
from qinglian.core.errors import Forbidden
from qinglian.npc.api.common import WRITE_ERRORS, YEAR, references
from qinglian.npc.choices import ActivityKind
from qinglian.npc.models import Deputy, DeputyActivity, LiaisonStation
from qinglian.npc.permissions import can_write_stations, reading_organ_id
from qinglian.npc.schemas.stations import ActivityCountOut, ActivityIn, ActivityOut, DeputyOut, StationOut
from qinglian.npc.selectors import setup
from qinglian.npc.selectors import stations as selectors
from qinglian.npc.selectors.figures import DeputyActivityCount, deputy_activity_counts
from qinglian.npc.services.stations import activity_save

router = Router()


@router.get("/stations", response={200: list[StationOut], **ERRORS}, summary="代表联络站")
def station_list(request: HttpRequest) -> QuerySet[LiaisonStation]:
    """各联络站及其联系人、进站代表和本年度活动次数（不分页）。"""
    return selectors.station_list(auth_user(request))


@router.get("/activities", response={200: list[ActivityOut], **ERRORS}, summary="代表履职活动")
@paginate(Pagination)
def activity_list(
    request: HttpRequest,
    year: int | None = YEAR,
    kind: ActivityKind | None = None,
    station_id: int | None = Query(None, description="联络站"),
    deputy_id: int | None = Query(None, description="参加活动的代表"),
) -> QuerySet[DeputyActivity]:
    """新的在前。"""
    return selectors.activity_list(
        auth_user(request), year=year, kind=kind, station_id=station_id, deputy_id=deputy_id
    ).order_by("-date", "-pk")


@router.post("/activities", response={201: ActivityOut, **WRITE_ERRORS}, summary="登记代表履职活动")
def activity_create(request: HttpRequest, payload: ActivityIn) -> Status:
    """联络站台账的负责委室登记活动及参加的代表（在任代表）。"""
    user = auth_user(request)
    if not can_write_stations(user):
        raise Forbidden("只有联络站台账的负责委室可以办理此项")
    deputies = references(setup.deputy_choices(user), payload.deputy_ids, "deputy_ids", "代表")
    activity = DeputyActivity(
        organ_id=reading_organ_id(user),
        station=reference(selectors.station_list(user), payload.station_id, "station_id", "联络站"),
        kind=payload.kind,
        date=payload.date,
        days=payload.days,
        title=payload.title.strip(),
        place=payload.place.strip(),
        note=payload.note.strip(),
    )
    activity_save(activity=activity, deputy_ids=[d.pk for d in deputies], by=user)
    return Status(201, selectors.activity_list(user).get(pk=activity.pk))


@router.get("/deputies", response={200: list[DeputyOut], **ERRORS}, summary="人大代表名册")
@paginate(Pagination)
def deputy_list(
    request: HttpRequest,
    q: str | None = Query(None, max_length=30, description="姓名或代表团/选区"),
    include_inactive: bool = Query(False, description="含已不在任的代表"),
) -> QuerySet[Deputy]:
    """按代表团、姓名排列。联系电话仅建议办理、联络站台账负责委室和机关党委、领导、纪检监察组可见。"""
    return setup.deputy_list(auth_user(request), text=q or "", include_inactive=include_inactive)


@router.get("/deputies/activity-counts", response={200: list[ActivityCountOut], **ERRORS}, summary="代表履职次数")
def activity_counts(request: HttpRequest, year: int | None = YEAR) -> list[DeputyActivityCount]:
    """该年度每位代表参加各类活动的次数，次数多的在前（不填年度为今年）。"""
    organ_id = reading_organ_id(auth_user(request))
    if organ_id is None:
        return []
    return deputy_activity_counts(organ_id=organ_id, year=year or clock.today().year)
