"""Two years of 三会一课, 主题党日, year-end meetings, the leading group's study and 民主生活会, and the branches'
annual plans with each held meeting linked to its slot."""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from simple_history.utils import bulk_create_with_history

from qinglian.core.demo_days import moment
from qinglian.org.models import Branch
from qinglian.partylife.demo import data
from qinglian.partylife.demo.drafting import (
    Book,
    K,
    _draft,
    _month_day,
    _month_end,
    choose_gaps,
    plant_decision_gaps,
)
from qinglian.partylife.demo.leading import _central_group, _democratic_life, _organ_lecture
from qinglian.partylife.demo.state import PartyDemo
from qinglian.partylife.models import AgendaItem, AnnualPlan, Attendance, DemocraticLifeStep, Meeting, PlanItem


def _branch_year(pd: PartyDemo, branch: Branch, year: int, theme_day: int, book: Book) -> None:
    rng, today = pd.rng, pd.today
    slots = book.slots.setdefault((branch.pk, year), [])
    secretary, organiser = pd.secretary(branch.pk), pd.organiser(branch.pk)
    committee = sorted(set(pd.committees[branch.pk].values()))

    def plan(kind: str, day: dt.date | None, month: int, topic: str, held: bool = True, **kw) -> None:
        slots.append((month, kind, topic))
        if held and day is not None and day <= today:
            pids = kw.pop("pids", None)
            pids = pd.roster.branch_members(branch.pk, day) if pids is None else pids
            book.drafts.append(
                _draft(
                    pd,
                    kind=kind,
                    day=day,
                    topic=topic,
                    pids=pids,
                    host=kw.pop("host", secretary),
                    recorder=organiser,
                    branch=branch,
                    slot=(branch.pk, year, month, kind),
                    **kw,
                )
            )

    for month in range(1, 13):
        day = _month_day(pd, year, month, 1, 10)
        topic = pd.topic(data.TOPICS[K.BRANCH_COMMITTEE_MEETING], day, book.used_for(branch.pk, year, "c"))
        missed = pd.gaps.committee == (branch.pk, year, month)
        plan(K.BRANCH_COMMITTEE_MEETING, day, month, topic, held=not missed, pids=committee)
        wanted = pd.days.on_or_after(dt.date(year, month, theme_day) + dt.timedelta(days=rng.choice((0, 0, 1, 2))))
        day = wanted if wanted.month == month else _month_day(pd, year, month, 20, 31)
        topic = pd.topic(data.TOPICS[K.THEME_DAY], day, book.used_for(branch.pk, year, "t"))
        plan(K.THEME_DAY, day, month, topic, place=rng.choice(data.THEME_PLACES))
    secretary_quarter = rng.randint(1, 4)
    for quarter in range(1, 5):
        months = range(3 * quarter - 2, 3 * quarter + 1)
        month = rng.choice(months)
        day = _month_day(pd, year, month, 5, 28)
        topic = pd.topic(data.TOPICS[K.BRANCH_GENERAL_MEETING], day, book.used_for(branch.pk, year, "g"))
        plan(K.BRANCH_GENERAL_MEETING, day, month, topic)
        first, last = dt.date(year, months[0], 1), _month_end(year, months[-1])
        current = first <= today <= last
        day = pd.days.pick(first, today if current else last)
        if current and branch.pk == pd.gaps.lecture_branch:
            day = None
        month = day.month if day else rng.choice(months)
        text = pd.topic(data.TOPICS[K.PARTY_LECTURE], day or first, book.used_for(branch.pk, year, "l"))
        if quarter == secretary_quarter:
            lecturer, text = secretary, data.SECRETARY_LECTURE.format(topic=text)
        else:
            options = [p for p in committee if p != secretary]
            if day is not None:
                options += [
                    p
                    for p in pd.roster.branch_members(branch.pk, day)
                    if p in pd.leader_ids and (pd.gaps.leader or (0,))[0] != p
                ]
            lecturer = rng.choice(options)
        plan(K.PARTY_LECTURE, day, month, text, lecturer=lecturer)
    day = pd.days.pick(dt.date(year, 12, 10), dt.date(year, 12, 26))
    plan(K.ORG_LIFE_MEETING, day, 12, data.YEAR_END[K.ORG_LIFE_MEETING].format(year=year))
    day = pd.days.on_or_after(day + dt.timedelta(days=rng.choice((0, 1, 2))))
    plan(K.DEMOCRATIC_APPRAISAL, day, 12, data.YEAR_END[K.DEMOCRATIC_APPRAISAL].format(year=year))
    for group in pd.groups[branch.pk]:
        for month in range(1, 13):
            day = _month_day(pd, year, month, 11, 25)
            if day > today or (
                pd.gaps.group
                and pd.gaps.group[0] == group.pk
                and pd.gaps.group[1] == year
                and month in pd.gaps.group[2]
            ):
                continue
            members = pd.roster.group_members(group.pk, day)
            if not members:
                continue
            leader = group.leader_id if group.leader_id in members else members[0]
            # Leaders and members away for months do not keep the group's minutes.
            clerks = [p for p in members if p != leader and p not in pd.leader_ids and p not in pd.gaps.long_absent]
            recorder = rng.choice(clerks or members)
            topic = pd.topic(data.TOPICS[K.PARTY_GROUP_MEETING], day, book.used_for(group.pk, year, "p"))
            book.drafts.append(
                _draft(
                    pd,
                    kind=K.PARTY_GROUP_MEETING,
                    day=day,
                    topic=topic,
                    pids=members,
                    host=leader,
                    recorder=recorder,
                    group=group,
                )
            )


