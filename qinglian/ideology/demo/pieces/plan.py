"""The demo year's calendar of pieces: which outlet publishes what, when, written by whom."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from qinglian.ideology.choices import Stage
from qinglian.ideology.demo.pieces import texts
from qinglian.ideology.demo.pieces.flow import RETURN, Flow
from qinglian.ideology.models import Outlet

NEWS, NOTICE, WECHAT = "门户网站·工作动态", "门户网站·通知公告", "微信公众号"
VIDEO, ISSUE, BOARD = "微信视频号", "《人大工作通讯》", "机关党建宣传栏"
Write = Callable[..., texts.Text]
# Outlet → (what it publishes, whose unit drafts it).
WRITERS: dict[str, tuple[Write, str]] = {
    NEWS: (texts.news, "law"),
    NOTICE: (texts.notice, "office"),
    WECHAT: (texts.post, "deputies"),
    VIDEO: (texts.video, "deputies"),
    ISSUE: (texts.issue, "office"),
    BOARD: (texts.board, "office"),
}
# The online outlets that keep publishing: (days between pieces until August, from September, the last piece
# between this many and that many days before today).
REGULAR = {NEWS: (42, 12, (6, 2)), WECHAT: (56, 12, (5, 1)), NOTICE: (70, 12, (7, 3))}
AUTUMN_GAP = 13  # from September no online outlet but the video account goes longer than this without a piece
JANUARY = ((NEWS, 6, 9), (NEWS, 14, 16), (NEWS, 26, 28), (NOTICE, 12, 15), (WECHAT, 19, 23), (VIDEO, 20, 23))
JANUARY_PRINTED = ((ISSUE, 20, 23), (BOARD, 12, 16))
TWICE = 1  # the January row whose 复审 and 终审 one leader signed (IDEO-010)


def _session(day: dt.date) -> int:
    """The Standing Committee's session of the month (one a month, the 28th in January)."""
    return 27 + day.month


def url(outlet: str, day: dt.date, n: int = 1) -> str:
    if outlet == ISSUE:
        return f"{day.year}年第{day.month}期"
    if outlet == BOARD:
        return f"{day.year}年第{(day.month - 1) // 3 + 1}期（机关办公楼一楼宣传栏）"
    if outlet == WECHAT:
        return f"https://mp.weixin.qq.com/s/ljrd{day:%Y%m%d}{n:02d}"
    if outlet == VIDEO:
        return f"微信视频号“临江人大”{day:%Y年%m月%d日}发布"
    column = "tzgg" if outlet == NOTICE else "gzdt"
    return f"https://www.ljrd.gov.cn/{column}/{day:%Y%m%d}{n:02d}.html"


def _text(flow: Flow, outlet: str, day: dt.date, counts: dict[str, int]) -> texts.Text:
    """The outlet's next piece (topics rotate with the outlet's count)."""
    write, _ = WRITERS[outlet]
    i = counts[outlet] = counts.get(outlet, -1) + 1
    if outlet in (ISSUE, BOARD):
        n = (day.month - 1) // 3 + 1 if outlet == BOARD else _session(day)
        return write(flow.rng, day.year, day.month, n, i)
    return write(flow.rng, day.month, day.day, _session(day), i)


def paper_january(flow: Flow, outlets: dict[str, Outlet], live: dt.date, counts: dict[str, int]) -> None:
    """January's pieces, reviewed on paper, copied in by the party-affairs office when the system goes live."""
    year = live.year
    for i, (name, first, last) in enumerate((*JANUARY, *JANUARY_PRINTED)):
        day = flow.days.pick(dt.date(year, 1, first), dt.date(year, 1, last))
        if day is None:
            continue
        outlet = outlets[name]
        user = flow.drafter(outlet, WRITERS[name][1], day)
        flow.paper(user, outlet, _text(flow, name, day, counts), day, url(name, day), live, twice=i == TWICE)


def _regular_days(flow: Flow, start: dt.date, today: dt.date, spec: tuple[int, int, tuple[int, int]]) -> list:
    """Publication days from `start`: every `early` days until August, every `late` days from September (no gap
    longer than AUTUMN_GAP: holidays push days), the last within the week before today."""
    early, late, (farthest, nearest) = spec
    autumn = dt.date(today.year, 9, 1)
    last = flow.days.pick(today - dt.timedelta(days=farthest), today - dt.timedelta(days=nearest))
    if last is None:
        return []
    days, day = [], start
    while day < last - dt.timedelta(days=4):
        days.append(flow.days.on_or_after(day))
        day += dt.timedelta(days=(early if day < autumn else late) + flow.rng.randint(-2, 2))
    days = sorted({*days, last})
    filled = [days[0]]
    for day in days[1:]:
        previous = filled[-1] if filled[-1] >= autumn else None
        while day >= autumn and (day - (previous or autumn)).days > AUTUMN_GAP:
            # The latest working day within ten days (before a holiday rather than after it).
            since = previous or autumn - dt.timedelta(days=flow.rng.randint(1, 3))
            later = flow.days.between(since + dt.timedelta(days=1), since + dt.timedelta(days=AUTUMN_GAP - 3))
            previous = later[-1] if later else flow.days.on_or_after(since + dt.timedelta(days=1))
            filled.append(previous)
        filled.append(day)
    return sorted(set(filled))


