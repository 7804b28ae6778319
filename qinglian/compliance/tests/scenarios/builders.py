"""The scenario vocabulary: a crafted organ, built one step at a time through the apps' services.

A step is a function of the `World` (the organ being built). Each step writes what a user of the organ would
write, through the service a page would call, on the day it would have been written: the step runs inside
`core.clock.replaying(that day)`, so the rows' history is dated then and a check for an earlier date reads the
ledgers as they stood. Steps name what they make (`w["b1"]`); the expectations of a case refer to those names.

Structure the apps have no service for (branches, committee seats, Party group posts) is saved with
`core.writes.save_checked`, the helper every service saves through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from qinglian.core import clock
from qinglian.core.writes import save_checked, soft_delete
from qinglian.duty.choices import Recurrence
from qinglian.duty.models import DutyItem, DutyList, OversightNotice, ResponsibilityLetter
from qinglian.duty.services import boards as duty_boards
from qinglian.duty.services import letters as duty_letters
from qinglian.duty.services import lists as duty_lists
from qinglian.duty.services import notices as duty_notices
from qinglian.duty.services import tasks as duty_tasks
from qinglian.duty.tests.factories import evidence_on
from qinglian.npc.choices import ContactWay, DeskKind, NpcMeetingKind, ReplyResult, Satisfaction, SessionKind
from qinglian.npc.models import (
    Contact,
    Deputy,
    MeetingAgendaItem,
    NpcMeeting,
    Reply,
    SatisfactionRecord,
    Session,
    Suggestion,
)
from qinglian.npc.services import deletion as npc_deletion
from qinglian.npc.services import meetings as npc_meetings
from qinglian.npc.services import setup as npc_setup
from qinglian.npc.services import suggestions as npc_suggestions
from qinglian.org import services as org_services
from qinglian.org.choices import PartyStatus, Role, UnitKind
from qinglian.org.models import (
    Branch,
    BranchCommitteeMember,
    LeadingGroupMember,
    Organ,
    PartyGroup,
    Person,
    Supervision,
    Unit,
    User,
)
from qinglian.partylife.choices import AttendanceStatus, DLMStep, Holder, MeetingKind, StudyKind, TalkRole
from qinglian.partylife.models import HeartTalk, Meeting, StudyRecord
from qinglian.partylife.services import dlm as pl_dlm
from qinglian.partylife.services import meetings as pl_meetings
from qinglian.partylife.services import people as pl_people

D = dt.date
SETUP = D(2024, 12, 2)  # the day the organ's structure was entered: before every date a case looks at
PASSWORD = "Zhengfeng-test-1"  # passes the password rules, which refuse the system name

Step = Callable[["World"], Any]


def at(day: dt.date, hour: int = 18, minute: int = 0) -> dt.datetime:
    """`day` at `hour`:`minute` on the organ's clock (Asia/Shanghai)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@contextmanager
def on(day: dt.date) -> Iterator[None]:
    """Write as on `day` (late afternoon): history rows, created times and the services' "not after today"."""
    with clock.replaying(at(day)):
        yield


@dataclass
class World:
    """The organ being built: its two internal units, the party-affairs officer who records most ledgers, and
    everything the steps named."""

    organ: Organ
    unit_a: Unit
    unit_b: Unit
    officer: User
    things: dict[str, Any] = field(default_factory=dict)
    approver: User | None = None  # a Party group member's account, made when a decision needs someone else

    def __getitem__(self, name: str) -> Any:
        try:
            return self.things[name]
        except KeyError:
            raise KeyError(f"scenario names no '{name}' (named: {', '.join(self.things)})") from None

    def __contains__(self, name: str) -> bool:
        return name in self.things

    def add(self, name: str | None, obj: Any) -> Any:
        if name is not None:
            if name in self.things:
                raise ValueError(f"scenario names '{name}' twice")
            self.things[name] = obj
        return obj

    def unit(self, key: str) -> Unit:
        """ "a" and "b" are the internal units (办公室, 研究室); any other key a unit a step named."""
        return self[key]

    def fresh(self, name: str) -> Any:
        """The named row re-read from the database (a service may have changed it since the step named it)."""
        obj = self[name]
        obj.refresh_from_db()
        return obj


