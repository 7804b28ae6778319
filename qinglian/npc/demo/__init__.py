"""The npc app's part of the demo organ (see qinglian/core/demo.py for the contract).

This year of 人大履职服务 as it stands on `ctx.today`: the desks (人代选工委 keeps suggestions and liaison stations,
办公室 the meeting materials) with a login each; 25 handling units with their leaders and contacts; about 300
deputies in eight delegations; the plenary session (late January or early February) with 120 suggestions and
about 30 more between sessions, handled through the year; 6 常委会会议 and 30 主任会议 with their agenda items
and materials; six liaison stations and about 110 deputies' activities (each delegation back in its constituency
once and in three group meetings). Everything is planned first and then replayed day by day; nothing after
`today` is recorded, so the year is in progress.

The set-up (desks, units, sessions, stations) goes through the services. The 2,000-odd steps of the year are
replayed on rows in memory by `desk.Desk`, which mirrors the services' checks and status moves, and written in
bulk with one history row per step (`ledger.Ledger`): through the services they would take half a minute.

Slips left for the rules (see `state.Slips`):
- three suggestions replied after the three months, one not replied at all (NPC-001, red);
- three replied without any contact with the deputy (NPC-003, red);
- one re-reply after a 不满意 later than the month (NPC-004, red);
- the materials of the complained-of units (市住建局, 市交通运输局, 市自然资源规划局) often late (NPC-008, red);
- suggestions made between sessions close to their deadline (NPC-001, yellow);
- a liaison station closed for refurbishment in the third quarter (NPC-009, red);
- three deputies not back in their constituency and two at only one group meeting (NPC-010, NPC-011, yellow
  from the warning window before the year's end);
- of the ten key suggestions, one supervision plan drawn up late and one never (NPC-012, red);
- last year's handling report heard by the Standing Committee in December but never published (NPC-013, red);
- two deputies working away from home on duty fewer than fifteen days (NPC-015, yellow before the year's end).
"""

from __future__ import annotations

import datetime as dt

from qinglian.core import clock
from qinglian.core.demo import DemoContext, app_rng
from qinglian.npc.demo import dating, handling, meetings, people, plans, reports, stations
from qinglian.npc.demo.desk import Desk
from qinglian.npc.demo.ledger import Ledger
from qinglian.npc.demo.people import describe_accounts
from qinglian.npc.demo.state import NpcDemo, Timeline, moment
from qinglian.npc.models import (
    Assignment,
    Contact,
    Deputy,
    DeputyActivity,
    MaterialSubmission,
    MeetingAgendaItem,
    NpcMeeting,
    Reply,
    SatisfactionRecord,
    Suggestion,
)
from qinglian.npc.selectors.figures import materials_stats
from qinglian.org.models import Unit

__all__ = ["build", "describe_accounts"]

# The order rows are inserted in: parents first.
ORDER = [
    Suggestion,
    Assignment,
    Contact,
    Reply,
    SatisfactionRecord,
    NpcMeeting,
    MeetingAgendaItem,
    MaterialSubmission,
    DeputyActivity,
]


