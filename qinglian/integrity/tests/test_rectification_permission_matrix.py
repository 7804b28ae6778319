"""Persona × rectification record, in the form of duty/tests/test_permission_matrix.py, with the personnel officer
as a tenth column; then the same circles through the pages, the API and the ledger export.

Problem A is 办公室's (unit A: unit_head heads it, cadre_same_unit owns its measure); problem B is 研究室's (B:
cadre_other_unit owns its measure). r = listed and readable, refused on write (403); w = also writable; - = neither
listed nor found (404)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from conftest import PERSONAS
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.integrity import permissions
from qinglian.integrity.models import (
    LongTermMechanism,
    RectificationBatch,
    RectificationMeasure,
    RectificationProblem,
)
from qinglian.integrity.tests.factories import BatchFactory, MeasureFactory, ProblemFactory

COLUMNS = (*PERSONAS, "personnel_officer")

# fmt: off
#                party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin personnel
MATRIX = {
    "batch":       "w             r         r          r           r      r          -        -        -          r",
    "problem_a":   "w             r         r          -           r      r          -        -        -          r",
    "problem_b":   "w             -         -          r           r      r          -        -        -          r",
    "measure_a":   "w             w         w          -           r      r          -        -        -          r",
    "measure_b":   "w             -         -          w           r      r          -        -        -          r",
    "mechanism_a": "w             r         r          -           r      r          -        -        -          r",
}
# fmt: on

ACCESS = {
    "batch": (RectificationBatch, permissions.access_batch),
    "problem_a": (RectificationProblem, permissions.access_problem),
    "problem_b": (RectificationProblem, permissions.access_problem),
    "measure_a": (RectificationMeasure, permissions.access_measure),
    "measure_b": (RectificationMeasure, permissions.access_measure),
    "mechanism_a": (LongTermMechanism, permissions.access_mechanism),
}


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in COLUMNS}


@pytest.fixture
def targets(org, everyone):
    batch = BatchFactory(organ=org.organ, feedback_on=dt.date(2026, 3, 2))
    problem_a = ProblemFactory(batch=batch, number=1, unit=org.unit_a)
    problem_b = ProblemFactory(batch=batch, number=2, unit=org.unit_b, leader=everyone["leader"].person)
    return {
        "batch": batch,
        "problem_a": problem_a,
        "problem_b": problem_b,
        "measure_a": MeasureFactory(problem=problem_a, owner=everyone["cadre_same_unit"].person),
        "measure_b": MeasureFactory(problem=problem_b, owner=everyone["cadre_other_unit"].person),
        "mechanism_a": LongTermMechanism.objects.create(organ=org.organ, problem=problem_a, title="接待管理办法"),
    }


@pytest.mark.parametrize(("target", "persona_name", "expected"), matrix_cases(MATRIX, COLUMNS))
def test_matrix(target, persona_name, expected, everyone, targets):
    model, access = ACCESS[target]
    check_cell(
        model=model,
        access=access,
        user=everyone[persona_name],
        obj=targets[target],
        expected=expected,
        label=f"{persona_name} / {target}",
    )


def _reads(expected: str) -> int:
    return 404 if expected == "-" else 200


@pytest.mark.parametrize("persona_name", COLUMNS)
def test_pages_api_and_exports_follow_the_matrix(persona_name, everyone, targets):
    client = Client()
    client.force_login(everyone[persona_name])
    row = dict(zip(COLUMNS, MATRIX["problem_b"].split(), strict=True))
    expected = _reads(row[persona_name])
    problem_b = targets["problem_b"]
    assert client.get(f"/integrity/rectification/problems/{problem_b.pk}/").status_code == expected
    assert client.get(f"/api/integrity/rectification/problems/{problem_b.pk}").status_code == expected
    measure_b = targets["measure_b"]
    row = dict(zip(COLUMNS, MATRIX["measure_b"].split(), strict=True))
    assert client.get(f"/integrity/rectification/measures/{measure_b.pk}/").status_code == _reads(row[persona_name])
    assert client.get(f"/api/integrity/rectification/measures/{measure_b.pk}").status_code == _reads(row[persona_name])
    batch = targets["batch"]
    row = dict(zip(COLUMNS, MATRIX["batch"].split(), strict=True))
    assert client.get(f"/integrity/rectification/{batch.pk}/ledger/").status_code == _reads(row[persona_name])
    listed = client.get("/api/integrity/rectification/problems").json()["items"]
    problem_ids = {p["id"] for p in listed}
    assert (problem_b.pk in problem_ids) == (expected == 200)
    # Writing a batch: only the office.
    status = client.get(f"/integrity/rectification/{batch.pk}/edit/").status_code
    assert status == (
        200 if persona_name == "party_officer" else _reads(row[persona_name]) if row[persona_name] == "-" else 403
    )