def published_year(
    flow: Flow, outlets: dict[str, Outlet], live: dt.date, today: dt.date, counts: dict[str, int]
) -> None:
    """February to today: every outlet's pieces through the three stages, the two political slips caught."""
    year, start = today.year, flow.days.add(live, 8)
    plans: list[tuple[dt.date, str]] = []
    for name, spec in REGULAR.items():
        plans += [(day, name) for day in _regular_days(flow, start, today, spec)]
    for month, first, last in ((3, 9, 13), (5, 18, 22), (8, 3, 7), (10, 12, 16)):  # the video account: last mid-October
        plans.append((flow.days.pick(dt.date(year, month, first), dt.date(year, month, last)), VIDEO))
    for month in range(2, 13):  # the monthly issue, printed around the 20th
        plans.append((flow.days.pick(dt.date(year, month, 18), dt.date(year, month, 24)), ISSUE))
    for month in (4, 7, 10):  # the board, changed each quarter
        plans.append((flow.days.pick(dt.date(year, month, 8), dt.date(year, month, 14)), BOARD))
    for n, (day, name) in enumerate(sorted((d, n) for d, n in plans if d is not None and start <= d < today)):
        outlet = outlets[name]
        sensitive = name == NEWS and counts.get(NEWS, 0) % 6 == 3  # news on draft regulations: one level up
        user = flow.drafter(outlet, WRITERS[name][1], day, sensitive)
        flow.through(user, outlet, _text(flow, name, day, counts), day, url(name, day, n % 7 + 1), sensitive)
    slips = ((NEWS, "law", dt.date(year, 4, 20)), (WECHAT, "office", dt.date(year, 9, 15)))
    for (text, wrong, right), (name, pool, around) in zip(texts.POLITICAL_SLIPS, slips, strict=True):
        if around < today - dt.timedelta(days=14):
            outlet = outlets[name]
            user = flow.drafter(outlet, pool, around)
            day = flow.days.on_or_after(around)
            flow.through_political(user, outlet, text, (wrong, right), day, url(name, day, 9))


def pending(flow: Flow, outlets: dict[str, Outlet], today: dt.date, counts: dict[str, int]) -> None:
    """ganbu's pieces still in review at today: pending 终审, pending 复审, and one returned with a second version."""
    ganbu = flow.cast.users["ganbu"]
    back = [flow.days.add(today, -n) for n in range(1, 6)]  # working days before today, nearest first
    news, wechat = outlets[NEWS], outlets[WECHAT]
    final = texts.PENDING_FINAL
    final = texts.Text(final.title, final.body.format(month=back[3].month, day=back[3].day))
    piece = flow.draft(ganbu, news, final, back[3])
    flow.submit(piece, ganbu, back[3])
    signers = flow.chain(piece, back[3])
    flow.sign(piece, Stage.FIRST, signers[0], back[2], 10)
    flow.sign(piece, Stage.SECOND, signers[1], back[1], 15)
    second = _text(flow, WECHAT, back[2], counts)
    piece = flow.draft(ganbu, wechat, second, back[2])
    flow.submit(piece, ganbu, back[2])
    flow.sign(piece, Stage.FIRST, flow.chain(piece, back[2])[0], back[0], 11)
    returned = texts.RETURNED
    body = returned.body.format(month=back[4].month, day=back[4].day)
    piece = flow.draft(ganbu, news, texts.Text(returned.title, body), back[4])
    flow.submit(piece, ganbu, back[4])
    opinion = "“截止目前”应为“截至目前”，日期写作“日”；请核实意见建议的采纳数字后修改"
    flow.sign(piece, Stage.FIRST, flow.chain(piece, back[4])[0], back[3], 16, decision=RETURN, opinion=opinion)
    for wrong, right in texts.RETURNED_FIXES:
        body = body.replace(wrong, right)
    flow.revise(piece, ganbu, f"{returned.title}\n{body}", back[2], note="按初审意见修改")
