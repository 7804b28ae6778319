"""Six liaison stations (代表联络站), one in each larger district, with a contact person and the deputies
attached; a year of activities — the monthly 接待选民 at every station, 立法征求意见 rounds, and the
committees' 视察, 调研 and 执法检查 with deputies from across the city."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from qinglian.npc.choices import ActivityKind
from qinglian.npc.demo import data
from qinglian.npc.demo.ledger import Ledger
from qinglian.npc.demo.state import NpcDemo, Timeline
from qinglian.npc.models import Deputy, DeputyActivity, LiaisonStation
from qinglian.npc.services import stations as services_stations
from qinglian.org.choices import Gender
from qinglian.org.demo import people as names

RECEPTION_MONTHS = range(3, 13)  # the stations receive voters monthly after the plenary session
LEGISLATION_MONTHS = (3, 5, 8, 10)  # one draft a round, put to three or four stations


def build(
    demo: NpcDemo, timeline: Timeline, ledger: Ledger, by_district: dict[str, list[Deputy]]
) -> list[LiaisonStation]:
    """The stations through the service (at the year's start); the activities on the timeline."""
    desk = demo.writers["npc_suggestions"]
    stations: list[tuple[LiaisonStation, list[Deputy]]] = []
    for district in data.DISTRICTS:
        if not district.station:
            continue
        own = by_district[district.name]
        attached = demo.rng.sample(own, min(len(own), max(12, len(own) // 3)))
        born = names.birth_date(demo.rng, demo.rng.randint(30, 50), demo.today)
        station = LiaisonStation(
            name=district.station,
            address=district.address,
            area=district.name,
            contact_name=names.person_name(
                demo.names_rng, demo.rng.choice((Gender.MALE, Gender.FEMALE)), born, demo.registry
            ),
            contact_phone=names.phone(demo.names_rng, demo.registry),
        )
        ids = [d.pk for d in attached]
        services_stations.station_save(station=station, by=desk, deputy_ids=ids)
        stations.append((station, attached))
    everyone = [d for rows in by_district.values() for d in rows]
    add = _adder(demo, timeline, ledger)
    _receptions(demo, add, stations)
    _legislation(demo, add, stations)
    _committee_activities(demo, add, everyone)
    return [s for s, _ in stations]


def _adder(demo: NpcDemo, timeline: Timeline, ledger: Ledger) -> Callable[[DeputyActivity, list[Deputy]], None]:
    desk = demo.writers["npc_suggestions"]

    def add(activity: DeputyActivity, deputies: list[Deputy]) -> None:
        """Entered the same day or within three working days — as services.stations.activity_save would."""
        if activity.date > demo.today:
            return
        activity.organ = demo.organ

        def step() -> None:
            ledger.relate(activity, "deputies", deputies)
            ledger.add(activity, desk)

        timeline.add(min(demo.days.add(activity.date, demo.rng.randint(0, 3)), demo.today), step)

    return add


def _receptions(demo: NpcDemo, add, stations) -> None:
    """Each station's 代表接待选民日 around the 15th of every month from March; two to five deputies."""
    for station, attached in stations:
        for month in RECEPTION_MONTHS:
            day = demo.pick_day(dt.date(demo.year, month, 12), dt.date(demo.year, month, 18))
            activity = DeputyActivity(
                station=station,
                kind=ActivityKind.RECEPTION,
                date=day,
                title=demo.rng.choice(data.RECEPTION_TOPICS),
                place=station.name,
                note="接待群众反映问题，现场答复一部分，其余整理后转交有关部门办理",
            )
            add(activity, demo.rng.sample(attached, demo.rng.randint(2, 5)))


def _legislation(demo: NpcDemo, add, stations) -> None:
    for month, title in zip(LEGISLATION_MONTHS, data.LEGISLATION):
        for station, attached in demo.rng.sample(stations, demo.rng.randint(3, 4)):
            day = demo.pick_day(dt.date(demo.year, month, 3), dt.date(demo.year, month, 26))
            activity = DeputyActivity(
                station=station,
                kind=ActivityKind.LEGISLATION,
                date=day,
                title=title,
                place=station.name,
                note="代表和群众逐条提出修改意见，已汇总报送法制工作委员会",
            )
            add(activity, demo.rng.sample(attached, min(len(attached), demo.rng.randint(6, 10))))


def _committee_activities(demo: NpcDemo, add, everyone: list[Deputy]) -> None:
    """视察, 调研 and 执法检查 organised by the committees, spread from March to December."""
    months = [3, 4, 5, 6, 7, 9, 10, 11, 12]
    for index, (kind, title, place, (fewest, most)) in enumerate(data.ACTIVITIES):
        month = months[index * len(months) // len(data.ACTIVITIES)]
        day = demo.pick_day(dt.date(demo.year, month, 2), dt.date(demo.year, month, 27))
        activity = DeputyActivity(kind=kind, date=day, title=title, place=place, note="")
        add(activity, demo.rng.sample(everyone, demo.rng.randint(fewest, most)))
