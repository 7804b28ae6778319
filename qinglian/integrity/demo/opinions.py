"""The demo organ's 党风廉政意见回复: before each batch of promotions of the last two years, the personnel officer
(renshi) asks the stationed group (jijian) in writing; the group answers on time, nearly always 无反映问题. One
candidate drew 有问题 (a lead being checked) and was not promoted. Runs last among the integrity parts, so each
person's summary is drafted from the talks, reports, rectification and gifts already in the ledgers.

Left for the rules, and nothing else:
- one reply given after the deadline (INT-010, red, recorded) — still before the promotion, so INT-011 is content;
- one promotion for which nobody asked (INT-011, red, recorded);
- one request sent two working days ago, well within its deadline: no finding (not even the yellow warning, which
  starts three working days before the deadline).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import moment
from qinglian.integrity.choices import OpinionConclusion, OpinionPurpose
from qinglian.integrity.models import OpinionItem
from qinglian.integrity.services import opinions as services
from qinglian.org.choices import PersonnelEventKind, UnitKind
from qinglian.org.models import Person, PersonnelEvent, User

LATE_WORKING_DAYS = 3  # how late the one late reply is
REPLY_DAYS = 10  # the shipped INT-010 deadline the demo's group keeps to
ISSUE_TEXT = "该同志有反映问题线索正在核查，核查结束前建议暂缓"
TITLE = "关于征求{}等同志党风廉政意见的函"


def _wd(day: dt.date, n: int) -> dt.date:
    return workdays.add_working_days(day, n) if n >= 0 else _back(day, -n)


def _back(day: dt.date, n: int) -> dt.date:
    for _ in range(n):
        day = workdays.previous_working_day(day)
    return day


def _window_start(today: dt.date) -> dt.date:
    """The first day the rules look at (look_back_years = 2: last year and this)."""
    return dt.date(today.year - 1, 1, 1)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "integrity.opinions")
    renshi = User.objects.get(organ=ctx.organ, username="renshi")
    jijian = User.objects.get(organ=ctx.organ, username="jijian")
    since = dt.date(ctx.today.year - 2, ctx.today.month, 1)
    events = list(
        PersonnelEvent.objects.filter(
            organ=ctx.organ, kind=PersonnelEventKind.PROMOTION, date__gte=since, date__lte=ctx.today
        )
        .select_related("person__unit", "to_unit")
        .order_by("date", "pk")
    )
    batches: dict[dt.date, list[PersonnelEvent]] = defaultdict(list)
    for event in events:
        batches[event.date].append(event)
    days = sorted(batches)
    checked = [d for d in days if d >= _window_start(ctx.today)]
    # The planted gaps fall inside the rules' window: the last batch's first promotion was never asked about, and
    # the reply for the batch before it came late.
    missing = batches[checked[-1]][0] if checked else None
    late_day = checked[-2] if len(checked) > 1 else None
    promoted = {e.person_id for e in events}
    bystanders = list(
        Person.objects.filter(organ=ctx.organ, is_active=True)
        .exclude(unit__kind=UnitKind.STATIONED)
        .exclude(pk__in=promoted)
        .exclude(user__isnull=False)
        .order_by("pk")
    )
    deferred = rng.choice(bystanders)
    deferral_day = rng.choice(days[: max(1, len(days) // 2)])
    requests = 0
    for day in days:
        lines = [
            services.PersonLine(e.person_id, f"拟任{e.to_unit.name if e.to_unit_id else ''}{e.to_post}")
            for e in batches[day]
            if e is not missing
        ]
        if day == deferral_day:
            lines.append(services.PersonLine(deferred.pk, "拟提拔人选"))
        if not lines:
            continue
        sent_on = _wd(day, -rng.randint(14, 22))
        replied_on = _wd(sent_on, REPLY_DAYS + LATE_WORKING_DAYS if day == late_day else rng.randint(3, 8))
        _ask_and_answer(ctx, renshi, jijian, lines, sent_on, replied_on, deferred.pk, rng)
        requests += 1
    opened = _open_request(ctx, renshi, jijian, bystanders, deferred, rng)
    ctx.say(f"党风廉政意见征求 {requests + 1} 件（其中待回复 1 件：{opened}）")
    if late_day is not None:
        ctx.say(f"  留给规则的缺口：逾期回复的征求函 1 件（{late_day:%Y-%m-%d}提拔）")
    if missing is not None:
        ctx.say(f"  留给规则的缺口：提拔前未征求意见 {missing.person.name}（{missing.date:%Y-%m-%d}）")
    ctx.say(f"  回复“有问题”暂缓提拔：{deferred.name}")


def _ask_and_answer(ctx, renshi, jijian, lines, sent_on, replied_on, deferred_id, rng) -> None:
    first = Person.objects.get(pk=lines[0].person_id).name
    with clock.replaying(moment(sent_on, 9, 30)):
        request = services.request_create(
            by=renshi,
            purpose=OpinionPurpose.PROMOTION,
            title=TITLE.format(first) if len(lines) > 1 else f"关于征求{first}同志党风廉政意见的函",
            document_no=f"人事函〔{sent_on.year}〕{rng.randint(10, 60)}号",
            people=lines,
        )
        services.request_send(request=request, by=renshi)
    with clock.replaying(moment(replied_on, 15, 0)):
        for item in OpinionItem.objects.filter(request=request).order_by("pk"):
            if item.person_id == deferred_id:
                services.item_answer(item=item, by=jijian, conclusion=OpinionConclusion.ISSUE, answer=ISSUE_TEXT)
            else:
                services.item_answer(item=item, by=jijian, conclusion=OpinionConclusion.CLEAR)
        services.request_issue(request=request, by=jijian)


def _open_request(ctx, renshi, jijian, bystanders, deferred, rng) -> str:
    """Sent two working days before the demo's day, one of its two people answered already."""
    sent_on = _back(ctx.today, 2)
    people = rng.sample([p for p in bystanders if p.pk != deferred.pk], 2)
    with clock.replaying(moment(sent_on, 10, 0)):
        request = services.request_create(
            by=renshi,
            purpose=OpinionPurpose.AWARD,
            title=f"关于征求{people[0].name}等同志党风廉政意见的函（年度评先评优）",
            document_no=f"人事函〔{sent_on.year}〕{rng.randint(61, 90)}号",
            people=[services.PersonLine(p.pk, "拟推荐为年度优秀公务员") for p in people],
        )
        services.request_send(request=request, by=renshi)
    with clock.replaying(moment(min(_wd(sent_on, 1), ctx.today), 16, 0)):
        item = OpinionItem.objects.filter(request=request).order_by("pk").first()
        services.item_answer(item=item, by=jijian, conclusion=OpinionConclusion.CLEAR)
    return request.title
