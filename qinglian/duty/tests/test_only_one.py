"""One responsibility letter per person and year however many generations run at once (issue #13 item 8): the
service locks the organ's row and the database holds the constraint. Threads need PostgreSQL (see conftest)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from qinglian.core.testing import at_once
from qinglian.duty.models import ResponsibilityLetter
from qinglian.duty.services.letters import letters_generate

D = dt.date


@pytest.mark.django_db
def test_the_database_refuses_a_second_letter_for_the_same_person_and_year(org, party_officer, cadre_same_unit):
    letters_generate(organ_id=org.organ.pk, year=2026, by=party_officer, on=D(2026, 1, 5))
    first = ResponsibilityLetter.objects.get(signer=cadre_same_unit.person, year=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponsibilityLetter.objects.create(
            organ=org.organ, year=2026, level=first.level, signer=first.signer, unit=first.unit
        )


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_four_generations_at_once_make_each_letter_once(
    org, party_officer, unit_head, cadre_same_unit, cadre_other_unit
):
    outcomes = at_once(
        4, lambda: letters_generate(organ_id=org.organ.pk, year=2026, by=party_officer, on=D(2026, 1, 5))
    )
    made = [o for o in outcomes if not isinstance(o, Exception)]
    failures = [repr(o) for o in outcomes if isinstance(o, Exception)]
    assert failures == []
    expected = ResponsibilityLetter.objects.filter(year=2026).count()
    assert sorted(made) == [0, 0, 0, expected] and expected >= 3
    signers = list(ResponsibilityLetter.objects.filter(year=2026).values_list("signer_id", flat=True))
    assert len(signers) == len(set(signers))
