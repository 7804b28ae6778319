"""The year's meetings and their materials: six 常委会会议 (late in every second month, scheduled in January),
thirty 主任会议 (one a week before each Standing Committee meeting to set its agenda, the others through the
year), each with agenda items and submitting units; the materials sent to the office before the meeting —
mostly on time, late from the two or three units the office always complains about — and its receipts.

Items are added a few weeks before their meeting, so a meeting later than `today` may be scheduled with its
agenda and some materials already in, or not yet called at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from qinglian.npc.choices import AgendaKind, NpcMeetingKind
from qinglian.npc.deadlines import material_deadlines, materials_params
from qinglian.npc.demo import data_meetings as agenda
from qinglian.npc.demo.data import LATE_SUBMITTERS
from qinglian.npc.demo.ledger import Ledger
from qinglian.npc.demo.people import MATERIALS_DESK
from qinglian.npc.demo.state import NpcDemo, Timeline, cn_number, moment
from qinglian.npc.models import MaterialSubmission, MeetingAgendaItem, NpcMeeting

# 主任会议 per month (the one before each Standing Committee meeting included): thirty a year.
CHAIRPERSONS_PER_MONTH = (2, 2, 3, 3, 3, 3, 2, 2, 3, 3, 2, 2)
STANDING_MONTHS = (2, 4, 6, 8, 10, 12)
STANDING_KINDS = (
    (AgendaKind.REPORT_REVIEW, 3),
    (AgendaKind.REGULATION, 1),
    (AgendaKind.RESOLUTION, 1),
    (AgendaKind.INSPECTION, 1),
)
LATE_SHARE = {True: 0.4, False: 0.01}  # chance an item's first version is late: the complained-of units / others


@dataclass
class Called:
    meeting: NpcMeeting
    called_on: dt.date  # when the office enters it (and its items)
    specs: list[agenda.ItemSpec]


def build(demo: NpcDemo, timeline: Timeline, ledger: Ledger, plenary_days: set[dt.date]) -> list[Called]:
    standing = _standing(demo)
    chair = _chairpersons(demo, standing, plenary_days)
    called = standing + chair
    for call in called:
        _schedule(demo, timeline, ledger, call)
    return called


def _title_number(demo: NpcDemo, kind: str, index: int) -> tuple[str, str]:
    years_in = demo.year - demo.term_year
    if kind == NpcMeetingKind.STANDING:
        n = years_in * 6 + index
        return f"第{n}次", f"临江市{demo.term}人民代表大会常务委员会第{cn_number(n)}次会议"
    n = years_in * 30 + index
    return f"第{n}次", f"临江市{demo.term}人大常委会第{cn_number(n)}次主任会议"


def _standing(demo: NpcDemo) -> list[Called]:
    """Six meetings, all scheduled with the year's work plan in January; items chosen by the month."""
    used: set[str] = set()
    planned_on = demo.days.add(dt.date(demo.year, 1, 5), 0)
    found = []
    for index, month in enumerate(STANDING_MONTHS, start=1):
        day = demo.pick_day(dt.date(demo.year, month, 22), dt.date(demo.year, month, 28))
        number, title = _title_number(demo, NpcMeetingKind.STANDING, index)
        meeting = NpcMeeting(kind=NpcMeetingKind.STANDING, number=number, date=day, title=title)
        specs = []
        for kind, count in STANDING_KINDS:
            if demo.closed_year:  # last year's agendas were a little lighter now and then: its figures differ
                count -= demo.rng.random() < 0.25
            fitting = [s for s in agenda.STANDING_ITEMS if s.kind == kind and month in s.months and s.title not in used]
            for spec in demo.rng.sample(fitting, min(count, len(fitting))):
                used.add(spec.title)
                specs.append(spec)
        if month in agenda.AUDIT_WORK.months:
            specs.append(agenda.AUDIT_WORK)
        specs.append(agenda.APPOINTMENT)
        found.append(Called(meeting, planned_on, specs))
    return found


