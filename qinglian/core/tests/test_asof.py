"""core.asof: a record's own date decides whether it counts; a field is read as it stood at the end of a day."""

from __future__ import annotations

import datetime as dt

from qinglian.core import asof, clock
from qinglian.org.models import Person
from qinglian.org.tests.factories import PersonFactory, UnitFactory

D = dt.date(2026, 3, 31)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_a_date_counts_only_on_or_before_the_as_of_day():
    assert asof.known(D, D) == D
    assert asof.known(D + dt.timedelta(days=1), D) is None
    assert asof.known(None, D) is None
    assert asof.known_all([D + dt.timedelta(days=1), D, None, dt.date(2026, 1, 2)], D) == [dt.date(2026, 1, 2), D]
    assert asof.cap(dt.date(2026, 6, 30), D) == D and asof.cap(dt.date(2026, 2, 28), D) == dt.date(2026, 2, 28)


def test_the_end_of_a_day_is_its_last_moment_in_beijing_time():
    end = asof.end_of_day(D)
    assert end.utcoffset() == dt.timedelta(hours=8)
    assert (end.date(), end.hour, end.minute) == (D, 23, 59)


def test_a_field_reads_as_it_stood_at_the_end_of_the_day(org):
    other = UnitFactory(organ=org.organ, name="测试档案室")
    with clock.replaying(_at(dt.date(2026, 1, 5))):
        person = PersonFactory(organ=org.organ, unit=org.unit_a)
    with clock.replaying(_at(D, hour=23)):  # moved late on D itself: counts for D
        person.unit = other
        person.save()
    with clock.replaying(_at(dt.date(2026, 5, 6))):  # moved again after D: does not
        person.unit = org.unit_a
        person.is_active = False
        person.save()
    before = asof.fields_on(Person, dt.date(2026, 3, 30), ["unit_id", "is_active"], ids=[person.pk])
    on_d = asof.fields_on(Person, D, ["unit_id", "is_active"], ids=[person.pk])
    today = asof.fields_on(Person, clock.today(), ["unit_id", "is_active"], ids=[person.pk])
    assert before[person.pk] == {"id": person.pk, "unit_id": org.unit_a.pk, "is_active": True}
    assert on_d[person.pk]["unit_id"] == other.pk and on_d[person.pk]["is_active"] is True
    assert today[person.pk]["unit_id"] == org.unit_a.pk and today[person.pk]["is_active"] is False


def test_a_row_entered_after_the_day_is_read_as_entered(org):
    """Ledgers are back-filled: a person typed in today still stands in last year's roster as entered."""
    person = PersonFactory(organ=org.organ, unit=org.unit_a)
    assert asof.values_on(Person, dt.date(2025, 6, 30), "unit_id", ids=[person.pk]) == {person.pk: org.unit_a.pk}


def test_a_row_deleted_after_the_day_still_stands_on_it(org):
    with clock.replaying(_at(dt.date(2026, 1, 5))):
        person = PersonFactory(organ=org.organ, unit=org.unit_a)
    pk = person.pk
    with clock.replaying(_at(dt.date(2026, 6, 1))):
        Person.all_objects.get(pk=pk).delete()
    assert pk in asof.fields_on(Person, D, ["unit_id"], where={"organ_id": org.organ.pk})
    assert pk not in asof.fields_on(Person, dt.date(2026, 6, 2), ["unit_id"], where={"organ_id": org.organ.pk})