def build(steps: Iterable[Step]) -> World:
    """A new organ (through org's services) with 办公室 and 研究室, then `steps` in order."""
    with on(SETUP):
        organ = org_services.organ_create(code="scenario", name="情景市人大常委会机关", short_name="情景")
        unit_a = org_services.unit_save(unit=Unit(organ=organ, name="办公室", order=1), by=None)
        unit_b = org_services.unit_save(unit=Unit(organ=organ, name="研究室", order=2), by=None)
        officer = _account(organ, "officer", _person(organ, unit_a, "党务专员"), Role.PARTY_OFFICER)
    world = World(organ=organ, unit_a=unit_a, unit_b=unit_b, officer=officer)
    world.add("organ", organ)
    world.add("a", unit_a)
    world.add("b", unit_b)
    for step in steps:
        step(world)
    return world


def _person(organ: Organ, unit: Unit, name: str, **fields: Any) -> Person:
    fields.setdefault("party_status", PartyStatus.MEMBER)
    if fields["party_status"] in (PartyStatus.MEMBER, PartyStatus.PROBATIONARY):
        fields.setdefault("party_joined_on", D(2010, 7, 1))
    person = Person(organ=organ, unit=unit, name=name, gender="male", **fields)
    return org_services.person_save(person=person, by=None)


def _approver(w: World) -> User:
    """A Party group member's account, made the first time a step needs someone other than the officer to decide
    (two people for every decision: the officer records the requests and replies)."""
    if w.approver is None:
        with on(SETUP):
            w.approver = _account(w.organ, "approver", _person(w.organ, w.unit_b, "分管领导"), Role.LEADER)
    return w.approver


def _account(organ: Organ, username: str, person: Person, role: str, unit: Unit | None = None) -> User:
    user = org_services.account_create(organ=organ, username=username, password=PASSWORD, by=None, person=person)
    org_services.role_grant(user=user, role=role, by=None, unit=unit)
    return user


# --- org: people, branches, the Party group, 分管, personnel events ---------------------------------


def person(
    key: str,
    *,
    name: str | None = None,
    unit: str = "a",
    branch: str | None = None,
    party: bool = True,
    probationary_since: dt.date | None = None,
    day: dt.date = SETUP,
) -> Step:
    """A cadre of unit `unit` (a full Party member unless `party=False`, or a probationary one admitted on
    `probationary_since`), in branch `branch` if given, entered on `day`."""

    def step(w: World) -> Person:
        fields: dict[str, Any] = {"party_status": PartyStatus.MEMBER if party else PartyStatus.MASSES}
        if probationary_since is not None:
            fields = {"party_status": PartyStatus.PROBATIONARY, "party_joined_on": probationary_since}
        with on(day):
            made = _person(w.organ, w.unit(unit), name or key, branch=w[branch] if branch else None, **fields)
        return w.add(key, made)

    return step


def members(branch_key: str, count: int, prefix: str = "m") -> tuple[Step, ...]:
    """`count` full members of the branch, named `prefix`1 … `prefix``count`."""
    return tuple(person(f"{prefix}{n}", branch=branch_key) for n in range(1, count + 1))


def head(person_key: str, unit: str = "a") -> Step:
    """`person_key` gets an account heading unit `unit` (委室负责人)."""

    def step(w: World) -> User:
        with on(SETUP):
            return _account(w.organ, f"head-{person_key}", w[person_key], Role.UNIT_HEAD, unit=w.unit(unit))

    return step


def branch(
    key: str,
    *,
    name: str | None = None,
    term: tuple[dt.date, dt.date] | None = (D(2024, 3, 1), D(2027, 2, 28)),
    established: dt.date | None = None,
    day: dt.date = SETUP,
) -> Step:
    """A Party branch with its committee's current term (start, end)."""

    def step(w: World) -> Branch:
        start, end = term or (None, None)
        row = Branch(
            organ=w.organ, name=name or f"机关{key}党支部", term_start=start, term_end=end, established_on=established
        )
        with on(day):
            return w.add(key, save_checked(row, by=w.officer))

    return step


