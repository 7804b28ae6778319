"""The leading group's meetings in the demo: the secretary's party lecture to the organ, 中心组学习, 民主生活会."""

from __future__ import annotations

import datetime as dt

from qinglian.core import workdays
from qinglian.partylife.choices import DLMStep
from qinglian.partylife.demo import data
from qinglian.partylife.demo.drafting import (
    Book,
    K,
    S,
    _draft,
    _minutes,
    _month_day,
)
from qinglian.partylife.demo.state import PartyDemo
from qinglian.partylife.models import DemocraticLifeStep


def _organ_lecture(pd: PartyDemo, year: int, book: Book) -> None:
    """The 党组书记's yearly lecture to the whole organ around 七一, held with his own branch."""
    day = pd.days.pick(dt.date(year, 6, 20), dt.date(year, 6, 30))
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


# How far last year's democratic-life meeting was brought forward (from December into September).
MOVED_FORWARD_MONTHS = 3


def _democratic_life(pd: PartyDemo, year: int, book: Book) -> list[DemocraticLifeStep]:
    """The leading group's 民主生活会 of `year` as its six steps; a step later than today is still open."""
    rng, today = pd.rng, pd.today
    # Last year's meeting was brought forward into September (PL-021, red): the superior's consent to move it was
    # entered after the meeting. This year's is in December, the fourth quarter, as usual.
    early = MOVED_FORWARD_MONTHS if year == pd.years[0] else 0
    meeting_day = pd.days.pick(dt.date(year, 12 - early, 15), dt.date(year, 12 - early, 28))
    opinions = pd.days.pick(dt.date(year, 10 - early, 20), dt.date(year, 11 - early, 10))
    talks = pd.days.pick(dt.date(year, 11 - early, 12), dt.date(year, 12 - early, 2))
    plan_filed = workdays.add_working_days(meeting_day, -rng.randint(5, 8))
    materials = pd.days.pick(talks + dt.timedelta(days=1), plan_filed - dt.timedelta(days=1)) or talks
    if year == pd.years[0]:
        # Last year's slip (PL-016, yellow): the 对照检查材料 drafted before the heart-to-heart talks meant to feed it.
        materials = max(workdays.add_working_days(talks, -1), workdays.add_working_days(opinions, 1))
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
    # A meeting held in the fourth quarter needs no consent to move it (DLMStep.APPROVAL).
    consent = ((DLMStep.APPROVAL, workdays.add_working_days(meeting_day, 3)),) if early else ()
    done = (
        *consent,
        (DLMStep.OPINIONS, opinions),
        (DLMStep.TALKS, talks),
        (DLMStep.MATERIALS, materials),
        (DLMStep.PLAN_FILED, plan_filed),
        (DLMStep.MEETING, meeting_day),
        (DLMStep.REPORT, report),
    )
    for step, day in done:
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
