"""The demo organ's year of pieces (稿件) through the three-stage review, on the outlets the outlets demo opened.

January was reviewed on paper: the party-affairs office (dangwei) copies the paper publication ledger in on the day
the system goes live (services.paper). From February every piece is drafted, proofread by the engine, submitted,
signed 初审 → 复审 → 终审 and published through services.pieces on the replayed clock; printed pieces (《人大工作通讯》
monthly issues, the party-building board) get their three proofreading rounds first. Drafters are cadres of 法工委
(ganbu), the 办公室 and 人代选工委; each stage is signed by the lowest-ranking eligible person with a login (outlet's
responsible person → drafting unit's head → supervising leader → the secretary; sensitive pieces one level up).

Planted, and nothing else:
- IDEO-010 (red): one January paper row whose 复审 and 终审 were signed by the same leader.
- Two pieces whose first version carries a political error (人民当家做主; “一带一路”战略): 终审 returns them, the
  second version fixes it, then 终审 approves and the piece is published (the engine's catch, not a finding).
- IDEO-001 (red, the outlets' rule): the video account publishes last in mid-October; the other online outlets
  publish regularly, the last time within the week before today.
- At today: a piece of ganbu pending 终审 (fuzhuren), one pending 复审 (fuzeren), and one returned to ganbu with an
  opinion and a second version whose proofreading differs from the first.
Paper rows are signed at the right levels, 终审 before publication, three rounds for printed ones: IDEO-011/012/013
find nothing.
"""

from __future__ import annotations

import datetime as dt

from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import WorkingDays
from qinglian.ideology.demo.pieces import plan
from qinglian.ideology.demo.pieces.cast import Cast, cast_of
from qinglian.ideology.demo.pieces.flow import Flow
from qinglian.ideology.models import Outlet, Piece

NEWS, NOTICE, WECHAT = "门户网站·工作动态", "门户网站·通知公告", "微信公众号"
VIDEO, ISSUE, BOARD = "微信视频号", "《人大工作通讯》", "机关党建宣传栏"
OUTLETS = (NEWS, NOTICE, WECHAT, VIDEO, ISSUE, BOARD)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "ideology.pieces")
    outlets = {o.name: o for o in Outlet.objects.filter(organ=ctx.organ, name__in=OUTLETS).select_related("owner")}
    if len(outlets) < len(OUTLETS):
        ctx.say(f"稿件：缺少阵地（{'、'.join(n for n in OUTLETS if n not in outlets)}），跳过")
        return
    cast: Cast | None = cast_of(ctx, outlets.values())
    if cast is None:
        ctx.say("稿件：缺少演示账号，跳过")
        return
    year = ctx.today.year
    days = WorkingDays(dt.date(year, 1, 1), ctx.today, rng)
    flow = Flow(cast, days, rng)
    live = days.on_or_after(dt.date(year, 2, 2))
    counts: dict[str, int] = {}  # pieces per outlet so far: their topics rotate
    plan.paper_january(flow, outlets, live, counts)
    plan.published_year(flow, outlets, live, ctx.today, counts)
    plan.pending(flow, outlets, ctx.today, counts)
    pieces = Piece.objects.filter(organ=ctx.organ)
    ctx.say(f"稿件 {pieces.count()} 篇（已发布 {pieces.filter(status='published').count()} 篇）")
