"""Six liaison stations (代表联络站), one in each larger district, with a contact person and the deputies
attached; a year of activities — the monthly 接待选民 at every station, 立法征求意见 rounds, the
committees' 视察, 调研 and 执法检查 with deputies from across the city, and each delegation's return to its
constituency and deputies' group meetings (`plan_deputies_work`).

Each delegation also goes on five collective tours (集中视察, 专题调研) of two or three days (`plan_duty_days`), so
every deputy spends at least fifteen days a year on duty (NPC-015).

Left for the rules: one station closed for refurbishment in the third quarter (NPC-009), three deputies who do
not go back to their constituency (NPC-010), two who come to only one group meeting (NPC-011) and two, working
away from home, who join none of the tours (NPC-015)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from qinglian.compliance.periods import containing
from qinglian.core import workdays
from qinglian.npc.choices import ActivityKind
from qinglian.npc.demo import data
from qinglian.npc.demo.ledger import Ledger
from qinglian.npc.demo.state import NpcDemo, Timeline
from qinglian.npc.models import Deputy, DeputyActivity, LiaisonStation
from qinglian.npc.selectors.common import rule_params
from qinglian.npc.services import stations as services_stations
from qinglian.org.choices import Gender
from qinglian.org.demo import people as names

RECEPTION_MONTHS = range(3, 13)  # the stations receive voters monthly after the plenary session
LEGISLATION_MONTHS = (3, 5, 8, 10)  # one draft a round, put to three or four stations


Stations = list[tuple[LiaisonStation, list[Deputy]]]  # each station with the deputies attached to it


def build(demo: NpcDemo, timeline: Timeline, ledger: Ledger, by_district: dict[str, list[Deputy]]) -> Stations:
    """The stations through the service (on the set-up's clock); this year's activities on the timeline."""
    stations = open_stations(demo, by_district)
    plan_activities(demo, timeline, ledger, by_district, stations)
    return stations


def open_stations(demo: NpcDemo, by_district: dict[str, list[Deputy]]) -> Stations:
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
    return stations


def plan_activities(
    demo: NpcDemo, timeline: Timeline, ledger: Ledger, by_district: dict[str, list[Deputy]], stations: Stations
) -> None:
    """The year's receptions, legislation rounds and committees' activities (`demo.year`'s)."""
    everyone = [d for rows in by_district.values() for d in rows]
    add = _adder(demo, timeline, ledger)
    _receptions(demo, add, stations)
    _legislation(demo, add, stations)
    _committee_activities(demo, add, everyone)


def _adder(demo: NpcDemo, timeline: Timeline, ledger: Ledger) -> Callable[..., None]:
    desk = demo.writers["npc_suggestions"]

    def add(activity: DeputyActivity, deputies: list[Deputy], *, held: bool = True) -> None:
        """Entered the same day or within three working days — as services.stations.activity_save would.

        An activity not `held` (the station was closed) keeps its place in the plan and in the random draws, so
        the rest of the year comes out as it would have; nothing is written for it."""
        if activity.date > demo.today:
            return
        activity.organ = demo.organ

        def step() -> None:
            if held:
                ledger.relate(activity, "deputies", deputies)
                ledger.add(activity, desk)

        timeline.add(min(demo.days.add(activity.date, demo.rng.randint(0, 3)), demo.today), step)

    return add


def _closed(demo: NpcDemo, station: LiaisonStation, day: dt.date) -> bool:
    """The station closed for refurbishment (data.CLOSED_STATION) holds nothing in its closed months (this year)."""
    return demo.plants_slips and station.name == data.CLOSED_STATION and day.month in data.CLOSED_MONTHS


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
            add(activity, demo.rng.sample(attached, demo.rng.randint(2, 5)), held=not _closed(demo, station, day))


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
            deputies = demo.rng.sample(attached, min(len(attached), demo.rng.randint(6, 10)))
            add(activity, deputies, held=not _closed(demo, station, day))


def _committee_activities(demo: NpcDemo, add, everyone: list[Deputy]) -> None:
    """视察, 调研 and 执法检查 organised by the committees, spread from March to December."""
    months = [3, 4, 5, 6, 7, 9, 10, 11, 12]
    for index, (kind, title, place, (fewest, most)) in enumerate(data.ACTIVITIES):
        month = months[index * len(months) // len(data.ACTIVITIES)]
        day = demo.pick_day(dt.date(demo.year, month, 2), dt.date(demo.year, month, 27))
        activity = DeputyActivity(kind=kind, date=day, title=title, place=place, note="")
        add(activity, demo.rng.sample(everyone, demo.rng.randint(fewest, most)))


# --- each delegation's constituency and group work (NPC-010, NPC-011) --------------------------------------------


def plan_deputies_work(
    demo: NpcDemo, timeline: Timeline, ledger: Ledger, by_district: dict[str, list[Deputy]], stations: list
) -> None:
    """Each delegation back in its constituency in June (at its district's station, if any) and in group meetings
    in April, July and October; the slips (data.NO_RETURN, data.ONE_GROUP_MEETING) chosen up front.

    Planned after the rest of the year, with a generator of its own, so that nothing else in the demo moves."""
    rng = random.Random(f"{demo.rng.getstate()[1][:8]}:deputies")
    everyone = [d for district in data.DISTRICTS for d in by_district[district.name]]
    picked = rng.sample(everyone, data.NO_RETURN + data.ONE_GROUP_MEETING) if demo.plants_slips else []
    no_return, one_meeting = picked[: data.NO_RETURN], picked[data.NO_RETURN :]
    station_of = {station.area: station for station in stations}
    desk = demo.writers["npc_suggestions"]

    def add(activity: DeputyActivity, deputies: list[Deputy]) -> None:
        if activity.date > demo.today:
            return
        activity.organ = demo.organ

        def step() -> None:
            ledger.relate(activity, "deputies", deputies)
            ledger.add(activity, desk)

        timeline.add(min(demo.days.add(activity.date, rng.randint(0, 3)), demo.today), step)

    for district in data.DISTRICTS:
        own = by_district[district.name]
        station = station_of.get(district.name)
        day = rng.choice(_working_days(demo, data.CONSTITUENCY_MONTH))
        back = DeputyActivity(
            station=station,
            kind=ActivityKind.CONSTITUENCY,
            date=day,
            title=f"市人大代表回{district.name}（原选举单位）联系群众、报告履职情况",
            place=station.name if station else f"{district.name}人大常委会",
            note="代表向原选举单位报告履职情况，听取选民意见建议",
        )
        add(back, [d for d in own if d not in no_return])
        regulars = [d for d in own if d not in one_meeting]
        missing = {d.pk: rng.randrange(len(data.GROUP_MONTHS)) for d in regulars if rng.random() < data.GROUP_MISSED}
        for index, month in enumerate(data.GROUP_MONTHS):
            group = DeputyActivity(
                kind=ActivityKind.GROUP,
                date=rng.choice(_working_days(demo, month)),
                title=f"{district.name}代表小组集中活动",
                place=f"{district.name}人大常委会",
                note="代表小组学习交流，酝酿代表建议",
            )
            came = [d for d in own if missing.get(d.pk) != index and (d not in one_meeting or index == 0)]
            add(group, came)
    if demo.plants_slips:
        _record_slips(demo, no_return, one_meeting)


def _working_days(demo: NpcDemo, month: int) -> list[dt.date]:
    first = dt.date(demo.year, month, 1)
    return demo.days.between(first, containing("month", first).end)


def _record_slips(demo: NpcDemo, no_return: list[Deputy], one_meeting: list[Deputy]) -> None:
    """The slips, each from the first day the rule flags it with the parameters shipped for it."""

    def flagged(code: str, due: dt.date) -> dt.date:
        params = rule_params(code, organ_id=demo.organ.pk, on=demo.today)
        return workdays.add_working_days(due, -params.warn_working_days)

    quarter = containing("quarter", dt.date(demo.year, data.CLOSED_MONTHS[0], 1))
    year = containing("year", demo.today)
    demo.slips.closed_station.append((data.CLOSED_STATION, flagged("NPC-009", quarter.due)))
    demo.slips.no_return += [(_label(d), flagged("NPC-010", year.due)) for d in no_return]
    demo.slips.one_group_meeting += [(_label(d), flagged("NPC-011", year.due)) for d in one_meeting]


def _label(deputy: Deputy) -> str:
    """As the rules name a deputy."""
    return f"{deputy.name}（{deputy.delegation}）"


# --- each delegation's collective tours: the days of duty (NPC-015) -------------------------------------------


def plan_duty_days(demo: NpcDemo, timeline: Timeline, ledger: Ledger, by_district: dict[str, list[Deputy]]) -> None:
    """Each delegation's tours (data.DUTY_TOURS), every deputy of it taking part but the slips (data.SHORT_ON_DUTY),
    drawn from the delegations without a station and from deputies the other slips did not take.

    Planned last, with a generator of its own and fixed hours, so that nothing else in the demo moves."""
    rng = random.Random(f"{demo.rng.getstate()[1][:8]}:duty")
    taken = {label for label, _ in demo.slips.no_return + demo.slips.one_group_meeting}
    away = [
        d
        for district in data.DISTRICTS
        if not district.station
        for d in by_district[district.name]
        if _label(d) not in taken
    ]
    short = rng.sample(away, data.SHORT_ON_DUTY) if demo.plants_slips else []
    desk = demo.writers["npc_suggestions"]
    for district in data.DISTRICTS:
        came = [d for d in by_district[district.name] if d not in short]
        for month, days, kind, title in data.DUTY_TOURS:
            start = rng.choice(_runs(demo, month, days))
            if start > demo.today:
                continue
            tour = DeputyActivity(
                organ=demo.organ,
                kind=kind,
                date=start,
                days=days,
                title=title.format(district=district.name),
                place=f"{district.name}及全市相关点位",
                note="代表小组集体活动，形成视察（调研）报告转交有关部门研究处理",
            )

            def step(tour: DeputyActivity = tour, came: list[Deputy] = came) -> None:
                ledger.relate(tour, "deputies", came)
                ledger.add(tour, desk)

            timeline.add(min(demo.days.add(start + dt.timedelta(days=days - 1), 1), demo.today), step, 16)
    if short:
        year = containing("year", demo.today)
        params = rule_params("NPC-015", organ_id=demo.organ.pk, on=demo.today)
        flagged = workdays.add_working_days(year.due, -params.warn_working_days)
        demo.slips.short_on_duty += [(_label(d), flagged) for d in short]


def _runs(demo: NpcDemo, month: int, days: int) -> list[dt.date]:
    """Working days of the month's first part that start `days` working days in a row (no weekend inside a tour)."""
    first = dt.date(demo.year, month, 1)
    working = set(demo.days.between(first, first + dt.timedelta(days=40)))
    last = dt.date(demo.year, month, data.DUTY_TOUR_LAST_DAY)
    return [
        day for day in demo.days.between(first, last) if all(day + dt.timedelta(days=i) in working for i in range(days))
    ]
