"""The compliance pages: lists, export, the run button and its progress, the lifecycle form, 我的待办."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.compliance.models import Finding, RuleParameterSet, RuleRun
from qinglian.compliance.tests.factories import FindingFactory
from qinglian.org.tests.factories import BranchFactory, PersonFactory


@pytest.fixture
def findings(org, cadre_same_unit, cadre_other_unit):
    return [
        FindingFactory(
            organ=org.organ,
            subject_repr="甲",
            reason="甲未编入党支部",
            responsible_unit=org.unit_a,
            responsible_person=cadre_same_unit.person,
            due_date=dt.date(2026, 1, 1),
        ),
        FindingFactory(
            organ=org.organ,
            rule_code="ORG-003",
            subject_type="org.unit",
            subject_repr="研究室",
            severity="yellow",
            reason="研究室没有分管领导",
            responsible_unit=org.unit_b,
        ),
    ]


@pytest.mark.parametrize(
    ("persona_name", "expected"),
    [
        ("party_officer", 2),
        ("leader", 2),
        ("supervisor", 2),
        ("unit_head", 1),
        ("cadre_same_unit", 1),
        ("cadre_other_unit", 0),
    ],
)
def test_the_list_shows_each_persona_its_scope(client, request, findings, persona_name, expected):
    client.force_login(request.getfixturevalue(persona_name))
    response = client.get(reverse("finding_list"))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == expected


@pytest.mark.parametrize("persona_name", ["sysadmin", "secadmin", "auditadmin"])
def test_administrators_see_no_findings(client, request, findings, persona_name):
    client.force_login(request.getfixturevalue(persona_name))
    assert client.get(reverse("finding_list")).status_code == 403


def test_a_finding_outside_my_scope_is_404(client, findings, cadre_other_unit):
    client.force_login(cadre_other_unit)
    assert client.get(reverse("finding_detail", args=[findings[0].pk])).status_code == 404


def test_export_and_unit_summary(client, findings, party_officer):
    client.force_login(party_officer)
    ws = load_workbook(io.BytesIO(client.get(reverse("finding_list") + "?format=xlsx").content)).active
    assert ws.max_row == 4 and ws["G3"].value == "甲未编入党支部"
    response = client.get(reverse("finding_unit_summary"))
    rows = {r["unit_name"]: (r["red"], r["yellow"]) for r in response.context["rows"]}
    assert rows == {"办公室": (1, 0), "研究室": (0, 1)}


def test_the_run_button_runs_and_shows_progress(client, settings, org, party_officer):
    settings.QINGLIAN_RUNCHECKS_INLINE = True
    BranchFactory(organ=org.organ, term_end=dt.date(2020, 1, 1), term_start=dt.date(2017, 1, 1))
    PersonFactory(organ=org.organ, unit=org.unit_a, branch=None)
    client.force_login(party_officer)
    response = client.post(reverse("run_create"), {"as_of": "2026-11-25"})
    run = RuleRun.objects.get()
    assert response["Location"] == reverse("run_detail", args=[run.pk])
    assert run.status == "done" and run.done == run.total and run.created >= 2
    html = client.get(response["Location"]).content.decode()
    assert "100%" in html and "新增预警" in html


def test_only_the_office_runs_checks(client, org, unit_head):
    client.force_login(unit_head)
    assert client.post(reverse("run_create"), {"as_of": "2026-11-25"}).status_code == 403
    assert not RuleRun.objects.exists()


def test_the_rule_page_lists_basis_parameters_and_open_counts(client, findings, unit_head):
    client.force_login(unit_head)
    html = client.get(reverse("rule_list")).content.decode()
    assert "《中国共产党章程》第八条" in html and "提前提醒月数：6个月" in html


def test_parameters_with_overlapping_dates_are_refused(client, party_officer):
    client.force_login(party_officer)
    data = {
        "jurisdiction": "central",
        "effective_from": "2024-01-01",
        "source": "测试依据",
        "confidence": "high",
        "p_remind_months": "6",
        "p_warn_months": "2",
        "p_term_years": "3",
    }
    response = client.post(reverse("parameter_set_create", args=["ORG-001"]), data)
    assert "生效期间重叠" in response.content.decode()
    assert RuleParameterSet.objects.filter(rule_code="ORG-001").count() == 1


def test_parameters_with_bad_values_are_refused(client, party_officer):
    client.force_login(party_officer)
    data = {
        "jurisdiction": "city",
        "effective_from": "2027-01-01",
        "source": "市规定",
        "confidence": "low",
        "p_remind_months": "六",
        "p_warn_months": "2",
        "p_term_years": "3",
    }
    response = client.post(reverse("parameter_set_create", args=["ORG-001"]), data)
    assert "格式不正确" in response.content.decode()
    data["p_remind_months"] = "4"
    response = client.post(reverse("parameter_set_create", args=["ORG-001"]), data)
    assert response.status_code == 302
    assert RuleParameterSet.objects.get(rule_code="ORG-001", jurisdiction="city").values == {
        "remind_months": 4,
        "warn_months": 2,
        "term_years": 3,
    }


def test_the_lifecycle_form_and_my_todo(client, findings, cadre_same_unit):
    client.force_login(cadre_same_unit)
    html = client.get(reverse("todo")).content.decode()
    assert "甲未编入党支部" in html and "研究室没有分管领导" not in html
    assert client.get(reverse("workbench")).context["todo_count"] == 1
    client.post(reverse("finding_act", args=[findings[0].pk]), {"name": "rectify", "text": "正在办理"})
    assert Finding.objects.get(pk=findings[0].pk).status == "rectifying"
