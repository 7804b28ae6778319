"""The npc rules read the real ledgers through the runner: who answers for a finding, closing, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from qinglian.compliance.engine import run_checks
from qinglian.compliance.models import Finding
from qinglian.compliance.texts import render_reason
from qinglian.npc.choices import SessionKind
from qinglian.npc.models import Contact, MaterialSubmission, Reply
from qinglian.npc.tests.factories import (
    AgendaItemFactory,
    AssignmentFactory,
    NpcMeetingFactory,
    SessionFactory,
    SuggestionFactory,
)

D = dt.date
AS_OF = D(2026, 11, 25)
SUGGESTION_RULES = ["NPC-001", "NPC-002", "NPC-003", "NPC-004", "NPC-005", "NPC-006", "NPC-007"]


@pytest.fixture
def scene(desks, unit_head, leader, bureau):
    organ = desks.organ
    overdue = AssignmentFactory(suggestion=SuggestionFactory(organ=organ, number="第0001号"), unit=bureau)
    key = SuggestionFactory(organ=organ, number="第0002号", is_key=True, supervising_leader=leader.person)
    lead = AssignmentFactory(suggestion=key, unit=bureau)
    Reply.objects.create(organ=organ, suggestion=key, assignment=lead, date=D(2026, 4, 10), result="solved")
    interim = SessionFactory(organ=organ, kind=SessionKind.INTERIM, number="", start=D(2026, 1, 16), end=None)
    late_notice = SuggestionFactory(organ=organ, number="第0101号", session=interim, received_on=D(2026, 9, 26))
    item = AgendaItemFactory(meeting=NpcMeetingFactory(organ=organ), submitting_unit=desks.unit_b)
    item.deadline = D(2026, 6, 10)
    item.save()
    return {"overdue": overdue, "key": key, "interim": late_notice, "item": item}


def test_an_unreplied_suggestion_goes_to_its_unit_and_the_desk_head(scene, unit_head, bureau):
    run_checks(organ_id=scene["key"].organ_id, as_of=AS_OF, codes=["NPC-001"])
    finding = Finding.objects.get(rule_code="NPC-001", subject_id=str(scene["overdue"].pk))
    assert finding.severity == "red" and finding.period == "2026" and finding.due_date == D(2026, 4, 20)
    assert finding.responsible_unit == bureau and finding.responsible_person == unit_head.person
    assert finding.status == "open"  # still to be answered: a to-do, counted in working days when read
    text = render_reason(finding.reason, finding.due_date, AS_OF)
    assert text.endswith("应于2026-04-20前答复，至今未答复，已逾期150个工作日")


def test_a_key_suggestion_answers_to_its_supervising_leader(scene, leader):
    run_checks(organ_id=scene["key"].organ_id, as_of=AS_OF, codes=["NPC-003"])
    finding = Finding.objects.get(rule_code="NPC-003")
    assert finding.responsible_person == leader.person and "没有与代表联系沟通的记录" in finding.reason


def test_notifying_the_deputy_is_the_desks_duty(scene, desks):
    run_checks(organ_id=desks.organ.pk, as_of=AS_OF, codes=["NPC-006"])
    finding = Finding.objects.get(rule_code="NPC-006")
    assert finding.responsible_unit == desks.unit_a and finding.due_date == D(2026, 10, 8)


def test_a_contact_recorded_before_the_reply_closes_the_finding(scene):
    key = scene["key"]
    run_checks(organ_id=key.organ_id, as_of=AS_OF, codes=["NPC-003"])
    Contact.objects.create(organ=key.organ, suggestion=key, date=D(2026, 3, 2), way="phone")
    result = run_checks(organ_id=key.organ_id, as_of=AS_OF, codes=["NPC-003"])
    assert result.closed == 1 and Finding.objects.get(rule_code="NPC-003").status == "closed"


def test_missing_materials_go_to_the_submitting_unit_and_close_when_found_on_time(scene, desks):
    """The meeting has been held without the material: a recorded fact (no due date, not a to-do), which a submission
    found on time after all (the ledger corrected) withdraws."""
    item = scene["item"]
    run_checks(organ_id=desks.organ.pk, as_of=AS_OF, codes=["NPC-008"])
    finding = Finding.objects.get(rule_code="NPC-008")
    assert finding.responsible_unit == desks.unit_b and "召开时仍未报送材料" in finding.reason
    assert finding.status == "recorded" and finding.due_date is None
    MaterialSubmission.objects.create(
        organ=item.organ, agenda_item=item, version=1, submitted_at=timezone.make_aware(dt.datetime(2026, 6, 9, 17))
    )
    run_checks(organ_id=desks.organ.pk, as_of=AS_OF, codes=["NPC-008"])
    assert Finding.objects.get(rule_code="NPC-008").status == "closed"


def test_every_suggestion_rule_runs_without_missing_parameters(scene):
    result = run_checks(organ_id=scene["key"].organ_id, as_of=AS_OF, codes=[*SUGGESTION_RULES, "NPC-008"])
    assert result.errors == []


def _queries(organ_id: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        run_checks(organ_id=organ_id, as_of=AS_OF, codes=[*SUGGESTION_RULES, "NPC-008"])
    return len([q for q in ctx.captured_queries if "npc_" in q["sql"] and "SELECT" in q["sql"]])


def test_collectors_read_the_ledgers_in_a_fixed_number_of_queries(scene, bureau):
    organ = scene["key"].organ
    before = _queries(organ.pk)
    for n in range(10):
        suggestion = SuggestionFactory(organ=organ, number=f"第{200 + n}号")
        lead = AssignmentFactory(suggestion=suggestion, unit=bureau)
        Reply.objects.create(organ=organ, suggestion=suggestion, assignment=lead, date=D(2026, 3, 1), result="planned")
        AgendaItemFactory(meeting=scene["item"].meeting, deadline=D(2026, 6, 10))
    assert _queries(organ.pk) == before
