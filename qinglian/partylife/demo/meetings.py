"""Two years of 三会一课, 主题党日, year-end meetings, the leading group's study and 民主生活会, and the branches'
annual plans with each held meeting linked to its slot."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F
from simple_history.utils import bulk_create_with_history

from qinglian.core import workdays
from qinglian.org.models import Branch
from qinglian.partylife.choices import AttendanceStatus, DLMStep, Holder, MeetingKind
from qinglian.partylife.demo import data
from qinglian.partylife.demo.state import PartyDemo, moment
from qinglian.partylife.models import AgendaItem, AnnualPlan, Attendance, DemocraticLifeStep, Meeting, PlanItem

K = MeetingKind
S = AttendanceStatus
BRANCH_MONTHLY_START = {K.BRANCH_COMMITTEE_MEETING: (1, 10), K.PARTY_GROUP_MEETING: (11, 25)}
LONG_ABSENT = 5


@dataclass
class Draft:
    meeting: Meeting
    agenda: list[str]
    lines: list[tuple[int, str, str]]
    slot: tuple[int, int, int, str] | None = None  # (branch id, year, month, kind) of its plan item


@dataclass
class Book:
    drafts: list[Draft] = field(default_factory=list)
    slots: dict[tuple[int, int], list[tuple[int, str, str]]] = field(default_factory=dict)  # (branch, year)
    used: dict[tuple, set[str]] = field(default_factory=dict)

    def used_for(self, *key) -> set[str]:
        return self.used.setdefault(key, set())


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def choose_gaps(pd: PartyDemo) -> None:
    rng, today, gaps = pd.rng, pd.today, pd.gaps
    year = today.year
    past = list(range(1, today.month))  # months of this year already over
    if len(past) >= 3:
        gaps.committee = (rng.choice(pd.branches).pk, year, rng.choice(past[1:]))
    else:
        gaps.committee = (rng.choice(pd.branches).pk, year - 1, rng.randint(3, 11))
    groups = [g for b in pd.branches for g in pd.groups[b.pk]]
    if len(past) >= 3:
        gaps.group = (rng.choice(groups).pk, year, tuple(sorted(rng.sample(past, 2))))
    else:
        gaps.group = (rng.choice(groups).pk, year - 1, tuple(sorted(rng.sample(range(3, 12), 2))))
    secretary_branch = pd.roster.on(today).get(pd.party_secretary, (None,))[0]
    gaps.lecture_branch = rng.choice([b.pk for b in pd.branches if b.pk != secretary_branch])
    members = [
        m.person_id for m in pd.leaders if m.person_id != pd.party_secretary and m.person_id in pd.roster.on(today)
    ]
    quarter = quarter_of(today) - 1
    gaps.leader = (rng.choice(members), year, quarter) if quarter else (rng.choice(members), year - 1, 4)
    _long_absences(pd)


def _long_absences(pd: PartyDemo) -> None:
    """Members away most of last year (驻村, 住院, 借调): the ones who fall short of 32 hours."""
    year = pd.years[0]
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    on_first, on_last = pd.roster.on(first), pd.roster.on(last)
    busy = set(pd.leader_ids) | {pd.party_officer} | {p for seats in pd.committees.values() for p in seats.values()}
    busy |= {g.leader_id for groups in pd.groups.values() for g in groups}
    pool = sorted(p for p, state in on_first.items() if on_last.get(p) == state and p not in busy)
    for pid in pd.rng.sample(pool, LONG_ABSENT):
        start = dt.date(year, pd.rng.randint(2, 4), 1)
        months = pd.rng.randint(7, 8)
        end = dt.date(year, start.month + months, 1) - dt.timedelta(days=1) if start.month + months <= 12 else last
        pd.gaps.long_absent[pid] = (start, end, pd.rng.choice(data.LONG_ABSENCES))


def attendance(pd: PartyDemo, pids: list[int], day: dt.date, *, must: set[int], branch_level: bool = True):
    rng, gaps, lines = pd.rng, pd.gaps, []
    for pid in pids:
        away = gaps.long_absent.get(pid)
        if away and away[0] <= day <= away[1]:
            lines.append((pid, S.LEAVE, away[2]))
        elif branch_level and gaps.leader and (pid, day.year, quarter_of(day)) == gaps.leader:
            lines.append((pid, S.LEAVE, rng.choice(data.LEADER_LEAVE_REASONS)))
        elif pid in must:
            lines.append((pid, S.PRESENT, ""))
        else:
            r = rng.random()
            if pid in pd.leader_ids and r < 0.18:
                lines.append((pid, S.LEAVE, rng.choice(data.LEADER_LEAVE_REASONS)))
            elif r < 0.06:
                lines.append((pid, S.LEAVE, rng.choice(data.LEAVE_REASONS)))
            elif r < 0.067:
                lines.append((pid, S.ABSENT, rng.choice(data.ABSENT_REASONS)))
            else:
                lines.append((pid, S.PRESENT, ""))
    return lines


def _draft(
    pd: PartyDemo,
    *,
    kind: str,
    day: dt.date,
    topic: str,
    pids: list[int],
    host: int | None,
    recorder: int | None,
    lecturer: int | None = None,
    branch: Branch | None = None,
    group=None,
    place: str = "",
    slot=None,
    extra: tuple[str, ...] = (),
    branch_level: bool = True,
) -> Draft:
    must = {p for p in (host, recorder, lecturer) if p}
    lines = attendance(
        pd,
        sorted(set(pids) | (must if kind != K.BRANCH_COMMITTEE_MEETING else set())),
        day,
        must=must,
        branch_level=branch_level,
    )
    holder = Holder.PARTY_GROUP if group else (Holder.BRANCH if branch else Holder.LEADING_GROUP)
    present = [p for p, s, _ in lines if s == S.PRESENT]
    meeting = Meeting(
        organ=pd.organ,
        kind=kind,
        holder=holder,
        branch=branch,
        party_group=group,
        date=day,
        topic=topic,
        place=place or pd.rng.choice(data.BRANCH_PLACES),
        host_id=host,
        recorder_id=recorder,
        lecturer_id=lecturer,
        hours=data.HOURS[kind],
        minutes=_minutes(pd, host, recorder, lines),
    )
    if kind == K.BRANCH_GENERAL_MEETING and ("审议" in topic or "转正" in topic):
        meeting.has_vote = True
        meeting.voting_members_due = sum(1 for p, _, _ in lines if pd.roster.full_member(p, day))
        meeting.voting_members_present = sum(1 for p in present if pd.roster.full_member(p, day))
    meeting.created_at = pd.recorded(day)
    meeting._history_date = meeting.created_at
    agenda = [pd.rng.choice(data.FIRST_TOPICS), topic, *(extra or data.AGENDA.get(kind, ()))]
    return Draft(meeting, agenda, lines, slot)


def _minutes(pd: PartyDemo, host: int | None, recorder: int | None, lines) -> str:
    leave = sum(1 for _, s, _ in lines if s == S.LEAVE)
    absent = sum(1 for _, s, _ in lines if s == S.ABSENT)
    text = f"会议由{pd.names.get(host, '')}主持，{pd.names.get(recorder, '')}记录。应到{len(lines)}人，"
    text += f"实到{len(lines) - leave - absent}人"
    text += f"，请假{leave}人" if leave else ""
    text += f"，缺席{absent}人" if absent else ""
    return text + "。会议首先学习了第一议题，随后按议程进行。"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _month_day(pd: PartyDemo, year: int, month: int, first: int, last: int) -> dt.date | None:
    end = _month_end(year, month)
    return pd.pick_day(
        dt.date(year, month, first), min(dt.date(year, month, min(last, 28)), end) if last <= 28 else end
    )


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
        wanted = pd.on_or_after(dt.date(year, month, theme_day) + dt.timedelta(days=rng.choice((0, 0, 1, 2))))
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
        day = pd.pick_day(first, today if current else last)
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
    day = pd.pick_day(dt.date(year, 12, 10), dt.date(year, 12, 26))
    plan(K.ORG_LIFE_MEETING, day, 12, data.YEAR_END[K.ORG_LIFE_MEETING].format(year=year))
    day = pd.on_or_after(day + dt.timedelta(days=rng.choice((0, 1, 2))))
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


def _organ_lecture(pd: PartyDemo, year: int, book: Book) -> None:
    """The 党组书记's yearly lecture to the whole organ around 七一, held with his own branch."""
    day = pd.pick_day(dt.date(year, 6, 20), dt.date(year, 6, 30))
    if day is None or day > pd.today:
        return
    branch_id = pd.roster.on(day).get(pd.party_secretary, (None,))[0]
    branch = next((b for b in pd.branches if b.pk == branch_id), None)
    if branch is None:
        return
    text = pd.topic(data.TOPICS[K.PARTY_LECTURE], day, book.used_for("organ", year))
    book.drafts.append(
        _draft(
            pd,
            kind=K.PARTY_LECTURE,
            day=day,
            topic=data.LEADER_LECTURE.format(topic=text),
            pids=pd.roster.everyone(day),
            host=pd.secretary(branch_id),
            recorder=pd.organiser(branch_id),
            lecturer=pd.party_secretary,
            branch=branch,
            place=data.ORGAN_LECTURE_PLACE,
        )
    )


