"""Checks that keep themselves current (issue #14 item 1): `make demo` ends with a check run; a page served to someone
of an organ whose last check is older than QINGLIAN_CHECK_INTERVAL_MINUTES starts one, cheaply; every finding list
says when the last check ran; a finding's day count is the one of the day it is read."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from qinglian.compliance import freshness
from qinglian.compliance.choices import RunStatus
from qinglian.compliance.models import RuleRun
from qinglian.compliance.registry import OVERDUE_DAYS
from qinglian.compliance.tests.factories import FindingFactory
from qinglian.core import clock, workdays


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def every_five_minutes(settings):
    settings.QINGLIAN_CHECK_INTERVAL_MINUTES = 5
    settings.QINGLIAN_RUNCHECKS_INLINE = True  # the run a page starts runs in the test's own process


def _done(org, minutes_ago: int) -> RuleRun:
    finished = timezone.now() - dt.timedelta(minutes=minutes_ago)
    return RuleRun.objects.create(
        organ=org.organ, as_of=clock.today(), status=RunStatus.DONE, created_at=finished, finished_at=finished
    )


def test_make_demo_runs_the_checks_after_building_the_demo_and_before_serving():
    makefile = (Path(django_settings.BASE_DIR) / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^demo:.*?\n((?:\t.*\n)+)", makefile, re.M).group(1).splitlines()
    steps = [
        next((i for i, line in enumerate(recipe) if word in line), -1)
        for word in ("demo --if-empty", "runchecks", "runserver")
    ]
    assert steps[0] < steps[1] < steps[2] and steps[0] >= 0, recipe


def test_runchecks_if_stale_checks_an_organ_not_checked_lately_and_skips_a_fresh_one(org, settings):
    settings.QINGLIAN_CHECK_INTERVAL_MINUTES = 5
    call_command("runchecks", "--if-stale", "--no-reminders", stdout=io.StringIO())
    assert RuleRun.objects.filter(organ=org.organ, status=RunStatus.DONE).count() == 1
    out = io.StringIO()
    call_command("runchecks", "--if-stale", "--no-reminders", stdout=out)
    assert "均为最新" in out.getvalue()
    assert RuleRun.objects.filter(organ=org.organ).count() == 1


def test_a_page_starts_a_system_run_when_the_findings_are_stale(client, org, party_officer, every_five_minutes):
    _done(org, minutes_ago=6)
    client.force_login(party_officer)
    assert client.get(reverse("todo")).status_code == 200
    run = RuleRun.objects.latest("created_at")
    assert run.started_by is None and run.status == RunStatus.DONE and run.as_of == clock.today()
    client.get(reverse("todo"))
    assert RuleRun.objects.count() == 2  # now fresh: no other run


def test_no_run_starts_while_the_last_check_is_recent_or_one_is_queued(client, org, party_officer, every_five_minutes):
    _done(org, minutes_ago=2)
    client.force_login(party_officer)
    client.get(reverse("todo"))
    assert RuleRun.objects.count() == 1
    cache.clear()
    RuleRun.objects.update(finished_at=timezone.now() - dt.timedelta(minutes=30))
    RuleRun.objects.create(organ=org.organ, as_of=clock.today(), status=RunStatus.QUEUED)
    client.get(reverse("todo"))
    assert RuleRun.objects.count() == 2


def test_nothing_starts_when_automatic_checks_are_off(client, org, party_officer, settings):
    settings.QINGLIAN_CHECK_INTERVAL_MINUTES = 0
    client.force_login(party_officer)
    client.get(reverse("todo"))
    assert not RuleRun.objects.exists()


def test_a_fresh_organ_costs_no_query_once_its_last_check_is_cached(org, every_five_minutes, django_assert_num_queries):
    _done(org, minutes_ago=1)
    assert freshness.ensure_fresh(org.organ.pk) is None  # reads the time once
    with django_assert_num_queries(0):
        assert freshness.ensure_fresh(org.organ.pk) is None


def test_a_stale_organ_is_claimed_once_per_interval(org, every_five_minutes, settings):
    """Many pages at once start one run: the first claims the interval in the cache before writing anything."""
    settings.QINGLIAN_RUNCHECKS_INLINE = False  # queued, started after commit (never, inside a test's transaction)
    _done(org, minutes_ago=10)
    queued = freshness.ensure_fresh(org.organ.pk)
    assert queued is not None and queued.status == RunStatus.QUEUED
    queued.delete()  # as if its process had died before writing anything
    cache.delete(f"qinglian:compliance:checked:{org.organ.pk}")  # and this process had forgotten the time
    assert freshness.ensure_fresh(org.organ.pk) is None  # the claim holds for the interval
    assert RuleRun.objects.count() == 1


@pytest.mark.parametrize("name", ["finding_list", "todo", "workbench", "finding_unit_summary"])
def test_every_finding_list_says_when_the_last_check_ran_in_local_time(client, org, party_officer, name):
    RuleRun.objects.create(
        organ=org.organ,
        as_of=dt.date(2026, 3, 3),
        status=RunStatus.DONE,
        finished_at=dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC),  # 17:00 in Beijing
    )
    client.force_login(party_officer)
    page = client.get(reverse(name)).content.decode()
    assert "最近检查：2026-03-03 17:00" in page


def test_before_any_check_the_lists_say_so(client, org, party_officer):
    client.force_login(party_officer)
    assert "最近检查：尚未检查" in client.get(reverse("finding_list")).content.decode()


def test_the_days_overdue_are_counted_on_the_day_the_finding_is_read(client, org, party_officer):
    """Issue #14: "至今未答复，已逾期212天" stayed as the run wrote it while the page counted 146 working days."""
    due = dt.date(2026, 4, 20)
    finding = FindingFactory(
        organ=org.organ, reason=f"应于2026-04-20前答复，至今未答复，已逾期{OVERDUE_DAYS}", due_date=due
    )
    today = clock.today()
    expected = f"已逾期{workdays.working_days_between(due, today)}个工作日"
    assert finding.text.endswith(expected)
    client.force_login(party_officer)
    assert expected in client.get(reverse("finding_detail", args=[finding.pk])).content.decode()
    assert expected in client.get(reverse("finding_list")).content.decode()
    assert "{overdue_days}" not in client.get(reverse("finding_list")).content.decode()