def build(ctx: DemoContext) -> None:
    demo = NpcDemo(organ=ctx.organ, rng=ctx.random, today=ctx.today)
    people.create_logins(demo, ctx.password)
    known = set(demo.units)
    timeline, ledger = Timeline(ctx.today), Ledger()
    # Last year's ledgers draw from a generator of their own: this year's come out as they would without them.
    previous = demo.last_year(app_rng(ctx.seed, "npc.last_year"))
    opened = moment(min(previous.days.add(dt.date(previous.year, 1, 1), 0), ctx.today))
    start = moment(min(demo.days.add(dt.date(demo.year, 1, 1), 0), ctx.today))
    # The set-up goes through the services on the replayed clock: desks, handling units, deputies and stations
    # when the ledgers began (last January), each year's sessions at its start.
    with clock.replaying(opened):
        ledger.now = opened
        people.set_desks(demo)
        units = people.handling_units(demo, ledger)
        by_district = people.deputies(demo, ledger)
    with clock.replaying(start):
        ledger.now = start
        plenary, interim = people.sessions(demo)
        reports.last_years_report(demo, plenary)
    with clock.replaying(opened):
        ledger.now = opened
        station_rows = stations.build(demo, timeline, ledger, by_district)
    last_steps = _year(previous, Timeline(ctx.today), Ledger(), opened, units, by_district, station_rows)
    desk = Desk(ledger, ctx.organ, ctx.today, demo.writers["npc_suggestions"], demo.writers["leader"])
    recorder = handling.Recorder(demo, timeline, desk)
    for plan in plans.plan_year(demo, plenary, interim, units, by_district):
        recorder.schedule(plan)
    meetings.build(demo, timeline, ledger, {plenary.start + dt.timedelta(days=i) for i in range(4)})
    stations.plan_deputies_work(demo, timeline, ledger, by_district, [s for s, _ in station_rows])
    handling.plan_supervision(recorder)
    stations.plan_duty_days(demo, timeline, ledger, by_district)
    steps = timeline.replay(ledger)
    ledger.flush(ORDER)
    dating.redate(ctx.organ, [u.pk for name, u in demo.units.items() if name not in known])
    describe_accounts(ctx)
    for line in describe(demo, len(units), sum(len(v) for v in by_district.values()), len(station_rows), steps):
        ctx.say(line)
    ctx.say(describe_last_year(previous, last_steps))


def _year(
    demo: NpcDemo,
    timeline: Timeline,
    ledger: Ledger,
    opened: dt.datetime,
    units: dict[str, Unit],
    by_district: dict[str, list[Deputy]],
    station_rows: stations.Stations,
) -> int:
    """Last year's ledgers, planned and replayed as this year's are (its steps into this year included: replies
    to December's suggestions come in the spring), but complete and without slips; the count of steps."""
    with clock.replaying(opened):
        plenary, interim = people.sessions(demo)
    desk = Desk(ledger, demo.organ, demo.today, demo.writers["npc_suggestions"], demo.writers["leader"])
    recorder = handling.Recorder(demo, timeline, desk)
    for plan in plans.plan_year(demo, plenary, interim, units, by_district):
        recorder.schedule(plan)
    meetings.build(demo, timeline, ledger, {plenary.start + dt.timedelta(days=i) for i in range(4)})
    stations.plan_activities(demo, timeline, ledger, by_district, station_rows)
    stations.plan_deputies_work(demo, timeline, ledger, by_district, [s for s, _ in station_rows])
    handling.plan_supervision(recorder)
    stations.plan_duty_days(demo, timeline, ledger, by_district)
    steps = timeline.replay(ledger)
    ledger.flush(ORDER)
    return steps


def describe(demo: NpcDemo, units: int, deputies: int, station_count: int, steps: int) -> list[str]:
    """What was built and the slips left for the rules, in Chinese, for the build's progress lines."""
    organ = demo.organ
    suggestions = Suggestion.objects.filter(organ=organ, year=demo.year)
    meetings_held = NpcMeeting.objects.filter(organ=organ, date__year=demo.year)
    items = MeetingAgendaItem.objects.filter(organ=organ, meeting__date__year=demo.year)
    materials = MaterialSubmission.objects.filter(organ=organ, agenda_item__meeting__date__year=demo.year)
    activities = DeputyActivity.objects.filter(organ=organ, date__year=demo.year)
    slips = demo.slips
    lines = [
        f"承办单位 {units} 个，代表 {deputies} 名；代表建议 {suggestions.count()} 件"
        f"（大会期间 {suggestions.filter(session__kind='plenary').count()} 件），逐日记录 {steps} 步",
        f"常委会会议 {meetings_held.filter(kind='standing').count()} 次、主任会议 "
        f"{meetings_held.filter(kind='chairpersons').count()} 次，议题 {items.count()} 项，"
        f"材料报送 {materials.count()} 份",
        f"代表联络站 {station_count} 个，履职活动 {activities.count()} 次",
    ]
    late, unreplied = slips.seen("late_replies", demo.today), slips.seen("unreplied", demo.today)
    if late or unreplied:
        lines.append(f"留给规则的缺口：逾期答复 {'、'.join(late) or '无'}；逾期未答复 {'、'.join(unreplied) or '无'}")
    if no_contact := slips.seen("no_contact", demo.today):
        lines.append(f"留给规则的缺口：答复前未联系代表 {'、'.join(no_contact)}")
    if late_rereply := slips.seen("late_rereply", demo.today):
        lines.append(f"留给规则的缺口：不满意后逾期重新答复 {'、'.join(late_rereply)}")
    lines += _supervision_slips(demo)
    lines += _deputies_slips(demo)
    late_items = _late_materials(demo)
    if late_items:
        named = "、".join(f"{name} {count} 项" for name, count in late_items)
        lines.append(f"留给规则的缺口：会议材料逾期报送 {sum(c for _, c in late_items)} 项（{named}）")
    return lines


