"""Findings' lifecycle: who may rectify, close, ask for and decide a waiver; every step audited."""

from __future__ import annotations

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.compliance.choices import FindingStatus
from qinglian.compliance.models import Finding
from qinglian.compliance.services import available, finding_transition
from qinglian.compliance.tests.factories import FindingFactory
from qinglian.core.errors import Forbidden, InvalidInput


@pytest.fixture
def finding(org, cadre_same_unit):
    return FindingFactory(organ=org.organ, responsible_unit=org.unit_a, responsible_person=cadre_same_unit.person)


def test_the_responsible_person_starts_rectifying(finding, cadre_same_unit):
    finding_transition(finding=finding, name="rectify", text="已报机关党委调整组织关系", by=cadre_same_unit)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RECTIFYING and "调整组织关系" in finding.note
    assert AuditEvent.objects.filter(action="finding_transition").count() == 1


def test_a_cadre_of_another_unit_cannot_touch_it(finding, cadre_other_unit):
    with pytest.raises(Forbidden):
        finding_transition(finding=finding, name="rectify", text="x", by=cadre_other_unit)
    assert available(cadre_other_unit, finding) == []


def test_a_waiver_needs_a_reason(finding, unit_head):
    with pytest.raises(InvalidInput, match="请填写豁免理由"):
        finding_transition(finding=finding, name="request_waiver", text="  ", by=unit_head)
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.OPEN


def test_a_waiver_is_approved_only_by_a_leader(finding, unit_head, party_officer, leader):
    finding_transition(finding=finding, name="request_waiver", text="该同志已调出，组织关系随转", by=unit_head)
    finding.refresh_from_db()
    with pytest.raises(Forbidden):
        finding_transition(finding=finding, name="approve_waiver", by=party_officer)
    with pytest.raises(Forbidden):
        finding_transition(finding=finding, name="approve_waiver", by=unit_head)
    finding_transition(finding=finding, name="approve_waiver", by=leader)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.WAIVED
    assert finding.waiver_requested_by == unit_head and finding.waiver_approved_by == leader
    assert AuditEvent.objects.filter(action="waiver").count() == 2


def test_a_leader_never_approves_their_own_request(org, finding):
    from conftest import _staff
    from qinglian.org.choices import Role
    from qinglian.org.models import RoleGrant

    both = _staff(org, "leader_officer", org.unit_a, Role.LEADER, Role.PARTY_OFFICER)
    assert RoleGrant.objects.filter(user=both, role__in=[Role.LEADER, Role.PARTY_OFFICER]).count() == 2
    finding_transition(finding=finding, name="request_waiver", text="理由", by=both)
    finding.refresh_from_db()
    with pytest.raises(Forbidden):
        finding_transition(finding=finding, name="approve_waiver", by=both)


def test_rejecting_a_waiver_reopens_with_the_reason(finding, unit_head, leader):
    finding_transition(finding=finding, name="request_waiver", text="理由", by=unit_head)
    finding_transition(finding=finding, name="reject_waiver", text="理由不充分", by=leader)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN and "理由不充分" in finding.note


def test_an_impossible_transition_is_refused_in_chinese(finding, party_officer):
    with pytest.raises(InvalidInput, match="当前状态“待整改”不能批准豁免"):
        finding_transition(finding=finding, name="approve_waiver", by=party_officer)


def test_the_office_closes_with_a_note_and_history_keeps_every_step(finding, party_officer, cadre_same_unit):
    finding_transition(finding=finding, name="rectify", text="整改中", by=cadre_same_unit)
    finding_transition(finding=finding, name="close", text="已编入第一党支部", by=party_officer)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED and "已编入第一党支部" in finding.close_reason
    users = [h.history_user for h in finding.history.order_by("history_date")]
    assert users[-2:] == [cadre_same_unit, party_officer]
