"""党风廉政建设责任书 of both years: generated from the roster just before the year's conference, the Party
group's and the unit heads' signed at it, the cadres' over the following weeks; a 补签 after each personnel event
(任职、提拔、转岗、调入), an arrival's letter being the one generated for them.

This year's go through the services (`letters_generate`, `letter_for_event`, `letter_sign`; the conference's
signing as one batch), with five letters still unsigned and one 补签 late. Last year's, all signed, are written
in bulk."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from simple_history.utils import bulk_create_with_history

from qinglian.duty.choices import LetterLevel
from qinglian.duty.demo.dating import record_states, snapshot
from qinglian.duty.demo.state import PARTY_COMMITTEE, DutyDemo
from qinglian.duty.models import DutyList, ResponsibilityLetter
from qinglian.duty.selectors.letters import expected_letters
from qinglian.duty.services.letters import letter_for_event, letter_save, letter_sign, letters_generate
from qinglian.org.choices import PersonnelEventKind as Kind
from qinglian.org.models import PersonnelEvent

AFTER_EVENT = Kind.APPOINTMENT, Kind.PROMOTION, Kind.TRANSFER, Kind.TRANSFER_IN  # 任职、提拔、转岗、调入
SIGNED_WITHIN = (2, 8)  # working days after the event
SIGNED_LATE = (18, 25)  # past the 15 working days the list (and DUTY-004's default) allows
UNSIGNED = 5
FIELDS = ["level", "issuer", "unit", "signed_on", "trigger_event", "note"]


def build(dd: DutyDemo, lists: dict[int, DutyList]) -> Counter:
    counts: Counter = Counter()
    for year, duty_list in sorted(lists.items()):
        if duty_list.published_on is not None:
            _year(dd, year, duty_list.published_on, counts)
    return counts


def _events(dd: DutyDemo, year: int) -> list[PersonnelEvent]:
    return list(
        PersonnelEvent.objects.filter(
            person__organ=dd.organ,
            person__is_active=True,
            kind__in=AFTER_EVENT,
            date__year=year,
            date__lte=dd.today,
        ).order_by("date", "id")
    )


def _year(dd: DutyDemo, year: int, conference: dt.date, counts: Counter) -> None:
    closed = year < dd.today.year
    generated = dd.days.add(conference, -3)
    events = _events(dd, year)
    arrivals = {e.person_id: e for e in events if e.kind == Kind.TRANSFER_IN and e.date > generated}
    letters = _generate(dd, year, generated) if not closed else _generate_closed(dd, year, generated)
    counts["letters"] += len(letters)
    moves: dict[int, PersonnelEvent] = {}
    for event in events:
        if event.kind == Kind.TRANSFER and event.from_unit_id and event.date > generated:
            moves.setdefault(event.person_id, event)
    if not closed:
        dd.slips.unsigned_letters = _unsigned(dd, [x for x in letters if x.signer_id not in arrivals])
    states = []
    for letter in letters:
        if letter.signer_id in arrivals:
            continue  # an arrival signs when they come: their letter is the 补签 below
        move = moves.get(letter.signer_id)
        _fix(dd, letter, move.from_unit_id if move else letter.unit_id)
        day = _signing_day(dd, letter, conference)
        if day is None:
            states.append(snapshot(letter, dd.at(conference), dd.officer))
            continue
        letter.signed_on = day
        by = dd.acting_for(letter.unit_id) if letter.level == LetterLevel.CADRE else dd.officer
        states.append(snapshot(letter, dd.at(day), by))
        counts["signed"] += 1
    # The conference's signing is one batch (about 130 letters, as `letter_sign` records each).
    record_states(ResponsibilityLetter, states, FIELDS, ResponsibilityLetter.all_objects.filter(organ=dd.organ))
    annual = {x.signer_id: x for x in letters}
    if closed:
        counts["after_events"] += _after_events_closed(dd, events, annual)
    else:
        counts["after_events"] += _after_events(dd, events, annual)


def _generate(dd: DutyDemo, year: int, generated: dt.date) -> list[ResponsibilityLetter]:
    with dd.on(generated):
        letters_generate(organ_id=dd.organ.pk, year=year, by=dd.officer, on=generated)
    return list(ResponsibilityLetter.objects.filter(organ=dd.organ, year=year).order_by("unit__order", "id"))


def _generate_closed(dd: DutyDemo, year: int, generated: dt.date) -> list[ResponsibilityLetter]:
    """What `letters_generate` makes, for a past year: not for those who came only after that year."""
    later = set(
        PersonnelEvent.objects.filter(
            person__organ=dd.organ, kind=Kind.TRANSFER_IN, date__gt=dt.date(year, 12, 31)
        ).values_list("person_id", flat=True)
    )
    when = dd.at(generated)
    rows = []
    for expected in expected_letters(dd.organ.pk, year, generated):
        if expected.signer_id not in later:
            letter = ResponsibilityLetter(
                organ=dd.organ,
                year=year,
                level=expected.level,
                issuer_id=expected.issuer_id,
                signer_id=expected.signer_id,
                unit_id=expected.unit_id,
                created_at=when,
            )
            rows.append(snapshot(letter, when, dd.officer))
    return bulk_create_with_history(rows, ResponsibilityLetter, batch_size=500)


def _signing_day(dd: DutyDemo, letter: ResponsibilityLetter, conference: dt.date) -> dt.date | None:
    """The Party group's and the unit heads' letters are signed at the conference, the cadres' in the weeks after."""
    if letter.pk in dd.slips.unsigned_letters and letter.year == dd.today.year:
        return None
    if letter.level != LetterLevel.CADRE:
        return conference
    last = min(conference + dt.timedelta(days=35), dt.date(conference.year, 3, 31))  # the list's "3月底前"
    day = dd.days.pick(dd.days.add(conference, 1), last)
    return day if day is not None and day <= dd.today else None