def _central_group(pd: PartyDemo, year: int, book: Book) -> None:
    """理论学习中心组: about ten sessions a year, a 党组 member as 主讲人."""
    leaders = [m.person_id for m in pd.leaders]
    skipped = set(pd.rng.sample([2, 7, 8, 10], 2))
    for month in range(1, 13):
        day = _month_day(pd, year, month, 5, 25)
        if month in skipped or day is None or day > pd.today:
            continue
        lecturer = pd.party_secretary if pd.rng.random() < 0.4 else pd.rng.choice(leaders[1:])
        topic = pd.topic(data.TOPICS[K.CENTRAL_GROUP_STUDY], day, book.used_for("central", year))
        book.drafts.append(
            _draft(
                pd,
                kind=K.CENTRAL_GROUP_STUDY,
                day=day,
                topic=topic,
                pids=leaders,
                host=pd.party_secretary,
                recorder=pd.party_officer,
                lecturer=lecturer,
                place=data.LEADING_PLACE,
                branch_level=False,
                extra=(f"{pd.names[lecturer]}作专题辅导", "班子成员交流研讨"),
            )
        )


def _democratic_life(pd: PartyDemo, year: int, book: Book) -> list[DemocraticLifeStep]:
    """The leading group's 民主生活会 of `year` as its six steps; a step later than today is still open."""
    rng, today = pd.rng, pd.today
    meeting_day = pd.pick_day(dt.date(year, 12, 15), dt.date(year, 12, 28))
    opinions = pd.pick_day(dt.date(year, 10, 20), dt.date(year, 11, 10))
    talks = pd.pick_day(dt.date(year, 11, 12), dt.date(year, 12, 2))
    plan_filed = workdays.add_working_days(meeting_day, -rng.randint(5, 8))
    materials = pd.pick_day(talks + dt.timedelta(days=1), plan_filed - dt.timedelta(days=1)) or talks
    report = workdays.add_working_days(meeting_day, rng.randint(4, 8))
    if (report - meeting_day).days > 15:
        report = workdays.add_working_days(meeting_day, 2)
    held = None
    if meeting_day <= today:
        leaders = [m.person_id for m in pd.leaders]
        draft = _draft(
            pd,
            kind=K.DEMOCRATIC_LIFE_MEETING,
            day=meeting_day,
            topic=f"{year}年度党组领导班子民主生活会",
            pids=leaders,
            host=pd.party_secretary,
            recorder=pd.party_officer,
            place=data.LEADING_PLACE,
            branch_level=False,
            extra=data.AGENDA[K.DEMOCRATIC_LIFE_MEETING],
        )
        draft.lines = [(p, S.PRESENT, "") for p, _, _ in draft.lines]
        draft.meeting.minutes = _minutes(pd, pd.party_secretary, pd.party_officer, draft.lines)
        book.drafts.append(draft)
        held = draft.meeting
    if talks <= today:
        pd.dlm_talks[year] = (opinions, talks)
    steps = []
    # A step gets its row when it is done (as services_dlm.dlm_step_mark writes it); later ones have none yet.
    for step, day in zip(DLMStep.values, (opinions, talks, materials, plan_filed, meeting_day, report), strict=True):
        if day > today:
            continue
        row = DemocraticLifeStep(
            organ=pd.organ,
            year=year,
            step=step,
            done_on=day,
            note=data.DLM_NOTES[step].format(n=rng.randint(18, 45)),
            meeting=held if step == DLMStep.MEETING else None,
        )
        row.created_at = row._history_date = pd.recorded(day)
        steps.append(row)
    return steps


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
        made = pd.pick_day(dt.date(year, 1, 4), min(dt.date(year, 1, 20), pd.today)) or pd.today
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
