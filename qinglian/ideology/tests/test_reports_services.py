"""The schedule's services: the office plans a year from the parameters (a second plan creates nothing and keeps
what is there), names the responsible person; the responsible person or the office records a completion (never in
the future, never before the period) and undoes it with a reason; the office withdraws a row. Every refusal writes
nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.ideology.choices import ReportKind
from qinglian.ideology.models import ReportItem
from qinglian.ideology.services.reports import item_add, item_delete, item_done, item_undo, item_update, plan_year
from qinglian.org.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 25)


@pytest.fixture
def on_today():
    with clock.replaying(moment(TODAY, 10)):
        yield


def _planned(party_officer, year=2026, **kw):
    plan_year(year=year, by=party_officer, **kw)
    return {(i.kind, i.period_start.month): i for i in ReportItem.objects.filter(period_start__year=year)}


def _counts() -> tuple[int, int, list]:
    return (
        ReportItem.all_objects.count(),
        ReportItem.history.count(),
        list(ReportItem.all_objects.values_list("done_on", "title", "responsible_id", "deleted_at")),
    )


def test_plan_year_creates_the_parameters_items_once_and_keeps_what_is_there(on_today, org, party_officer):
    created = plan_year(year=2026, by=party_officer)
    assert len(created) == 7
    assert sorted({i.kind for i in created}) == sorted(ReportKind.values)
    q1 = ReportItem.objects.get(kind=ReportKind.ANALYSIS, period_start=D(2026, 1, 1))
    assert q1.title == "2026年第一季度意识形态形势分析研判" and q1.period_end == D(2026, 3, 31)
    assert q1.responsible is None and q1.history.first().history_change_reason == "安排2026年分析研判和报告计划"
    report = ReportItem.objects.get(kind=ReportKind.ANNUAL_REPORT)
    assert report.due_on == D(2026, 12, 31) and report.recipient == "上级党委"
    q1.title = "一季度研判（改名）"
    q1.save()
    ReportItem.objects.filter(kind=ReportKind.BRIEFING, period_start=D(2026, 7, 1)).update(deleted_at=clock.now())
    again = plan_year(year=2026, by=party_officer)
    assert [(i.kind, i.period_start) for i in again] == [(ReportKind.BRIEFING, D(2026, 7, 1))]
    assert ReportItem.objects.get(pk=q1.pk).title == "一季度研判（改名）"
    assert plan_year(year=2026, by=party_officer) == []
    assert ReportItem.objects.count() == 7


def test_plan_year_refusals_write_nothing(on_today, org, party_officer, unit_head, supervisor):
    before = _counts()
    with pytest.raises(Forbidden, match="只有机关党委"):
        plan_year(year=2026, by=unit_head)
    with pytest.raises(Forbidden):
        plan_year(year=2026, by=supervisor)
    with pytest.raises(InvalidInput, match="年度应在2015至2027年之间"):
        plan_year(year=2028, by=party_officer)
    gone = PersonFactory(organ=org.organ, unit=org.unit_a, name="已调离", is_active=False)
    with pytest.raises(InvalidInput, match="已调离已不在职"):
        plan_year(year=2026, by=party_officer, responsible=gone)
    with pytest.raises(InvalidInput, match="派驻纪检监察组"):
        plan_year(year=2026, by=party_officer, responsible=PersonFactory(organ=org.organ, unit=org.stationed))
    assert _counts() == before


def test_update_names_the_responsible_person_only_through_the_office(on_today, org, party_officer, cadre_same_unit):
    q1 = _planned(party_officer)[(ReportKind.ANALYSIS, 1)]
    item_update(item=q1, by=party_officer, title=q1.title, responsible=cadre_same_unit.person, recipient="")
    q1.refresh_from_db()
    assert q1.responsible == cadre_same_unit.person
    item_update(item=q1, by=cadre_same_unit, title="一季度研判", responsible=cadre_same_unit.person, recipient="x")
    assert ReportItem.objects.get(pk=q1.pk).title == "一季度研判"
    before = _counts()
    with pytest.raises(Forbidden, match="只有机关党委可以指定责任人"):
        item_update(item=q1, by=cadre_same_unit, title="改", responsible=None, recipient="")
    with pytest.raises(InvalidInput, match="请填写名称"):
        item_update(item=q1, by=party_officer, title=" ", responsible=None, recipient="")
    other = PersonFactory()  # another organ's
    with pytest.raises(InvalidInput, match="本机关人员"):
        item_update(item=q1, by=party_officer, title="改", responsible=other, recipient="")
    assert _counts() == before


def test_done_and_undo(on_today, org, party_officer, cadre_same_unit, cadre_other_unit):
    q1 = _planned(party_officer, responsible=cadre_same_unit.person)[(ReportKind.ANALYSIS, 1)]
    before = _counts()
    for day, message in (
        (TODAY + dt.timedelta(days=1), "不能晚于今天"),
        (D(2025, 12, 31), "不能早于所属期间的开始（2026-01-01）"),
        (None, "请填写完成日期"),
    ):
        with pytest.raises(InvalidInput, match=message):
            item_done(item=q1, done_on=day, summary="研判", by=cadre_same_unit)
    with pytest.raises(InvalidInput, match="主要内容"):
        item_done(item=q1, done_on=D(2026, 4, 3), summary=" ", by=cadre_same_unit)
    with pytest.raises(Forbidden, match="责任人或机关党委"):
        item_done(item=q1, done_on=D(2026, 4, 3), summary="研判", by=cadre_other_unit)
    assert _counts() == before
    item_done(item=q1, done_on=D(2026, 4, 3), summary="研判一季度形势", by=cadre_same_unit)
    assert ReportItem.objects.get(pk=q1.pk).done_on == D(2026, 4, 3)
    with pytest.raises(Conflict, match="已于2026-04-03登记完成"):
        item_done(item=q1, done_on=D(2026, 4, 7), summary="再次", by=party_officer)
    with pytest.raises(InvalidInput, match="撤销原因"):
        item_undo(item=q1, reason=" ", by=party_officer)
    with pytest.raises(Forbidden):
        item_undo(item=q1, reason="登记错误", by=cadre_other_unit)
    item_undo(item=q1, reason="日期登记错误", by=party_officer)
    q1.refresh_from_db()
    assert q1.done_on is None and q1.summary == "研判一季度形势"
    assert q1.history.first().history_change_reason == "撤销完成（原登记2026-04-03）：日期登记错误"
    assert [h.done_on for h in q1.history.all()[:2]] == [None, D(2026, 4, 3)]
    with pytest.raises(Conflict, match="尚未登记完成"):
        item_undo(item=q1, reason="再撤", by=party_officer)
    item_done(item=q1, done_on=D(2026, 4, 7), summary="研判一季度形势", by=party_officer)
    assert ReportItem.objects.get(pk=q1.pk).done_on == D(2026, 4, 7)


def test_the_office_withdraws_a_row_with_a_reason_audited(on_today, org, party_officer, cadre_same_unit):
    q1 = _planned(party_officer, responsible=cadre_same_unit.person)[(ReportKind.ANALYSIS, 1)]
    with pytest.raises(Forbidden):
        item_delete(item=q1, reason="误登记", by=cadre_same_unit)
    with pytest.raises(InvalidInput, match="删除原因"):
        item_delete(item=q1, reason="", by=party_officer)
    assert ReportItem.objects.filter(pk=q1.pk).exists()
    item_delete(item=q1, reason="重复登记", by=party_officer)
    assert not ReportItem.objects.filter(pk=q1.pk).exists() and ReportItem.all_objects.filter(pk=q1.pk).exists()
    event = AuditEvent.objects.get(action="record_deleted")
    assert event.detail["reason"] == "重复登记"
    with pytest.raises(Conflict, match="已删除"):
        item_done(item=q1, done_on=D(2026, 4, 3), summary="x", by=party_officer)


def test_item_add_takes_only_a_period_of_the_parameters(on_today, org, party_officer):
    with pytest.raises(InvalidInput, match="期间应为：2026-01-01至2026-03-31"):
        item_add(kind=ReportKind.ANALYSIS, period_start=D(2026, 1, 1), period_end=D(2026, 6, 30), by=party_officer)
    item = item_add(kind=ReportKind.BRIEFING, period_start=D(2026, 1, 1), period_end=D(2026, 6, 30), by=party_officer)
    assert item.title == "2026年上半年意识形态领域情况党内通报" and item.recipient == "机关各党支部"
    with pytest.raises(Conflict, match="已在计划中"):
        item_add(kind=ReportKind.BRIEFING, period_start=D(2026, 1, 1), period_end=D(2026, 6, 30), by=party_officer)
    assert ReportItem.objects.count() == 1
