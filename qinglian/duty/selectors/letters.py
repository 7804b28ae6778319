"""Reads of the 党风廉政建设责任书: who must sign for a year (from the roster), the year's letters as the page
filters them, signing progress against the roster, and the personnel events still waiting for a 补签.

The rules (DUTY-003/004) and the generation of the year's letters use the same roster (expected_letters); the
rules give it the roster of the day checked (people.roster_on) and read the letters and events as they stood
then (a letter signed or an event dated after that day did not exist on it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from qinglian.core import asof, clock
from qinglian.duty.choices import LETTER_EVENT_KINDS, LetterLevel
from qinglian.duty.models import ResponsibilityLetter
from qinglian.duty.selectors.people import leading_group, secretary_of, supervising_leaders
from qinglian.org.choices import UnitKind
from qinglian.org.models import Person, PersonnelEvent, Unit
from qinglian.org.permissions import scope_of
from qinglian.org.selectors import unit_heads

LEVEL_ORDER = {LetterLevel.LEADER: 1, LetterLevel.UNIT_HEAD: 2, LetterLevel.CADRE: 3}


@dataclass(frozen=True)
class Expected:
    """One letter the roster says must exist for the year: signer, level, issuer, unit."""

    signer_id: int
    level: str
    issuer_id: int | None
    unit_id: int


def expected_letters(
    organ_id: int, year: int, on: dt.date, *, roster: Mapping[int, int] | None = None
) -> list[Expected]:
    """Who signs with whom this year: the secretary with each Party group member; the supervising leader with
    each unit head; the unit head with each cadre of the unit. Internal units only; the secretary signs none
    (he answers to the higher Party organisation, outside this organ).

    The people are today's active staff, or `roster` (person id → unit id, e.g. people.roster_on for a past day:
    what the rules use); the Party group and the 分管 are those of `on`."""
    secretary = secretary_of(organ_id, on)
    members = {pid for pid, _ in leading_group(organ_id, on)}
    heads = unit_heads(organ_id)
    head_ids = {pid for pids in heads.values() for pid in pids}
    leaders = supervising_leaders(organ_id, on)
    result: list[Expected] = []
    for person_id, unit_id in _internal_staff(organ_id, roster):
        if person_id == secretary:
            continue
        if person_id in members:
            result.append(Expected(person_id, LetterLevel.LEADER, secretary, unit_id))
        elif person_id in head_ids:
            result.append(Expected(person_id, LetterLevel.UNIT_HEAD, leaders.get(unit_id) or secretary, unit_id))
        else:
            unit_head = next(iter(heads.get(unit_id, [])), None)
            result.append(Expected(person_id, LetterLevel.CADRE, unit_head, unit_id))
    return result


def _internal_staff(organ_id: int, roster: Mapping[int, int] | None) -> list[tuple[int, int]]:
    """(person id, unit id) of the staff of internal units, in unit order then person id."""
    if roster is None:
        people = Person.objects.filter(organ_id=organ_id, is_active=True, unit__kind=UnitKind.INTERNAL)
        return list(people.order_by("unit__order", "id").values_list("pk", "unit_id"))
    units = Unit.all_objects.filter(organ_id=organ_id, kind=UnitKind.INTERNAL).values_list("pk", "order")
    order = dict(units)
    staff = [(pk, unit_id) for pk, unit_id in roster.items() if unit_id in order]
    return sorted(staff, key=lambda row: (order[row[1]], row[0]))


def roster_day(year: int) -> dt.date:
    """The day whose roster defines who signs: today for this year, the year's end for a past one."""
    return min(clock.today(), dt.date(year, 12, 31))


@dataclass
class Progress:
    """Signed / expected for one level or unit of the roster; `rate` in whole percent."""

    label: str = ""
    expected: int = 0
    signed: int = 0

    @property
    def unsigned(self) -> int:
        return self.expected - self.signed

    @property
    def rate(self) -> int:
        return round(100 * self.signed / self.expected) if self.expected else 0


@dataclass
class Summary:
    total: Progress
    by_level: list[Progress]
    by_unit: list[Progress]
    missing: list[Person]  # on the roster, but no letter row yet (生成本年度名单 makes them)