def describe_last_year(demo: NpcDemo, steps: int) -> str:
    """Last year's ledgers in one line: what the year's figures compare with."""
    organ, year = demo.organ, demo.year
    suggestions = Suggestion.objects.filter(organ=organ, year=year)
    meetings_held = NpcMeeting.objects.filter(organ=organ, date__year=year)
    key = suggestions.filter(is_key=True).count()
    return (
        f"上年（{year}年）台账：代表建议 {suggestions.count()} 件（重点督办 {key} 件），"
        f"常委会会议 {meetings_held.filter(kind='standing').count()} 次、主任会议 "
        f"{meetings_held.filter(kind='chairpersons').count()} 次，"
        f"履职活动 {DeputyActivity.objects.filter(organ=organ, date__year=year).count()} 次，逐日记录 {steps} 步；"
        "均已办结，供年度数据同比"
    )


def _deputies_slips(demo: NpcDemo) -> list[str]:
    """The station and deputies' slips the rules can see by today (NPC-009…011)."""
    slips, lines = demo.slips, []
    if closed := slips.seen("closed_station", demo.today):
        lines.append(f"留给规则的缺口：第三季度未开展活动的联络站 {'、'.join(closed)}")
    if no_return := slips.seen("no_return", demo.today):
        lines.append(f"留给规则的缺口：本年度未回原选区 {'、'.join(no_return)}")
    if one_meeting := slips.seen("one_group_meeting", demo.today):
        lines.append(f"留给规则的缺口：本年度只参加一次代表小组活动 {'、'.join(one_meeting)}")
    if short := slips.seen("short_on_duty", demo.today):
        lines.append(f"留给规则的缺口：本年度执行代表职务不足十五日 {'、'.join(short)}")
    return lines


def _supervision_slips(demo: NpcDemo) -> list[str]:
    """The key suggestions' plans and last year's report the rules can see by today (NPC-012, NPC-013)."""
    slips, lines = demo.slips, []
    if late := slips.seen("late_plan", demo.today):
        lines.append(f"留给规则的缺口：逾期制定督办工作方案 {'、'.join(late)}")
    if missing := slips.seen("no_plan", demo.today):
        lines.append(f"留给规则的缺口：未制定督办工作方案 {'、'.join(missing)}")
    if unpublished := slips.seen("unpublished_report", demo.today):
        lines.append(f"留给规则的缺口：已听取未向社会公开的办理情况报告 {'、'.join(unpublished)}")
    return lines


def _late_materials(demo: NpcDemo) -> list[tuple[str, int]]:
    """Units with late materials this year, most first."""
    rows, _ = materials_stats(organ_id=demo.organ.pk, year=demo.year, as_of=demo.today)
    late = [((r.unit_name, r.late)) for r in rows if r.late]
    return sorted(late, key=lambda row: (-row[1], row[0]))
