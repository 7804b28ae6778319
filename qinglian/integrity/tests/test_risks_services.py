"""廉政风险点 writes: who may keep which unit's register, the refusals (Chinese, nothing written), reviews that re-grade
a risk and keep the level before, retiring with a reason (audited, history kept)."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core import clock
from qinglian.core.errors import Forbidden, InvalidInput
from qinglian.integrity.choices import RiskLedger, RiskLevel
from qinglian.integrity.models import RiskPoint, RiskReview
from qinglian.integrity.services.risks import risk_retire, risk_review, risk_save
from qinglian.integrity.tests.factories import RiskPointFactory
from qinglian.org.choices import UnitKind
from qinglian.org.tests.factories import OrganFactory, PersonFactory, UnitFactory

TODAY = clock.today()
D = dt.date


def _new(org, **over) -> RiskPoint:
    values = {
        "unit": org.unit_a,
        "post": "机关事务科",
        "matter": "公务接待审批",
        "description": "超标准接待",
        "level": RiskLevel.HIGH,
        "controls": "公函制度、接待清单",
        "ledger": RiskLedger.RECEPTION,
        "identified_on": D(2026, 1, 10),
    } | over
    return RiskPoint(**values)


def _chinese(exc) -> str:
    message = exc.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    return message


def test_the_office_adds_for_any_unit_and_a_head_for_their_own(org, party_officer, unit_head):
    risk = risk_save(risk=_new(org, unit=org.unit_b, owner=party_officer.person), by=party_officer)
    assert risk.pk and risk.organ_id == org.organ.pk
    own = risk_save(risk=_new(org, matter="政府采购"), by=unit_head)
    assert own.unit_id == org.unit_a.pk
    with pytest.raises(Forbidden):
        risk_save(risk=_new(org, unit=org.unit_b, matter="差旅费"), by=unit_head)
    assert RiskPoint.objects.count() == 2


@pytest.mark.parametrize("name", ["cadre_same_unit", "leader", "supervisor", "sysadmin", "personnel_officer"])
def test_others_keep_nothing(org, persona, name):
    with pytest.raises(Forbidden):
        risk_save(risk=_new(org), by=persona(name))
    assert not RiskPoint.objects.exists()


def test_a_head_may_not_move_a_risk_point_out_of_their_unit(org, unit_head):
    risk = RiskPointFactory(unit=org.unit_a)
    risk.unit = org.unit_b
    with pytest.raises(Forbidden):
        risk_save(risk=risk, by=unit_head)
    assert RiskPoint.objects.get(pk=risk.pk).unit_id == org.unit_a.pk


def test_refusals_write_nothing(org, party_officer):
    other_organ = OrganFactory(code="other", name="另一机关", short_name="另一")
    outsider = PersonFactory(organ=other_organ, unit=UnitFactory(organ=other_organ, name="外机关办公室"))
    cases = [
        (_new(org, unit=org.stationed), "不是本机关的内设机构"),
        (_new(org, unit=UnitFactory(organ=org.organ, name="市发改委", kind=UnitKind.EXTERNAL)), "内设机构"),
        (_new(org, unit=UnitFactory(organ=other_organ, name="外委室")), "内设机构"),
        (_new(org, owner=outsider), "责任人不是本机关的干部"),
        (_new(org, identified_on=TODAY + dt.timedelta(days=1)), "排查日期不能晚于今天"),
        (_new(org, matter="  "), "请填写风险事项"),
        (_new(org, controls=""), "请填写防控措施"),
        (_new(org, level="extreme"), "风险等级"),
    ]
    for risk, words in cases:
        with pytest.raises(InvalidInput) as exc:
            risk_save(risk=risk, by=party_officer)
        assert words in _chinese(exc)
    assert not RiskPoint.all_objects.exists()


def test_a_review_regrades_and_keeps_the_level_before(org, party_officer):
    risk = RiskPointFactory(unit=org.unit_a, level=RiskLevel.MEDIUM, identified_on=D(2025, 3, 2))
    review = risk_review(risk=risk, by=party_officer, date=D(2026, 3, 5), level=RiskLevel.HIGH, note="调高")
    risk.refresh_from_db()
    assert risk.level == RiskLevel.HIGH
    assert (review.level_before, review.reviewed_by, review.note) == (RiskLevel.MEDIUM, party_officer, "调高")
    same = risk_review(risk=risk, by=party_officer, date=D(2026, 4, 1), level=RiskLevel.HIGH)
    assert same.level_before == ""
    assert risk.history.count() == 2  # created, re-graded; the second review changed nothing on the point


def test_review_refusals_write_nothing(org, party_officer, unit_head, cadre_same_unit):
    risk = RiskPointFactory(unit=org.unit_b, identified_on=D(2026, 1, 10), level=RiskLevel.LOW)
    cases = [
        (dict(date=TODAY + dt.timedelta(days=1)), InvalidInput, "复核日期不能晚于今天"),
        (dict(date=D(2026, 1, 9)), InvalidInput, "复核日期不能早于排查日期（2026-01-10）"),
        (dict(date=D(2026, 2, 1), level="bad"), InvalidInput, "高、中、低"),
        (dict(date=D(2026, 2, 1), note="长" * 301), InvalidInput, "300"),
    ]
    for kwargs, error, words in cases:
        with pytest.raises(error) as exc:
            risk_review(risk=risk, by=party_officer, **kwargs)
        assert words in _chinese(exc)
    for user in (unit_head, cadre_same_unit):  # unit B is not theirs
        with pytest.raises(Forbidden):
            risk_review(risk=risk, by=user, date=D(2026, 2, 1), level=RiskLevel.HIGH)
    assert not RiskReview.objects.exists()
    risk.refresh_from_db()
    assert risk.level == RiskLevel.LOW


def test_identified_on_may_not_move_past_a_review(org, party_officer):
    risk = RiskPointFactory(unit=org.unit_a, identified_on=D(2025, 3, 2))
    risk_review(risk=risk, by=party_officer, date=D(2026, 3, 5))
    risk.identified_on = D(2026, 4, 1)
    with pytest.raises(InvalidInput) as exc:
        risk_save(risk=risk, by=party_officer)
    assert "排查日期不能晚于已有的复核日期" in _chinese(exc)


def test_retiring_needs_a_reason_and_is_audited(org, party_officer, unit_head):
    risk = RiskPointFactory(unit=org.unit_a)
    with pytest.raises(InvalidInput) as exc:
        risk_retire(risk=risk, by=party_officer, reason="  ")
    assert "请填写删除原因" in _chinese(exc)
    assert RiskPoint.objects.filter(pk=risk.pk).exists()
    risk_retire(risk=risk, by=unit_head, reason="岗位撤并")
    assert not RiskPoint.objects.filter(pk=risk.pk).exists()
    gone = RiskPoint.all_objects.get(pk=risk.pk)
    assert gone.deleted_by == unit_head
    event = AuditEvent.objects.get(action="record_deleted")
    assert event.detail["reason"] == "岗位撤并"


def test_a_head_may_not_retire_another_units_risk(org, unit_head):
    risk = RiskPointFactory(unit=org.unit_b)
    with pytest.raises(Forbidden):
        risk_retire(risk=risk, by=unit_head, reason="重复")
    assert RiskPoint.objects.filter(pk=risk.pk).exists()
