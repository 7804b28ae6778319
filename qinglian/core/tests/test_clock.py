"""core.clock: the demo's replayed day reaches services, created/updated times and history — and nothing else."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.utils import timezone

from qinglian.core import clock
from qinglian.core.models import CalendarDay

MOMENT = timezone.make_aware(dt.datetime(2025, 3, 14, 10, 30))


def test_it_reads_the_wall_clock_outside_a_replay():
    assert clock.replayed() is None
    assert abs((clock.now() - timezone.now()).total_seconds()) < 5
    assert clock.today() == timezone.localdate()


def test_a_replay_sets_now_and_today_and_nests():
    later = MOMENT + dt.timedelta(days=40)
    with clock.replaying(MOMENT):
        assert (clock.now(), clock.today()) == (MOMENT, dt.date(2025, 3, 14))
        with clock.replaying(later):
            assert clock.today() == dt.date(2025, 4, 23)
        assert clock.now() == MOMENT
    assert clock.replayed() is None


def test_a_replay_needs_an_aware_moment():
    with pytest.raises(ValueError), clock.replaying(dt.datetime(2025, 3, 14)):
        pass


def test_another_thread_does_not_see_the_replay():
    seen = []
    with clock.replaying(MOMENT):
        thread = threading.Thread(target=lambda: seen.append(clock.replayed()))
        thread.start()
        thread.join()
    assert seen == [None]


@pytest.mark.django_db
def test_rows_and_their_history_written_in_a_replay_carry_the_replayed_time(org):
    from qinglian.org.tests.factories import PersonFactory

    with clock.replaying(MOMENT):
        day = CalendarDay.objects.create(date=dt.date(2025, 3, 15), kind="workday", note="测试")
        person = PersonFactory(organ=org.organ, unit=org.unit_a)
    assert day.updated_at == MOMENT and day.history.get().history_date == MOMENT
    assert (person.created_at, person.updated_at) == (MOMENT, MOMENT)
    assert person.history.first().history_date == MOMENT
    person.save()  # back on the wall clock
    assert person.updated_at > MOMENT + dt.timedelta(days=365) and person.created_at == MOMENT
