"""The public-opinion register's services: the party-affairs office registers, answers, reports, notes, closes,
reopens and withdraws; every refusal is Chinese and writes nothing; the status table decides what may happen when."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.demo_days import moment
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.ideology.choices import OpinionLevel, OpinionSource, OpinionStatus
from qinglian.ideology.models import OpinionEvent
from qinglian.ideology.services import opinion as svc

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
FOUND = moment(dt.date(2026, 11, 20), 9, 30)


@pytest.fixture
def on_today():
    with clock.replaying(moment(TODAY, 16)):
        yield


def _event(org, **kw) -> OpinionEvent:
    values = {
        "organ": org.organ,
        "title": "网民转发代表发言片段",
        "source": OpinionSource.MONITORING,
        "level": OpinionLevel.GENERAL,
        "found_at": FOUND,
        "summary": "网民截取发言片段转发",
        "unit": org.unit_a,
    }
    return OpinionEvent(**(values | kw))


def _register(org, by, **kw) -> OpinionEvent:
    return svc.event_save(event=_event(org, **kw), by=by)


def _snapshot(event: OpinionEvent) -> tuple:
    fresh = OpinionEvent.all_objects.get(pk=event.pk)
    return (fresh.status, fresh.first_response_at, fresh.reported_at, fresh.handling, fresh.closed_on, fresh.found_at)


def test_the_whole_course_is_kept_in_history(on_today, org, party_officer, cadre_same_unit):
    event = _register(org, party_officer, responsible=cadre_same_unit.person)
    assert event.status == OpinionStatus.OPEN and event.first_response_at is None
    svc.event_respond(event=event, at=FOUND + dt.timedelta(hours=2), measure="发布情况说明", by=party_officer)
    svc.event_report(event=event, at=FOUND + dt.timedelta(hours=3), to="市委宣传部", by=party_officer)
    svc.event_handle(event=event, handling="核实后澄清", by=party_officer)
    svc.event_close(event=event, closed_on=dt.date(2026, 11, 24), by=party_officer)
    event.refresh_from_db()
    assert (event.status, event.closed_on, event.handling) == (
        OpinionStatus.CLOSED,
        dt.date(2026, 11, 24),
        "核实后澄清",
    )
    assert event.reported_upward and event.reported_to == "市委宣传部"
    svc.event_reopen(event=event, reason="舆情反弹", by=party_officer)
    event.refresh_from_db()
    assert event.status == OpinionStatus.OPEN and event.closed_on is None
    reasons = list(event.history.order_by("history_date", "history_id").values_list("history_change_reason", flat=True))
    assert reasons == [
        "登记舆情",
        "登记首次响应",
        "登记向上级报告",
        "登记处置情况",
        "办结",
        "重新打开（原办结2026-11-24）：舆情反弹",
    ]
    assert set(event.history.values_list("history_user__username", flat=True)) == {"party_officer"}


def test_only_the_party_office_writes(on_today, org, party_officer, cadre_same_unit, leader, supervisor):
    for user in (cadre_same_unit, leader, supervisor):
        with pytest.raises(Forbidden, match="只有机关党委"):
            _register(org, user)
    assert OpinionEvent.all_objects.count() == 0
    event = _register(org, party_officer)
    before = _snapshot(event)
    with pytest.raises(Forbidden):
        svc.event_respond(event=event, at=FOUND, measure="x", by=leader)
    with pytest.raises(Forbidden):
        svc.event_delete(event=event, reason="x", by=supervisor)
    assert _snapshot(event) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"found_at": moment(dt.date(2026, 11, 26), 9)}, "发现时间不能晚于现在"),
        ({"title": "  "}, "请填写舆情标题"),
        ({"summary": ""}, "请填写舆情内容"),
        ({"level": "huge"}, "请选择等级"),
        ({"source": ""}, "请选择来源"),
    ],
)
def test_registration_refusals_write_nothing(on_today, org, party_officer, change, message):
    with pytest.raises(InvalidInput, match=message):
        _register(org, party_officer, **change)
    assert OpinionEvent.all_objects.count() == 0


def test_unit_person_and_outlet_must_be_of_the_organ(on_today, org, party_officer, supervisor):
    from qinglian.org.tests.factories import OrganFactory, UnitFactory

    elsewhere = UnitFactory(organ=OrganFactory(code="other", name="其他机关"))
    with pytest.raises(InvalidInput, match="本机关的责任委室"):
        _register(org, party_officer, unit=elsewhere)
    with pytest.raises(InvalidInput, match="派驻纪检监察组"):
        _register(org, party_officer, responsible=supervisor.person)
    with pytest.raises(InvalidInput, match="本机关的责任委室"):
        _register(org, party_officer, unit=org.stationed)
    assert OpinionEvent.all_objects.count() == 0


@pytest.mark.parametrize(
    ("at", "measure", "message"),
    [
        (FOUND - dt.timedelta(minutes=1), "说明", "不能早于发现时间（2026-11-20 09:30）"),
        (moment(TODAY, 17), "说明", "不能晚于现在"),
        (FOUND + dt.timedelta(hours=1), " ", "请填写首次响应措施"),
        (None, "说明", "请填写首次响应时间"),
    ],
)
def test_response_refusals_write_nothing(on_today, org, party_officer, at, measure, message):
    event = _register(org, party_officer)
    before = _snapshot(event)
    with pytest.raises(InvalidInput, match=message):
        svc.event_respond(event=event, at=at, measure=measure, by=party_officer)
    assert _snapshot(event) == before


def test_response_and_report_are_recorded_once(on_today, org, party_officer):
    event = _register(org, party_officer, level=OpinionLevel.SERIOUS)
    with pytest.raises(InvalidInput, match="请填写报告对象"):
        svc.event_report(event=event, at=FOUND + dt.timedelta(hours=1), to="", by=party_officer)
    with pytest.raises(InvalidInput, match="报告时间不能早于发现时间"):
        svc.event_report(event=event, at=FOUND - dt.timedelta(hours=1), to="市委", by=party_officer)
    svc.event_respond(event=event, at=FOUND + dt.timedelta(hours=1), measure="研判", by=party_officer)
    svc.event_report(event=event, at=FOUND + dt.timedelta(hours=2), to="市委网信办", by=party_officer)
    before = _snapshot(event)
    with pytest.raises(Conflict, match="已于2026-11-20 10:30登记首次响应"):
        svc.event_respond(event=event, at=FOUND + dt.timedelta(hours=5), measure="再次", by=party_officer)
    with pytest.raises(Conflict, match="已于2026-11-20 11:30登记向上级报告"):
        svc.event_report(event=event, at=FOUND + dt.timedelta(hours=5), to="市委", by=party_officer)
    assert _snapshot(event) == before


def test_close_needs_a_response_handling_and_a_date_in_range(on_today, org, party_officer):
    event = _register(org, party_officer)
    with pytest.raises(InvalidInput, match="尚未登记首次响应，不能办结"):
        svc.event_close(event=event, closed_on=TODAY, handling="已处置", by=party_officer)
    svc.event_respond(event=event, at=FOUND + dt.timedelta(hours=1), measure="说明", by=party_officer)
    before = _snapshot(event)
    for closed_on, handling, message in (
        (dt.date(2026, 11, 19), "已处置", "办结日期不能早于发现日期（2026-11-20）"),
        (dt.date(2026, 11, 26), "已处置", "办结日期不能晚于今天"),
        (TODAY, "", "请填写处置情况后再办结"),
        (None, "已处置", "请填写办结日期"),
    ):
        with pytest.raises(InvalidInput, match=message):
            svc.event_close(event=event, closed_on=closed_on, handling=handling, by=party_officer)
    assert _snapshot(event) == before
    svc.event_close(event=event, closed_on=dt.date(2026, 11, 20), handling="已处置", by=party_officer)
    assert _snapshot(event)[0] == OpinionStatus.CLOSED


def test_the_status_table(on_today, org, party_officer):
    event = _register(org, party_officer)
    assert svc.moves_for(event) == {"edit", "respond", "report", "handle", "close", "delete"}
    svc.event_respond(event=event, at=FOUND + dt.timedelta(hours=1), measure="说明", by=party_officer)
    svc.event_close(event=event, closed_on=TODAY, handling="已处置", by=party_officer)
    assert svc.moves_for(event) == {"reopen", "delete"}
    before = _snapshot(event)
    event.title = "改名"
    with pytest.raises(Conflict, match="该舆情已办结，不能修改舆情登记"):
        svc.event_save(event=event, by=party_officer)
    with pytest.raises(Conflict, match="不能登记处置情况"):
        svc.event_handle(event=event, handling="再处置", by=party_officer)
    with pytest.raises(Conflict, match="不能办结"):
        svc.event_close(event=event, closed_on=TODAY, handling="x", by=party_officer)
    with pytest.raises(InvalidInput, match="请填写重新打开的原因"):
        svc.event_reopen(event=event, reason=" ", by=party_officer)
    assert _snapshot(event) == before
    assert OpinionEvent.objects.get(pk=event.pk).title != "改名"
    svc.event_reopen(event=event, reason="办结有误", by=party_officer)
    with pytest.raises(Conflict, match="该舆情处置中，不能重新打开"):
        svc.event_reopen(event=event, reason="再次", by=party_officer)


def test_a_correction_keeps_found_at_before_the_recorded_moments(on_today, org, party_officer):
    event = _register(org, party_officer)
    svc.event_respond(event=event, at=FOUND + dt.timedelta(hours=1), measure="说明", by=party_officer)
    event.found_at = FOUND + dt.timedelta(hours=2)
    with pytest.raises(InvalidInput, match="发现时间不能晚于已登记的首次响应时间"):
        svc.event_save(event=event, by=party_officer)
    assert OpinionEvent.objects.get(pk=event.pk).found_at == FOUND
    event.found_at, event.level, event.first_response_at = FOUND - dt.timedelta(hours=1), OpinionLevel.SERIOUS, None
    svc.event_save(event=event, by=party_officer)
    fresh = OpinionEvent.objects.get(pk=event.pk)
    assert fresh.level == OpinionLevel.SERIOUS and fresh.first_response_at == FOUND + dt.timedelta(hours=1)


def test_delete_needs_a_reason_and_is_audited(on_today, org, party_officer):
    event = _register(org, party_officer)
    with pytest.raises(InvalidInput, match="请填写删除原因"):
        svc.event_delete(event=event, reason="", by=party_officer)
    assert OpinionEvent.objects.filter(pk=event.pk).exists()
    svc.event_delete(event=event, reason="重复登记", by=party_officer)
    assert not OpinionEvent.objects.filter(pk=event.pk).exists()
    assert OpinionEvent.all_objects.get(pk=event.pk).deleted_at is not None
    audit = AuditEvent.objects.filter(action="record_deleted").latest("pk")
    assert audit.detail["reason"] == "重复登记" and "网民转发代表发言片段" in audit.target_repr
    with pytest.raises(Conflict, match="已删除"):
        svc.event_respond(event=event, at=FOUND, measure="x", by=party_officer)
