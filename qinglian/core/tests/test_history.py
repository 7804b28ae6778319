"""The change history (修改记录) in the organ's local time: when a change was made, and any date-time that changed,
on every app's record page (core/_history.html via core.history.changes_for) — never the UTC the database keeps.

The moment used: 2026-03-03 09:00 UTC, i.e. 17:00 in Asia/Shanghai.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from qinglian.audit.choices import AuditAction
from qinglian.audit.services import audit_record
from qinglian.core import clock
from qinglian.core.history import changes_for
from qinglian.duty.tests.factories import AssignmentFactory, DutyItemFactory, DutyListFactory
from qinglian.org.models import Unit
from qinglian.org.tests.factories import BranchFactory
from qinglian.partylife.tests.factories import MeetingFactory

UTC_MOMENT = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)
CREATED = dt.datetime(2026, 3, 1, 2, 30, tzinfo=dt.UTC)  # the rows are made earlier, at 10:30 local
LOCAL = "2026-03-03 17:00"
RAW = ("2026-03-03 09:00", "+00:00")


def _assert_local(html: str) -> None:
    history = html[html.index("修改记录") :]
    assert LOCAL in history
    assert not any(raw in history for raw in RAW), history[:2000]


def test_the_settings_are_the_organs_zone(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.USE_TZ


def _claimed(org, moment: dt.datetime):
    """A duty task made on 1 March and claimed at `moment` (its 认领时间 is a date-time field)."""
    with clock.replaying(CREATED):
        task = AssignmentFactory(item=DutyItemFactory(duty_list=DutyListFactory(organ=org.organ)), unit=org.unit_a)
    with clock.replaying(moment):
        task.claimed_at = moment
        task.save()
    return task


def test_changes_give_local_times_for_when_and_for_a_changed_date_time(org):
    task = _claimed(org, UTC_MOMENT)
    change = changes_for(task)[0]
    assert change["when"].utcoffset() == dt.timedelta(hours=8)
    assert f"{change['when']:%Y-%m-%d %H:%M}" == LOCAL
    claimed = next(f for f in change["fields"] if f["label"] == "认领时间")
    assert claimed == {"label": "认领时间", "old": "", "new": LOCAL}


def test_the_duty_task_page_shows_a_changed_time_in_local_time(client, org, party_officer):
    task = _claimed(org, UTC_MOMENT)
    client.force_login(party_officer)
    _assert_local(client.get(reverse("duty_task", args=[task.pk])).content.decode())


def test_the_meeting_page_shows_when_it_was_changed_in_local_time(client, org, party_officer):
    with clock.replaying(CREATED):
        meeting = MeetingFactory(branch=BranchFactory(organ=org.organ))
    with clock.replaying(UTC_MOMENT):
        meeting.topic = "改过的主题"
        meeting.save()
    client.force_login(party_officer)
    _assert_local(client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode())


def test_the_unit_page_shows_when_it_was_changed_in_local_time(client, org, party_officer):
    unit = Unit.objects.get(pk=org.unit_b.pk)
    with clock.replaying(UTC_MOMENT):
        unit.name = "调研室"
        unit.save()
    client.force_login(party_officer)
    _assert_local(client.get(reverse("unit_detail", args=[unit.pk])).content.decode())


@pytest.mark.parametrize("hour", [0, 16, 23])
def test_a_change_late_in_the_utc_day_is_dated_by_the_local_day(org, hour):
    """16:00 UTC is already tomorrow in Beijing: the row must say the local date, not the stored one."""
    moment = dt.datetime(2026, 3, 3, hour, 30, tzinfo=dt.UTC)
    change = changes_for(_claimed(org, moment))[0]
    local = timezone.localtime(moment)
    assert change["when"].date() == local.date()
    assert change["fields"][0]["new"] == f"{local:%Y-%m-%d %H:%M}"


def test_the_audit_log_export_writes_local_times(client, org, auditadmin, party_officer):
    """The log of who did what, exported: the time column is Beijing time (as text or as a date-time cell)."""
    event = audit_record(action=AuditAction.EXPORT, user=party_officer, target_repr="测试导出")
    client.force_login(auditadmin)
    response = client.get(reverse("audit_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = next(row for row in sheet.iter_rows(values_only=True) if "时间" in row)
    column = headers.index("时间")
    cells = [row[column] for row in sheet.iter_rows(values_only=True) if "测试导出" in row]
    local = timezone.localtime(event.created_at)
    value = cells[0]
    shown = f"{value:%Y-%m-%d %H:%M}" if isinstance(value, dt.datetime) else str(value)
    assert shown.startswith(f"{local:%Y-%m-%d %H:%M}") and "+00:00" not in shown
