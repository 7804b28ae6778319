"""The org app writes the audit log where 等保 asks for it: role and account changes, exports, imports,
and every refused request (pages and API alike)."""

from __future__ import annotations

from django.urls import reverse

from qinglian.audit.models import AuditEvent
from qinglian.org import services
from qinglian.org.choices import Role


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


def test_role_and_account_changes_are_audited(org, secadmin, sysadmin, cadre_other_unit):
    grant = services.role_grant(user=cadre_other_unit, role=Role.UNIT_HEAD, unit=org.unit_b, by=secadmin)
    services.role_revoke(grant=grant, by=secadmin)
    services.account_set_active(user=cadre_other_unit, active=False, by=sysadmin)
    row = AuditEvent.objects.get(action="role_granted")
    assert row.actor == secadmin and row.detail["role"] == "unit_head"
    assert _actions()[-3:] == ["role_granted", "role_revoked", "account_disabled"]


def test_a_refused_page_is_audited_with_its_path(client, unit_head, cadre_same_unit):
    client.force_login(unit_head)
    url = reverse("person_edit", args=[cadre_same_unit.person.pk])
    assert client.get(url).status_code == 403
    row = AuditEvent.objects.get(action="permission_denied")
    assert row.actor == unit_head and row.detail["path"] == url and row.success is False


def test_a_refused_api_call_is_audited(client, unit_head, cadre_same_unit):
    client.force_login(unit_head)
    response = client.patch(
        f"/api/org/people/{cadre_same_unit.person.pk}", data={"post": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="permission_denied", actor=unit_head).count() == 1


def test_exports_are_audited(client, party_officer):
    client.force_login(party_officer)
    client.get(reverse("person_list") + "?format=xlsx")
    row = AuditEvent.objects.get(action="export")
    assert row.target_repr == "干部花名册" and row.detail == {"rows": 1}
