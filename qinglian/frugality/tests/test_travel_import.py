"""差旅导入 in the finance export's shape (a row per stay or ticket, the trip's columns repeated, grouped by 凭证号):
the template, a good file, the trip's columns agreeing within a voucher, amounts as finance writes them, dates out
of order, all or nothing, and the ledger's export read back unchanged."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.frugality.choices import EntrySource, SeatClass, TransportMode, TravelBand
from qinglian.frugality.importers.travel import TripImport
from qinglian.frugality.models import Trip
from qinglian.frugality.services.travel import StayLine, TicketLine, trip_delete, trip_save
from qinglian.org.choices import Rank
from qinglian.org.tests.factories import PersonFactory

D = dt.date
pytestmark = pytest.mark.django_db
HEADERS = [
    "凭证号", "出差人", "出差事由", "出发日期", "返回日期", "审批日期", "伙食补助天数", "伙食补助费（元）",
    "市内交通费天数", "市内交通费（元）", "报销日期", "住宿省份", "住宿城市", "到达日期", "离开日期", "住宿天数（晚）",
    "住宿费（元）", "乘坐日期", "交通工具", "座位/舱位", "出发地", "到达地", "票价（元）",
]  # fmt: skip
TRIP = ["记-0101", "张一", "赴杭州参加培训", "2026-03-10", "2026-03-12", "2026-03-05", 3, "300", 3, "240", "2026-03-20"]
STAY = ["浙江", "杭州", "2026-03-10", "2026-03-12", 2, "760"]
TICKET = ["2026-03-10", "高铁", "二等座", "临江", "杭州", "88.5"]
NO_STAY, NO_TICKET = [""] * 6, [""] * 6


def xlsx(rows: list[list[Any]], headers: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers or HEADERS)
    for values in rows:
        ws.append(values)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def people(org):
    return {
        "张一": PersonFactory(organ=org.organ, unit=org.unit_a, name="张一", rank=Rank.CLERK_2),
        "李二": PersonFactory(organ=org.organ, unit=org.unit_b, name="李二", rank=Rank.DEPARTMENT_DEPUTY),
    }


def _errors(plan) -> list[tuple[int, str, str]]:
    return [(r.row, column, problem) for r in plan.rows for column, problem in r.errors]


def _parse(user, rows):
    return TripImport.for_user(user).parse(xlsx(rows))


def test_the_template(org, finance_officer):
    sheet = TripImport.for_user(finance_officer).template()["差旅"]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["凭证号*", "出差人*", "所在委室"] and headers[-1] == "票价（元）"


@pytest.mark.parametrize("name", ["party_officer", "cadre_same_unit", "leader", "supervisor", "sysadmin"])
def test_only_the_finance_officer_imports(org, persona, name):
    with pytest.raises(Forbidden):
        TripImport.for_user(persona(name))


def test_a_finance_export_is_imported_trip_by_trip(org, people, finance_officer):
    leader_trip = ["记-0102", "李二", "赴北京汇报", "2026-04-14", "2026-04-14", "2026-04-10", 1, "100", 1, "80", ""]
    rows = [
        [*TRIP, *STAY, *NO_TICKET],
        [*TRIP, *NO_STAY, *TICKET],
        [*TRIP, *NO_STAY, "2026-03-12", "高铁/动车", "高铁二等座", "杭州", "临江", "８８．５"],
        [*leader_trip, *NO_STAY, *NO_TICKET],
    ]
    importer = TripImport.for_user(finance_officer)
    plan = importer.parse(xlsx(rows))
    assert not plan.has_errors, _errors(plan)
    result = importer.apply(plan, mode="all", by=finance_officer)
    assert result.created == 4 and result.tally["trips"] == 2
    trip = Trip.objects.get(voucher_no="记-0101")
    assert (trip.entry_source, trip.band, trip.unit) == (EntrySource.IMPORTED, TravelBand.OTHER, org.unit_a)
    assert trip.total_amount == Decimal("1477.00") and trip.stays.get().nights == 2
    assert sorted(t.seat_class for t in trip.tickets.all()) == [SeatClass.HSR_SECOND, SeatClass.HSR_SECOND]
    assert Trip.objects.get(voucher_no="记-0102").band == TravelBand.DEPARTMENT  # 副厅级 on the day
    assert AuditEvent.objects.filter(action="import", detail__trips=2).exists()
    assert trip.history.first().history_change_reason == "财务导入"


def test_the_trip_columns_must_agree_within_a_voucher(org, people, finance_officer):
    other = list(TRIP)
    other[2] = "赴杭州参加另一个培训"
    plan = _parse(finance_officer, [[*TRIP, *STAY, *NO_TICKET], [*other, *NO_STAY, *TICKET]])
    assert _errors(plan) == [(3, "出差事由", "与第2行同一凭证号，出差事由应一致（第2行为“赴杭州参加培训”）")]


@pytest.mark.parametrize(
    ("trip", "stay", "column", "problem"),
    [
        ({4: "2026-03-09"}, {}, "返回日期", "返回日期（2026-03-09）不能早于出发日期"),
        ({}, {2: "2026-03-09"}, "到达日期", "应在出差期间"),
        ({}, {3: "2026-03-09", 2: "2026-03-11"}, "到达日期", "离开日期不能早于到达日期"),
        ({}, {4: 3}, "到达日期", "住宿3晚，超过到达至离开之间的2晚"),
        ({7: "1,2万元x"}, {}, "伙食补助费（元）", "无法识别"),
        ({6: "三天"}, {}, "伙食补助天数", "不是天数"),
        ({1: "无此人"}, {}, "出差人", "本机关花名册中没有“无此人”"),
        ({0: ""}, {}, "凭证号", "请填写凭证号"),
    ],
)
def test_bad_rows_are_refused_with_the_column_and_nothing_is_written(
    org, people, finance_officer, trip, stay, column, problem
):
    trip_cells, stay_cells = list(TRIP), list(STAY)
    for i, value in trip.items():
        trip_cells[i] = value
    for i, value in stay.items():
        stay_cells[i] = value
    importer = TripImport.for_user(finance_officer)
    plan = importer.parse(xlsx([[*trip_cells, *stay_cells, *NO_TICKET]]))
    assert any(c == column and problem in p for _, c, p in _errors(plan)), _errors(plan)
    with pytest.raises(InvalidInput, match="未写入任何数据"):
        importer.apply(plan, mode="all", by=finance_officer)
    assert not Trip.all_objects.exists()


def test_full_width_digits_and_finance_amounts_are_read(org, people, finance_officer):
    trip = list(TRIP)
    trip[3], trip[7], trip[9] = "２０２６－０３－１０", "３００元", "0.024万元"
    stay = list(STAY)
    stay[5] = "￥ 760.00"
    importer = TripImport.for_user(finance_officer)
    plan = importer.parse(xlsx([[*trip, *stay, *NO_TICKET]]))
    assert not plan.has_errors, _errors(plan)
    importer.apply(plan, mode="all", by=finance_officer)
    assert Trip.objects.get().total_amount == Decimal("1300.00")


def test_one_bad_voucher_stops_the_whole_file(org, people, finance_officer):
    good = [*TRIP, *STAY, *NO_TICKET]
    bad = ["记-0103", "张一", "赴杭州", "2026-05-12", "2026-05-13", "", 2, "200", 2, "160", ""]
    bad = [*bad, *NO_STAY, "2026-05-12", "飞机", "高铁一等座", "", "", "100"]
    importer = TripImport.for_user(finance_officer)
    plan = importer.parse(xlsx([good, bad]))
    assert [r.row for r in plan.error_rows] == [3] and "不属于交通工具" in plan.error_rows[0].errors[0][1]
    with pytest.raises(InvalidInput):
        importer.apply(plan, mode="all", by=finance_officer)
    assert not Trip.all_objects.exists()


def test_a_total_that_differs_from_the_lines_is_refused(org, people, finance_officer):
    headers = [*HEADERS, "报销合计（元）"]
    plan = TripImport.for_user(finance_officer).parse(xlsx([[*TRIP, *STAY, *NO_TICKET, "1300.01"]], headers))
    assert _errors(plan) == [
        (2, "报销合计（元）", "报销合计1,300.01元与住宿费、票价、伙食补助费、市内交通费之和1,300.00元不一致")
    ]


def test_the_export_re_imports_unchanged_and_a_changed_voucher_is_refused(org, people, finance_officer):
    go, back = D(2026, 3, 10), D(2026, 3, 12)
    trip = trip_save(
        trip=Trip(**_trip_values(people["张一"], voucher_no="记-0201", approver=people["李二"])),
        stays=[StayLine("北京", "北京", go, back, 2, Decimal("900"))],
        tickets=[
            TicketLine(go, TransportMode.HIGH_SPEED, SeatClass.HSR_SECOND, "临江", "北京", Decimal("620")),
            TicketLine(back, TransportMode.PLANE, SeatClass.PLANE_ECONOMY, "北京", "临江", Decimal("1080.5")),
        ],
        by=finance_officer,
    )
    # Entered before reimbursement, without a voucher number yet.
    trip_save(
        trip=Trip(**_trip_values(people["李二"], voucher_no="", band="")), stays=[], tickets=[], by=finance_officer
    )
    exported = _client(finance_officer).get(reverse("frugality_trip_export"))
    assert exported.status_code == 200
    importer = TripImport.for_user(finance_officer)
    plan = importer.parse(exported.content)
    assert not plan.has_errors, _errors(plan)
    assert [r.action.value for r in plan.rows] == ["无变化"] * 4
    trip_delete(trip=trip, by=finance_officer, reason="测试重新导入")
    plan = importer.parse(exported.content)
    assert not plan.has_errors, _errors(plan)
    importer.apply(plan, mode="all", by=finance_officer)
    again = Trip.objects.get(voucher_no="记-0201")
    assert again.pk != trip.pk and again.stays.count() == 1 and again.tickets.count() == 2
    assert (again.approver, again.total_amount, again.purpose) == (people["李二"], trip.total_amount, trip.purpose)
    again.purpose = "改过的事由"
    again.save()
    plan = importer.parse(exported.content)
    assert any("内容不同" in p for _, _, p in _errors(plan))


def test_the_import_page(org, people, finance_officer, cadre_same_unit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _client(finance_officer)
    assert client.get(reverse("frugality_trip_import_template")).status_code == 200
    upload = SimpleUploadedFile("trips.xlsx", xlsx([[*TRIP, *STAY, *NO_TICKET]]))
    response = client.post(reverse("frugality_trip_import"), {"file": upload, "mode": "all"})
    assert response.status_code == 200 and Trip.objects.filter(voucher_no="记-0101").exists()
    assert _client(cadre_same_unit).get(reverse("frugality_trip_import")).status_code == 403


def _trip_values(person, **kw) -> dict[str, Any]:
    values = {
        "organ": person.organ,
        "traveller": person,
        "purpose": "赴北京汇报工作",
        "start_on": D(2026, 3, 10),
        "end_on": D(2026, 3, 12),
        "approved_on": D(2026, 3, 6),
        "meal_days": 3,
        "meal_amount": Decimal("300"),
        "transport_days": 3,
        "transport_amount": Decimal("240"),
        "paid_on": D(2026, 3, 18),
    }
    return values | kw


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
