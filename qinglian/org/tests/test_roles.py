"""三员分立 and role grants."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.org import services
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of
from qinglian.org.tests.factories import PersonFactory, UserFactory


def test_it_grants_a_unit_head_role_with_its_unit(org, secadmin, cadre_other_unit):
    grant = services.role_grant(user=cadre_other_unit, role=Role.UNIT_HEAD, unit=org.unit_b, by=secadmin)
    assert grant.granted_by == secadmin
    fresh = type(cadre_other_unit).objects.get(pk=cadre_other_unit.pk)
    assert scope_of(fresh).head_unit_ids == {org.unit_b.pk}


def test_it_rejects_a_unit_head_without_a_unit(secadmin, cadre_other_unit):
    with pytest.raises(InvalidInput, match="须指定负责的委室"):
        services.role_grant(user=cadre_other_unit, role=Role.UNIT_HEAD, by=secadmin)


def test_it_refuses_an_admin_role_on_a_business_account(secadmin, cadre_other_unit):
    with pytest.raises(Forbidden, match="三员分立"):
        services.role_grant(user=cadre_other_unit, role=Role.AUDITADMIN, by=secadmin)
    with pytest.raises(InvalidInput, match="三员分立"):  # not on the server either
        services.role_grant(user=cadre_other_unit, role=Role.AUDITADMIN, by=None)
    assert set(cadre_other_unit.grants.values_list("role", flat=True)) == {Role.CADRE}


def test_it_refuses_two_admin_roles_on_one_account(org, secadmin, sysadmin):
    with pytest.raises(InvalidInput, match="三员分立"):
        services.role_grant(user=sysadmin, role=Role.AUDITADMIN, by=None)


def test_it_refuses_a_business_role_on_an_admin_account(org, secadmin, sysadmin):
    with pytest.raises(Forbidden, match="三员分立"):
        services.role_grant(user=sysadmin, role=Role.LEADER, by=secadmin)
    with pytest.raises(InvalidInput, match="三员分立"):
        services.role_grant(user=sysadmin, role=Role.LEADER, by=None)


def test_nobody_grants_themselves(org, secadmin):
    with pytest.raises(Forbidden):
        services.role_grant(user=secadmin, role=Role.LEADER, by=secadmin)


def test_a_revoked_grant_is_kept_and_no_longer_counts(org, secadmin, unit_head):
    grant = unit_head.grants.get(role=Role.UNIT_HEAD)
    services.role_revoke(grant=grant, by=secadmin)
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == secadmin
    fresh = type(unit_head).objects.get(pk=unit_head.pk)
    assert scope_of(fresh).roles == {Role.CADRE}
    with pytest.raises(Conflict):
        services.role_revoke(grant=grant, by=secadmin)


def test_a_linked_account_has_no_role_until_one_is_granted(org, secadmin):
    person = PersonFactory(organ=org.organ, unit=org.unit_a)
    linked = UserFactory(organ=org.organ, person=person, roles=[])
    assert scope_of(linked).roles == frozenset() and not scope_of(linked).is_business
    services.role_grant(user=linked, role=Role.CADRE, by=secadmin)  # the cadre role is granted like any other
    assert scope_of(type(linked).objects.get(pk=linked.pk)).roles == {Role.CADRE}
    bare = UserFactory(organ=org.organ)
    assert scope_of(bare).roles == frozenset()


def test_the_cadre_role_is_in_the_grant_form_and_the_admin_roles_are_not(org):
    from qinglian.org.forms import RoleGrantForm

    offered = {value for value, _ in RoleGrantForm(organ=org.organ).fields["role"].choices}
    assert Role.CADRE in offered
    assert not offered & {Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN}


def test_a_cadre_who_left_the_organ_is_no_longer_one(org, cadre_same_unit, party_officer):
    services.personnel_event_record(
        person=cadre_same_unit.person, kind="retirement", date=dt.date(2026, 1, 5), by=party_officer
    )
    assert scope_of(type(cadre_same_unit).objects.get(pk=cadre_same_unit.pk)).roles == frozenset()


def test_the_stationed_groups_people_get_only_the_read_only_role(org, secadmin):
    person = PersonFactory(organ=org.organ, unit=org.stationed)
    login = UserFactory(organ=org.organ, person=person)
    assert scope_of(login).roles == frozenset()  # the factory grants them nothing by default
    with pytest.raises(InvalidInput, match="派驻纪检监察组人员的账号只能授予"):
        services.role_grant(user=login, role=Role.CADRE, by=secadmin)
    services.role_grant(user=login, role=Role.SUPERVISOR, by=secadmin)
    fresh = type(login).objects.get(pk=login.pk)
    assert scope_of(fresh).roles == {Role.SUPERVISOR} and scope_of(fresh).read_only


def test_the_supervisor_role_stands_alone(org, secadmin, cadre_other_unit):
    with pytest.raises(InvalidInput, match="派驻纪检监察组角色只读"):
        services.role_grant(user=cadre_other_unit, role=Role.SUPERVISOR, by=secadmin)


def test_account_create_checks_the_password_and_the_person(org, sysadmin, cadre_same_unit):
    with pytest.raises(InvalidInput, match="密码"):
        services.account_create(organ=org.organ, username="newbie", password="123", by=sysadmin)
    with pytest.raises(Conflict, match="已有账号"):
        services.account_create(
            organ=org.organ, username="twice", password="Very-long-pass-1", person=cadre_same_unit.person, by=sysadmin
        )
    user = services.account_create(organ=org.organ, username="newbie", password="Very-long-pass-1", by=sysadmin)
    assert user.check_password("Very-long-pass-1")
    assert user.must_change_password and scope_of(user).roles == frozenset()
