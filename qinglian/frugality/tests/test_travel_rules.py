"""FRG-010 … FRG-015 on the travel ledger: pure checks on plain data (a passing and a failing case each, the
amounts over the standard), then the collectors through the database — the standard in force on the night or the
day, no standard as a yellow finding, and the ledger as it stood on D."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qinglian.compliance.choices import Jurisdiction, Severity
from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.registry import RULES, Context, Params, Subject
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.writes import soft_delete
from qinglian.frugality.choices import SeatClass, StandardKind, TransportMode, TravelBand
from qinglian.frugality.rules.common import EXCESS
from qinglian.frugality.rules.travel import days_off, peak_months
from qinglian.frugality.tests.factories import TripFactory, TripStayFactory, TripTicketFactory, standard_table
from qinglian.org.tests.factories import PersonFactory

D = dt.date
SCENIC = "九寨沟、黄山、张家界、三亚"
LATER = D(2026, 12, 31)


def _params(code: str) -> Params:
    values = {"look_back_years": 2}
    if code == "FRG-014":
        values["scenic_places"] = SCENIC
    return Params(values)


def _ctx(code: str, as_of: dt.date = LATER, organ_id: int = 0) -> Context:
    return Context(organ_id=organ_id, as_of=as_of, params=_params(code))


def _subject(**data) -> Subject:
    return Subject(type="frugality.trip", id="1", label="凭证号记-1 差旅", data={"on": D(2026, 3, 10), **data})


def _check(code: str, subject: Subject):
    return RULES[code].check(subject, _params(code), _ctx(code))


# --- pure checks ---------------------------------------------------------------------------------------------------


def _stay(lodging: str, cap: str | None, nights: int = 2, **kw) -> dict:
    cap_value = Decimal(cap) if cap is not None else None
    values = {"place": "浙江 杭州", "arrive_on": D(2026, 3, 10), "nights": nights, "lodging": Decimal(lodging)}
    return values | {"cap": cap_value, "peak": False, "cited": "《测试标准》"} | kw


def test_frg010_lodging_over_the_cap_is_red_with_amount_cap_excess_and_standard():
    subject = _subject(band=TravelBand.OTHER, lodging=(_stay("1120", "400"),))
    verdict = _check("FRG-010", subject)
    assert verdict.severity == Severity.RED
    assert "每晚560.00元" in verdict.reason and "限额400.00元/晚" in verdict.reason
    assert "超标准320.00元" in verdict.reason and "《测试标准》" in verdict.reason
    assert EXCESS["FRG-010"](subject, _params("FRG-010"), _ctx("FRG-010")) == Decimal("320.00")
    assert _check("FRG-010", _subject(band=TravelBand.OTHER, lodging=(_stay("800", "400"),))) is None


def test_frg010_no_standard_for_the_city_is_yellow_and_never_within_limits():
    stay = _stay("900", None, place="西藏 拉萨")
    verdict = _check("FRG-010", _subject(band=TravelBand.DEPARTMENT, lodging=(stay,)))
    assert verdict.severity == Severity.YELLOW
    assert verdict.reason == "没有适用的住宿费标准（西藏 拉萨，厅局级），请财务核实"
    both = _check("FRG-010", _subject(band=TravelBand.DEPARTMENT, lodging=(_stay("1200", "500"), stay)))
    assert both.severity == Severity.RED and "没有适用的住宿费标准" in both.reason


def test_peak_months_are_read_as_tables_write_them():
    assert peak_months("7-9") == {7, 8, 9}
    assert peak_months("1,2,12") == {1, 2, 12}
    assert peak_months("11-2") == {11, 12, 1, 2}
    assert peak_months("") == set() and peak_months("旺季") == set()


def _part(kind: str, days: int, amount: str, per_day: str | None) -> dict:
    return {
        "kind": kind,
        "days": days,
        "amount": Decimal(amount),
        "per_day": Decimal(per_day) if per_day else None,
        "cited": "《测试标准》",
    }


def test_frg011_days_must_be_calendar_days_and_amounts_within_days_times_the_standard():
    fine = _subject(calendar_days=3, province="北京", parts=(_part("伙食补助费", 3, "300", "100"),))
    assert _check("FRG-011", fine) is None
    wrong_days = _subject(calendar_days=3, province="北京", parts=(_part("伙食补助费", 4, "400", "100"),))
    verdict = _check("FRG-011", wrong_days)
    assert verdict.severity == Severity.RED and "按4天计算，与出差自然（日历）天数3天不一致" in verdict.reason
    assert "多报100.00元" in verdict.reason
    assert EXCESS["FRG-011"](wrong_days, _params("FRG-011"), _ctx("FRG-011")) == Decimal("100.00")
    over = _subject(calendar_days=2, province="北京", parts=(_part("市内交通费", 2, "200", "80"),))
    assert "超过2天×80.00元/天＝160.00元，多报40.00元" in _check("FRG-011", over).reason
    # Nothing claimed: nothing to count.
    assert (
        _check("FRG-011", _subject(calendar_days=2, province="", parts=(_part("伙食补助费", 0, "0", "100"),))) is None
    )


def test_frg011_no_allowance_standard_is_yellow():
    verdict = _check(
        "FRG-011", _subject(calendar_days=2, province="西藏", parts=(_part("伙食补助费", 2, "240", None),))
    )
    assert verdict.severity == Severity.YELLOW and verdict.reason == "没有适用的伙食补助费标准（西藏），请财务核实"


def _ticket(seat: str, allowed: str | None, mode: str = TransportMode.HIGH_SPEED) -> dict:
    return {
        "on": D(2026, 3, 10),
        "route": "临江—杭州",
        "seat": seat,
        "allowed": allowed,
        "mode": mode,
        "cited": "《表》",
    }


def test_frg012_a_class_above_the_bands_entitlement_is_red():
    above = _subject(band=TravelBand.OTHER, tickets=(_ticket(SeatClass.HSR_FIRST, SeatClass.HSR_SECOND),))
    verdict = _check("FRG-012", above)
    assert verdict.severity == Severity.RED and "乘坐高铁一等座，高于其他人员可乘坐的高铁二等座" in verdict.reason
    within = _subject(band=TravelBand.DEPARTMENT, tickets=(_ticket(SeatClass.HSR_SECOND, SeatClass.HSR_FIRST),))
    assert _check("FRG-012", within) is None
    missing = _subject(band=TravelBand.OTHER, tickets=(_ticket(SeatClass.SHIP_THIRD, None, TransportMode.SHIP),))
    assert _check("FRG-012", missing).severity == Severity.YELLOW


def test_frg013_approval_after_departure_or_none_is_red():
    assert _check("FRG-013", _subject(start_on=D(2026, 3, 10), approved_on=D(2026, 3, 10))) is None
    late = _check("FRG-013", _subject(start_on=D(2026, 3, 10), approved_on=D(2026, 3, 11)))
    assert late.severity == Severity.RED and "审批日期2026-03-11晚于出发日期2026-03-10" in late.reason
    none = _check("FRG-013", _subject(start_on=D(2026, 3, 10), approved_on=None))
    assert none.severity == Severity.RED and "没有出差审批记录" in none.reason


def test_frg014_a_scenic_place_over_a_weekend_is_yellow_only():
    weekend = (D(2026, 3, 14), D(2026, 3, 15))
    verdict = _check("FRG-014", _subject(days_off=weekend, places=("安徽 黄山",)))
    assert verdict.severity == Severity.YELLOW and "属景区名单（黄山）" in verdict.reason
    assert _check("FRG-014", _subject(days_off=weekend, places=("北京 北京",))) is None
    assert _check("FRG-014", _subject(days_off=(), places=("安徽 黄山市",))) is None


def test_frg015_two_places_on_one_day_is_red():
    clash = {
        "voucher": "记-1",
        "start_on": D(2026, 3, 9),
        "end_on": D(2026, 3, 11),
        "places": "北京",
        "first_day": D(2026, 3, 10),
        "last_day": D(2026, 3, 11),
    }
    verdict = _check("FRG-015", _subject(destinations="上海", clashes=(clash,), stay_overlaps=()))
    assert verdict.severity == Severity.RED and "凭证号记-1" in verdict.reason
    assert _check("FRG-015", _subject(destinations="上海", clashes=(), stay_overlaps=())) is None


def test_every_travel_rule_cites_its_regulation_and_uses_the_shipped_parameter_names():
    for code in ("FRG-010", "FRG-011", "FRG-012", "FRG-013", "FRG-014", "FRG-015"):
        rule = RULES[code]
        assert rule.basis.startswith("《中央和国家机关差旅费管理办法》"), code
        assert rule.keeper is not None
    assert {p.name for p in RULES["FRG-014"].params} == {"scenic_places", "look_back_years"}
    assert {p.name for p in RULES["FRG-010"].params} == {"look_back_years"}


# --- through the database ------------------------------------------------------------------------------------------


@pytest.fixture
def tables(org):
    organ = {"jurisdiction": Jurisdiction.ORGAN, "organ": org.organ, "effective_from": D(2016, 1, 1)}
    standard_table(
        StandardKind.LODGING,
        [
            (("浙江", "杭州", "other"), {"cap": 400, "peak_cap": 480, "peak_months": "7-9"}),
            (("浙江", "杭州", "department"), {"cap": 500}),
            (("北京", "*", "other"), {"cap": 500}),
        ],
        title="本机关住宿费限额",
        **organ,
    )
    standard_table(StandardKind.MEAL_ALLOWANCE, [(("*",), {"per_day": 100}), (("西藏",), {"per_day": 120})], **organ)
    standard_table(StandardKind.LOCAL_TRANSPORT, [(("*",), {"per_day": 80})], **organ)
    standard_table(
        StandardKind.TRANSPORT_CLASS,
        [
            (("other", "high_speed"), {"max_class": "hsr_second"}),
            (("department", "high_speed"), {"max_class": "hsr_first"}),
        ],
        **organ,
    )


@pytest.fixture
def traveller(org):
    return PersonFactory(organ=org.organ, unit=org.unit_b, name="王出差")


def _trip(traveller, start: dt.date, days: int = 3, **kw):
    values = {
        "traveller": traveller,
        "start_on": start,
        "end_on": start + dt.timedelta(days=days - 1),
        "approved_on": start - dt.timedelta(days=2),
        "meal_days": days,
        "meal_amount": Decimal(100 * days),
        "transport_days": days,
        "transport_amount": Decimal(80 * days),
        "paid_on": start + dt.timedelta(days=days + 3),
    }
    return TripFactory(**(values | kw))


def _hangzhou(trip, per_night: int, nights: int = 2, **kw):
    return TripStayFactory(
        trip=trip,
        province="浙江",
        city="杭州市",
        arrive_on=trip.start_on,
        leave_on=trip.start_on + dt.timedelta(days=nights),
        nights=nights,
        lodging_amount=Decimal(per_night * nights),
        **kw,
    )


def _run(org, code: str, as_of: dt.date = LATER) -> dict[str, tuple]:
    ctx = _ctx(code, as_of, org.organ.pk)
    rule = RULES[code]
    return {s.id: (s, rule.check(s, ctx.params, ctx)) for s in rule.collect(ctx)}


def test_lodging_is_judged_by_the_cap_of_the_arrival_night_peak_included(org, tables, traveller):
    march = _trip(traveller, D(2026, 3, 10))
    _hangzhou(march, 450)
    august = _trip(traveller, D(2026, 8, 11), voucher_no="记-0811")
    _hangzhou(august, 450)
    found = _run(org, "FRG-010")
    subject, verdict = found[str(march.pk)]
    assert verdict.severity == Severity.RED and "限额400.00元/晚" in verdict.reason
    assert (subject.person_id, subject.unit_id) == (traveller.pk, org.unit_b.pk)
    assert subject.label.startswith(f"凭证号{march.voucher_no} ") and subject.data["amount"] == march.total_amount
    assert found[str(august.pk)][1] is None  # 450 within the peak cap of 480


def test_a_city_without_a_standard_is_a_yellow_finding(org, tables, traveller):
    trip = _trip(traveller, D(2026, 5, 12), band=TravelBand.DEPARTMENT)
    TripStayFactory(trip=trip, province="西藏", city="拉萨", nights=2, lodging_amount=Decimal(900))
    verdict = _run(org, "FRG-010")[str(trip.pk)][1]
    assert verdict.severity == Severity.YELLOW
    assert verdict.reason == "没有适用的住宿费标准（西藏 拉萨，厅局级），请财务核实"
    # Its allowances are judged by 西藏's standard (120 a day): 100 a day is within it.
    assert _run(org, "FRG-011")[str(trip.pk)][1] is None


def test_allowances_count_calendar_days_with_the_main_stays_standard(org, tables, traveller):
    trip = _trip(traveller, D(2026, 3, 10), meal_days=4, meal_amount=Decimal(400))
    _hangzhou(trip, 300)
    subject, verdict = _run(org, "FRG-011")[str(trip.pk)]
    assert verdict.severity == Severity.RED and "与出差自然（日历）天数3天不一致" in verdict.reason
    assert EXCESS["FRG-011"](subject, _params("FRG-011"), _ctx("FRG-011")) == Decimal("100.00")


def test_a_first_class_ticket_for_an_other_band_is_red(org, tables, traveller):
    trip = _trip(traveller, D(2026, 3, 10))
    TripTicketFactory(trip=trip, seat_class=SeatClass.HSR_FIRST)
    leader_trip = _trip(traveller, D(2026, 4, 14), band=TravelBand.DEPARTMENT, voucher_no="记-0414")
    TripTicketFactory(trip=leader_trip, seat_class=SeatClass.HSR_FIRST)
    found = _run(org, "FRG-012")
    assert found[str(trip.pk)][1].severity == Severity.RED
    assert found[str(leader_trip.pk)][1] is None


def test_as_of_a_later_trip_a_later_approval_and_a_later_claim_are_not_on_file(org, tables, traveller):
    trip = _trip(traveller, D(2026, 3, 10), approved_on=D(2026, 3, 20), paid_on=D(2026, 4, 2))
    _hangzhou(trip, 600)
    upcoming = _trip(traveller, D(2026, 5, 12), voucher_no="记-0512")
    on_d = _run(org, "FRG-013", D(2026, 3, 15))
    assert "没有出差审批记录" in on_d[str(trip.pk)][1].reason and str(upcoming.pk) not in on_d
    assert "晚于出发日期" in _run(org, "FRG-013", D(2026, 3, 25))[str(trip.pk)][1].reason
    assert _run(org, "FRG-010", D(2026, 3, 25))[str(trip.pk)][1] is None  # reimbursed on 4-2: no claim yet
    assert _run(org, "FRG-010", D(2026, 4, 2))[str(trip.pk)][1].severity == Severity.RED
    assert _run(org, "FRG-011", D(2026, 3, 11))[str(trip.pk)][0].data["parts"] == ()  # still travelling


def test_a_trip_withdrawn_after_d_still_stood_on_d(org, tables, traveller, finance_officer):
    trip = _trip(traveller, D(2026, 3, 10), approved_on=None)
    with clock.replaying(moment(D(2026, 6, 1))):
        soft_delete(trip, by=finance_officer)
    assert _run(org, "FRG-013", D(2026, 5, 29))[str(trip.pk)][1].severity == Severity.RED
    assert str(trip.pk) not in _run(org, "FRG-013", D(2026, 6, 2))


def test_a_weekend_at_a_scenic_place_is_yellow(org, tables, traveller):
    huangshan = _trip(traveller, D(2026, 3, 13))  # Friday to Sunday
    TripStayFactory(trip=huangshan, province="安徽", city="黄山市", nights=2, lodging_amount=Decimal(600))
    weekday = _trip(traveller, D(2026, 3, 24), voucher_no="记-0324")  # Tuesday to Thursday
    TripStayFactory(trip=weekday, province="安徽", city="黄山市", nights=2, lodging_amount=Decimal(600))
    assert days_off(D(2026, 3, 13), D(2026, 3, 15)) == (D(2026, 3, 14), D(2026, 3, 15))
    found = _run(org, "FRG-014")
    assert found[str(huangshan.pk)][1].severity == Severity.YELLOW
    assert found[str(weekday.pk)][1] is None


def test_one_person_in_two_places_is_reported_once_on_the_later_trip(org, tables, traveller):
    beijing = _trip(traveller, D(2026, 3, 10))
    TripStayFactory(trip=beijing, province="北京", city="北京", nights=2)
    shanghai = _trip(traveller, D(2026, 3, 12), voucher_no="记-0312")
    TripStayFactory(trip=shanghai, province="上海", city="上海", nights=2)
    next_week = _trip(traveller, D(2026, 3, 17), voucher_no="记-0317")
    TripStayFactory(trip=next_week, province="上海", city="上海", nights=2)
    other = _trip(PersonFactory(organ=traveller.organ, unit=traveller.unit), D(2026, 3, 11), voucher_no="记-0311")
    TripStayFactory(trip=other, province="上海", city="上海", nights=1)
    found = _run(org, "FRG-015")
    verdict = found[str(shanghai.pk)][1]
    assert verdict.severity == Severity.RED and f"凭证号{beijing.voucher_no}" in verdict.reason
    assert [pk for pk, (_, v) in found.items() if v is not None] == [str(shanghai.pk)]


def test_two_stays_of_one_trip_on_one_night_are_red(org, tables, traveller):
    trip = _trip(traveller, D(2026, 3, 10), days=4)
    TripStayFactory(trip=trip, province="北京", city="北京", arrive_on=D(2026, 3, 10), leave_on=D(2026, 3, 12))
    TripStayFactory(trip=trip, province="天津", city="天津", arrive_on=D(2026, 3, 11), leave_on=D(2026, 3, 13))
    passing = _trip(traveller, D(2026, 4, 14), days=4, voucher_no="记-0414")
    TripStayFactory(trip=passing, province="北京", city="北京", arrive_on=D(2026, 4, 14), leave_on=D(2026, 4, 16))
    TripStayFactory(trip=passing, province="天津", city="天津", arrive_on=D(2026, 4, 16), leave_on=D(2026, 4, 17),
                    nights=1)  # fmt: skip
    found = _run(org, "FRG-015")
    assert "同一晚重叠" in found[str(trip.pk)][1].reason and found[str(passing.pk)][1] is None


def test_the_engine_routes_findings_to_the_traveller_and_the_unit(org, tables, traveller, finance_officer):
    trip = _trip(traveller, D(2026, 3, 10), approved_on=D(2026, 3, 11))
    run_checks(organ_id=org.organ.pk, as_of=LATER, codes=["FRG-013"])
    finding = Finding.objects.get(rule_code="FRG-013")
    assert (finding.responsible_person_id, finding.responsible_unit_id) == (traveller.pk, org.unit_b.pk)
    assert finding.subject_link == f"/frugality/trips/{trip.pk}/"


def test_a_claim_corrected_after_d_is_judged_as_it_stood_on_d(org, tables, traveller, finance_officer):
    from qinglian.frugality.models import Trip
    from qinglian.frugality.services.travel import StayLine, trip_save

    def stay(amount: str) -> StayLine:
        return StayLine("浙江", "杭州", D(2026, 3, 10), D(2026, 3, 12), 2, Decimal(amount))

    values = {"organ": org.organ, "traveller": traveller, "purpose": "培训", "start_on": D(2026, 3, 10),
              "end_on": D(2026, 3, 12), "approved_on": D(2026, 3, 6), "voucher_no": "记-0320"}  # fmt: skip
    with clock.replaying(moment(D(2026, 3, 20))):
        trip = trip_save(trip=Trip(**values), stays=[stay("1200")], tickets=[], by=finance_officer)
    with clock.replaying(moment(D(2026, 4, 10))):
        trip_save(trip=Trip.objects.get(pk=trip.pk), stays=[stay("760")], tickets=[], by=finance_officer)
    assert "超标准400.00元" in _run(org, "FRG-010", D(2026, 3, 25))[str(trip.pk)][1].reason
    assert _run(org, "FRG-010", D(2026, 4, 15))[str(trip.pk)][1] is None
