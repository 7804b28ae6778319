"""The demo organ's public-opinion register (舆情): six events over the year, registered and handled by the
party-affairs officer (dangwei) through the services on the replayed clock, each step at its own moment:

- February: a deputy's remark in a 法工委 legislative hearing reposted online out of context (一般, 舆情监测);
- April: a citizen's complaint on the message board that the website's notices column has dead links (一般, 群众反映);
- June: a number misquoted in a WeChat news piece, pointed out by readers (一般, 媒体报道) — the planted lapse;
- August: a self-media account twisting the Standing Committee's review of a draft regulation, passed on by the
  network-information office (较大, 网信部门转办), answered within hours and reported upward the same day;
- September: unverified news about the organ forwarded in the work chat group (一般, 自行发现);
- a few working days before today: readers questioning a figure of a law-enforcement inspection report (一般,
  舆情监测), answered in time and still being handled — the one open event.

Every event but the last is closed a few working days after it was found. Planted, and nothing else: the June event
is found on a Friday evening and first answered the next working day's morning — past the 24 hours of a general
event (IDEO-040 yellow, recorded). IDEO-041 finds nothing (the serious event is reported well within 12 hours).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from qinglian.core import clock
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import WorkingDays, moment
from qinglian.ideology.choices import OpinionLevel, OpinionSource
from qinglian.ideology.models import OpinionEvent, Outlet
from qinglian.ideology.services import opinion as services
from qinglian.org.models import Person, Unit, User

LAW, OFFICE = "法制工作委员会", "办公室"
PLANTED = "微信公众号推文中常委会审议数据引用错误被网民指出"


@dataclass(frozen=True)
class Spec:
    title: str
    source: str
    level: str
    month: int  # 0: a few working days before today
    unit: str
    who: str  # "fuzeren" / "ganbu": that login's person; otherwise the named outlet's responsible person
    outlet: str
    summary: str
    response: str
    handling: str
    reported_to: str = ""
    late: bool = False  # the planted lapse: found on a Friday evening, answered the next working day


EVENTS = (
    Spec(
        "代表在立法座谈会上的发言被断章取义转发",
        OpinionSource.MONITORING,
        OpinionLevel.GENERAL,
        2,
        LAW,
        "fuzeren",
        "",
        "一名市人大代表在法工委召开的条例草案立法座谈会上的发言被截取片段，在本地论坛和短视频平台转发，引发部分网民误解。",
        "联系发帖平台核实来源，与代表本人沟通，准备发言完整内容和座谈会情况说明",
        "经与代表沟通，在门户网站发布座谈会综述，完整介绍代表发言和草案修改情况；相关帖子经平台核实后加注说明，舆情平息。",
    ),
    Spec(
        "群众反映门户网站通知公告栏目链接失效",
        OpinionSource.PUBLIC,
        OpinionLevel.GENERAL,
        4,
        OFFICE,
        "",
        "门户网站·通知公告",
        "群众在市长信箱和网站留言板反映，常委会门户网站通知公告栏目多条公告附件无法下载、部分链接失效。",
        "回复留言致歉，通知网站运维单位排查失效链接",
        "运维单位修复失效链接23处、补传附件6个，办公室逐条核对后回复留言群众，群众表示满意；建立栏目月度巡检制度。",
    ),
    Spec(
        PLANTED,
        OpinionSource.MEDIA,
        OpinionLevel.GENERAL,
        6,
        OFFICE,
        "",
        "微信公众号",
        "“临江人大”微信公众号一篇关于常委会审议计划执行情况的推文，将“审议报告12项”误写为“审议报告21项”，"
        "被网民留言指出，有本地自媒体转载质疑。",
        "核实原始材料，撤回原推文并发布更正说明，联系转载账号更正",
        "发布更正说明并重新推送正确稿件，联系转载的自媒体账号删除或更正原文；对撰稿和审核环节开展提醒谈话，"
        "重申数据核对要求。",
        late=True,
    ),
    Spec(
        "自媒体账号歪曲解读常委会对条例草案的审议意见",
        OpinionSource.NETWORK_REPORT,
        OpinionLevel.SERIOUS,
        8,
        LAW,
        "fuzeren",
        "",
        "市委网信办转办：某自媒体账号发文称常委会审议条例草案时“放宽监管要求”，歪曲审议意见，阅读量较快上升。",
        "研判为较大舆情，起草情况说明，请网信部门协调平台处置不实信息",
        "在门户网站和微信公众号发布条例草案审议情况说明，网信部门协调平台对不实文章作删除处理；"
        "向市委宣传部、市委网信办报送处置情况，舆情平息。",
        reported_to="市委宣传部、市委网信办",
    ),
    Spec(
        "机关工作群内转发未经核实的涉人大信息",
        OpinionSource.SELF_FOUND,
        OpinionLevel.GENERAL,
        9,
        OFFICE,
        "",
        "机关工作群",
        "机关工作群内有人转发一则关于常委会人事安排的网传消息，内容未经核实。",
        "群管理员撤回消息并在群内提醒不得转发未经核实的信息",
        "经核实系网络谣言，已在群内说明；机关党委重申工作群管理规定，对转发人进行提醒谈话。",
    ),
    Spec(
        "网民质疑执法检查报告中引用的数据",
        OpinionSource.MONITORING,
        OpinionLevel.GENERAL,
        0,
        LAW,
        "ganbu",
        "",
        "常委会执法检查报告在媒体刊发后，有网民在微博留言质疑报告中引用的案件数量与有关部门公开数据不一致。",
        "联系有关部门核对数据口径，准备口径说明",
        "已与有关部门核对，数据统计口径不同，正在起草说明材料。",
    ),
)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "ideology.opinion")
    keeper = User.objects.filter(organ=ctx.organ, username="dangwei").first()
    units = {u.name: u for u in Unit.objects.filter(organ=ctx.organ, name__in=(LAW, OFFICE))}
    if keeper is None or len(units) < 2:
        ctx.say("舆情事件：缺少机关党委账号或委室，跳过")
        return
    days = WorkingDays(dt.date(ctx.today.year, 1, 1), ctx.today, rng)
    steps: list[tuple[dt.datetime, int, Callable[[], object]]] = []
    for index, spec in enumerate(EVENTS):
        found = _found(spec, days, ctx.today)
        if found is None:
            continue
        steps += _plan(ctx, spec, index, found, days, keeper, units[spec.unit])
    for when, _, write in sorted(steps, key=lambda s: (s[0], s[1])):
        with clock.replaying(when):
            write()
    ctx.say(f"舆情事件 {OpinionEvent.objects.filter(organ=ctx.organ).count()} 起")


def _found(spec: Spec, days: WorkingDays, today: dt.date) -> dt.datetime | None:
    """When it was found: a working day of its month (a Friday evening for the planted one), or a few working days
    before today for the open one; None when that is still to come."""
    rng = days.rng
    if spec.month == 0:
        day = days.add(today, -rng.randint(3, 5))
        return moment(day, rng.randint(9, 11), rng.choice((5, 20, 35, 50)))
    if spec.month >= today.month:
        return None
    year = today.year
    last = (dt.date(year, spec.month + 1, 1) - dt.timedelta(days=1)) if spec.month < 12 else dt.date(year, 12, 31)
    choices = days.between(dt.date(year, spec.month, 5), last)
    if spec.late:
        choices = [d for d in choices if d.weekday() == 4 and days.add(d, 1) - d <= dt.timedelta(days=3)]
    if not choices:
        return None
    day = rng.choice(choices)
    if spec.late:
        return moment(day, 17, 40)
    return moment(day, rng.randint(9, 14), rng.choice((0, 10, 25, 40)))


def _plan(ctx, spec: Spec, index: int, found: dt.datetime, days: WorkingDays, keeper: User, unit: Unit) -> list:
    """The event's writes, each at its moment: registered, answered, reported (serious), closed."""
    rng = days.rng
    minutes = dt.timedelta(minutes=1)
    outlet = Outlet.objects.filter(organ=ctx.organ, name=spec.outlet).first() if spec.outlet else None
    event = OpinionEvent(
        organ=ctx.organ,
        title=spec.title,
        source=spec.source,
        level=spec.level,
        found_at=found,
        summary=spec.summary,
        unit=unit,
        responsible=_responsible(ctx, spec, outlet),
        outlet=outlet,
    )
    found_day = found.date()
    if spec.late:
        answered = moment(days.add(found_day, 1), 10, rng.choice((0, 15, 30)))
    else:
        answered = found + rng.randint(40, 240) * minutes
    out = [
        (found + rng.randint(10, 30) * minutes, index, lambda: services.event_save(event=event, by=keeper)),
        (answered, index, lambda: _respond(event, answered, spec.response, keeper)),
    ]
    if spec.reported_to:
        reported = answered + rng.randint(60, 300) * minutes
        out.append((reported, index, lambda: _report(event, reported, spec.reported_to, keeper)))
    if spec.month:
        closed_on = days.add(found_day, rng.randint(3, 8))
        if closed_on < ctx.today:
            out.append((moment(closed_on, 16), index, lambda: _close(event, closed_on, spec.handling, keeper)))
    else:
        at = moment(days.add(found_day, 1), 15) if days.add(found_day, 1) < ctx.today else answered + 60 * minutes
        out.append((at, index, lambda: _handle(event, spec.handling, keeper)))
    return out


def _responsible(ctx: DemoContext, spec: Spec, outlet: Outlet | None) -> Person | None:
    if spec.who:
        user = User.objects.filter(organ=ctx.organ, username=spec.who).select_related("person").first()
        return user.person if user is not None else None
    return outlet.owner if outlet is not None else None


def _respond(event: OpinionEvent, at: dt.datetime, measure: str, keeper: User) -> object:
    return services.event_respond(event=event, at=at, measure=measure, by=keeper)


def _report(event: OpinionEvent, at: dt.datetime, to: str, keeper: User) -> object:
    return services.event_report(event=event, at=at, to=to, by=keeper)


def _handle(event: OpinionEvent, text: str, keeper: User) -> object:
    return services.event_handle(event=event, handling=text, by=keeper)


def _close(event: OpinionEvent, on: dt.date, text: str, keeper: User) -> object:
    return services.event_close(event=event, closed_on=on, handling=text, by=keeper)
