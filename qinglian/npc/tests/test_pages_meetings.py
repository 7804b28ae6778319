"""The meeting-materials pages: who reads, who writes (the materials desk) and who submits (the desk, or the
item's own internal unit), the deadlines shown for each kind of meeting (computed here independently from the
working-day calendar), the on-time badges, the on-time rate per unit, and the Excel exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from qinglian.core import workdays
from qinglian.npc.choices import AgendaKind, NpcMeetingKind
from qinglian.npc.deadlines import materials_params
from qinglian.npc.models import MaterialSubmission, MeetingAgendaItem, NpcMeeting
from qinglian.npc.services import meetings as m
from qinglian.npc.tests.factories import ExternalUnitFactory

D = dt.date
READERS = ("party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader", "supervisor")
NON_DESK = ("party_officer", "unit_head", "cadre_same_unit", "leader", "supervisor")
STANDING, CHAIRPERSONS = NpcMeetingKind.STANDING, NpcMeetingKind.CHAIRPERSONS


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def working_days_before(day: dt.date, n: int) -> dt.date:
    """Counted here one day at a time, not with the code under test."""
    while n:
        day -= dt.timedelta(days=1)
        n -= workdays.is_working_day(day)
    return day


def calendar_days_before(day: dt.date, n: int) -> dt.date:
    day -= dt.timedelta(days=n)
    while not workdays.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


@pytest.fixture
def office(desks, cadre_other_unit):
    """A person of the materials desk (unit B, see conftest)."""
    return cadre_other_unit


@pytest.fixture
def bureau_unit(org):
    return ExternalUnitFactory(organ=org.organ, name="市民政局")


def _meeting(office, day: dt.date, kind: str = STANDING, number: str = "第30次") -> NpcMeeting:
    return m.npc_meeting_save(meeting=NpcMeeting(kind=kind, number=number, date=day), by=office)


def _item(office, meeting, unit, *, title="关于本市养老服务工作情况的报告", special=False) -> MeetingAgendaItem:
    item = MeetingAgendaItem(
        meeting=meeting, title=title, kind=AgendaKind.REPORT_REVIEW, submitting_unit=unit, is_special_report=special
    )
    return m.agenda_item_save(item=item, by=office)


@pytest.fixture
def meeting(office):
    return _meeting(office, D(2026, 6, 25))


@pytest.fixture
def item(office, meeting, bureau_unit):
    return _item(office, meeting, bureau_unit)


def _page(client, name, *args, **params) -> str:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


# --- reading ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_every_business_role_reads_the_meetings_the_summary_and_one_meeting(client, persona, item, name):
    client.force_login(persona(name))
    assert "常委会会议" in _page(client, "npc_meetings")
    assert 'data-testid="unit-summary"' in _page(client, "npc_meetings", tab="units", year=2026)
    html = _page(client, "npc_meeting", item.meeting_id)
    assert item.title in html and 'data-testid="submissions"' in html


def test_an_administrator_sees_no_meeting(client, item, sysadmin):
    client.force_login(sysadmin)
    assert "没有符合条件的会议" in _page(client, "npc_meetings")
    assert client.get(reverse("npc_meeting", args=[item.meeting_id])).status_code == 404


def test_only_the_desk_sees_the_desk_buttons(client, item, office, cadre_same_unit):
    client.force_login(cadre_same_unit)
    html = _page(client, "npc_meeting", item.meeting_id)
    assert 'data-testid="item-create"' not in html and 'data-testid="submit-form"' not in html
    assert 'data-testid="meeting-create"' not in _page(client, "npc_meetings")
    client.force_login(office)
    html = _page(client, "npc_meeting", item.meeting_id)
    assert 'data-testid="item-create"' in html and 'data-testid="submit-form"' in html


# --- writing: permissions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NON_DESK)
def test_a_non_desk_post_is_refused_and_changes_nothing(client, persona, item, name):
    client.force_login(persona(name))
    data = {"kind": STANDING, "number": "第99次", "date": "2026-07-01", "title": "改了"}
    assert client.get(reverse("npc_meeting_create")).status_code == 403
    assert client.post(reverse("npc_meeting_create"), data).status_code == 403
    assert client.post(reverse("npc_meeting_edit", args=[item.meeting_id]), data).status_code == 403
    item_data = {"title": "改了", "kind": AgendaKind.OTHER, "submitting_unit": item.submitting_unit_id}
    assert client.post(reverse("npc_agenda_item_create", args=[item.meeting_id]), item_data).status_code == 403
    assert client.post(reverse("npc_agenda_item_edit", args=[item.pk]), item_data).status_code == 403
    submit = {f"submit-{item.pk}-submitted_at": "2026-06-09T10:00"}
    assert client.post(reverse("npc_material_submit", args=[item.pk]), submit).status_code == 403
    assert NpcMeeting.objects.count() == 1 and NpcMeeting.objects.get().date == D(2026, 6, 25)
    assert MeetingAgendaItem.objects.get().title == item.title
    assert not MaterialSubmission.objects.exists()


def test_staff_of_an_internal_unit_submit_for_their_own_item_only(client, org, office, meeting, item, cadre_same_unit):
    own = _item(office, meeting, org.unit_a, title="关于办公室工作情况的报告")
    client.force_login(cadre_same_unit)
    html = _page(client, "npc_meeting", meeting.pk)
    assert html.count('data-testid="submit-form"') == 1  # on the item of unit A only
    data = {f"submit-{own.pk}-submitted_at": "2026-06-09T10:00", f"submit-{own.pk}-note": "报告正文"}
    response = client.post(reverse("npc_material_submit", args=[own.pk]), data)
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{own.pk}")
    sub = MaterialSubmission.objects.get()
    assert (sub.agenda_item, sub.version, sub.submitter, sub.note) == (own, 1, "cadre_same_unit", "报告正文")
    other = {f"submit-{item.pk}-submitted_at": "2026-06-09T10:00"}
    assert client.post(reverse("npc_material_submit", args=[item.pk]), other).status_code == 403
    receipt = {f"receive-{sub.pk}-received_at": "2026-06-09T11:00", f"receive-{sub.pk}-received_by": 1}
    assert client.post(reverse("npc_material_receive", args=[sub.pk]), receipt).status_code == 403
    assert MaterialSubmission.objects.count() == 1 and MaterialSubmission.objects.get().received_at is None


def test_a_submission_in_the_future_is_refused_on_the_form(client, office, item):
    client.force_login(office)
    later = timezone.localtime() + dt.timedelta(days=2)
    data = {f"submit-{item.pk}-submitted_at": later.strftime("%Y-%m-%dT%H:%M")}
    response = client.post(reverse("npc_material_submit", args=[item.pk]), data)
    assert response.status_code == 400 and "报送时间不能晚于现在" in response.content.decode()
    assert not MaterialSubmission.objects.exists()


def test_the_desk_records_versions_and_signs_the_receipt(client, office, item):
    client.force_login(office)
    url = reverse("npc_material_submit", args=[item.pk])
    client.post(url, {f"submit-{item.pk}-submitted_at": "2026-06-09T10:00", f"submit-{item.pk}-submitter": "张科长"})
    client.post(url, {f"submit-{item.pk}-submitted_at": "2026-06-12T16:30", f"submit-{item.pk}-is_final": "on"})
    first, second = MaterialSubmission.objects.order_by("version")
    assert (first.submitter, second.version, second.is_final) == ("张科长", 2, True)
    early = {f"receive-{first.pk}-received_at": "2026-06-09T09:00", f"receive-{first.pk}-received_by": office.person_id}
    response = client.post(reverse("npc_material_receive", args=[first.pk]), early)
    assert response.status_code == 400 and "签收时间不能早于报送时间" in response.content.decode()
    ok = {f"receive-{first.pk}-received_at": "2026-06-09T11:00", f"receive-{first.pk}-received_by": office.person_id}
    assert client.post(reverse("npc_material_receive", args=[first.pk]), ok).status_code == 302
    first.refresh_from_db()
    assert first.received_by == office.person and timezone.localtime(first.received_at).hour == 11
    html = _page(client, "npc_meeting", item.meeting_id)
    assert "2026-06-09 11:00" in html and html.count('data-testid="receive-form"') == 1  # the 2nd is unsigned


# --- deadlines ----------------------------------------------------------------------------------------------


def _create_through_pages(client, org, kind: str, *, special: bool) -> tuple[MeetingAgendaItem, str]:
    """A meeting on 2026-10-12 and one item, through the desk's pages; the page shown after saving the item."""
    response = client.post(
        reverse("npc_meeting_create"), {"kind": kind, "number": "第31次", "date": "2026-10-12", "title": ""}
    )
    assert response.status_code == 302
    meeting = NpcMeeting.objects.get()
    data = {
        "title": "关于本市食品安全工作情况的报告",
        "kind": AgendaKind.REPORT_REVIEW,
        "submitting_unit": org.unit_a.pk,
    }
    if special:
        data["is_special_report"] = "on"
    response = client.post(reverse("npc_agenda_item_create", args=[meeting.pk]), data, follow=True)
    assert response.status_code == 200
    return MeetingAgendaItem.objects.get(), response.content.decode()