def _chairpersons(demo: NpcDemo, standing: list[Called], plenary_days: set[dt.date]) -> list[Called]:
    before = {c.meeting.date.month: demo.days.add(c.meeting.date, -demo.rng.randint(5, 7)) for c in standing}
    busy = set(plenary_days) | {c.meeting.date for c in standing} | set(before.values())
    days: list[tuple[dt.date, int | None]] = []
    for month, count in enumerate(CHAIRPERSONS_PER_MONTH, start=1):
        if month in before:
            days.append((before[month], STANDING_MONTHS.index(month) + 1))
            count -= 1
        first = dt.date(demo.year, month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        free = [d for d in demo.days.between(first, last) if all(abs((d - b).days) > 2 for b in busy)]
        for chunk in range(count):
            part = free[chunk * len(free) // count : (chunk + 1) * len(free) // count]
            days.append((demo.rng.choice(part), None))
    found = []
    seen: set[str] = set()
    for index, (day, prepares) in enumerate(sorted(days), start=1):
        number, title = _title_number(demo, NpcMeetingKind.CHAIRPERSONS, index)
        meeting = NpcMeeting(kind=NpcMeetingKind.CHAIRPERSONS, number=number, date=day, title=title)
        specs = []
        if prepares:
            n = (demo.year - demo.term_year) * 6 + prepares
            specs.append(
                agenda.ItemSpec(agenda.AGENDA_PREP.title.format(standing=cn_number(n)), AgendaKind.OTHER, "办公室")
            )
        fitting = [s for s in agenda.CHAIRPERSONS_ITEMS if not s.months or day.month in s.months]
        fresh = [s for s in fitting if s.title not in seen] or fitting
        for spec in demo.rng.sample(fresh, min(len(fresh), demo.rng.randint(2, 4) - (1 if prepares else 0) + 1)):
            seen.add(spec.title)
            specs.append(spec)
        found.append(Called(meeting, demo.days.add(day, -demo.rng.randint(8, 12)), specs))
    return found


def _schedule(demo: NpcDemo, timeline: Timeline, ledger: Ledger, call: Called) -> None:
    """The meeting when the office enters it, its items a few weeks before it, then the materials."""
    desk = demo.writers["npc_materials"]
    meeting = call.meeting
    meeting.organ = demo.organ
    if not timeline.add(call.called_on, lambda: ledger.add(meeting, desk)):
        return
    params = materials_params(organ_id=demo.organ.pk, on=meeting.date)
    is_standing = meeting.kind == NpcMeetingKind.STANDING
    items_on = demo.days.add(meeting.date, -demo.rng.randint(32, 36)) if is_standing else call.called_on
    items_on = max(items_on, call.called_on)
    for order, spec in enumerate(call.specs, start=1):
        special = spec.special and is_standing
        # Computed as services_meetings.agenda_item_save does: NPC-008's parameters on the meeting date.
        deadline, final = material_deadlines(meeting.date, meeting.kind, special, params)
        item = MeetingAgendaItem(
            organ=demo.organ,
            meeting=meeting,
            order=order,
            title=_fill(demo, spec.title),
            kind=spec.kind,
            submitting_unit=demo.units[spec.unit],
            materials_required=agenda.MATERIALS[spec.kind],
            is_special_report=special,
            audit_report=spec.audit,
            deadline=deadline,
            final_deadline=final,
        )
        if not timeline.add(items_on, lambda i=item: ledger.add(i, desk)):
            continue
        _submissions(demo, timeline, ledger, item, max(items_on, demo.days.add(deadline, -6)))
        if meeting.date < demo.today:
            outcome = demo.rng.choice(agenda.OUTCOMES[spec.kind])
            timeline.add(demo.days.add(meeting.date, 1), lambda i=item, o=outcome: _close(ledger, i, o, desk))


def _fill(demo: NpcDemo, title: str) -> str:
    return title.format(y=demo.year, py=demo.year - 1, n=cn_number(demo.session_number + 1))


def _close(ledger: Ledger, item: MeetingAgendaItem, outcome: str, desk) -> None:
    item.outcome = outcome
    ledger.change(item, desk)


def _submissions(demo: NpcDemo, timeline: Timeline, ledger: Ledger, item: MeetingAgendaItem, earliest: dt.date) -> None:
    """The unit's versions (a special work report: a draft, then the final by the second deadline) and the
    office's receipt of each, within a couple of hours."""
    unit, deadline, final = item.submitting_unit, item.deadline, item.final_deadline
    # Last year's all came in time (the draw is kept, so the rest of the plan does not move).
    late = demo.rng.random() < LATE_SHARE[unit.name in LATE_SUBMITTERS] and demo.plants_slips
    last_day = demo.days.add(item.meeting.date, -1)
    if late:
        first = min(demo.days.add(deadline, demo.rng.randint(1, 3)), last_day)
    else:
        first = max(demo.days.add(deadline, -demo.rng.randint(0, 4)), earliest)
    versions = [(first, final is None)]
    if final is not None:
        if late and demo.rng.random() < 0.5:
            due = demo.days.add(final, demo.rng.randint(1, 2))
        else:
            due = demo.days.add(final, -demo.rng.randint(0, 3))
        versions.append((max(min(due, last_day), demo.days.add(first, 1)), True))
    elif demo.rng.random() < 0.15:
        versions = [(first, False), (min(demo.days.add(first, demo.rng.randint(1, 2)), last_day), True)]
    submitter = _submitter(demo, unit)
    desk = demo.writers["npc_materials"]
    for version, (day, is_final) in enumerate(versions, start=1):
        sent = moment(day, demo.rng.randint(8, 16), demo.rng.randint(0, 59))
        received = sent + dt.timedelta(minutes=demo.rng.randint(20, 150))
        if received.hour >= 18:
            received = moment(demo.days.add(day, 1), 9, demo.rng.randint(0, 40))
        submission = MaterialSubmission(
            organ=demo.organ,
            agenda_item=item,
            version=version,
            submitted_at=sent,
            submitter=submitter,
            submitted_by=desk,
            is_final=is_final,
        )
        if timeline.add(day, lambda x=submission: ledger.add(x, desk), sent.hour):
            timeline.add(received.date(), _receive(demo, ledger, submission, received), received.hour)


def _receive(
    demo: NpcDemo, ledger: Ledger, submission: MaterialSubmission, received: dt.datetime
) -> Callable[[], None]:
    def step() -> None:
        submission.received_at, submission.received_by = received, _clerk(demo)
        ledger.change(submission, demo.writers["npc_materials"])

    return step


def _submitter(demo: NpcDemo, unit) -> str:
    profile = demo.profiles.get(unit.pk)
    if profile is not None:
        return profile.contact_name
    staff = demo.people_of(unit.name)
    return staff[len(staff) // 2].name if staff else unit.name


def _clerk(demo: NpcDemo):
    """The 秘书科 person who signs for materials: the materials desk's login, now and then a colleague."""
    own = demo.writers["npc_materials"].person
    if demo.rng.random() < 0.8:
        return own
    return demo.rng.choice(demo.people_of(MATERIALS_DESK))
