"""代表工作 between sessions, counted from the station and activity ledgers: each liaison station holds activities
every quarter (NPC-009), each deputy goes back to the constituency that elected them (NPC-010), takes part in
the activities of their deputies' group (NPC-011) and spends at least fifteen days on duty (NPC-015) every year.

代表法 makes deputies' work between sessions collective, with the deputies' group as its basic form, and keeps
deputies in touch with their constituency; the 浙江 measures (《浙江省实施〈代表法〉办法》) and the province's
guidance on liaison stations set how often. NPC-009…011 were written without those texts at hand, so their figures
are parameters shipped with confidence "unconfirmed": an organ sets its own once it has the text. The measures'
2016 text, read since for NPC-015 (Art.35 ¶1: fifteen days of duty a year), has 代表小组活动一般每年不少于三次
(Art.19 ¶2), which NPC-011 now ships, and a return to the electing unit at least once a year for a deputy who does
not work there (Art.47 ¶2); NPC-010 still asks it of every deputy (the ledger does not record where one works).

Checked for a day, an activity dated after it had not been held, a station or deputy soft-deleted later still
stood, and whether a deputy was in office is read from history (selectors.stations). Periods before the ledger's
first recorded activity are not judged: an organ that starts keeping the ledger this year has no record of last
year here, and last year's gaps would be the system's, not the deputies'. Findings go to the stations desk, which
organises the deputies' activities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import get_args

from qinglian.compliance.choices import Severity
from qinglian.compliance.periods import Kind, Period, recent
from qinglian.compliance.registry import Context, Param, Params, Subject, Verdict, rule
from qinglian.core import workdays
from qinglian.npc.choices import ActivityKind, DeskKind
from qinglian.npc.permissions import desk_unit_id
from qinglian.npc.rules.common import LAW, desk_keeper, unit_head_person_ids
from qinglian.npc.selectors.duty_days import duty_days_as_of
from qinglian.npc.selectors.stations import activities_as_of, deputies_on, stations_on

CATEGORY = "代表工作"
ZJ_DEPUTIES = "《浙江省实施〈中华人民共和国全国人民代表大会和地方各级人民代表大会代表法〉办法》"
UNCHECKED = "（本省办法的具体条款和次数未能核对原文，次数为未核实的参数）"
# 代表法 as last checked in its 2015 text; the 2025 amendment renumbered it and the new numbers are not checked.
COLLECTIVE = f"{LAW}（2015年文本第二十条：代表在闭会期间的活动以集体活动为主，以代表小组活动为基本形式）"
CONSTITUENCY = (
    f"{LAW}（2015年文本第四条第五项：与原选区选民或者原选举单位和人民群众保持密切联系，听取和反映他们的意见和要求；"
    "第四十五条：回答原选区选民或者原选举单位对代表工作和代表活动的询问，接受监督）"
)

MIN_COUNT = Param("min_count", "至少次数", unit="次", minimum=1, maximum=24)
LOOK_BACK_YEARS = Param(
    "look_back_years",
    "检查最近几个年度",
    unit="年",
    minimum=1,
    maximum=5,
    help="2 = 本年度和上一年度；台账开始记录之前的年度不检查",
)
WARN_YEAR = Param(
    "warn_working_days",
    "期末前提醒（工作日）",
    unit="个工作日",
    minimum=0,
    maximum=120,
    period="working_days",
    help="年度活动多在下半年安排，提前一个多月提醒便于补上",
)


def _desk(organ_id: int) -> tuple[int | None, int | None]:
    """The stations desk (人代选工委 or whoever keeps the ledger) and the head of it."""
    desk = desk_unit_id(organ_id, DeskKind.STATIONS)
    return desk, (unit_head_person_ids(organ_id, {desk}).get(desk) if desk else None)


def _short(
    label: str, what: str, held: int, need: int, period: Period, ctx: Context, warn: int, *, unit: str = "次"
) -> Verdict | None:
    """Red once the period ended short — a recorded fact, the period is over; yellow within `warn` working days of
    its last working day."""
    if held >= need:
        return None
    text = f"{label}{period.label}{what}{held}{unit}，应不少于{need}{unit}"
    if period.is_over(ctx.as_of):
        return Verdict(Severity.RED, text, period.due, recorded=True)
    if workdays.working_days_between(ctx.as_of, period.due) <= warn:
        return Verdict(Severity.YELLOW, f"{text}，请于{period.due:%Y-%m-%d}前安排", period.due)
    return None


# --- NPC-009 联络站活动 ------------------------------------------------------------------------------------------


def _period_kind(value: str) -> Kind:
    if value not in get_args(Kind):
        raise ValueError(f"统计周期应为 month、quarter、half 或 year，不是“{value}”")
    return value  # type: ignore[return-value]


def collect_stations(ctx: Context) -> Iterator[Subject]:
    """Each station standing on the day × each period of the window since the ledger began, with the activities
    held at it."""
    periods = recent(_period_kind(ctx.params.per), ctx.as_of, ctx.params.look_back)
    ledger = activities_as_of(organ_id=ctx.organ_id, since=periods[0].start, as_of=ctx.as_of)
    if ledger.first_day is None:
        return
    desk, head = _desk(ctx.organ_id)
    for station in stations_on(organ_id=ctx.organ_id, as_of=ctx.as_of):
        for period in periods:
            if period.end < ledger.first_day:
                continue
            yield Subject(
                type="npc.liaisonstation",
                id=str(station.id),
                label=station.name,
                period=period.key,
                link=f"/npc/stations/{station.id}/",
                unit_id=desk,
                person_id=head,
                data={"held": ledger.count(period.start, period.end, station_id=station.id), "period": period},
            )


@rule(
    code="NPC-009",
    title="代表联络站定期开展代表活动（默认每季度至少一次，次数未核实）",
    basis=f"{COLLECTIVE}；{ZJ_DEPUTIES}及浙江省关于加强人大代表联络站建设的指导意见{UNCHECKED}",
    category=CATEGORY,
    subjects="代表联络站×统计周期（默认季度）",
    severity_policy="周期结束活动次数不足为红色（违规记录）；期末前N个工作日仍不足为黄色",
    params=[
        MIN_COUNT,
        Param("per", "统计周期", kind="str", help="quarter = 每季度（默认）；year = 每年；也可为 month、half"),
        Param(
            "warn_working_days", "期末前提醒（工作日）", unit="个工作日", minimum=0, maximum=60, period="working_days"
        ),
        Param(
            "look_back", "检查最近几个统计周期", unit="个", minimum=1, maximum=24, help="上线初期可设为1，只检查当期"
        ),
    ],
    collect=collect_stations,
    short="联络站活动不足",
    keeper=desk_keeper(DeskKind.STATIONS),
)
def station_active(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    held, period = subject.data["held"], subject.data["period"]
    return _short(subject.label, "开展代表活动", held, p.min_count, period, ctx, p.warn_working_days)


# --- NPC-010 回原选区, NPC-011 代表小组活动 ------------------------------------------------------------------------


def _deputy_collector(kind: str) -> Callable[[Context], Iterator[Subject]]:
    """Each deputy in office on the day × each year of the window since the ledger began, with the activities of
    `kind` they took part in."""

    def collect(ctx: Context) -> Iterator[Subject]:
        periods = recent("year", ctx.as_of, ctx.params.look_back_years)
        ledger = activities_as_of(organ_id=ctx.organ_id, since=periods[0].start, as_of=ctx.as_of)
        if ledger.first_day is None:
            return
        desk, head = _desk(ctx.organ_id)
        for deputy in deputies_on(organ_id=ctx.organ_id, as_of=ctx.as_of):
            for period in periods:
                if period.end < ledger.first_day:
                    continue
                held = ledger.count(period.start, period.end, kind=kind, deputy_id=deputy.id)
                yield Subject(
                    type="npc.deputy",
                    id=str(deputy.id),
                    label=f"{deputy.name}（{deputy.delegation}）" if deputy.delegation else deputy.name,
                    period=period.key,
                    link=f"/npc/activities/?deputy={deputy.id}&year={period.start.year}&kind={kind}",
                    unit_id=desk,
                    person_id=head,
                    data={"held": held, "period": period},
                )

    return collect


@rule(
    code="NPC-010",
    title="代表每年参加回原选区（原选举单位）活动（默认至少一次，次数未核实）",
    basis=f"{CONSTITUENCY}；{ZJ_DEPUTIES}{UNCHECKED}",
    category=CATEGORY,
    subjects="在任代表×年度",
    severity_policy="年度结束未参加为红色（违规记录）；年末前N个工作日仍未参加为黄色",
    params=[MIN_COUNT, WARN_YEAR, LOOK_BACK_YEARS],
    collect=_deputy_collector(ActivityKind.CONSTITUENCY),
    short="代表未回原选区活动",
    keeper=desk_keeper(DeskKind.STATIONS),
)
def back_to_constituency(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    held, period = subject.data["held"], subject.data["period"]
    return _short(subject.label, "参加回原选区活动", held, p.min_count, period, ctx, p.warn_working_days)


@rule(
    code="NPC-011",
    title="代表每年参加代表小组活动一般不少于三次",
    basis=f"{COLLECTIVE}；{ZJ_DEPUTIES}（2016年修正）第十九条第二款（代表小组活动一般每年不少于三次；2023年修订文本未核对）",
    category=CATEGORY,
    subjects="在任代表×年度",
    severity_policy="年度结束次数不足为红色（违规记录）；年末前N个工作日仍不足为黄色",
    params=[MIN_COUNT, WARN_YEAR, LOOK_BACK_YEARS],
    collect=_deputy_collector(ActivityKind.GROUP),
    short="代表小组活动不足",
    keeper=desk_keeper(DeskKind.STATIONS),
)
def group_activities(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    held, period = subject.data["held"], subject.data["period"]
    return _short(subject.label, "参加代表小组活动", held, p.min_count, period, ctx, p.warn_working_days)


# --- NPC-015 闭会期间执行代表职务的时间 -----------------------------------------------------------------------------


def collect_duty_days(ctx: Context) -> Iterator[Subject]:
    """Each deputy in office on the day × each year of the window since the ledger began, with the days of duty
    the activities ledger records for them (selectors.duty_days)."""
    periods = recent("year", ctx.as_of, ctx.params.look_back_years)
    ledger = duty_days_as_of(organ_id=ctx.organ_id, since=periods[0].start, as_of=ctx.as_of)
    if ledger.first_day is None:
        return
    desk, head = _desk(ctx.organ_id)
    for deputy in deputies_on(organ_id=ctx.organ_id, as_of=ctx.as_of):
        for period in periods:
            if period.end < ledger.first_day:
                continue
            yield Subject(
                type="npc.deputy",
                id=str(deputy.id),
                label=f"{deputy.name}（{deputy.delegation}）" if deputy.delegation else deputy.name,
                period=period.key,
                link=f"/npc/activities/?deputy={deputy.id}&year={period.start.year}",
                unit_id=desk,
                person_id=head,
                data={"days": ledger.count(deputy.id, period.start, period.end), "period": period},
            )


@rule(
    code="NPC-015",
    title="代表闭会期间执行代表职务的时间每年一般不少于十五日",
    basis=f"{ZJ_DEPUTIES}（2016年修正）第三十五条第一款（在本级人民代表大会闭会期间，代表执行代表职务所占用的工作时间，"
    "县级以上的地方各级人民代表大会代表一般每年不少于十五日，乡、民族乡、镇的人民代表大会代表一般每年不少于七日）；"
    f"{LAW}第八条第四项（积极参加统一组织的视察、专题调研、执法检查等履职活动）、第四十三条（年度代表工作计划）。"
    "该款规定的是代表所在单位应予保障的时间，本规则据以检查常委会组织的履职活动是否达到该时间",
    category=CATEGORY,
    subjects="在任代表×年度",
    severity_policy="年度结束履职天数不足为红色（违规记录）；年末前N个工作日仍不足为黄色",
    params=[
        Param(
            "min_days",
            "每年至少天数",
            unit="日",
            minimum=1,
            maximum=60,
            help="县级以上人大代表15日，乡镇人大代表7日；按履职活动台账中代表参加活动的日数计，同一天多项活动计一日，"
            "大会期间不计",
        ),
        WARN_YEAR,
        LOOK_BACK_YEARS,
    ],
    collect=collect_duty_days,
    short="代表履职天数不足",
    keeper=desk_keeper(DeskKind.STATIONS),
)
def days_of_duty(subject: Subject, p: Params, ctx: Context) -> Verdict | None:
    days, period = subject.data["days"], subject.data["period"]
    return _short(subject.label, "执行代表职务", days, p.min_days, period, ctx, p.warn_working_days, unit="日")