@pytest.mark.parametrize("kind,param", [(STANDING, "standing_days"), (CHAIRPERSONS, "chairpersons_days")])
def test_the_deadline_of_each_kind_of_meeting_is_shown_after_saving(client, org, office, kind, param):
    client.force_login(office)
    item, html = _create_through_pages(client, org, kind, special=False)
    meeting_day = D(2026, 10, 12)
    expected = working_days_before(meeting_day, int(materials_params(organ_id=org.organ.pk, on=meeting_day)[param]))
    if kind == STANDING:
        # 10-10 (调休上班的星期六), 9, 8, 9-30, 29, 28, 24 (9-25 中秋, 10-1…7 国庆 are rest days), 23, 22, 21
        assert expected == D(2026, 9, 21)
    assert item.deadline == expected and item.order == 1
    assert f"材料报送期限：{expected:%Y-%m-%d}" in html  # the message after saving
    assert f'data-testid="deadline">{expected:%Y-%m-%d}<' in html


def test_a_special_work_report_shows_both_deadlines_of_the_supervision_law(client, org, office):
    client.force_login(office)
    item, html = _create_through_pages(client, org, STANDING, special=True)
    day = D(2026, 10, 12)
    params = materials_params(organ_id=org.organ.pk, on=day)
    first = min(working_days_before(day, int(params["standing_days"])), calendar_days_before(day, 20))
    final = calendar_days_before(day, int(params["special_final_days"]))
    assert (item.deadline, item.final_deadline) == (first, final)
    assert f'data-testid="final-deadline">{final:%Y-%m-%d}<' in html
    assert f"修改稿送交期限：{final:%Y-%m-%d}" in html


