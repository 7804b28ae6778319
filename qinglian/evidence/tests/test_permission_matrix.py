"""Persona × evidence × action: evidence follows its record exactly (r: read, w: read and delete, -: neither).

The rows mirror qinglian/org/tests/test_permission_matrix.py for the records the evidence hangs on; if the org
rules change, both tables change together.
"""

from __future__ import annotations

import pytest

from conftest import PERSONAS
from qinglian.core.errors import Forbidden, NotFound
from qinglian.evidence import services
from qinglian.evidence.models import Evidence
from qinglian.evidence.permissions import access_evidence
from qinglian.evidence.tests.files import pdf_bytes, upload
from qinglian.org.tests.factories import PersonnelEventFactory

#                   party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin
MATRIX = {
    "on_person_a": "w r r - r r - - -",
    "on_person_b": "w - - r r r - - -",
    "on_event_a": "w r r - r r - - -",
    "on_event_b": "w - - r r r - - -",
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def evidence(everyone):
    person_a, person_b = everyone["cadre_same_unit"].person, everyone["cadre_other_unit"].person
    targets = {
        "on_person_a": person_a,
        "on_person_b": person_b,
        "on_event_a": PersonnelEventFactory(person=person_a),
        "on_event_b": PersonnelEventFactory(person=person_b),
    }
    officer = everyone["party_officer"]
    return {
        key: services.evidence_attach(target=target, upload=upload(f"{key}.pdf", pdf_bytes(key)), by=officer)
        for key, target in targets.items()
    }


def _can(user, pk, *, write: bool) -> bool:
    try:
        access_evidence(user, pk, write=write)
    except (NotFound, Forbidden):
        return False
    return True


@pytest.mark.parametrize("row", list(MATRIX))
@pytest.mark.parametrize("index", range(len(PERSONAS)), ids=PERSONAS)
def test_evidence_follows_its_record(everyone, evidence, row, index):
    user = everyone[PERSONAS[index]]
    expected = MATRIX[row].split()[index]
    pk = evidence[row].pk
    assert _can(user, pk, write=False) == (expected in "rw")
    assert _can(user, pk, write=True) == (expected == "w")
    assert Evidence.objects.visible_to(user).filter(pk=pk).exists() == (expected in "rw")


def test_a_read_only_user_gets_forbidden_not_not_found(everyone, evidence):
    with pytest.raises(Forbidden, match="需要对所属干部记录有修改权限"):
        access_evidence(everyone["unit_head"], evidence["on_person_a"].pk, write=True)


def test_evidence_of_a_deleted_record_is_invisible(everyone, evidence):
    from qinglian.core.writes import soft_delete

    officer = everyone["party_officer"]
    soft_delete(everyone["cadre_other_unit"].person, by=officer)
    with pytest.raises(NotFound):
        access_evidence(officer, evidence["on_person_b"].pk)
    assert not Evidence.objects.visible_to(officer).filter(pk=evidence["on_person_b"].pk).exists()
