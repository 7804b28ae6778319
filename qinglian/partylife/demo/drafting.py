"""Shared pieces of the meetings demo: drafts of meetings, attendance, the gaps chosen, dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from qinglian.org.models import Branch
from qinglian.partylife.choices import AttendanceStatus, Holder, MeetingKind
from qinglian.partylife.demo import data
from qinglian.partylife.demo.state import PartyDemo
from qinglian.partylife.models import Meeting

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
        meeting.votes_for = meeting.voting_members_present  # the demo's votes are carried unanimously
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
    return pd.days.pick(
        dt.date(year, month, first), min(dt.date(year, month, min(last, 28)), end) if last <= 28 else end
    )


# --- decisions validly taken (PL-018, PL-019): quorum by construction, one gap of each planted ----------------


def plant_decision_gaps(pd: PartyDemo, book: Book) -> None:
    """Every 支委会 reaches its quorum (a secretary reschedules rather than meet without it), except one this
    year where three members were away on business; one vote this year passed with only half the votes due."""
    committee = [d for d in book.drafts if d.meeting.kind == K.BRANCH_COMMITTEE_MEETING and d.lines]
    for draft in committee:
        _with_quorum(pd, draft)
    # A meeting under the committee seated on its day: one held before this term's committee (whose seats are the
    # only ones on record) has no committee for PL-019 to count.
    term_start = {b.pk: b.term_start for b in pd.branches}
    this_year = [
        d
        for d in committee
        if d.meeting.date.year == pd.today.year
        and d.meeting.date >= term_start[d.meeting.branch_id]
        and len(d.lines) >= 4
    ]
    if this_year:
        _without_quorum(pd, pd.rng.choice(this_year))
    votes = [d for d in book.drafts if d.meeting.has_vote and d.meeting.date.year == pd.today.year]
    if votes:
        meeting = pd.rng.choice(votes).meeting
        meeting.votes_for = (meeting.voting_members_due or 0) // 2


def _with_quorum(pd: PartyDemo, draft: Draft) -> None:
    lines = draft.lines
    for index, (pid, status, _reason) in enumerate(lines):
        if 2 * sum(1 for _, s, _ in lines if s == S.PRESENT) > len(lines):
            break
        if status != S.PRESENT:
            lines[index] = (pid, S.PRESENT, "")
    _rewrite_minutes(pd, draft)


def _without_quorum(pd: PartyDemo, draft: Draft) -> None:
    """Half the committee, not more, with whoever chaired and kept the record among them."""
    meeting = draft.meeting
    chair = {meeting.host_id, meeting.recorder_id}
    order = sorted(draft.lines, key=lambda line: line[0] not in chair)
    keep = {pid for pid, _, _ in order[: len(order) // 2]}
    draft.lines = [(pid, S.PRESENT, "") if pid in keep else (pid, S.LEAVE, "公务外出") for pid, _, _ in draft.lines]
    _rewrite_minutes(pd, draft)


def _rewrite_minutes(pd: PartyDemo, draft: Draft) -> None:
    meeting = draft.meeting
    meeting.minutes = _minutes(pd, meeting.host_id, meeting.recorder_id, draft.lines)
