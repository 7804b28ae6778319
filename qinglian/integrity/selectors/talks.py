"""Reads of the 廉政谈话 ledger: the list as the page filters it, a person's talks, the people and personnel events
a talk may name, and the talks expected after personnel events (应谈未谈) — the same matching rule INT-001 reads.

Every list starts from `IntegrityTalk.objects.visible_to(user)` (querysets.TalkQuerySet: the organ readers and the
personnel officer see all, others the talks they are in). The personnel officer is not an organ reader of org's
rows, yet arranges the talks: the people and events a writer chooses from are the organ's, read here for those who
may record talks (`can_record_talks`) and nobody else.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from qinglian.compliance.params import MissingParameters, resolve, sets_in_force
from qinglian.compliance.registry import Params, get_rule
from qinglian.core import asof, clock, workdays
from qinglian.integrity.choices import IntegrityTalkKind
from qinglian.integrity.models import IntegrityTalk, TalkAttendance
from qinglian.integrity.permissions import can_record_talks
from qinglian.integrity.querysets import READERS
from qinglian.org.choices import PersonnelEventKind, UnitKind
from qinglian.org.models import Person, PersonnelEvent, Unit
from qinglian.org.scope import scope_of

RULE_CODE = "INT-001"
# Personnel events after which a talk is expected (提拔、任职、转岗、调入).
EXPECTING_KINDS = (
    PersonnelEventKind.PROMOTION,
    PersonnelEventKind.APPOINTMENT,
    PersonnelEventKind.TRANSFER,
    PersonnelEventKind.TRANSFER_IN,
)
# The kinds of talk that answer a personnel event: 任前（新提任） and 转岗/交流.
ANSWERING_KINDS = (IntegrityTalkKind.PRE_APPOINTMENT, IntegrityTalkKind.TRANSFER)
# A talk not linked to the event still answers it when held this many calendar days before the event or later
# (a 任前 talk is held during the 公示期, before the appointment is dated).
PRE_EVENT_DAYS = 30


def kind_for_event(kind: str) -> str:
    """The talk an event calls for: 任前 after a promotion or appointment, 转岗/交流 after a move."""
    if kind in (PersonnelEventKind.PROMOTION, PersonnelEventKind.APPOINTMENT):
        return IntegrityTalkKind.PRE_APPOINTMENT
    return IntegrityTalkKind.TRANSFER


# --- the ledger ----------------------------------------------------------------------------------------------


def with_people(talks: QuerySet[IntegrityTalk]) -> QuerySet[IntegrityTalk]:
    attendance = TalkAttendance.objects.select_related("person", "person__unit").order_by("person__unit__order", "id")
    return talks.select_related("talker", "subject", "unit", "event").prefetch_related(
        Prefetch("attendance", queryset=attendance)
    )


def talk_list(
    user: Any,
    *,
    year: int | None = None,
    kind: str = "",
    unit_id: int | None = None,
    person_id: int | None = None,
    q: str = "",
) -> QuerySet[IntegrityTalk]:
    """The talks `user` may see, newest first, narrowed by year, kind, unit, a person (talker, subject or on the
    attendance list) and a text (names, topic, points)."""
    talks = IntegrityTalk.objects.visible_to(user)
    if year:
        talks = talks.filter(date__year=year)
    if kind:
        talks = talks.filter(kind=kind)
    if unit_id:
        talks = talks.filter(unit_id=unit_id)
    if person_id:
        talks = talks.filter(pk__in=_involving(person_id))
    if q:
        text = Q(talker__name__contains=q) | Q(subject__name__contains=q)
        text |= Q(topic__contains=q) | Q(points__contains=q) | Q(attendance__person__name__contains=q)
        talks = talks.filter(pk__in=IntegrityTalk.objects.filter(text).values("pk"))
    return with_people(talks).order_by("-date", "-id")


def _involving(person_id: int) -> QuerySet:
    condition = Q(talker_id=person_id) | Q(subject_id=person_id) | Q(attendance__person_id=person_id)
    return IntegrityTalk.objects.filter(condition).values("pk")


def talks_of_person(user: Any, person_id: int, *, year: int | None = None) -> QuerySet[IntegrityTalk]:
    """The talks a person was in (talker, talked to, or on a collective talk's list), as `user` may see them."""
    return talk_list(user, year=year, person_id=person_id)


def my_talks(user: Any, year: int) -> list[IntegrityTalk]:
    """我的廉政谈话: this year's talks where the account's person was talked to or on the attendance list."""
    me = scope_of(user).person_id
    if me is None:
        return []
    mine = Q(subject_id=me) | Q(attendance__person_id=me)
    talks = IntegrityTalk.objects.visible_to(user).filter(date__year=year)
    return list(with_people(talks.filter(pk__in=IntegrityTalk.objects.filter(mine).values("pk"))))


# --- what a writer chooses from ----------------------------------------------------------------------------------


def people_for_talks(user: Any, keep: Iterable[int | None] = ()) -> QuerySet[Person]:
    """The organ's people in post (and those already on the talk) for a writer; nobody for anyone else."""
    scope = scope_of(user)
    if not can_record_talks(user) or scope.organ_id is None:
        return Person.objects.none()
    kept = [pk for pk in keep if pk]
    people = Person.objects.filter(organ_id=scope.organ_id).filter(Q(is_active=True) | Q(pk__in=kept))
    return people.select_related("unit").order_by("unit__order", "unit_id", "id")


def attendance_people(user: Any, keep: Iterable[int] = ()) -> list[Person]:
    """Who may be listed at a collective talk: the people in post of the organ's own units (and those already
    listed)."""
    people = people_for_talks(user, keep)
    return list(people.filter(Q(unit__kind=UnitKind.INTERNAL) | Q(pk__in=list(keep))))


def units_for_talks(user: Any) -> QuerySet[Unit]:
    scope = scope_of(user)
    if scope.organ_id is None or not scope.is_business:
        return Unit.objects.none()
    return Unit.objects.filter(organ_id=scope.organ_id, kind=UnitKind.INTERNAL).order_by("order", "id")


def events_for_talks(user: Any, keep: int | None = None) -> QuerySet[PersonnelEvent]:
    """Personnel events a talk may answer (提拔、任职、转岗、调入 of the last two years), for a writer."""
    scope = scope_of(user)
    if not can_record_talks(user) or scope.organ_id is None:
        return PersonnelEvent.objects.none()
    since = workdays.add_years(clock.today(), -2).replace(day=1)
    events = PersonnelEvent.objects.filter(organ_id=scope.organ_id, kind__in=EXPECTING_KINDS)
    events = events.filter(Q(date__gte=since) | Q(pk=keep or 0))
    return events.select_related("person", "to_unit", "person__unit").order_by("-date", "-id")


def event_for_talk(user: Any, pk: Any) -> PersonnelEvent | None:
    """One event a writer may link (`?event=` on the form), or None."""
    if not str(pk).isdigit():
        return None
    return events_for_talks(user).filter(pk=int(pk)).first()


# --- talks expected after personnel events (应谈未谈), and INT-001 ---------------------------------------------


def rule_params(organ_id: int, on: dt.date) -> Params | None:
    """INT-001's parameters in force for the organ on `on` (talk_working_days, warn_working_days,
    look_back_years), or None when no set is in force."""
    try:
        return resolve(get_rule(RULE_CODE), sets_in_force(organ_id=organ_id, on=on, codes=[RULE_CODE]).get(RULE_CODE))
    except MissingParameters:
        return None


def window_start(as_of: dt.date, look_back_years: int) -> dt.date:
    """The first day of the look-back window: 1 January of the earliest of `look_back_years` years ending with
    the year of `as_of` (2 = this year and last)."""
    return dt.date(as_of.year - look_back_years + 1, 1, 1)


@dataclass(frozen=True)
class ExpectedTalk:
    """One personnel event that expects a talk, as it stood on `as_of`: when the talk was due, and the first
    answering talk dated on or before `as_of` (None: not held yet)."""

    event_id: int
    event_date: dt.date
    event_kind: str
    person_id: int
    person_name: str
    unit_id: int | None
    unit_name: str
    to_post: str
    due: dt.date
    talk_id: int | None
    talk_date: dt.date | None
    talker_name: str
    as_of: dt.date
    warn_days: int

    @property
    def event_label(self) -> str:
        return f"{self.person_name}{PersonnelEventKind(self.event_kind).label}（{self.event_date:%Y-%m-%d}）"

    @property
    def kind_label(self) -> str:
        return PersonnelEventKind(self.event_kind).label

    @property
    def expected_kind(self) -> str:
        return kind_for_event(self.event_kind)

    @property
    def expected_kind_label(self) -> str:
        return IntegrityTalkKind(self.expected_kind).label

    @property
    def state(self) -> str:
        """held (in time), late (held after the due date), overdue (not held, past due), due_soon (not held, due
        within the warning days), waiting (not held, not yet due)."""
        if self.talk_date is not None:
            return "held" if self.talk_date <= self.due else "late"
        if self.as_of > self.due:
            return "overdue"
        if workdays.working_days_between(self.as_of, self.due) <= self.warn_days:
            return "due_soon"
        return "waiting"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def is_open(self) -> bool:
        return self.talk_date is None


STATE_LABELS = {
    "held": "已按期谈话",
    "late": "逾期谈话",
    "overdue": "逾期未谈",
    "due_soon": "即将到期",
    "waiting": "待谈话",
}


def expected_talks_on(
    *,
    organ_id: int,
    as_of: dt.date,
    since: dt.date,
    talk_days: int,
    warn_days: int,
    person_ids: Iterable[int] | None = None,
) -> list[ExpectedTalk]:
    """Personnel events of kinds 提拔、任职、转岗、调入 dated from `since` to `as_of` into one of the organ's own
    units, as the ledgers stood at the end of `as_of` (an event or talk withdrawn later still stood; a talk dated
    later had not been held), each with its due date (`talk_days` working days after the event, core.workdays) and
    the first answering talk: one of kind 任前 or 转岗/交流 with the event's person, linked to the event, or not
    linked to any event and dated no more than PRE_EVENT_DAYS before it. Oldest first."""
    events = PersonnelEvent.all_objects.filter(
        asof.live_on(as_of), organ_id=organ_id, kind__in=EXPECTING_KINDS, date__range=(since, as_of)
    )
    if person_ids is not None:
        events = events.filter(person_id__in=list(person_ids))
    events = list(events.select_related("person", "person__unit", "to_unit").order_by("date", "id"))
    internal = set(Unit.all_objects.filter(organ_id=organ_id, kind=UnitKind.INTERNAL).values_list("pk", flat=True))
    events = [e for e in events if (e.to_unit_id or e.person.unit_id) in internal]
    talks = _answering_talks(organ_id, as_of, {e.person_id for e in events})
    rows = []
    for event in events:
        unit = event.to_unit or event.person.unit
        talk = _first_answer(event, talks.get(event.person_id, []))
        rows.append(
            ExpectedTalk(
                event_id=event.pk,
                event_date=event.date,
                event_kind=event.kind,
                person_id=event.person_id,
                person_name=event.person.name,
                unit_id=unit.pk if unit else None,
                unit_name=unit.name if unit else "",
                to_post=event.to_post,
                due=workdays.after(event.date, talk_days, "working_days"),
                talk_id=talk.pk if talk else None,
                talk_date=talk.date if talk else None,
                talker_name=talk.talker.name if talk else "",
                as_of=as_of,
                warn_days=warn_days,
            )
        )
    return rows


def _answering_talks(organ_id: int, as_of: dt.date, person_ids: set[int]) -> dict[int, list[IntegrityTalk]]:
    rows = IntegrityTalk.all_objects.filter(
        asof.live_on(as_of),
        organ_id=organ_id,
        kind__in=ANSWERING_KINDS,
        subject_id__in=list(person_ids),
        date__lte=as_of,
    )
    found: dict[int, list[IntegrityTalk]] = defaultdict(list)
    for talk in rows.select_related("talker").order_by("date", "id"):
        found[talk.subject_id].append(talk)
    return found


def _first_answer(event: PersonnelEvent, talks: list[IntegrityTalk]) -> IntegrityTalk | None:
    earliest = event.date - dt.timedelta(days=PRE_EVENT_DAYS)
    for talk in talks:  # in date order
        if talk.event_id == event.pk or (talk.event_id is None and talk.date >= earliest):
            return talk
    return None


def expected_talks(user: Any, *, as_of: dt.date | None = None, open_only: bool = False) -> list[ExpectedTalk]:
    """The talks expected after the personnel events of the look-back window (INT-001's parameters in force),
    newest event first: every event for the readers of talks and the writers, one's own events for anyone else."""
    scope = scope_of(user)
    if not scope.is_business or scope.organ_id is None:
        return []
    as_of = as_of or clock.today()
    params = rule_params(scope.organ_id, as_of)
    if params is None:
        return []
    person_ids = None
    if not (scope.has(*READERS) or can_record_talks(user)):
        if scope.person_id is None:
            return []
        person_ids = [scope.person_id]
    rows = expected_talks_on(
        organ_id=scope.organ_id,
        as_of=as_of,
        since=window_start(as_of, params.look_back_years),
        talk_days=params.talk_working_days,
        warn_days=params.warn_working_days,
        person_ids=person_ids,
    )
    if open_only:
        rows = [r for r in rows if r.is_open]
    return sorted(rows, key=lambda r: (r.event_date, r.event_id), reverse=True)


def awaiting_talks(user: Any, *, since_days: int | None = None) -> list[ExpectedTalk]:
    """Events with no talk yet, most urgent (earliest due) first; `since_days` keeps only events of that many
    recent days (the workbench's 近期人事变动)."""
    rows = expected_talks(user, open_only=True)
    if since_days is not None:
        start = clock.today() - dt.timedelta(days=since_days)
        rows = [r for r in rows if r.event_date >= start or r.state == "overdue"]
    return sorted(rows, key=lambda r: (r.due, r.event_id))
