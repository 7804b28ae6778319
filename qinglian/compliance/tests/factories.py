"""Factories for the compliance tests: a finding with the fields every test would otherwise spell out."""

from __future__ import annotations

import factory

from qinglian.compliance.models import Finding


class FindingFactory(factory.django.DjangoModelFactory):
    """A red ORG-002 finding about a person; tests name what they are about (unit, person, rule, due date)."""

    class Meta:
        model = Finding

    rule_code = "ORG-002"
    subject_type = "org.person"
    subject_id = factory.Sequence(lambda n: str(n + 1))
    subject_repr = "某党员"
    severity = "red"
    reason = "党员未编入党支部"
