"""Persona × model × action: what each role may see (r) and change (w), or neither (-).

Later apps add their rows to their own matrix test in the same form. The organ (root conftest):
unit A = 办公室 (party_officer, unit_head, cadre_same_unit, leader work there), unit B = 研究室
(cadre_other_unit; supervised by leader), the stationed group (supervisor), three administrators.
"""

from __future__ import annotations

import pytest

from conftest import PERSONAS
from qinglian.core.errors import NotFound
from qinglian.core.testing import check_cell, matrix_cases
from qinglian.org import permissions
from qinglian.org.choices import Role
from qinglian.org.models import Branch, Person, PersonnelEvent, RoleGrant, Unit, User
from qinglian.org.tests.factories import BranchFactory, PersonnelEventFactory

# fmt: off
#                     party_officer unit_head cadre_same cadre_other leader supervisor sysadmin secadmin auditadmin
MATRIX = {
    "unit_a":          "w             r         r          r           r      r          -        -        -",
    "branch":          "w             r         r          r           r      r          -        -        -",
    "person_a":        "w             r         r          -           r      r          -        -        -",
    "person_b":        "w             -         -          r           r      r          -        -        -",
    "event_a":         "w             r         r          -           r      r          -        -        -",
    "event_b":         "w             -         -          r           r      r          -        -        -",
    "account_cadre_a": "-             -         r          -           -      -          w        r        -",
    "grant_unit_head": "-             r         -          -           -      -          r        w        -",
}
# fmt: on

ACCESS = {
    "unit_a": (Unit, permissions.access_unit),
    "branch": (Branch, permissions.access_branch),
    "person_a": (Person, permissions.access_person),
    "person_b": (Person, permissions.access_person),
    "event_a": (PersonnelEvent, permissions.access_personnel_event),
    "event_b": (PersonnelEvent, permissions.access_personnel_event),
    "account_cadre_a": (User, permissions.access_account),
    "grant_unit_head": (RoleGrant, permissions.access_role_grant),
}


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def targets(org, everyone):
    cadre_a = everyone["cadre_same_unit"]
    cadre_b = everyone["cadre_other_unit"]
    return {
        "unit_a": org.unit_a,
        "branch": BranchFactory(organ=org.organ),
        "person_a": cadre_a.person,
        "person_b": cadre_b.person,
        "event_a": PersonnelEventFactory(person=cadre_a.person),
        "event_b": PersonnelEventFactory(person=cadre_b.person),
        "account_cadre_a": cadre_a,
        "grant_unit_head": everyone["unit_head"].grants.get(role=Role.UNIT_HEAD),
    }


CASES = matrix_cases(MATRIX, PERSONAS)


@pytest.mark.parametrize(("target", "persona_name", "expected"), CASES)
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


def test_another_organ_is_invisible_even_to_organ_wide_roles(party_officer, supervisor):
    from qinglian.org.tests.factories import OrganFactory, PersonFactory, UnitFactory

    other = PersonFactory(unit=UnitFactory(organ=OrganFactory()))
    for user in (party_officer, supervisor):
        assert not Person.objects.visible_to(user).filter(pk=other.pk).exists()
        with pytest.raises(NotFound):
            permissions.access_person(user, other.pk)


def test_anonymous_and_inactive_accounts_see_nothing(cadre_same_unit):
    from django.contrib.auth.models import AnonymousUser

    assert Person.objects.visible_to(AnonymousUser()).count() == 0
    cadre_same_unit.is_active = False
    cadre_same_unit.save()
    fresh = User.objects.get(pk=cadre_same_unit.pk)
    assert Person.objects.visible_to(fresh).count() == 0


def test_id_number_is_shown_only_to_the_office_the_supervisor_and_the_person(everyone):
    person = everyone["cadre_same_unit"].person
    shown = {name for name in PERSONAS if permissions.can_see_id_number(everyone[name], person)}
    assert shown == {"party_officer", "supervisor", "cadre_same_unit"}
