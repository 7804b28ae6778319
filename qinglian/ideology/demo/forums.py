"""The demo organ's 一会一报: a year of forums, lectures, report meetings and seminars of 法制工作委员会, each filed by
its cadre (ganbu) and approved up the chain — the head (fuzeren), the supervising leader (fuzhuren), the
foreign-affairs office's written approval recorded by the party-affairs office (dangwei) when a foreign scholar
attends, and the party-affairs office's filing (dangwei) — through services.forums on the replayed clock.

What it holds: lectures on 学习贯彻全会精神, the 立法法 report meeting, a seminar co-hosted with a university with
one foreign scholar (the foreign-affairs approval well before), a lecture approved and then cancelled, the
November lecture held but not yet marked held (ganbu's to-do), and the 宪法宣传周 report meeting filed for early
December, approved by the unit's head and waiting for the supervising leader at the demo's today (fuzhuren's and
shuji's to-do, and the calendar).

Planted, and nothing else:
- IDEO-021 (yellow): the 备案审查 report meeting in September, filed four working days before and finally
  approved the working day before it was held (the lead time is three working days).
Every other forum is filed two to six weeks ahead and approved in time: IDEO-020 and IDEO-022 find nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import WorkingDays, moment
from qinglian.ideology.choices import ForumKind, ForumStep, HostRole, ReviewDecision
from qinglian.ideology.models import Forum
from qinglian.ideology.services.forums import forum_cancel, forum_decide, forum_file, forum_mark_held
from qinglian.org.models import Unit, User

LAW = "法制工作委员会"
LOGINS = ("ganbu", "fuzeren", "fuzhuren", "dangwei")
AUDIENCE = "法工委全体党员干部及机关各委室负责人"


@dataclass(frozen=True)
class Plan:
    month: int
    day: int
    kind: str
    title: str
    topic: str
    speaker: str
    speaker_title: str
    outline: str
    foreign: str = ""  # the foreign participant, when one attends
    co_hosts: str = ""
    late: bool = False  # planted: approved later than the lead time
    cancelled: str = ""  # the reason, when cancelled before the day
    size: int = 60


YEAR_PLAN = (
    Plan(
        3,
        12,
        ForumKind.LECTURE,
        "学习贯彻党的二十届四中全会精神专题讲座",
        "深入学习贯彻党的二十届四中全会精神，推动人大工作高质量发展",
        "王立新",
        "市委党校教授",
        "一、全会的重大意义；二、全会精神的核心要义；三、结合地方立法和监督工作抓好贯彻落实",
    ),
    Plan(
        4,
        16,
        ForumKind.REPORT_MEETING,
        "《中华人民共和国立法法》实施情况报告会",
        "立法法修改后设区的市立法权限和立法程序",
        "陈明",
        "省人大常委会法制工作委员会副主任",
        "一、立法法修改的主要内容；二、设区的市立法权限；三、提高立法质量的实践要求",
        size=80,
    ),
    Plan(
        5,
        21,
        ForumKind.SEMINAR,
        "地方立法比较研究研讨会",
        "地方立法中的公众参与：比较与借鉴",
        "李华 等",
        "城市学院法学院院长",
        "一、国内地方立法公众参与的实践；二、域外立法听证制度的介绍（外籍学者发言，事先审阅讲稿）；三、交流研讨",
        foreign="汉斯·穆勒（德国籍，德国某大学法学院教授），作专题发言",
        co_hosts="城市学院法学院",
        size=45,
    ),
    Plan(
        6,
        18,
        ForumKind.LECTURE,
        "习近平法治思想专题讲座",
        "深入学习贯彻习近平法治思想，做好新时代地方立法工作",
        "赵建国",
        "市委党校法学教研部主任",
        "一、习近平法治思想的核心要义；二、在地方立法中的贯彻落实",
    ),
    Plan(
        7,
        16,
        ForumKind.FORUM,
        "基层立法联系点工作论坛",
        "发挥基层立法联系点作用，践行全过程人民民主",
        "各基层立法联系点负责人",
        "",
        "一、各联系点交流征集意见的做法；二、问题与建议；三、法工委点评",
        size=50,
    ),
    Plan(
        9,
        10,
        ForumKind.LECTURE,
        "学习贯彻全会精神专题辅导报告",
        "学习贯彻党的二十届四中全会精神，提升依法履职能力",
        "周红",
        "市委讲师团成员",
        "一、全会精神解读；二、人大机关干部如何学深悟透、笃行实干",
    ),
    Plan(
        9,
        24,
        ForumKind.REPORT_MEETING,
        "备案审查工作专题报告会",
        "规范性文件备案审查的重点与方法",
        "孙伟",
        "省人大常委会法工委备案审查处处长",
        "一、备案审查制度的发展；二、审查重点和常见问题；三、典型案例",
        late=True,
    ),
    Plan(
        10,
        22,
        ForumKind.LECTURE,
        "数字法治建设专题讲座",
        "数字时代的地方立法回应",
        "吴刚",
        "城市学院法学院教授",
        "一、数字法治的内涵；二、数据立法的地方实践",
        cancelled="报告人临时有公务，活动取消",
    ),
    Plan(
        11,
        12,
        ForumKind.LECTURE,
        "学习贯彻党的二十届四中全会精神第二场辅导讲座",
        "以全会精神指导明年立法计划编制",
        "王立新",
        "市委党校教授",
        "一、全会精神再学习；二、明年立法计划编制的思路和重点",
    ),
)
UPCOMING = Plan(
    12,
    2,
    ForumKind.REPORT_MEETING,
    "国家宪法日暨宪法宣传周专题报告会",
    "弘扬宪法精神，维护宪法权威",
    "刘志强",
    "省社会科学院法学研究所研究员",
    "一、宪法的地位和作用；二、宪法实施和监督；三、人大在宪法实施中的职责",
    size=120,
)


@dataclass
class Cast:
    ganbu: User
    fuzeren: User
    fuzhuren: User
    dangwei: User
    unit: Unit


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "ideology.forums")
    users = {u.username: u for u in User.objects.filter(organ=ctx.organ, username__in=LOGINS)}
    unit = Unit.objects.filter(organ=ctx.organ, name=LAW).first()
    if unit is None or any(name not in users for name in LOGINS):
        ctx.say("一会一报：缺少法工委或演示账号，跳过")
        return
    cast = Cast(users["ganbu"], users["fuzeren"], users["fuzhuren"], users["dangwei"], unit)
    year = ctx.today.year
    days = WorkingDays(dt.date(year, 1, 1), ctx.today, rng)
    for plan in YEAR_PLAN:
        held = days.on_or_after(dt.date(year, plan.month, plan.day))
        if held >= ctx.today:
            continue
        _past(cast, plan, held, days, rng, ctx.today)
    _upcoming(cast, days, ctx.today)
    forums = Forum.objects.filter(organ=ctx.organ)
    ctx.say(f"一会一报 {forums.count()} 场（已举办 {forums.filter(status='held').count()} 场）")


def _forum(cast: Cast, plan: Plan, held: dt.date) -> Forum:
    return Forum(
        organ=cast.unit.organ,
        unit=cast.unit,
        kind=plan.kind,
        host_role=HostRole.CO_HOST if plan.co_hosts else HostRole.HOST,
        co_hosts=plan.co_hosts,
        title=plan.title,
        topic=plan.topic,
        speaker=plan.speaker,
        speaker_title=plan.speaker_title,
        outline=plan.outline,
        audience=AUDIENCE,
        audience_size=plan.size,
        venue="机关报告厅",
        foreign_participants=bool(plan.foreign),
        foreign_detail=plan.foreign,
        held_on=held,
    )


def _past(cast: Cast, plan: Plan, held: dt.date, days: WorkingDays, rng, today: dt.date) -> None:
    """File, approve step by step (in time, or late for the planted one), then hold or cancel."""
    if plan.late:
        filed = days.add(held, -4)
        steps = [(ForumStep.UNIT, filed), (ForumStep.LEADER, days.add(filed, 1)), (ForumStep.PARTY_OFFICE, None)]
        party_on = days.add(held, -1)
    else:
        filed = days.add(held, -rng.randint(26, 30) if plan.foreign else -rng.randint(12, 18))
        unit_on = days.add(filed, rng.randint(0, 1))
        leader_on = days.add(unit_on, rng.randint(1, 2))
        steps = [(ForumStep.UNIT, unit_on), (ForumStep.LEADER, leader_on)]
        if plan.foreign:
            foreign_on = days.add(leader_on, rng.randint(2, 4))
            steps.append((ForumStep.FOREIGN_AFFAIRS, foreign_on))
            leader_on = foreign_on
        steps.append((ForumStep.PARTY_OFFICE, None))
        party_on = days.add(leader_on, 1)
    forum = _at(filed, 10, lambda: forum_file(forum=_forum(cast, plan, held), by=cast.ganbu))
    for step, on in steps:
        _decide(cast, forum, step, on or party_on)
    if plan.cancelled:
        _at(days.add(held, -2), 16, lambda: forum_cancel(forum=forum, reason=plan.cancelled, by=cast.ganbu))
    elif (today - held).days > 14:  # the latest one is held but not yet marked: the applicant's to-do
        _at(days.add(held, 1), 9, lambda: forum_mark_held(forum=forum, by=cast.ganbu))


def _decide(cast: Cast, forum: Forum, step: int, on: dt.date) -> None:
    by = {ForumStep.UNIT: cast.fuzeren, ForumStep.LEADER: cast.fuzhuren}.get(step, cast.dangwei)
    opinion = {
        ForumStep.UNIT: "报告人和内容已审核，同意举办",
        ForumStep.LEADER: "同意",
        ForumStep.FOREIGN_AFFAIRS: f"市外办书面批复同意（市外办〔{on.year}〕{on.month * 3 + 7}号）",
        ForumStep.PARTY_OFFICE: "已备案",
    }[step]
    _at(
        on,
        15,
        lambda: forum_decide(
            forum=forum, step=step, decision=ReviewDecision.APPROVE, opinion=opinion, decided_on=on, by=by
        ),
    )


def _upcoming(cast: Cast, days: WorkingDays, today: dt.date) -> None:
    """The 宪法宣传周 report meeting (or, early in the year, the next lecture) filed two working days ago and
    approved by the unit's head yesterday: waiting for the supervising leader."""
    target = dt.date(today.year, UPCOMING.month, UPCOMING.day)
    soonest = workdays.add_working_days(today, 3)
    held = workdays.roll_forward(target) if soonest <= target <= workdays.add_working_days(today, 25) else soonest
    filed, unit_on = days.add(today, -2), days.add(today, -1)
    forum = _at(filed, 10, lambda: forum_file(forum=_forum(cast, UPCOMING, held), by=cast.ganbu))
    _decide(cast, forum, ForumStep.UNIT, unit_on)


def _at(day: dt.date, hour: int, write):
    with clock.replaying(moment(day, hour)):
        return write()