def signing_summary(user: Any, organ_id: int, year: int) -> Summary:
    """Progress of the year's letters, limited to the signers this user may see (same rule as visible_to)."""
    scope = scope_of(user)
    expected = expected_letters(organ_id, year, roster_day(year))
    if not scope.reads_organ:
        expected = [e for e in expected if e.unit_id in scope.head_unit_ids or e.signer_id == scope.person_id]
    rows = ResponsibilityLetter.objects.filter(organ_id=organ_id, year=year)
    signed = set(rows.filter(signed_on__isnull=False).values_list("signer_id", flat=True))
    have = set(rows.values_list("signer_id", flat=True))
    total, levels, units = Progress("合计"), defaultdict(Progress), defaultdict(Progress)
    for entry in expected:
        is_signed = entry.signer_id in signed
        for bucket in (total, levels[entry.level], units[entry.unit_id]):
            bucket.expected += 1
            bucket.signed += is_signed
    names = dict(Unit.objects.filter(pk__in=units).values_list("pk", "name"))
    order = dict(Unit.objects.filter(pk__in=units).values_list("pk", "order"))
    for level, progress in levels.items():
        progress.label = str(LetterLevel(level).label)
    for unit_id, progress in units.items():
        progress.label = names.get(unit_id, "—")
    missing_ids = [e.signer_id for e in expected if e.signer_id not in have]
    return Summary(
        total=total,
        by_level=[levels[k] for k in sorted(levels, key=lambda k: LEVEL_ORDER[k])],
        by_unit=[units[k] for k in sorted(units, key=lambda k: (order.get(k, 0), k))],
        missing=list(Person.objects.filter(pk__in=missing_ids).select_related("unit")),
    )


def letters_of_year(user: Any, year: int, data: dict[str, Any]) -> QuerySet[ResponsibilityLetter]:
    """The year's letters `user` may see, by level, unit and signer, narrowed by the page's filter (`data`:
    level, unit, signed "yes"/"no")."""
    rank = Case(*[When(level=k, then=Value(v)) for k, v in LEVEL_ORDER.items()], output_field=IntegerField())
    letters = (
        ResponsibilityLetter.objects.visible_to(user)
        .filter(year=year)
        .select_related("signer", "issuer", "unit", "trigger_event")
        .annotate(rank=rank)
        .order_by("rank", "unit__order", "trigger_event_id", "signer_id", "id")
    )
    if data.get("level"):
        letters = letters.filter(level=data["level"])
    if data.get("unit"):
        letters = letters.filter(unit=data["unit"])
    if data.get("signed") == "yes":
        letters = letters.filter(signed_on__isnull=False)
    elif data.get("signed") == "no":
        letters = letters.filter(signed_on__isnull=True)
    return letters


def events_without_letter(user: Any, year: int) -> QuerySet[PersonnelEvent]:
    """The year's personnel events calling for a 补签 that have no letter yet."""
    done = ResponsibilityLetter.all_objects.filter(trigger_event__isnull=False).values("trigger_event_id")
    return (
        PersonnelEvent.objects.visible_to(user)
        .filter(date__year=year, kind__in=LETTER_EVENT_KINDS, person__is_active=True)
        .exclude(pk__in=done)
        .select_related("person", "to_unit", "person__unit")
        .order_by("date", "id")
    )


def visible_event(user: Any, pk: int) -> PersonnelEvent | None:
    return PersonnelEvent.objects.visible_to(user).filter(pk=pk).select_related("person").first()


# --- for the rules (DUTY-003/004): the letters as they stood on a day -----------------------------------


def annual_letters_signed(organ_id: int, first_year: int, on: dt.date) -> set[tuple[int, int]]:
    """(signer id, year) of the yearly letters (not a 补签) of `first_year` on, signed on or before `on`."""
    rows = ResponsibilityLetter.all_objects.filter(
        organ_id=organ_id, year__gte=first_year, trigger_event__isnull=True, signed_on__lte=on
    ).filter(asof.live_on(on))
    return set(rows.values_list("signer_id", "year"))


def letters_signed_between(
    organ_id: int, signer_ids: set[int], since: dt.date, on: dt.date
) -> dict[int, list[dt.date]]:
    """signer id → the dates, in order, of their letters (yearly or 补签) signed from `since` to `on`."""
    signed: dict[int, list[dt.date]] = defaultdict(list)
    rows = ResponsibilityLetter.all_objects.filter(
        organ_id=organ_id, signer_id__in=signer_ids, signed_on__range=(since, on)
    ).filter(asof.live_on(on))
    for signer_id, day in rows.order_by("signed_on").values_list("signer_id", "signed_on"):
        signed[signer_id].append(day)
    return signed


def letter_events(organ_id: int, since: dt.date, on: dt.date) -> list[PersonnelEvent]:
    """The personnel events calling for a letter (任职、提拔、转岗、调入) dated from `since` to `on`, as recorded
    then (an event deleted later still stood), with their person."""
    rows = PersonnelEvent.all_objects.filter(organ_id=organ_id, kind__in=LETTER_EVENT_KINDS, date__range=(since, on))
    return list(rows.filter(asof.live_on(on)).select_related("person", "to_unit").order_by("date", "id"))
