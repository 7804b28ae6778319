"""The calendar pages: everyone logged in reads them, only the system administrator edits."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.conf import settings
from django.urls import include, path, reverse

from conftest import PERSONAS
from qinglian.core import registry, workdays
from qinglian.core.models import CalendarDay, CalendarYear

# Until qinglian/core/urls.py includes the calendar, these tests mount it themselves on top of the project.
urlpatterns = [
    path("calendar/", include("qinglian.core.urls_calendar")),
    *importlib.import_module(settings.ROOT_URLCONF).urlpatterns,
]
pytestmark = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def _fresh_cache():
    workdays.invalidate()
    yield
    workdays.invalidate()


@pytest.fixture
def everyone(request, org):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


def test_anonymous_is_sent_to_login(client, db):
    for url in (reverse("calendar_year"), reverse("calendar_day_edit")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_every_persona_reads_the_year(client, everyone, persona_name):
    client.force_login(everyone[persona_name])
    response = client.get(reverse("calendar_year", args=[2026]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-date="2026-02-14" data-status="makeup"' in html
    assert 'data-date="2026-10-01" data-status="holiday"' in html
    assert 'data-date="2026-03-07" data-status="rest"' in html
    assert "国办发明电〔2025〕7号" in html
    assert "calendar-warning" not in html
    assert ("设置一天" in html) == (persona_name == "sysadmin")


def test_a_year_without_a_schedule_shows_the_warning(client, cadre_same_unit):
    client.force_login(cadre_same_unit)
    html = client.get(reverse("calendar_year", args=[2027])).content.decode()
    assert "2027年的节假日安排尚未录入，暂按周末计算工作日" in html
    assert 'data-date="2027-01-01" data-status="work"' in html


def test_the_bare_address_shows_this_year(client, cadre_same_unit):
    client.force_login(cadre_same_unit)
    response = client.get(reverse("calendar_year"))
    assert response.context["year"] == dt.date.today().year


def test_it_rejects_an_absurd_year_and_a_post_to_the_reading_page(client, cadre_same_unit):
    client.force_login(cadre_same_unit)
    assert client.get(reverse("calendar_year", args=[1900])).status_code == 400
    assert client.post(reverse("calendar_year", args=[2026])).status_code == 405


@pytest.mark.parametrize(
    ("name", "args", "data"),
    [
        ("calendar_day_edit", [], {"date": "2026-03-02", "kind": "holiday"}),
        ("calendar_day_remove", [], {"date": "2026-10-10"}),
        ("calendar_year_edit", [2026], {"published": ""}),
    ],
)
def test_a_cadre_reads_but_cannot_change_the_calendar(client, cadre_same_unit, name, args, data):
    client.force_login(cadre_same_unit)
    assert client.get(reverse(name, args=args)).status_code in (403, 405)
    response = client.post(reverse(name, args=args), data)
    assert response.status_code == 403
    assert "只有系统管理员可以修改工作日历" in response.content.decode()
    assert not CalendarDay.objects.filter(date=dt.date(2026, 3, 2)).exists()
    assert CalendarDay.objects.filter(date=dt.date(2026, 10, 10)).exists()
    assert CalendarYear.objects.get(year=2026).published


def test_the_system_administrator_adds_changes_and_removes_a_day(client, sysadmin):
    client.force_login(sysadmin)
    form = client.get(reverse("calendar_day_edit") + "?date=2026-03-02")
    assert form.status_code == 200
    response = client.post(reverse("calendar_day_edit"), {"date": "2026-03-02", "kind": "holiday", "name": "临时"})
    assert response.status_code == 302
    assert response["Location"] == reverse("calendar_year", args=[2026]) + "#m3"
    assert not workdays.is_working_day(dt.date(2026, 3, 2))
    assert CalendarDay.history.filter(date=dt.date(2026, 3, 2)).first().history_user == sysadmin
    response = client.post(reverse("calendar_day_remove"), {"date": "2026-03-02"})
    assert response.status_code == 302
    assert workdays.is_working_day(dt.date(2026, 3, 2))


def test_the_form_explains_why_a_weekday_cannot_be_a_make_up_day(client, sysadmin):
    client.force_login(sysadmin)
    response = client.post(reverse("calendar_day_edit"), {"date": "2026-03-03", "kind": "workday"})
    assert response.status_code == 200
    assert "调休上班日只能是" in response.content.decode()
    assert not CalendarDay.objects.filter(date=dt.date(2026, 3, 3)).exists()


def test_the_system_administrator_enters_and_publishes_a_new_year(client, sysadmin):
    client.force_login(sysadmin)
    url = reverse("calendar_year_edit", args=[2027])
    refused = client.post(url, {"published": "on", "source": "国办发明电〔2026〕X号"})
    assert "还没有录入任何节假日" in refused.content.decode()
    client.post(reverse("calendar_day_edit"), {"date": "2027-01-01", "kind": "holiday", "name": "元旦"})
    response = client.post(url, {"published": "on", "source": "国办发明电〔2026〕X号"})
    assert response.status_code == 302
    html = client.get(reverse("calendar_year", args=[2027])).content.decode()
    assert "calendar-warning" not in html
    assert workdays.coverage_warning(dt.date(2027, 5, 1)) is None


def test_the_menu_offers_the_calendar_to_everyone_logged_in(client, cadre_same_unit, monkeypatch):
    # Register into a throw-away list: the shared menu must not point at a page other tests do not mount.
    monkeypatch.setattr(registry, "NAV", [])
    nav = importlib.import_module("qinglian.core.nav")
    if not registry.NAV:  # imported before this test: register again, into the throw-away list
        importlib.reload(nav)
    assert nav.CALENDAR.allowed(cadre_same_unit)
    assert not nav.CALENDAR.allowed(None)
    client.force_login(cadre_same_unit)
    html = client.get(reverse("workbench")).content.decode()
    assert "工作日历" in html and reverse("calendar_year") in html
