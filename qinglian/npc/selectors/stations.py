"""Reads of the liaison stations (代表联络站) and deputies' activities (履职活动). Every list starts from
`visible_to(user)`."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from qinglian.core import clock
from qinglian.npc.models import DeputyActivity, LiaisonStation


def station_list(user: Any) -> QuerySet[LiaisonStation]:
    """Stations with their deputies and `activities_this_year` (activities dated this calendar year)."""
    this_year = Q(activities__deleted_at=None, activities__date__year=clock.today().year)
    stations = LiaisonStation.objects.visible_to(user).prefetch_related("deputies")
    return stations.annotate(activities_this_year=Count("activities", filter=this_year))


def visible_station(user: Any, pk: int) -> LiaisonStation | None:
    return LiaisonStation.objects.visible_to(user).filter(pk=pk).first()


def with_deputies(qs: QuerySet[DeputyActivity]) -> QuerySet[DeputyActivity]:
    """Activities with their station and the deputies who took part."""
    return qs.select_related("station").prefetch_related("deputies")


def activity_list(
    user: Any,
    *,
    year: int | None = None,
    kind: str | None = None,
    station_id: int | None = None,
    deputy_id: int | None = None,
) -> QuerySet[DeputyActivity]:
    qs = with_deputies(DeputyActivity.objects.visible_to(user))
    if year is not None:
        qs = qs.filter(date__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if station_id is not None:
        qs = qs.filter(station_id=station_id)
    if deputy_id is not None:
        qs = qs.filter(deputies__id=deputy_id).distinct()
    return qs
