"""谈心谈话 between branch committee members and members (a few pairs left out), the 党组's talks before its
民主生活会, and study records that bring most members, not all, to 32 hours a year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F
from simple_history.utils import bulk_create_with_history

from qinglian.org.choices import BranchPost
from qinglian.partylife.choices import StudyKind, TalkRole
from qinglian.partylife.demo import data
from qinglian.partylife.demo.state import PartyDemo
from qinglian.partylife.models import HeartTalk, StudyRecord


def _role(pd: PartyDemo, branch_id: int, pid: int) -> str:
    seats = pd.committees[branch_id]
    if seats.get(BranchPost.SECRETARY) == pid:
        return TalkRole.SECRETARY
    if pid in seats.values():
        return TalkRole.COMMITTEE
    return TalkRole.LEADER if pid in pd.leader_ids else TalkRole.MEMBER


def _talk(
    pd: PartyDemo, *, a: int, b: int, a_role: str, b_role: str, branch_id: int | None, day: dt.date, topic: str
) -> HeartTalk:
    talk = HeartTalk(
        organ=pd.organ,
        initiator_id=a,
        initiator_role=a_role,
        counterpart_id=b,
        counterpart_role=b_role,
        branch_id=branch_id,
        date=day,
        topic=topic,
        summary=pd.rng.choice(data.TALK_SUMMARIES),
    )
    talk.created_at = talk._history_date = pd.recorded(day)
    return talk


def heart_talks(pd: PartyDemo) -> list[HeartTalk]:
    talks = []
    last_year = pd.years[0]
    for year in pd.years:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        late = dt.date(year, 10, 8)
        for branch in pd.branches:
            committee = sorted(set(pd.committees[branch.pk].values()))
            members = sorted(set(pd.roster.branch_members(branch.pk, dt.date(year, 6, 30))) | set(committee))
            pairs = sorted({(min(c, m), max(c, m)) for c in committee for m in members if c != m})
            if year == last_year:
                dropped = set(pd.rng.sample(pairs, pd.rng.randint(1, 2)))
                pairs = [p for p in pairs if p not in dropped]
            for a, b in pairs:
                if a not in committee or b == pd.secretary(branch.pk):
                    a, b = b, a  # the committee member (the secretary first) starts the talk
                day = pd.days.pick(late, last) if pd.rng.random() < 0.6 else pd.days.pick(first, last)
                state = pd.roster.on(day)
                if day > pd.today or state.get(a, (None,))[0] != branch.pk or state.get(b, (None,))[0] != branch.pk:
                    continue
                talks.append(
                    _talk(
                        pd,
                        a=a,
                        b=b,
                        a_role=_role(pd, branch.pk, a),
                        b_role=_role(pd, branch.pk, b),
                        branch_id=branch.pk,
                        day=day,
                        topic=pd.rng.choice(data.TALK_TOPICS),
                    )
                )
        if year in pd.dlm_talks:
            start, end = pd.dlm_talks[year]
            for member in pd.leaders:
                if member.person_id == pd.party_secretary:
                    continue
                talks.append(
                    _talk(
                        pd,
                        a=pd.party_secretary,
                        b=member.person_id,
                        a_role=TalkRole.SECRETARY,
                        b_role=TalkRole.LEADER,
                        branch_id=None,
                        day=pd.days.pick(start, end) or end,
                        topic="民主生活会前谈心谈话",
                    )
                )
    talks.sort(key=lambda t: (t.date, t.initiator_id, t.counterpart_id))
    bulk_create_with_history(talks, HeartTalk, batch_size=500)
    return talks


def study_records(pd: PartyDemo) -> list[StudyRecord]:
    records = []
    for year in pd.years:
        first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), pd.today)
        people = sorted(set(pd.roster.everyone(dt.date(year, 6, 30))) | set(pd.roster.everyone(last)))
        for pid in people:
            if pid in pd.gaps.long_absent and year == pd.years[0]:
                continue
            for _ in range(pd.rng.randint(1, 4)):
                day = pd.days.pick(first, dt.date(year, 12, 31))
                if day <= last and pid in pd.roster.on(day):
                    hours = Decimal(pd.rng.choice(("2", "3", "4", "4.5", "6", "8")))
                    records.append(_record(pd, pid, StudyKind.ONLINE, day, pd.rng.choice(data.ONLINE_COURSES), hours))
            if pd.rng.random() < 0.3:
                title, (low, high) = pd.rng.choice(data.TRAINING_CLASSES)
                day = pd.days.pick(dt.date(year, 3, 1), dt.date(year, 11, 30))
                if day <= last and pid in pd.roster.on(day):
                    hours = Decimal(pd.rng.randrange(low, high + 1, 8))
                    records.append(_record(pd, pid, StudyKind.TRAINING, day, f"{year}年{title}", hours))
    records.sort(key=lambda r: (r.date, r.person_id))
    bulk_create_with_history(records, StudyRecord, batch_size=1000)
    return records


def _record(pd: PartyDemo, pid: int, kind: str, day: dt.date, title: str, hours: Decimal) -> StudyRecord:
    record = StudyRecord(organ=pd.organ, person_id=pid, kind=kind, date=day, title=title, hours=hours)
    record.created_at = record._history_date = pd.recorded(day)
    return record


def backdate(pd: PartyDemo) -> None:
    for model in (HeartTalk, StudyRecord):
        model.all_objects.filter(organ=pd.organ).update(updated_at=F("created_at"))
        model.history.filter(organ_id=pd.organ.pk).update(updated_at=F("created_at"))
