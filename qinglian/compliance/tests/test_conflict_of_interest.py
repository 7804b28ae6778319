"""Two people for every decision on a finding (issue #13 item 4): whoever approves or rejects a waiver, or closes
(销号) a finding, is neither the one who asked for the waiver nor the person responsible for the finding nor the head
of the responsible unit. The service refuses with the reason; the page does not offer the button."""

from __future__ import annotations

import pytest

from conftest import _staff
from qinglian.compliance.choices import FindingStatus
from qinglian.compliance.models import Finding
from qinglian.compliance.services import available, finding_transition
from qinglian.compliance.tests.factories import FindingFactory
from qinglian.core.errors import Forbidden
from qinglian.org.choices import Role


@pytest.fixture
def second_leader(org):
    return _staff(org, "second_leader", org.unit_b, Role.LEADER)


def _names(user, finding) -> set[str]:
    return {t.name for t in available(user, finding)}


def test_a_leader_responsible_for_a_finding_cannot_approve_its_waiver(org, leader, second_leader, party_officer):
    finding = FindingFactory(organ=org.organ, responsible_unit=None, responsible_person=leader.person)
    finding_transition(finding=finding, name="request_waiver", text="已调整分工", by=party_officer)
    finding.refresh_from_db()
    assert "approve_waiver" not in _names(leader, finding)
    with pytest.raises(Forbidden, match="您是该事项的责任人，不能批准豁免"):
        finding_transition(finding=finding, name="approve_waiver", by=leader)
    with pytest.raises(Forbidden, match="您是该事项的责任人，不能驳回豁免"):
        finding_transition(finding=finding, name="reject_waiver", text="不同意", by=leader)
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.WAIVER_REQUESTED
    assert {"approve_waiver", "reject_waiver"} <= _names(second_leader, finding)
    finding_transition(finding=finding, name="approve_waiver", by=second_leader)
    assert Finding.objects.get(pk=finding.pk).waiver_approved_by == second_leader


def test_a_leader_heading_the_responsible_unit_cannot_decide_its_waiver(org, party_officer, second_leader):
    head_leader = _staff(org, "head_leader", org.unit_a, Role.LEADER, Role.UNIT_HEAD, head_of=org.unit_a)
    finding = FindingFactory(organ=org.organ, responsible_unit=org.unit_a, responsible_person=None)
    finding_transition(finding=finding, name="request_waiver", text="理由", by=party_officer)
    finding.refresh_from_db()
    with pytest.raises(Forbidden, match="您是该事项责任委室的负责人"):
        finding_transition(finding=finding, name="approve_waiver", by=head_leader)
    finding_transition(finding=finding, name="approve_waiver", by=second_leader)


def test_whoever_asked_for_the_waiver_does_not_decide_it(org):
    both = _staff(org, "leader_officer", org.unit_b, Role.LEADER, Role.PARTY_OFFICER)
    finding = FindingFactory(organ=org.organ, responsible_unit=org.unit_a, responsible_person=None)
    finding_transition(finding=finding, name="request_waiver", text="理由", by=both)
    finding.refresh_from_db()
    with pytest.raises(Forbidden, match="该事项由您本人提出或报送，不能批准豁免"):
        finding_transition(finding=finding, name="approve_waiver", by=both)


def test_the_responsible_officer_does_not_close_their_own_finding(org, party_officer):
    other_officer = _staff(org, "other_officer", org.unit_b, Role.PARTY_OFFICER)
    finding = FindingFactory(organ=org.organ, responsible_unit=None, responsible_person=party_officer.person)
    assert "close" not in _names(party_officer, finding)
    with pytest.raises(Forbidden, match="您是该事项的责任人，不能整改完成销号"):
        finding_transition(finding=finding, name="close", text="已整改", by=party_officer)
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.OPEN
    finding_transition(finding=finding, name="close", text="已整改", by=other_officer)
    assert Finding.objects.get(pk=finding.pk).status == FindingStatus.CLOSED


def test_the_responsible_side_may_still_rectify_and_ask(org, party_officer):
    finding = FindingFactory(organ=org.organ, responsible_unit=None, responsible_person=party_officer.person)
    assert {"rectify", "request_waiver"} <= _names(party_officer, finding)
