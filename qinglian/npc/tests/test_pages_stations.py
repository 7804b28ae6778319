"""The liaison-station and activity pages: who reads, who writes (the stations desk), a station with its
deputies, an activity with its participants, the filters, the counts per deputy per year, the exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from qinglian.npc.choices import ActivityKind
from qinglian.npc.models import DeputyActivity, LiaisonStation
from qinglian.npc.tests.factories import ActivityFactory, DeputyFactory, StationFactory

D = dt.date
READERS = ("party_officer", "unit_head", "cadre_same_unit", "cadre_other_unit", "leader", "supervisor")
NON_DESK = ("cadre_other_unit", "leader", "supervisor")


@pytest.fixture
def clerk(desks, cadre_same_unit):
    """A person of the stations desk (unit A, see conftest)."""
    return cadre_same_unit


@pytest.fixture
def zhang(org):
    return DeputyFactory(organ=org.organ, name="张建国", delegation="城东区代表团")


@pytest.fixture
def li(org):
    return DeputyFactory(organ=org.organ, name="李秀英", delegation="城西区代表团")


@pytest.fixture
def station(org, desks, zhang, li):
    s = StationFactory(organ=org.organ, name="城东街道人大代表联络站", contact_name="王芳", contact_phone="0571-1234")
    s.deputies.set([zhang, li])
    return s


MAY_10 = D(2026, 5, 10)


def _activity(org, deputies, *, day=MAY_10, kind=ActivityKind.RECEPTION, station=None, title="代表接待选民日"):
    activity = ActivityFactory(organ=org.organ, date=day, kind=kind, station=station, title=title)
    activity.deputies.set(deputies)
    return activity


@pytest.fixture
def activity(org, station, zhang):
    return _activity(org, [zhang], station=station)


def _page(client, name, *args, **params) -> str:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


# --- reading ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_every_business_role_reads_stations_and_activities(client, persona, station, activity, name):
    client.force_login(persona(name))
    html = _page(client, "npc_stations")
    assert station.name in html and "张建国、李秀英" in html and "王芳" in html
    html = _page(client, "npc_station", station.pk)
    assert 'data-testid="station-deputies"' in html and activity.title in html
    assert activity.title in _page(client, "npc_activities")
    assert "张建国" in _page(client, "npc_activities", tab="counts", year=2026)
    assert 'data-testid="participants">张建国' in _page(client, "npc_activity", activity.pk)


def test_an_administrator_sees_no_station_and_no_activity(client, station, activity, sysadmin):
    client.force_login(sysadmin)
    assert "尚未登记代表联络站" in _page(client, "npc_stations")
    assert "没有符合条件的履职活动" in _page(client, "npc_activities")
    assert client.get(reverse("npc_station", args=[station.pk])).status_code == 404
    assert client.get(reverse("npc_activity", args=[activity.pk])).status_code == 404


def test_only_the_desk_sees_the_desk_buttons(client, station, activity, clerk, cadre_other_unit):
    client.force_login(cadre_other_unit)
    assert 'data-testid="station-create"' not in _page(client, "npc_stations")
    assert 'data-testid="activity-edit"' not in _page(client, "npc_activity", activity.pk)
    client.force_login(clerk)
    assert 'data-testid="station-create"' in _page(client, "npc_stations")
    assert 'data-testid="activity-edit"' in _page(client, "npc_activity", activity.pk)


# --- writing ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NON_DESK)
def test_a_non_desk_post_is_refused_and_changes_nothing(client, persona, station, activity, zhang, li, name):
    client.force_login(persona(name))
    station_data = {"name": "改了", "deputies": [zhang.pk]}
    assert client.get(reverse("npc_station_create")).status_code == 403
    assert client.post(reverse("npc_station_create"), station_data).status_code == 403
    assert client.post(reverse("npc_station_edit", args=[station.pk]), station_data).status_code == 403
    data = {"kind": ActivityKind.RESEARCH, "date": "2026-06-01", "title": "改了", "deputies": [zhang.pk]}
    assert client.post(reverse("npc_activity_create"), data).status_code == 403
    assert client.post(reverse("npc_activity_edit", args=[activity.pk]), data).status_code == 403
    assert list(LiaisonStation.objects.values_list("name", flat=True)) == [station.name]
    assert list(DeputyActivity.objects.values_list("title", flat=True)) == [activity.title]
    assert set(station.deputies.all()) == {zhang, li}


def test_the_desk_registers_a_station_with_its_deputies(client, org, clerk, zhang, li):
    client.force_login(clerk)
    data = {"name": " 城西街道人大代表联络站 ", "area": "城西区", "contact_name": "赵强", "deputies": [zhang.pk, li.pk]}
    response = client.post(reverse("npc_station_create"), data)
    assert response.status_code == 302
    station = LiaisonStation.objects.get()
    assert station.name == "城西街道人大代表联络站" and set(station.deputies.all()) == {zhang, li}
    response = client.post(reverse("npc_station_edit", args=[station.pk]), {**data, "deputies": [li.pk]})
    assert response.status_code == 302 and list(station.deputies.all()) == [li]
    assert "李秀英" in _page(client, "npc_station", station.pk)


def test_the_desk_records_an_activity_with_its_participants(client, clerk, station, zhang, li):
    client.force_login(clerk)
    assert f'<option value="{station.pk}" selected>' in _page(client, "npc_activity_create", station=station.pk)
    data = {
        "kind": ActivityKind.LEGISLATION,
        "date": "2026-09-15",
        "title": "《城市绿化条例（草案）》征求代表意见座谈会",
        "station": station.pk,
        "place": "联络站会议室",
        "deputies": [zhang.pk, li.pk],
    }
    response = client.post(reverse("npc_activity_create"), data)
    activity = DeputyActivity.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("npc_activity", args=[activity.pk])
    assert activity.station == station and set(activity.deputies.all()) == {zhang, li}
    counts = _page(client, "npc_activities", tab="counts", year=2026)
    assert counts.count('data-testid="count-row"') == 2


def test_an_activity_without_deputies_or_in_the_future_is_refused_on_the_form(client, clerk, zhang):
    client.force_login(clerk)
    data = {"kind": ActivityKind.RESEARCH, "date": "2026-06-01", "title": "调研"}
    assert client.post(reverse("npc_activity_create"), data).status_code == 400
    future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = client.post(reverse("npc_activity_create"), {**data, "date": future, "deputies": [zhang.pk]})
    assert response.status_code == 400 and "活动日期不能晚于今天" in response.content.decode()
    assert not DeputyActivity.objects.exists()


# --- filters and counts -------------------------------------------------------------------------------------


@pytest.fixture
def year_of_activities(org, station, zhang, li):
    _activity(org, [zhang, li], day=D(2026, 3, 5), station=station, title="三月接待选民")
    _activity(org, [zhang], day=D(2026, 4, 9), station=station, title="四月接待选民")
    _activity(org, [zhang], day=D(2026, 6, 2), kind=ActivityKind.RESEARCH, title="养老服务调研")
    _activity(org, [zhang, li], day=D(2025, 11, 3), kind=ActivityKind.LAW_ENFORCEMENT, title="去年执法检查")


def test_the_counts_per_deputy_per_year_by_kind(client, clerk, year_of_activities):
    client.force_login(clerk)
    html = _page(client, "npc_activities", tab="counts", year=2026)
    zhang_row = html.split('data-deputy="张建国"')[1].split("</tr>")[0]
    # 接待选民 2, 视察 0, 调研 1, 执法检查 0, 立法征求意见 0, 合计 3 (last year's inspection is not counted)
    assert "<td>2</td><td>0</td><td>1</td><td>0</td><td>0</td>" in zhang_row
    assert 'data-testid="count-total">3<' in zhang_row
    li_row = html.split('data-deputy="李秀英"')[1].split("</tr>")[0]
    assert 'data-testid="count-total">1<' in li_row
    assert html.index('data-deputy="张建国"') < html.index('data-deputy="李秀英"')  # most active first
    last_year = _page(client, "npc_activities", tab="counts", year=2025)
    assert last_year.count('data-testid="count-row"') == 2 and "2025年代表履职活动次数" in last_year


def test_the_activity_filters(client, clerk, station, li, year_of_activities):
    client.force_login(clerk)

    def titles(**params) -> set[str]:
        html = _page(client, "npc_activities", **params)
        return {t for t in ("三月接待选民", "四月接待选民", "养老服务调研", "去年执法检查") if t in html}

    assert titles(year=2026) == {"三月接待选民", "四月接待选民", "养老服务调研"}
    assert titles(kind=ActivityKind.RECEPTION) == {"三月接待选民", "四月接待选民"}
    assert titles(station=station.pk) == {"三月接待选民", "四月接待选民"}
    assert titles(deputy=li.pk) == {"三月接待选民", "去年执法检查"}
    assert titles(deputy=li.pk, year=2026) == {"三月接待选民"}


# --- exports ------------------------------------------------------------------------------------------------


def _rows(response) -> tuple[str, list[list]]:
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    return ws["A1"].value, [[c.value for c in row] for row in ws.iter_rows(min_row=2)]


def test_the_exports_open_in_excel(client, clerk, station, year_of_activities):
    client.force_login(clerk)
    title, rows = _rows(client.get(reverse("npc_stations_export")))
    assert title == "代表联络站" and rows[0][:3] == ["序号", "联络站", "所在区域"]
    this_year = sum(d.year == timezone.localdate().year for d in (D(2026, 3, 5), D(2026, 4, 9)))
    assert rows[1][1] == station.name and rows[1][6:] == [2, "张建国、李秀英", this_year]

    title, rows = _rows(client.get(reverse("npc_activities_export"), {"year": 2026, "kind": ActivityKind.RECEPTION}))
    assert title == "代表履职活动" and len(rows) == 3  # header + 2
    assert [r[3] for r in rows[1:]] == ["四月接待选民", "三月接待选民"] and rows[2][6:] == [2, "张建国、李秀英"]

    title, rows = _rows(client.get(reverse("npc_activities_export"), {"tab": "counts", "year": 2026}))
    assert title == "2026年代表履职活动次数"
    assert rows[0] == [
        "代表",
        "接待选民",
        "视察",
        "调研",
        "执法检查",
        "立法征求意见",
        "回原选区活动",
        "代表小组活动",
        "合计",
    ]
    assert rows[1:] == [["张建国", 2, 0, 1, 0, 0, 0, 0, 3], ["李秀英", 1, 0, 0, 0, 0, 0, 0, 1]]


def test_a_deputys_phone_on_the_station_page_only_for_desks_and_organ_readers(
    client, station, zhang, clerk, cadre_other_unit, leader
):
    zhang.phone = "13900001111"
    zhang.save()
    for user, shown in ((clerk, True), (leader, True), (cadre_other_unit, False)):
        client.force_login(user)
        page = _page(client, "npc_station", station.pk)
        assert ("13900001111" in page) is shown, user.username
