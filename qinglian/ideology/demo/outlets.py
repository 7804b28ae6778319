"""The demo organ's outlets (意识形态阵地): two website columns, the WeChat official account and the WeChat video
account (both filed 政务新媒体, on different platforms), the internal publication 《人大工作通讯》, the party-building
board, the work chat group and the lecture hall — registered by the party-affairs officer (dangwei) through the
services on the first working day of the demo year, when the register goes live. Each was opened years before and
each has its responsible person: a cadre of its unit who heads nothing, has no login of their own and has not moved
this year (so the pieces demo can give them one to sign 初审, and IDEO-002 finds them in the organ all year).

Planted here: nothing. The one outlet lapse (IDEO-001 on 微信视频号, silent since mid-October) is the pieces demo's:
it stops publishing there. IDEO-002/003/004 find nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from qinglian.core import clock
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import WorkingDays, moment
from qinglian.ideology.choices import OutletKind, Platform, ReviewerLevel
from qinglian.ideology.models import Outlet
from qinglian.ideology.services.outlets import outlet_save
from qinglian.org.models import LeadingGroupMember, Person, Unit, User
from qinglian.org.selectors import unit_heads

OFFICE, RESEARCH, PARTY = "办公室", "研究室", "机关党委（机关纪委）"
D = dt.date


@dataclass(frozen=True)
class Spec:
    name: str
    kind: str
    unit: str
    posts: tuple[str, ...]  # the owner's post, in order of preference (any stable cadre of the unit after them)
    opened_on: dt.date
    platform: str = ""
    account: str = ""
    filed_on: dt.date | None = None
    filing_no: str = ""
    note: str = ""


OUTLETS = (
    Spec(
        "门户网站·工作动态",
        OutletKind.WEBSITE_COLUMN,
        OFFICE,
        ("新闻宣传科长",),
        D(2012, 3, 1),
        account="https://www.ljrd.gov.cn/gzdt/",
    ),
    Spec(
        "门户网站·通知公告",
        OutletKind.WEBSITE_COLUMN,
        OFFICE,
        ("一级主任科员", "二级主任科员"),
        D(2012, 3, 1),
        account="https://www.ljrd.gov.cn/tzgg/",
    ),
    Spec(
        "微信公众号",
        OutletKind.WECHAT_ACCOUNT,
        OFFICE,
        ("二级主任科员", "三级主任科员"),
        D(2016, 5, 18),
        platform=Platform.WECHAT,
        account="临江人大",
        filed_on=D(2016, 6, 2),
        filing_no="临网信备〔2016〕031号",
    ),
    Spec(
        "微信视频号",
        OutletKind.VIDEO_ACCOUNT,
        OFFICE,
        ("三级主任科员", "四级主任科员"),
        D(2021, 9, 6),
        platform=Platform.WECHAT_CHANNELS,
        account="临江人大",
        filed_on=D(2021, 9, 24),
        filing_no="临网信备〔2021〕114号",
    ),
    Spec(
        "《人大工作通讯》",
        OutletKind.PUBLICATION,
        RESEARCH,
        ("三级调研员", "四级调研员"),
        D(2005, 1, 10),
        account="月刊，内部资料",
        note="内部资料性出版物，每月一期",
    ),
    Spec(
        "机关党建宣传栏", OutletKind.BULLETIN_BOARD, PARTY, ("二级主任科员",), D(2018, 7, 1), account="机关办公楼一楼"
    ),
    Spec("机关工作群", OutletKind.CHAT_GROUP, OFFICE, ("四级主任科员", "科员"), D(2020, 2, 10), account="临江人大机关"),
    Spec("机关讲堂", OutletKind.LECTURE_HALL, PARTY, ("四级主任科员", "科员"), D(2019, 3, 1), account="机关三楼报告厅"),
)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "ideology.outlets")
    keeper = User.objects.filter(organ=ctx.organ, username="dangwei").first()
    units = {u.name: u for u in Unit.objects.filter(organ=ctx.organ, name__in=(OFFICE, RESEARCH, PARTY))}
    if keeper is None or len(units) < 3:
        ctx.say("意识形态阵地：缺少机关党委账号或委室，跳过")
        return
    year = ctx.today.year
    live = WorkingDays(D(year, 1, 1), ctx.today, rng).on_or_after(D(year, 1, 2))
    pool = _Pool(ctx, units.values())
    with clock.replaying(moment(live, 10)):
        for spec in OUTLETS:
            if Outlet.objects.filter(organ=ctx.organ, name=spec.name).exists():
                continue
            unit = units[spec.unit]
            outlet = Outlet(
                organ=ctx.organ,
                name=spec.name,
                kind=spec.kind,
                platform=spec.platform,
                account=spec.account,
                unit=unit,
                owner=pool.owner(unit, spec.posts),
                first_level=ReviewerLevel.OUTLET_EDITOR,
                second_level=ReviewerLevel.UNIT_HEAD,
                final_level=ReviewerLevel.SUPERVISING_LEADER,
                opened_on=spec.opened_on,
                filed_on=spec.filed_on,
                filing_no=spec.filing_no,
                note=spec.note,
            )
            outlet_save(outlet=outlet, by=keeper, reason="阵地登记（系统启用）")
    ctx.say(f"意识形态阵地 {Outlet.objects.filter(organ=ctx.organ).count()} 个")


class _Pool:
    """The cadres who may answer for an outlet: active, in the unit all year, heading nothing, no leader of the
    Party group, without a login (the demo's logins draft and sign elsewhere), each chosen once."""

    def __init__(self, ctx: DemoContext, units) -> None:
        unit_ids = {u.pk for u in units}
        heads = {pk for people in unit_heads(ctx.organ.pk, unit_ids).values() for pk in people}
        leaders = set(LeadingGroupMember.objects.filter(organ=ctx.organ).values_list("person_id", flat=True))
        logins = set(User.objects.filter(organ=ctx.organ, person__isnull=False).values_list("person_id", flat=True))
        start = timezone.make_aware(dt.datetime(ctx.today.year, 1, 1))
        people = Person.objects.filter(organ=ctx.organ, unit_id__in=unit_ids, is_active=True).order_by("pk")
        moved = set(
            Person.history.filter(id__in=people.values("pk"), history_date__gte=start)
            .exclude(history_type="+")
            .values_list("id", flat=True)
        )
        self.used = heads | leaders | logins | moved
        self.people = list(people)

    def owner(self, unit: Unit, posts: tuple[str, ...]) -> Person | None:
        free = [p for p in self.people if p.unit_id == unit.pk and p.pk not in self.used]
        chosen = next((p for post in posts for p in free if p.post == post), None)
        chosen = chosen or next((p for p in free if "科员" in p.post), None) or (free[0] if free else None)
        if chosen is not None:
            self.used.add(chosen.pk)
        return chosen
