"""Only the audit administrator reads and exports the log; the export is itself audited."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import PERSONAS
from qinglian.audit.anchors import audit_export_head
from qinglian.audit.models import AuditEvent
from qinglian.audit.services import audit_record
from qinglian.org.choices import Role
from qinglian.org.models import RoleGrant
from qinglian.org.tests.factories import OrganFactory, UserFactory

PAGES = ("audit_log", "audit_export", "audit_verify")
OTHERS = [name for name in PERSONAS if name != "auditadmin"]


@pytest.mark.parametrize("page", PAGES)
def test_the_audit_administrator_opens_every_page(client, auditadmin, page):
    client.force_login(auditadmin)
    assert client.get(reverse(page)).status_code == 200


@pytest.mark.parametrize("name", OTHERS)
@pytest.mark.parametrize("page", PAGES)
def test_everybody_else_is_forbidden(client, persona, name, page):
    client.force_login(persona(name))
    response = client.get(reverse(page))
    assert response.status_code == 403
    assert "仅审计管理员可查看审计日志" in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_the_login_page(client, db, page):
    response = client.get(reverse(page))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_log_lists_and_filters_events(client, org, auditadmin, cadre_same_unit):
    audit_record(action="export", user=cadre_same_unit, target_repr="干部花名册")
    audit_record(action="login_failed", target_repr="mallory", organ=org.organ, success=False)
    client.force_login(auditadmin)
    html = client.get(reverse("audit_log")).content.decode()
    assert "干部花名册" in html and "mallory" in html and "登录失败" in html
    html = client.get(reverse("audit_log"), {"action": "login_failed", "success": "0"}).content.decode()
    assert "mallory" in html and "干部花名册" not in html
    html = client.get(reverse("audit_log"), {"actor": "cadre"}).content.decode()
    assert "干部花名册" in html and "mallory" not in html


def test_another_organs_audit_administrator_sees_none_of_our_events(client, org, cadre_same_unit):
    audit_record(action="export", user=cadre_same_unit, target_repr="干部花名册")
    other = UserFactory(username="other_auditor", organ=OrganFactory(code="other"))
    RoleGrant.objects.create(user=other, organ=other.organ, role=Role.AUDITADMIN)
    assert not AuditEvent.objects.visible_to(other).filter(target_repr="干部花名册").exists()
    client.force_login(other)
    assert "干部花名册" not in client.get(reverse("audit_log")).content.decode()


def test_the_export_is_an_excel_sheet_and_is_itself_audited(client, org, auditadmin, cadre_same_unit):
    audit_record(action="export", user=cadre_same_unit, target_repr="干部花名册")
    client.force_login(auditadmin)
    response = client.get(reverse("audit_export"), {"action": "export"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "审计日志" and sheet.max_row == 3
    row = AuditEvent.objects.order_by("-seq").first()
    assert (row.action, row.actor, row.target_repr) == ("export", auditadmin, "审计日志")
    assert row.detail == {"model": "audit.auditevent", "rows": 1, "filters": {"action": "export"}}


def test_the_export_refuses_an_invalid_filter(client, auditadmin):
    client.force_login(auditadmin)
    response = client.get(reverse("audit_export"), {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert response.status_code == 400 and "起始日期不能晚于截止日期" in response.content.decode()


def test_the_verify_button_shows_the_result(client, auditadmin):
    client.force_login(auditadmin)  # the login itself is the first audited event
    audit_export_head()
    response = client.get(reverse("audit_verify"), HTTP_HX_REQUEST="true")
    assert "审计日志校验通过，共 1 条" in response.content.decode()


def test_the_menu_and_workbench_card_are_for_the_audit_administrator_only(client, org, auditadmin, secadmin):
    audit_record(action="login_failed", organ=org.organ, success=False)
    client.force_login(auditadmin)
    html = client.get(reverse("workbench")).content.decode()
    assert 'data-testid="widget-audit-log"' in html and reverse("audit_log") in html
    assert "登录失败 <span" in html
    client.force_login(secadmin)
    html = client.get(reverse("workbench")).content.decode()
    assert "widget-audit-log" not in html and reverse("audit_log") not in html