def test_moving_the_meeting_on_its_edit_page_moves_the_deadline(client, org, office, item):
    client.force_login(office)
    data = {"kind": STANDING, "number": "第30次", "date": "2026-07-02", "title": ""}
    assert client.post(reverse("npc_meeting_edit", args=[item.meeting_id]), data).status_code == 302
    item.refresh_from_db()
    assert item.deadline == working_days_before(D(2026, 7, 2), 10)


# --- badges and the on-time rate ----------------------------------------------------------------------------


def test_a_late_first_version_is_badged_late_and_a_missing_one_missing(client, office, meeting, item, bureau_unit):
    m.material_submit(item=item, submitted_at=_at(item.deadline + dt.timedelta(days=1)), by=office)
    _item(office, meeting, bureau_unit, title="关于本市文物保护工作情况的报告")  # nothing sent, deadline passed
    client.force_login(office)
    html = _page(client, "npc_meetings")
    assert 'data-testid="badge-late">逾期 1<' in html and 'data-testid="badge-missing">未报送 1<' in html
    assert 'data-testid="agenda-count">2<' in html
    detail = _page(client, "npc_meeting", meeting.pk)
    assert 'text-bg-danger" data-testid="timeliness">逾期<' in detail
    assert 'data-testid="timeliness">未报送<' in detail


