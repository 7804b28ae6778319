"""Fixtures of the npc tests on top of the root personas (conftest.py).

The suggestions and stations ledgers are kept by unit A (办公室: party_officer, unit_head, cadre_same_unit
and — read-only as a leader — leader); the meeting materials by unit B (研究室: cadre_other_unit), so the
tests see both sides of the desk rule.
"""

from __future__ import annotations

import pytest

from qinglian.npc.choices import DeskKind
from qinglian.npc.models import ServiceDesk
from qinglian.npc.tests.factories import ExternalUnitFactory


@pytest.fixture
def desks(org):
    for kind in (DeskKind.SUGGESTIONS, DeskKind.STATIONS):
        ServiceDesk.objects.create(organ=org.organ, kind=kind, unit=org.unit_a)
    ServiceDesk.objects.create(organ=org.organ, kind=DeskKind.MATERIALS, unit=org.unit_b)
    return org


@pytest.fixture
def bureau(org):
    """An external handling unit (a government department)."""
    return ExternalUnitFactory(organ=org.organ, name="市住房和城乡建设局")


@pytest.fixture
def bureau2(org):
    return ExternalUnitFactory(organ=org.organ, name="市自然资源和规划局")