def renew_term(key: str, day: dt.date, start: dt.date, end: dt.date) -> Step:
    """The branch elected its new committee on `day` (换届): the term is recorded as (start, end)."""

    def step(w: World) -> None:
        row = w.fresh(key)
        row.term_start, row.term_end = start, end
        with on(day):
            save_checked(row, by=w.officer)

    return step


def party_group(key: str, branch_key: str, leader: str | None = None) -> Step:
    def step(w: World) -> PartyGroup:
        row = PartyGroup(
            organ=w.organ, branch=w[branch_key], name=f"第{key}党小组", leader=w[leader] if leader else None
        )
        with on(SETUP):
            return w.add(key, save_checked(row, by=w.officer))

    return step


def join_branch(person_key: str, branch_key: str, day: dt.date) -> Step:
    """`person_key` is put into the branch on `day` (编入党支部)."""

    def step(w: World) -> None:
        row = w.fresh(person_key)
        row.branch = w[branch_key]
        with on(day):
            org_services.person_save(person=row, by=w.officer)

    return step


def committee(branch_key: str, person_key: str, post: str = "secretary", start: dt.date = SETUP) -> Step:
    """A seat on the branch committee (支部委员会) from `start`."""

    def step(w: World) -> None:
        row = BranchCommitteeMember(organ=w.organ, branch=w[branch_key], person=w[person_key], post=post, start=start)
        with on(max(start, SETUP)):
            save_checked(row, by=w.officer)

    return step


def leading(person_key: str, post: str = "member", start: dt.date = SETUP, end: dt.date | None = None) -> Step:
    """A post in the organ's Party group (党组) from `start`, until `end` (recorded on that day) if given."""

    def step(w: World) -> None:
        row = LeadingGroupMember(organ=w.organ, person=w[person_key], post=post, start=start)
        with on(max(start, SETUP)):
            save_checked(row, by=w.officer)
        if end is not None:
            row.end = end
            with on(end):
                save_checked(row, by=w.officer)

    return step


def supervise(leader_key: str, unit: str, start: dt.date, end: dt.date | None = None) -> Step:
    """`leader_key` takes up the 分管 of `unit` on `start` (org's service), until `end` if given."""

    def step(w: World) -> None:
        with on(max(start, SETUP)):
            row, _previous = org_services.supervision_change(
                unit=w.unit(unit), leader=w[leader_key], start=start, by=w.officer
            )
        if end is not None:
            row = Supervision.objects.get(pk=row.pk)
            row.end = end
            with on(end):
                save_checked(row, by=w.officer)

    return step


def event(key: str, person_key: str, kind: str, day: dt.date, to_unit: str | None = None) -> Step:
    """A personnel event (任职/提拔/转岗/调入/调出/退休) recorded on its own day through org's service."""

    def step(w: World) -> Any:
        with on(day):
            made = org_services.personnel_event_record(
                person=w.fresh(person_key),
                kind=kind,
                date=day,
                by=w.officer,
                to_unit=w.unit(to_unit) if to_unit else None,
            )
        return w.add(key, made)

    return step


def arrive(key: str, day: dt.date, *, unit: str = "a", branch: str | None = None, party: bool = True) -> Step:
    """Someone comes into the organ on `day` (调入): entered that day, with the 调入 event named `key`+':in'."""

    def step(w: World) -> None:
        person(key, unit=unit, branch=branch, party=party, day=day)(w)
        event(f"{key}:in", key, "transfer_in", day)(w)

    return step


def delete(key: str, day: dt.date) -> Step:
    """The named row is deleted on `day`, through its app's deletion service where there is one."""

    def step(w: World) -> None:
        obj = w.fresh(key)
        with on(day):
            if isinstance(obj, DutyItem):
                duty_lists.item_delete(item=obj, by=w.officer)
            elif obj._meta.app_label == "npc":
                npc_deletion.npc_record_delete(obj=obj, by=w.officer, reason="登记有误")
            else:
                soft_delete(obj, by=w.officer)

    return step


