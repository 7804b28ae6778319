"""One finding per (organ, rule, subject, period) — held by the database and by the rule's checkpoint row lock
(issue #13 item 8): two runs at once (the page's button and the timer, or two timers) cannot make two."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.core.testing import at_once
from qinglian.org.tests.factories import BranchFactory

AS_OF = dt.date(2026, 11, 25)


def _branches(org, count: int) -> None:
    # Terms ending within the warning window: ORG-001 finds each of them.
    for number in range(count):
        BranchFactory(
            organ=org.organ,
            name=f"机关第{number + 1}党支部",
            term_start=dt.date(2023, 12, 1),
            term_end=dt.date(2026, 12, 31),
        )


@pytest.mark.django_db
def test_the_database_refuses_a_second_finding_with_the_same_key(org):
    _branches(org, 1)
    run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=["ORG-001"])
    first = Finding.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.create(
            organ=first.organ,
            rule_code=first.rule_code,
            subject_type=first.subject_type,
            subject_id=first.subject_id,
            period=first.period,
            severity=first.severity,
            reason="重复",
        )


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_four_runs_at_once_make_each_finding_once(org):
    _branches(org, 5)
    outcomes = at_once(4, lambda: run_checks(organ_id=org.organ.pk, as_of=AS_OF, codes=["ORG-001"]))
    results = [o for o in outcomes if not isinstance(o, Exception)]
    failures = [repr(o) for o in outcomes if isinstance(o, Exception)]
    assert failures == []
    assert all(result.errors == [] for result in results)
    # The checkpoint lock makes the runs take turns: the first creates, the others find nothing new.
    assert sorted(result.created for result in results) == [0, 0, 0, 5]
    keys = list(Finding.objects.values_list("subject_type", "subject_id", "period"))
    assert len(keys) == 5 and len(set(keys)) == 5
