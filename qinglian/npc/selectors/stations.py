"""Reads of the liaison stations (代表联络站) and deputies' activities (履职活动). Every list starts from
`visible_to(user)`; the loaders taking `organ_id` and `as_of` are for the rules (NPC-009…011), which read the
ledgers as they stood on the day checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q, QuerySet

from qinglian.core import asof, clock
from qinglian.npc.models import Deputy, DeputyActivity, LiaisonStation


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


# --- the ledgers as they stood on a day, for the rules --------------------------------------------------


@dataclass(frozen=True)
class HeldActivity:
    """One activity held on or before the day checked: when, what kind, where, and who took part."""

    date: dt.date
    kind: str
    station_id: int | None
    deputy_ids: frozenset[int]


@dataclass(frozen=True)
class ActivityLedger:
    """The activities of a window as they stood on `as_of`, and the day the ledger starts."""

    first_day: dt.date | None  # the earliest activity recorded by `as_of`: periods before it are not judged
    activities: list[HeldActivity]

    def count(
        self,
        start: dt.date,
        end: dt.date,
        *,
        station_id: int | None = None,
        kind: str | None = None,
        deputy_id: int | None = None,
    ) -> int:
        """Activities held from `start` to `end` (at the station, of the kind, with the deputy, when given)."""
        return sum(
            1
            for a in self.activities
            if start <= a.date <= end
            and (station_id is None or a.station_id == station_id)
            and (kind is None or a.kind == kind)
            and (deputy_id is None or deputy_id in a.deputy_ids)
        )


def activities_as_of(*, organ_id: int, since: dt.date, as_of: dt.date) -> ActivityLedger:
    """The organ's activities dated from `since` to `as_of` with their deputies, as the ledger stood at the end
    of `as_of`: an activity dated later had not been held; one soft-deleted later still stood. Three queries.

    `first_day` is where the ledger starts (its earliest activity by `as_of`, however old): an organ that began
    keeping it this spring is not judged for last year, when nothing was recorded here.
    """
    alive = asof.live_on(as_of)
    recorded = DeputyActivity.all_objects.filter(alive, organ_id=organ_id, date__lte=as_of)
    first_day = recorded.aggregate(first=Min("date"))["first"]
    rows = list(recorded.filter(date__gte=since).values_list("pk", "date", "kind", "station_id"))
    through = DeputyActivity.deputies.through
    taking_part: dict[int, set[int]] = {pk: set() for pk, *_ in rows}
    for activity_id, deputy_id in through.objects.filter(deputyactivity_id__in=list(taking_part)).values_list(
        "deputyactivity_id", "deputy_id"
    ):
        taking_part[activity_id].add(deputy_id)
    held = [HeldActivity(day, kind, station, frozenset(taking_part[pk])) for pk, day, kind, station in rows]
    return ActivityLedger(first_day, held)


@dataclass(frozen=True)
class DeputyOnDay:
    id: int
    name: str
    delegation: str


def deputies_on(*, organ_id: int, as_of: dt.date) -> list[DeputyOnDay]:
    """The organ's deputies in office (在任) at the end of `as_of`, by delegation and name. Whether a deputy was
    in office has no date of its own in the ledger, so a past day is read from the deputies' history."""
    rows = asof.fields_on(
        Deputy, as_of, ["name", "delegation", "is_active", "deleted_at"], where={"organ_id": organ_id}
    )
    standing = [
        DeputyOnDay(pk, row["name"], row["delegation"])
        for pk, row in rows.items()
        if row["is_active"] and asof.stood(row["deleted_at"], as_of)
    ]
    return sorted(standing, key=lambda d: (d.delegation, d.name, d.id))


@dataclass(frozen=True)
class StationOnDay:
    id: int
    name: str


def stations_on(*, organ_id: int, as_of: dt.date) -> list[StationOnDay]:
    """The organ's liaison stations standing at the end of `as_of` (a station soft-deleted later still stood)."""
    rows = asof.fields_on(LiaisonStation, as_of, ["name", "area", "deleted_at"], where={"organ_id": organ_id})
    standing = [(row["area"], row["name"], pk) for pk, row in rows.items() if asof.stood(row["deleted_at"], as_of)]
    return [StationOnDay(pk, name) for _, name, pk in sorted(standing)]