# --- party life ------------------------------------------------------------------------------------


def meeting(
    branch_key: str,
    kind: str,
    day: dt.date,
    *,
    key: str | None = None,
    group: str | None = None,
    lecturer: str | None = None,
    hours: str = "0",
    present: Iterable[str] = (),
    on_leave: Iterable[str] = (),
    vote: tuple[int, int] | tuple[int, int, int] | None = None,
) -> Step:
    """A branch (or party group) meeting held on `day`, recorded that day; `vote` = (应到, 实到[, 赞成]) voting
    members."""

    def step(w: World) -> Meeting:
        row = Meeting(
            organ=w.organ,
            kind=kind,
            holder=Holder.PARTY_GROUP if group else Holder.BRANCH,
            branch=None if group else w[branch_key],
            party_group=w[group] if group else None,
            date=day,
            topic=f"{MeetingKind(kind).label}（{day:%m月%d日}）",
            lecturer=w[lecturer] if lecturer else None,
            hours=Decimal(hours),
            has_vote=vote is not None,
            voting_members_due=vote[0] if vote else None,
            voting_members_present=vote[1] if vote else None,
            votes_for=vote[2] if vote and len(vote) > 2 else None,
        )
        lines = [pl_meetings.AttendanceLine(w[p].pk) for p in present]
        lines += [pl_meetings.AttendanceLine(w[p].pk, AttendanceStatus.LEAVE, "出差") for p in on_leave]
        with on(day):
            made = pl_meetings.meeting_record(
                meeting=row, by=w.officer, agenda=["学习传达上级精神"], first_topic_index=0, attendance=lines
            )
        return w.add(key, made)

    return step


def lg_meeting(kind: str, day: dt.date, *, key: str | None = None, themes: Iterable[str] = ()) -> Step:
    """A meeting of the Party group (党组会议, 民主生活会 …); its first agenda item tagged with `themes`."""

    def step(w: World) -> Meeting:
        row = Meeting(organ=w.organ, kind=kind, holder=Holder.LEADING_GROUP, date=day, topic=MeetingKind(kind).label)
        with on(day):
            made = pl_meetings.meeting_record(
                meeting=row, by=w.officer, agenda=["研究部署有关工作"], first_topic_index=0
            )
            if themes:
                duty_boards.agenda_tags_set(agenda_item=made.agenda.first(), themes=themes, by=w.officer)
        return w.add(key, made)

    return step


def study(person_key: str, day: dt.date, hours: str) -> Step:
    """A centralised study record (集中培训) of `hours` on `day`."""

    def step(w: World) -> None:
        row = StudyRecord(
            organ=w.organ,
            person=w[person_key],
            kind=StudyKind.TRAINING,
            date=day,
            title="专题培训班",
            hours=Decimal(hours),
        )
        with on(day):
            pl_people.study_record_add(record=row, by=w.officer)

    return step


def talk(initiator: str, counterpart: str, day: dt.date, branch_key: str | None = None) -> Step:
    """A heart-to-heart talk (谈心谈话) between a committee member and another member."""

    def step(w: World) -> None:
        row = HeartTalk(
            organ=w.organ,
            initiator=w[initiator],
            initiator_role=TalkRole.COMMITTEE,
            counterpart=w[counterpart],
            counterpart_role=TalkRole.MEMBER,
            branch=w[branch_key] if branch_key else None,
            date=day,
            topic="谈思想、谈工作",
        )
        with on(day):
            pl_people.heart_talk_record(talk=row, by=w.officer)

    return step


def dlm_step(year: int, step_name: str, day: dt.date) -> Step:
    """A step of the year's democratic-life meeting (征求意见, 谈心谈话, 对照检查材料, 报告 …) done on `day`."""

    def step(w: World) -> None:
        with on(day):
            pl_dlm.dlm_step_mark(organ_id=w.organ.pk, year=year, step=step_name, done_on=day, by=w.officer)

    return step