def test_the_summary_gives_the_on_time_rate_per_unit(client, org, office, bureau_unit):
    other = ExternalUnitFactory(organ=org.organ, name="市卫生健康委员会")
    meetings = [_meeting(office, D(2026, month, 20), number=f"第{month}次") for month in (3, 4, 5, 6)]
    for index, meeting in enumerate(meetings):
        item = _item(office, meeting, bureau_unit)
        late = index == 3
        day = item.deadline + dt.timedelta(days=2) if late else item.deadline
        m.material_submit(item=item, submitted_at=_at(day, 17), by=office)
    _item(office, meetings[0], other)  # never sent
    _item(office, _meeting(office, D(2025, 6, 20), number="第1次"), bureau_unit)  # another year
    client.force_login(office)
    html = _page(client, "npc_meetings", tab="units", year=2026)
    row = html.split('data-unit="市民政局"')[1].split("</tr>")[0]
    assert "<td>4</td><td>3</td>" in row and 'data-testid="on-time-rate">75.0%<' in row
    other_row = html.split('data-unit="市卫生健康委员会"')[1].split("</tr>")[0]
    assert 'data-testid="on-time-rate">0.0%<' in other_row
    assert 'data-testid="total-rate">60.0%<' in html  # 3 of 5
    assert "2026年会议材料按时报送情况" in html  # the printed title


# --- exports ------------------------------------------------------------------------------------------------


def _sheet(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_the_export_has_one_row_per_agenda_item(client, office, meeting, item, bureau_unit):
    m.material_submit(item=item, submitted_at=_at(D(2026, 6, 9), 15), by=office)
    m.material_submit(item=item, submitted_at=_at(D(2026, 6, 15), 9), by=office, is_final=True)
    _item(office, _meeting(office, D(2026, 6, 30), CHAIRPERSONS, "第40次"), bureau_unit, title="主任会议议题")
    client.force_login(office)
    ws = _sheet(client.get(reverse("npc_meetings_export"), {"year": 2026, "kind": STANDING}))
    assert ws["A1"].value == "会议材料报送台账"
    assert [c.value for c in ws[2]][:4] == ["序号", "会议", "会议日期", "议题"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert len(rows) == 1  # the 主任会议 is filtered out
    row = rows[0]
    assert row[1] == "常委会会议第30次" and row[3] == item.title and row[5] == "市民政局"
    assert row[6].date() == D(2026, 6, 10) and row[7] is None
    # moments as Beijing-time date-times (naive: Excel has no zones), not text
    assert (row[8], row[9], row[10], row[11]) == (
        dt.datetime(2026, 6, 9, 15),
        dt.datetime(2026, 6, 15, 9),
        None,
        "按时",
    )


def test_the_summary_exports_with_its_rate(client, office, item):
    m.material_submit(item=item, submitted_at=_at(D(2026, 6, 11)), by=office)  # a day late
    client.force_login(office)
    ws = _sheet(client.get(reverse("npc_meetings_export"), {"tab": "units", "year": 2026}))
    assert ws["A1"].value == "2026年会议材料报送情况"
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert rows == [["市民政局", 1, 0, 1, 0, 0], ["合计", 1, 0, 1, 0, 0]]  # the rate a number: 0.0%
    assert ws["F3"].number_format == "0.0%"


def test_the_print_view_lists_every_meeting_without_pages(client, office, settings):
    settings.QINGLIAN_PAGE_SIZE = 2
    for n in range(3):
        _meeting(office, D(2026, 3, 10 + n), number=f"第{n + 1}次")
    client.force_login(office)
    assert _page(client, "npc_meetings").count('data-testid="meeting-row"') == 2
    assert _page(client, "npc_meetings", print=1).count('data-testid="meeting-row"') == 3
