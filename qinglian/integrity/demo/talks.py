"""The demo organ's 廉政谈话 of the last two years: after each promotion, appointment (职级晋升), transfer and
transfer in, a 任前 or 转岗/交流 talk with the person — most within a few working days (a 任前 talk sometimes
before the appointment, during the 公示期), held by the Party group's secretary for a leading post, else by the
leader supervising the new unit, now and then by the stationed group's head — recorded by the personnel officer
(renshi) or the party-affairs office (dangwei) on the day, through the services on the replayed clock. Two
collective talks a year (before the Spring Festival for the units' heads, in September for the year's new
appointees), a few absent with a reason.

Two honest gaps for INT-001, and nothing else: one event of the look-back window whose talk came late, and the most
recent event already past its due date with no talk yet.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from django.db.models import Q

from qinglian.core import clock, workdays
from qinglian.core.demo import DemoContext, app_rng
from qinglian.core.demo_days import moment
from qinglian.integrity.choices import IntegrityTalkKind
from qinglian.integrity.models import IntegrityTalk
from qinglian.integrity.selectors.talks import expected_talks_on, kind_for_event, rule_params, window_start
from qinglian.integrity.services.talks import AttendanceLine, talk_save
from qinglian.org.choices import PersonnelEventKind, UnitKind
from qinglian.org.models import LeadingGroupMember, Person, PersonnelEvent, Supervision, User

HISTORY_DAYS = 730
LEADING_POSTS = ("主任", "副主任")
ABSENCES = ("出差", "参加市委党校培训", "病假", "公务外出（陪同调研）")
PLACES = ("机关党组会议室", "常委会第二会议室", "书记办公室")
POINTS = (
    "要求严守政治纪律和政治规矩，落实中央八项规定精神，正确行使手中权力；对分管工作中的廉政风险点作出提醒，"
    "本人表示将自觉接受监督、带头廉洁自律。",
    "结合新岗位职责逐项提示廉政风险，要求管好自己、管好身边人，严格执行请示报告和个人有关事项报告制度。",
    "通报近期典型案例，要求筑牢拒腐防变思想防线，做到公私分明、克己奉公；本人签订廉政承诺书。",
)


def build(ctx: DemoContext) -> None:
    rng = app_rng(ctx.seed, "integrity.talks")
    organ = ctx.organ
    writers = {u.username: u for u in User.objects.filter(organ=organ, username__in=["renshi", "dangwei"])}
    if len(writers) < 2:
        return
    talkers = _talkers(organ)
    rows = expected_talks_on(
        organ_id=organ.pk,
        as_of=ctx.today,
        since=ctx.today - dt.timedelta(days=HISTORY_DAYS),
        talk_days=_talk_days(organ.pk, ctx.today),
        warn_days=0,
    )
    late, open_gap = _gaps(ctx, rows)
    counts: Counter = Counter()
    for row in rows:
        if row.event_id == open_gap:
            continue
        event = PersonnelEvent.objects.select_related("person").get(pk=row.event_id)
        day = _talk_day(rng, row, late=row.event_id == late, today=ctx.today)
        talker = _talker(rng, talkers, event, row.unit_id, day)
        writer = writers["renshi"] if rng.random() < 0.75 else writers["dangwei"]
        kind = kind_for_event(event.kind)
        talk = IntegrityTalk(
            organ=organ,
            kind=kind,
            date=day,
            talker=talker,
            subject=event.person,
            event=event,
            place=rng.choice(PLACES),
            topic=f"{event.person.name}{'任' + event.to_post if event.to_post else event.get_kind_display()}廉政谈话",
            points=rng.choice(POINTS),
            commitment_signed=kind == IntegrityTalkKind.PRE_APPOINTMENT,
        )
        with clock.replaying(moment(max(day, row.event_date), rng.randint(9, 17))):
            talk_save(talk=talk, by=writer)
        counts[kind] += 1
    counts["collective"] = _collective_talks(ctx, rng, writers["dangwei"], talkers)
    ctx.say(
        f"廉政谈话 {sum(counts.values())} 次（任前 {counts[IntegrityTalkKind.PRE_APPOINTMENT]}，转岗/交流 "
        f"{counts[IntegrityTalkKind.TRANSFER]}，集体 {counts['collective']}）；逾期谈话 1 次，逾期未谈 1 人"
    )


def _talk_days(organ_id: int, today: dt.date) -> int:
    params = rule_params(organ_id, today)
    return params.talk_working_days if params is not None else 20


def _gaps(ctx: DemoContext, rows: list) -> tuple[int | None, int | None]:
    """The late talk: an event of the rule's window at least three months old; the open one: the latest event
    already past its due date. Both of people still in the organ (the rule asks nothing of those who left)."""
    params = rule_params(ctx.organ.pk, ctx.today)
    since = window_start(ctx.today, params.look_back_years if params else 2)
    active = set(Person.objects.filter(organ=ctx.organ, is_active=True).values_list("pk", flat=True))
    people_events = Counter(r.person_id for r in rows)
    single = [r for r in rows if r.person_id in active and people_events[r.person_id] == 1]
    overdue = [r for r in single if r.due < ctx.today - dt.timedelta(days=3)]
    open_gap = max(overdue, key=lambda r: (r.event_date, r.event_id)).event_id if overdue else None
    candidates = [
        r for r in single if r.event_id != open_gap and since <= r.event_date <= ctx.today - dt.timedelta(days=90)
    ]
    late = candidates[len(candidates) // 2].event_id if candidates else None
    return late, open_gap


def _talk_day(rng: random.Random, row, *, late: bool, today: dt.date) -> dt.date:
    if late:
        return min(workdays.add_working_days(row.due, rng.randint(4, 9)), today)
    if row.expected_kind == IntegrityTalkKind.PRE_APPOINTMENT and rng.random() < 0.3:
        return workdays.add_working_days(row.event_date, -rng.randint(2, 6))  # during the 公示期
    return min(workdays.add_working_days(row.event_date, rng.randint(1, 8)), today)


def _talkers(organ) -> dict[str, Any]:
    seats = LeadingGroupMember.objects.filter(organ=organ).select_related("person")
    secretary = next((s.person for s in seats if s.post == "secretary"), None)
    stationed = Person.objects.filter(organ=organ, unit__kind=UnitKind.STATIONED, is_active=True).order_by("id").first()
    members = [s.person for s in seats if s.post != "secretary"]
    return {"secretary": secretary, "stationed": stationed, "members": members}


def _supervisor(unit_id: int | None, day: dt.date) -> Person | None:
    row = (
        Supervision.objects.filter(unit_id=unit_id, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("leader")
        .first()
    )
    return row.leader if row else None


def _talker(rng: random.Random, talkers: dict[str, Any], event: PersonnelEvent, unit_id, day: dt.date) -> Person:
    leading = any(post in event.to_post for post in LEADING_POSTS)
    if leading and talkers["secretary"] is not None:
        choice = talkers["secretary"]
    elif talkers["stationed"] is not None and rng.random() < 0.2:
        choice = talkers["stationed"]
    else:
        choice = _supervisor(unit_id, day) or talkers["secretary"] or rng.choice(talkers["members"])
    if choice is None or choice.pk == event.person_id:
        choice = next(p for p in [talkers["secretary"], *talkers["members"]] if p and p.pk != event.person_id)
    return choice


def _collective_talks(ctx: DemoContext, rng: random.Random, writer, talkers: dict[str, Any]) -> int:
    """Before the Spring Festival, the units' heads with the secretary; in September, the year's new appointees
    with the stationed group's head (or a Party group member)."""
    held = 0
    for year in (ctx.today.year - 1, ctx.today.year):
        heads = list(
            Person.objects.filter(organ=ctx.organ, is_active=True, unit__kind=UnitKind.INTERNAL)
            .filter(Q(post__endswith="主任") | Q(post__endswith="副主任"))
            .order_by("unit__order", "id")
        )
        day = workdays.previous_working_day(dt.date(year, 1, 20))
        if talkers["secretary"] is not None and day <= ctx.today and day >= ctx.today - dt.timedelta(days=HISTORY_DAYS):
            heads = [p for p in heads if p.pk != talkers["secretary"].pk]
            held += _collective(rng, writer, talkers["secretary"], heads, day, f"{year}年春节前委室负责人集体廉政谈话")
        day = workdays.next_working_day(dt.date(year, 9, 15))
        appointed = (
            PersonnelEvent.objects.filter(
                organ=ctx.organ,
                kind__in=(PersonnelEventKind.PROMOTION, PersonnelEventKind.APPOINTMENT),
                date__year=year,
                date__lt=day,
                person__is_active=True,
            )
            .values_list("person_id", flat=True)
            .distinct()
        )
        people = list(Person.objects.filter(pk__in=list(appointed)).order_by("unit__order", "id"))
        talker = talkers["stationed"] or (talkers["members"][0] if talkers["members"] else None)
        if talker is not None and people and day <= ctx.today:
            held += _collective(rng, writer, talker, people, day, f"{year}年新提任干部集体廉政谈话")
    return held


def _collective(rng: random.Random, writer, talker: Person, people: list[Person], day: dt.date, topic: str) -> int:
    people = [p for p in people if p.pk != talker.pk]
    if len(people) < 2:
        return 0
    absent = set(rng.sample([p.pk for p in people], k=min(2, len(people) - 1)))
    lines = [AttendanceLine(p.pk, p.pk not in absent, rng.choice(ABSENCES) if p.pk in absent else "") for p in people]
    talk = IntegrityTalk(
        organ_id=talker.organ_id,
        kind=IntegrityTalkKind.COLLECTIVE,
        date=day,
        talker=talker,
        place="机关三楼会议室",
        topic=topic,
        points="传达上级关于党风廉政建设的部署，通报典型案例，对节日期间和新岗位的廉洁自律提出要求。",
    )
    with clock.replaying(moment(day, 15)):
        talk_save(talk=talk, by=writer, attendance=lines)
    return 1