def dlm_report(year: int, day: dt.date) -> Step:
    """The report on the year's democratic-life meeting reached the higher Party organisation on `day`."""
    return dlm_step(year, DLMStep.REPORT, day)


# --- duty ------------------------------------------------------------------------------------------


def duty_list(key: str, year: int, day: dt.date | None = None) -> Step:
    """A draft responsibility list (责任清单) of `year`."""

    def step(w: World) -> DutyList:
        with on(day or D(year, 1, 5)):
            made = duty_lists.duty_list_save(duty_list=DutyList(organ_id=w.organ.pk, year=year, title=""), by=w.officer)
        return w.add(key, made)

    return step


def item(
    key: str,
    list_key: str,
    *,
    deadline: dt.date | None = None,
    recurrence: str = Recurrence.ONCE,
    lead: str = "a",
    co: Iterable[str] = (),
) -> Step:
    """An item of the list with its lead unit (its task is named `key`) and co-units (tasks `key`:`unit`)."""

    def step(w: World) -> None:
        the_list = w[list_key]
        row = DutyItem(duty_list=the_list, content=f"落实主体责任事项{key}", deadline=deadline, recurrence=recurrence)
        co_units = [w.unit(u) for u in co]
        with on(D(the_list.year, 1, 5)):
            made = duty_lists.item_save(
                item=row, by=w.officer, lead_unit_id=w.unit(lead).pk, co_unit_ids=[u.pk for u in co_units]
            )
        w.add(f"{key}:item", made)
        w.add(key, made.assignments.get(unit=w.unit(lead)))
        for code, unit in zip(co, co_units):
            w.add(f"{key}:{code}", made.assignments.get(unit=unit))

    return step


def publish(list_key: str, day: dt.date) -> Step:
    """The list is issued (印发) on `day`."""

    def step(w: World) -> None:
        with on(day):
            duty_lists.duty_list_publish(duty_list=w.fresh(list_key), by=w.officer, published_on=day)

    return step


def complete(task_key: str, day: dt.date) -> Step:
    """The unit reports the task done (final progress report) on `day`."""

    def step(w: World) -> None:
        with on(day):
            evidence_on(w.fresh(task_key), w.officer)  # 申请销号 needs evidence
            duty_tasks.progress_report(
                assignment=w.fresh(task_key), by=w.officer, date=day, content="已完成", percent=100, is_final=True
            )

    return step


def report(task_key: str, day: dt.date, period: str) -> Step:
    """A recurring task's report for `period` ("2026-02", "2026-Q3", "2026"), sent on `day`."""

    def step(w: World) -> None:
        with on(day):
            duty_tasks.progress_report(
                assignment=w.fresh(task_key), by=w.officer, date=day, content="本期进展", percent=50, period=period
            )

    return step


def letters(year: int, day: dt.date) -> Step:
    """The year's responsibility letters are drawn up from the roster on `day` (unsigned)."""

    def step(w: World) -> None:
        with on(day):
            duty_letters.letters_generate(organ_id=w.organ.pk, year=year, by=w.officer, on=day)

    return step


def sign(person_key: str, year: int, day: dt.date) -> Step:
    """`person_key` signs the year's letter on `day`."""

    def step(w: World) -> None:
        letter = ResponsibilityLetter.objects.get(signer=w[person_key], year=year, trigger_event__isnull=True)
        with on(day):
            duty_letters.letter_sign(letter=letter, signed_on=day, by=w.officer)

    return step


def event_letter(event_key: str, signed: dt.date | None = None) -> Step:
    """The 补签 letter for a personnel event, drawn up on the event's day and signed on `signed` if given."""

    def step(w: World) -> None:
        the_event = w[event_key]
        with on(the_event.date):
            letter = duty_letters.letter_for_event(event=the_event, by=w.officer)
        if signed is not None:
            with on(signed):
                duty_letters.letter_sign(letter=letter, signed_on=signed, by=w.officer)

    return step


