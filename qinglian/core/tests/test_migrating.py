"""withdraw_duplicates: a data migration keeps the earliest of the rows a new constraint would refuse and withdraws
the others with a history row saying why — nothing is deleted."""

from __future__ import annotations

import pytest
from django.apps import apps

from qinglian.core.migrating import withdraw_duplicates
from qinglian.partylife.models import StudyRecord
from qinglian.partylife.tests.factories import StudyRecordFactory

pytestmark = pytest.mark.django_db


def test_the_earliest_stays_and_the_others_are_withdrawn_with_the_reason(cadre_same_unit, cadre_other_unit):
    mine = [StudyRecordFactory(person=cadre_same_unit.person, organ=cadre_same_unit.person.organ) for _ in range(3)]
    other = StudyRecordFactory(person=cadre_other_unit.person, organ=cadre_other_unit.person.organ)
    withdrawn = withdraw_duplicates(apps, "partylife", "StudyRecord", lambda r: r.person_id, "升级时发现重复")
    assert withdrawn == 2
    assert set(StudyRecord.objects.values_list("pk", flat=True)) == {mine[0].pk, other.pk}
    assert StudyRecord.all_objects.count() == 4  # withdrawn, not deleted
    reasons = StudyRecord.history.filter(id__in=[r.pk for r in mine[1:]]).values_list(
        "history_change_reason", flat=True
    )
    assert list(reasons).count("升级时发现重复") == 2


def test_rows_without_a_key_are_left_alone(cadre_same_unit):
    for _ in range(2):
        StudyRecordFactory(person=cadre_same_unit.person, organ=cadre_same_unit.person.organ)
    assert withdraw_duplicates(apps, "partylife", "StudyRecord", lambda r: None, "x") == 0
    assert StudyRecord.objects.count() == 2
