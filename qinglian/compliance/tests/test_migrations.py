"""Data migrations of the compliance app, run against rows written before them."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.apps import apps

from qinglian.compliance.models import RuleParameterSet


def test_org001_sets_written_before_term_years_get_the_regulations_three_years(org):
    old = RuleParameterSet.objects.create(
        rule_code="ORG-001",
        jurisdiction="organ",
        organ=org.organ,
        effective_from=dt.date(2025, 1, 1),
        values={"remind_months": 6, "warn_months": 2},
        source="本机关",
    )
    import_module("qinglian.compliance.migrations.0003_org001_term_years").add_term_years(apps, None)
    old.refresh_from_db()
    assert old.values == {"remind_months": 6, "warn_months": 2, "term_years": 3}
    assert all("term_years" in row.values for row in RuleParameterSet.objects.filter(rule_code="ORG-001"))