def notice(key: str, task_key: str, issued: dt.date, reply_due: dt.date) -> Step:
    """A 督办单 on the task, issued on `issued`, to be answered by `reply_due`."""

    def step(w: World) -> OversightNotice:
        task = w.fresh(task_key)
        row = OversightNotice(
            organ_id=w.organ.pk,
            assignment=task,
            unit=task.unit,
            reason="任务推进滞后",
            issued_on=issued,
            reply_due=reply_due,
            number="",
        )
        with on(issued):
            made = duty_notices.notice_issue(notice=row, by=w.officer)
        return w.add(key, made)

    return step


def notice_reply(key: str, day: dt.date) -> Step:
    def step(w: World) -> None:
        with on(day):
            duty_notices.notice_reply(notice=w.fresh(key), by=w.officer, reply="已整改到位", replied_on=day)

    return step


def notice_close(key: str, day: dt.date) -> Step:
    def step(w: World) -> None:
        with on(day):
            # Closed by a Party group member: the officer replied for the unit and may not also close it.
            duty_notices.notice_close(notice=w.fresh(key), by=_approver(w))

    return step


# --- npc -------------------------------------------------------------------------------------------


def npc_desks() -> Step:
    """办公室 keeps the suggestions ledger and the meeting-materials ledger (the officer sits there)."""

    def step(w: World) -> None:
        with on(SETUP):
            for kind in (DeskKind.SUGGESTIONS, DeskKind.MATERIALS):
                npc_setup.service_desk_set(organ=w.organ, kind=kind, unit=w.unit_a, by=w.officer)
            deputy = npc_setup.deputy_save(deputy=Deputy(organ=w.organ, name="王代表"), by=w.officer)
        w.add("deputy", deputy)

    return step


def bureau(key: str, name: str | None = None) -> Step:
    """An outside handling unit (a government department)."""

    def step(w: World) -> Unit:
        row = Unit(organ=w.organ, name=name or f"市{key}局", kind=UnitKind.EXTERNAL, order=50)
        with on(SETUP):
            return w.add(key, org_services.unit_save(unit=row, by=None))

    return step


def suggestion(key: str, received: dt.date, *, plenary: bool = False) -> Step:
    """A deputy's suggestion received on `received`: between sessions (闭会期间) unless `plenary`."""

    def step(w: World) -> Suggestion:
        session = None
        if plenary:
            with on(SETUP):
                session = npc_setup.session_save(
                    session=Session(
                        organ=w.organ,
                        term="第十六届",
                        number=f"{received.year}年会议",
                        kind=SessionKind.PLENARY,
                        start=received - dt.timedelta(days=3),
                        end=received,
                    ),
                    by=w.officer,
                )
        row = Suggestion(
            organ=w.organ,
            number=f"第{len(w.things):04d}号",
            session=session,
            lead_deputy=w["deputy"],
            title=f"关于{key}的建议",
            category="urban_rural",
            received_on=received,
        )
        with on(received):
            made = npc_suggestions.suggestion_save(suggestion=row, by=w.officer)
        return w.add(key, made)

    return step


def assign(sugg: str, unit: str, day: dt.date, co: Iterable[str] = ()) -> Step:
    """交办 to lead unit `unit` (assignment named `sugg`/`unit`) and co-units (named the same way) on `day`."""

    def step(w: World) -> None:
        with on(day):
            made = npc_suggestions.suggestion_assign(
                suggestion=w.fresh(sugg),
                lead_unit=w.unit(unit),
                assigned_on=day,
                by=w.officer,
                co_units=[w.unit(u) for u in co],
            )
        for assignment, code in zip(made, [unit, *co]):
            w.add(f"{sugg}/{code}", assignment)

    return step


def receive(assignment_key: str, day: dt.date) -> Step:
    def step(w: World) -> None:
        with on(day):
            npc_suggestions.assignment_receive(assignment=w.fresh(assignment_key), received_on=day, by=w.officer)

    return step


def give_back(assignment_key: str, day: dt.date, accepted: bool = True) -> Step:
    """退回: the unit says the suggestion is not its duty; accepted by the desk unless `accepted=False`."""

    def step(w: World) -> None:
        with on(day):
            npc_suggestions.assignment_return(
                assignment=w.fresh(assignment_key),
                returned_on=day,
                reason="不属本单位职责",
                accepted=accepted,
                by=w.officer,
            )

    return step


