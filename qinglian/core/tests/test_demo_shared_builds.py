"""The shared demo builds (qinglian/core/testing.py, conftest.py): readers of one spec see one build, none sees
another's writes, a step on top is seen only by its own readers, and the test after them gets an empty
database. They read the build the party-life, duty and npc demo tests read, so they cost no build of their own.
"""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.core.testing import BUILDS, DemoSpec
from qinglian.org.models import Organ, Unit
from qinglian.org.tests.factories import UnitFactory

ORGAN = DemoSpec(seed=2026, today=dt.date(2026, 11, 25))  # equal to the party-life demo tests' spec: one build
MARK = "共享构建测试单位"


def _add_a_unit(demo) -> None:
    UnitFactory(organ=demo.organ, name=MARK, order=999)


WITH_A_UNIT = DemoSpec(seed=2026, today=dt.date(2026, 11, 25), then=(_add_a_unit,))
seen: dict[str, int] = {}


@BUILDS.reading(ORGAN)
def _organ_pk(demo) -> int:
    return demo.organ.pk


@pytest.mark.demo_build(ORGAN)
class TestReaders:
    def test_a_reader_writes_in_its_own_savepoint(self, shared_demo):
        seen["organ"] = shared_demo.organ.pk
        UnitFactory(organ=shared_demo.organ, name="只在本测试中存在", order=998)

    def test_the_next_reader_sees_the_same_build_without_those_writes(self, shared_demo):
        assert Organ.objects.filter(code="demo").count() == 1
        assert shared_demo.organ.pk == seen.get("organ", shared_demo.organ.pk)
        assert not Unit.objects.filter(name="只在本测试中存在").exists()
        assert not Unit.objects.filter(name=MARK).exists()  # the step below belongs to its own readers

    def test_the_build_is_the_one_read_when_it_was_made(self, shared_demo, demo_builds):
        assert demo_builds.read_of(ORGAN, _organ_pk) == shared_demo.organ.pk


@pytest.mark.demo_build(WITH_A_UNIT)
def test_a_step_is_seen_by_its_readers(shared_demo):
    assert Unit.objects.filter(organ=shared_demo.organ, name=MARK).count() == 1


@pytest.mark.django_db
def test_the_test_after_the_readers_gets_an_empty_database():
    assert not Organ.objects.exists()
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_a_build_is_not_opened_inside_a_tests_own_transaction(demo_builds):
    """It would be rolled back with the test and shared with nobody: `shared_demo` comes before `db`."""
    with pytest.raises(RuntimeError, match="before the test's own transaction"):
        demo_builds.ensure(ORGAN)