def _unsigned(dd: DutyDemo, letters: list[ResponsibilityLetter]) -> list[int]:
    """Five cadres' letters in two units are still unsigned (on leave, on secondment, simply left lying)."""
    cadres: dict[int, list[int]] = {}
    for letter in letters:
        unit = letter.unit_id
        if letter.level == LetterLevel.CADRE and letter.signer_id != dd.heads.get(unit):
            cadres.setdefault(unit, []).append(letter.pk)
    party = dd.units[PARTY_COMMITTEE].pk
    units = sorted(u for u, pks in cadres.items() if len(pks) >= 3 and u != party)
    first, second = dd.rng.sample(units, 2)
    return sorted(dd.rng.sample(cadres[first], 3) + dd.rng.sample(cadres[second], UNSIGNED - 3))


def _fix(dd: DutyDemo, letter: ResponsibilityLetter, unit_id: int) -> None:
    """The office's correction of the generated list: a unit's 主任 signs with the 分管领导 (党组—委室负责人), the
    unit's cadres with their 主任 — the roster knows who heads a unit even where no head has a login yet."""
    if letter.level == LetterLevel.LEADER:
        return
    head = dd.heads.get(unit_id)
    if letter.signer_id == head:
        letter.level, letter.issuer_id = LetterLevel.UNIT_HEAD, dd.supervisors.get(unit_id, dd.secretary)
    else:
        letter.level, letter.issuer_id = LetterLevel.CADRE, head
    if letter.issuer_id == letter.signer_id:
        letter.issuer_id = None
    letter.unit_id = unit_id


def _sign(dd: DutyDemo, letter: ResponsibilityLetter, day: dt.date) -> None:
    by = dd.acting_for(letter.unit_id) if letter.level == LetterLevel.CADRE else dd.officer
    with dd.on(day):
        letter_sign(letter=letter, signed_on=day, by=by)


def _after_events(dd: DutyDemo, events: list[PersonnelEvent], annual: dict[int, ResponsibilityLetter]) -> int:
    """补签 through the services; one, chosen among events old enough, is signed late."""
    old_enough = [e.pk for e in events if dd.days.add(e.date, SIGNED_LATE[1]) <= dd.today]
    late = dd.rng.choice(old_enough) if old_enough else None
    made = 0
    for event, letter, entered in _event_letters(dd, events, annual):
        if letter is None:
            with dd.on(entered):
                letter = letter_for_event(event=event, by=dd.officer)
        _fix(dd, letter, letter.unit_id)
        day = dd.days.add(event.date, dd.rng.randint(*(SIGNED_LATE if event.pk == late else SIGNED_WITHIN)))
        if day <= dd.today:
            _sign(dd, letter, day)
            if event.pk == late:
                dd.slips.late_letter = letter.pk
        else:
            with dd.on(entered):
                letter_save(letter=letter, by=dd.officer)
        made += 1
    return made


def _event_letters(dd: DutyDemo, events: list[PersonnelEvent], annual: dict[int, ResponsibilityLetter]):
    """(event, the arrival's generated letter now marked as its 补签 or None for a new one, day entered)."""
    for event in events:
        entered = dd.days.add(event.date, 1)
        if entered > dd.today:
            continue
        letter = annual.get(event.person_id) if event.kind == Kind.TRANSFER_IN else None
        if letter is not None and letter.signed_on is None and letter.trigger_event_id is None:
            letter.trigger_event, letter.note = event, f"因{event.get_kind_display()}补签"
        else:
            letter = None
        yield event, letter, entered


def _after_events_closed(dd: DutyDemo, events: list[PersonnelEvent], annual: dict[int, ResponsibilityLetter]) -> int:
    """Last year's 补签, all in time: new rows in one insert, the arrivals' letters in one update."""
    new, states = [], []
    for event, letter, _entered in _event_letters(dd, events, annual):
        day = dd.days.add(event.date, dd.rng.randint(*SIGNED_WITHIN))
        if letter is None:
            person = event.person
            letter = ResponsibilityLetter(
                organ=dd.organ,
                year=event.date.year,
                level=LetterLevel.CADRE,
                signer=person,
                unit_id=event.to_unit_id or person.unit_id,
                trigger_event=event,
                note=f"因{event.get_kind_display()}补签",
                created_at=dd.at(day),
            )
            _fix(dd, letter, letter.unit_id)
            letter.signed_on = day
            new.append(snapshot(letter, letter.created_at, dd.officer))
        else:
            _fix(dd, letter, letter.unit_id)
            letter.signed_on = day
            states.append(snapshot(letter, dd.at(day), dd.officer))
    bulk_create_with_history(new, ResponsibilityLetter, batch_size=500)
    record_states(ResponsibilityLetter, states, FIELDS, ResponsibilityLetter.all_objects.filter(organ=dd.organ))
    return len(new) + len(states)