def co_opinion(assignment_key: str, day: dt.date) -> Step:
    def step(w: World) -> None:
        with on(day):
            npc_suggestions.co_opinion_record(
                assignment=w.fresh(assignment_key), opinion_on=day, opinion="同意主办单位意见", by=w.officer
            )

    return step


def notify_deputy(sugg: str, day: dt.date) -> Step:
    def step(w: World) -> None:
        with on(day):
            npc_suggestions.suggestion_notify_deputy(suggestion=w.fresh(sugg), notified_on=day, by=w.officer)

    return step


def contact(sugg: str, day: dt.date) -> Step:
    def step(w: World) -> None:
        with on(day):
            npc_suggestions.contact_record(
                contact=Contact(suggestion=w.fresh(sugg), date=day, way=ContactWay.PHONE), by=w.officer
            )

    return step


def reply(key: str, sugg: str, day: dt.date) -> Step:
    """The active lead unit's reply (or re-reply, when the deputy was dissatisfied) on `day`."""

    def step(w: World) -> Reply:
        suggestion_row = w.fresh(sugg)
        lead = suggestion_row.assignments.get(role="lead", is_active=True)
        row = Reply(suggestion=suggestion_row, assignment=lead, date=day, result=ReplyResult.SOLVING)
        with on(day):
            made = npc_suggestions.reply_record(reply=row, by=w.officer)
        return w.add(key, made)

    return step


def satisfaction(reply_key: str, day: dt.date, level: str = Satisfaction.SATISFIED) -> Step:
    def step(w: World) -> None:
        row = SatisfactionRecord(reply=w.fresh(reply_key), recorded_on=day, level=level)
        with on(day):
            npc_suggestions.satisfaction_record(record=row, by=w.officer)

    return step


def extension(sugg: str, requested: dt.date, approved: dt.date) -> Step:
    """The lead unit asks for six months on `requested`; a Party group member approves on `approved`."""

    def step(w: World) -> None:
        with on(requested):
            npc_suggestions.extension_request(
                suggestion=w.fresh(sugg), requested_on=requested, reason="涉及面广、处理难度大", by=w.officer
            )
        with on(approved):
            npc_suggestions.extension_approve(suggestion=w.fresh(sugg), approved_on=approved, by=_approver(w))

    return step


def npc_meeting(key: str, day: dt.date, kind: str = NpcMeetingKind.STANDING) -> Step:
    """A 常委会会议 (or 主任会议) on `day`, entered six weeks before."""

    def step(w: World) -> NpcMeeting:
        row = NpcMeeting(organ=w.organ, kind=kind, number=f"第{len(w.things)}次", date=day)
        with on(day - dt.timedelta(days=42)):
            return w.add(key, npc_meetings.npc_meeting_save(meeting=row, by=w.officer))

    return step


def agenda(key: str, meeting_key: str, unit: str, *, special: bool = False, audit: str = "") -> Step:
    """An agenda item of the meeting whose materials `unit` submits; `special` for a 专项工作报告, `audit` for one
    of the two audit reports (审计工作报告 "work", 整改情况报告 "rectification")."""

    def step(w: World) -> MeetingAgendaItem:
        the_meeting = w[meeting_key]
        row = MeetingAgendaItem(
            meeting=the_meeting,
            title=f"关于{key}工作情况的报告",
            kind="report_review",
            submitting_unit=w.unit(unit),
            is_special_report=special,
            audit_report=audit,
        )
        with on(the_meeting.date - dt.timedelta(days=42)):
            return w.add(key, npc_meetings.agenda_item_save(item=row, by=w.officer))

    return step


def submit(item_key: str, moment: dt.datetime, *, final: bool = False) -> Step:
    """A version of the item's materials reaches the office at `moment` (aware, Beijing time)."""

    def step(w: World) -> None:
        with clock.replaying(moment):
            npc_meetings.material_submit(
                item=w.fresh(item_key), submitted_at=moment, by=w.officer, submitter="联络员", is_final=final
            )

    return step
