"""三员分立 and role grants."""

from __future__ import annotations

import pytest

from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.org import services
from qinglian.org.choices import Role
from qinglian.org.permissions import scope_of
from qinglian.org.tests.factories import UserFactory


def test_it_grants_a_unit_head_role_with_its_unit(org, secadmin, cadre_other_unit):
    grant = services.role_grant(user=cadre_other_unit, role=Role.UNIT_HEAD, unit=org.unit_b, by=secadmin)
    assert grant.granted_by == secadmin
    fresh = type(cadre_other_unit).objects.get(pk=cadre_other_unit.pk)
    assert scope_of(fresh).head_unit_ids == {org.unit_b.pk}


def test_it_rejects_a_unit_head_without_a_unit(secadmin, cadre_other_unit):
    with pytest.raises(InvalidInput, match="须指定负责的委室"):
        services.role_grant(user=cadre_other_unit, role=Role.UNIT_HEAD, by=secadmin)


def test_it_refuses_an_admin_role_on_a_business_account(secadmin, cadre_other_unit):
    with pytest.raises(InvalidInput, match="三员分立"):
        services.role_grant(user=cadre_other_unit, role=Role.AUDITADMIN, by=secadmin)
    assert not cadre_other_unit.grants.exists()


def test_it_refuses_two_admin_roles_on_one_account(org, secadmin, sysadmin):
    with pytest.raises(InvalidInput, match="三员分立"):
        services.role_grant(user=sysadmin, role=Role.AUDITADMIN, by=secadmin)


def test_it_refuses_a_business_role_on_an_admin_account(org, secadmin, sysadmin):
    with pytest.raises(InvalidInput, match="三员分立"):
        services.role_grant(user=sysadmin, role=Role.LEADER, by=secadmin)


def test_nobody_grants_themselves(org, secadmin):
    with pytest.raises(Forbidden):
        services.role_grant(user=secadmin, role=Role.LEADER, by=secadmin)


def test_a_revoked_grant_is_kept_and_no_longer_counts(org, secadmin, unit_head):
    grant = unit_head.grants.get()
    services.role_revoke(grant=grant, by=secadmin)
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == secadmin
    fresh = type(unit_head).objects.get(pk=unit_head.pk)
    assert scope_of(fresh).roles == {Role.CADRE}
    with pytest.raises(Conflict):
        services.role_revoke(grant=grant, by=secadmin)


def test_an_account_with_a_person_is_a_cadre_and_one_without_is_nothing(org, cadre_same_unit):
    assert scope_of(cadre_same_unit).roles == {Role.CADRE}
    bare = UserFactory(organ=org.organ)
    assert scope_of(bare).roles == frozenset()


def test_account_create_checks_the_password_and_the_person(org, sysadmin, cadre_same_unit):
    with pytest.raises(InvalidInput, match="密码"):
        services.account_create(organ=org.organ, username="newbie", password="123", by=sysadmin)
    with pytest.raises(Conflict, match="已有账号"):
        services.account_create(
            organ=org.organ, username="twice", password="Very-long-pass-1", person=cadre_same_unit.person, by=sysadmin
        )
    user = services.account_create(organ=org.organ, username="newbie", password="Very-long-pass-1", by=sysadmin)
    assert user.check_password("Very-long-pass-1")