def build(pd: PartyDemo) -> dict[str, int]:
    choose_gaps(pd)
    book = Book()
    theme_days = {b.pk: pd.rng.randint(8, 20) for b in pd.branches}
    steps = []
    for year in pd.years:
        for branch in pd.branches:
            _branch_year(pd, branch, year, theme_days[branch.pk], book)
        _organ_lecture(pd, year, book)
        _central_group(pd, year, book)
        steps += _democratic_life(pd, year, book)
    plant_decision_gaps(pd, book)
    items = _plans(pd, book)
    slots = len(items)
    book.drafts.sort(key=lambda d: (d.meeting.date, d.meeting.kind))
    for draft in book.drafts:
        if draft.slot in items:
            draft.meeting.plan_item = items.pop(draft.slot)
    meetings = bulk_create_with_history([d.meeting for d in book.drafts], Meeting, batch_size=500)
    agenda, lines = [], []
    for draft, meeting in zip(book.drafts, meetings, strict=True):
        agenda += [
            AgendaItem(meeting=meeting, order=i, title=t, is_first_topic=i == 1)
            for i, t in enumerate(draft.agenda, start=1)
        ]
        lines += [Attendance(meeting=meeting, person_id=p, status=s, reason=r) for p, s, r in draft.lines]
    AgendaItem.objects.bulk_create(agenda, batch_size=1000)
    Attendance.objects.bulk_create(lines, batch_size=2000)
    bulk_create_with_history(steps, DemocraticLifeStep)
    for model in (Meeting, DemocraticLifeStep):
        model.all_objects.filter(organ=pd.organ).update(updated_at=F("created_at"))
        model.history.filter(organ_id=pd.organ.pk).update(updated_at=F("created_at"))
    return {"meetings": len(meetings), "attendance": len(lines), "plan_slots": slots, "unlinked": len(items)}


def _plans(pd: PartyDemo, book: Book) -> dict[tuple[int, int, int, str], PlanItem]:
    plans = []
    for branch_id, year in book.slots:
        plan = AnnualPlan(organ=pd.organ, branch_id=branch_id, year=year)
        made = pd.days.pick(dt.date(year, 1, 4), min(dt.date(year, 1, 20), pd.today)) or pd.today
        plan.created_at = plan._history_date = moment(made)
        plans.append(plan)
    plans = bulk_create_with_history(plans, AnnualPlan)
    AnnualPlan.all_objects.filter(organ=pd.organ).update(updated_at=F("created_at"))
    items = [
        PlanItem(plan=plan, month=month, kind=kind, topic=topic)
        for plan, slots in zip(plans, book.slots.values(), strict=True)
        for month, kind, topic in sorted(slots)
    ]
    items = PlanItem.objects.bulk_create(items)
    return {(i.plan.branch_id, i.plan.year, i.month, i.kind): i for i in items}
