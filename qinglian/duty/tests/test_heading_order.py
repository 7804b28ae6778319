"""A heading's 序号 is typed in and may be a hundred or more: the list page, its export and its API still answer
(they numbered headings in Chinese only up to 99 and failed with 500 past it), and the API refuses a 序号 the
column cannot hold with a Chinese 422 instead of a database error."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from qinglian.duty.models import DutySection
from qinglian.duty.selectors.lists import cn_number
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_chinese_numbers_go_past_ninety_nine():
    assert [cn_number(n) for n in (1, 10, 99, 100, 105, 150, 999)] == [
        "一",
        "十",
        "九十九",
        "一百",
        "一百零五",
        "一百五十",
        "九百九十九",
    ]
    assert cn_number(1000) == "1000"


@pytest.fixture
def big_heading(org, party_officer):
    duty_list = DutyListFactory(organ=org.organ)
    section = DutySection.objects.create(duty_list=duty_list, order=150, title="第一百五十项标题")
    sub = DutySection.objects.create(duty_list=duty_list, parent=section, order=120, title="子标题")
    item = DutyItemFactory(duty_list=duty_list, section=sub, content="落实责任")
    AssignmentFactory(item=item, unit=org.unit_a)
    return duty_list


def test_it_shows_a_list_with_a_heading_numbered_150(party_officer, big_heading):
    client = _as(party_officer)
    page = client.get(reverse("duty_index"), {"year": big_heading.year})
    assert page.status_code == 200
    assert "一百五十、" in page.content.decode()
    api = client.get(f"/api/duty/lists/{big_heading.pk}")
    assert api.status_code == 200, api.content
    assert "一百五十、" in api.content.decode() and "（一百二十）" in api.content.decode()


def test_it_exports_a_list_with_a_heading_numbered_150(party_officer, big_heading):
    response = _as(party_officer).get(reverse("duty_export"), {"year": big_heading.year})
    assert response.status_code == 200
    cells = [c for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True) for c in row]
    assert any(isinstance(c, str) and c.startswith("一百五十、") for c in cells)


def test_it_refuses_a_heading_order_the_column_cannot_hold(party_officer, big_heading):
    response = _as(party_officer).post(
        f"/api/duty/lists/{big_heading.pk}/sections",
        data=json.dumps({"title": "太大", "order": 40000}),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid"
    assert not DutySection.objects.filter(title="太大").exists()
