"""The suggestion services: the handling flow from registration to 已办结, and what they refuse."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglian.audit.models import AuditEvent
from qinglian.core.errors import Conflict, Forbidden, InvalidInput
from qinglian.npc.choices import ContactWay, ReplyResult, Satisfaction, SuggestionStatus
from qinglian.npc.models import Contact, Reply, SatisfactionRecord, Suggestion
from qinglian.npc.services import deletion
from qinglian.npc.services import suggestions as s
from qinglian.npc.tests.factories import DeputyFactory, SessionFactory

D = dt.date


@pytest.fixture
def clerk(desks, cadre_same_unit):
    return cadre_same_unit


@pytest.fixture
def suggestion(org, clerk):
    deputy = DeputyFactory(organ=org.organ, name="王代表")
    new = Suggestion(
        number="第0012号",
        session=SessionFactory(organ=org.organ),
        lead_deputy=deputy,
        title="关于加快老旧小区加装电梯的建议",
        category="urban_rural",
        received_on=D(2026, 1, 15),
    )
    co = DeputyFactory(organ=org.organ, name="李代表")
    return s.suggestion_save(suggestion=new, by=clerk, co_signer_ids=[co.pk, deputy.pk])


def _reply(suggestion, lead, clerk, day, result=ReplyResult.SOLVED):
    return s.reply_record(
        reply=Reply(suggestion=suggestion, assignment=lead, date=day, result=result, document_no="市建函〔2026〕8号"),
        by=clerk,
    )


def test_registering_sets_the_year_from_the_session_and_drops_the_lead_from_co_signers(suggestion):
    assert suggestion.year == 2026 and suggestion.organ_id
    assert [d.name for d in suggestion.co_signers.all()] == ["李代表"]
    assert suggestion.status == SuggestionStatus.REGISTERED


def test_a_number_is_used_once_a_year(org, clerk, suggestion):
    twin = Suggestion(
        number="第0012号",
        session=suggestion.session,
        lead_deputy=suggestion.lead_deputy,
        title="另一件",
        category="other",
        received_on=D(2026, 1, 16),
    )
    with pytest.raises(Conflict, match="2026年已有编号为“第0012号”的建议"):
        s.suggestion_save(suggestion=twin, by=clerk)


def test_the_whole_flow_ends_closed(clerk, suggestion, bureau, bureau2):
    lead, co = s.suggestion_assign(
        suggestion=suggestion, lead_unit=bureau, co_units=[bureau2], assigned_on=D(2026, 1, 20), by=clerk
    )
    assert suggestion.status == SuggestionStatus.ASSIGNED and suggestion.assigned_on == D(2026, 1, 20)
    s.assignment_receive(assignment=lead, received_on=D(2026, 1, 21), by=clerk)
    assert suggestion.status == SuggestionStatus.HANDLING
    s.co_opinion_record(assignment=co, opinion_on=D(2026, 3, 1), opinion="同意主办单位意见", by=clerk)
    s.contact_record(contact=Contact(suggestion=suggestion, date=D(2026, 3, 10), way=ContactWay.FACE), by=clerk)
    assert Contact.objects.get().with_whom == "王代表"
    reply = _reply(suggestion, lead, clerk, D(2026, 4, 10))
    assert suggestion.status == SuggestionStatus.REPLIED
    s.satisfaction_record(
        record=SatisfactionRecord(reply=reply, recorded_on=D(2026, 4, 20), level=Satisfaction.SATISFIED), by=clerk
    )
    assert Suggestion.objects.get().status == SuggestionStatus.CLOSED


def test_dissatisfaction_reopens_and_the_rereply_replaces_the_reply(clerk, suggestion, bureau):
    (lead,) = s.suggestion_assign(suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=clerk)
    first = _reply(suggestion, lead, clerk, D(2026, 4, 10), ReplyResult.REFERENCE)
    s.satisfaction_record(
        record=SatisfactionRecord(reply=first, recorded_on=D(2026, 4, 20), level=Satisfaction.DISSATISFIED), by=clerk
    )
    assert suggestion.status == SuggestionStatus.RE_HANDLING
    second = _reply(suggestion, lead, clerk, D(2026, 5, 15), ReplyResult.SOLVING)
    assert second.is_rereply and second.replaces == first
    s.satisfaction_record(
        record=SatisfactionRecord(reply=second, recorded_on=D(2026, 5, 25), level=Satisfaction.DISSATISFIED), by=clerk
    )
    assert suggestion.status == SuggestionStatus.CLOSED  # a re-reply's evaluation ends the handling


def test_it_refuses_a_reply_before_the_assignment_and_a_second_reply(clerk, suggestion, bureau):
    (lead,) = s.suggestion_assign(suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=clerk)
    with pytest.raises(InvalidInput, match="答复日期不能早于交办日期（2026-01-20）"):
        _reply(suggestion, lead, clerk, D(2026, 1, 19))
    _reply(suggestion, lead, clerk, D(2026, 4, 10))
    with pytest.raises(Conflict, match="该建议已答复"):
        _reply(suggestion, lead, clerk, D(2026, 4, 11))


def test_a_reply_without_contact_is_accepted_for_the_rule_to_flag(clerk, suggestion, bureau):
    (lead,) = s.suggestion_assign(suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=clerk)
    assert _reply(suggestion, lead, clerk, D(2026, 4, 10)).pk


def test_a_second_lead_is_refused_until_the_return_is_accepted(clerk, suggestion, bureau, bureau2):
    (lead,) = s.suggestion_assign(suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=clerk)
    with pytest.raises(Conflict, match="已有主办单位"):
        s.suggestion_assign(suggestion=suggestion, lead_unit=bureau2, assigned_on=D(2026, 1, 25), by=clerk)
    s.assignment_return(assignment=lead, returned_on=D(2026, 1, 26), reason="不属本单位职责", accepted=True, by=clerk)
    assert suggestion.status == SuggestionStatus.REGISTERED and not lead.is_active
    (new_lead,) = s.suggestion_assign(suggestion=suggestion, lead_unit=bureau2, assigned_on=D(2026, 2, 2), by=clerk)
    assert suggestion.status == SuggestionStatus.ASSIGNED
    assert suggestion.assigned_on == D(2026, 1, 20)  # the first assignment; the new lead counts from its own
    with pytest.raises(InvalidInput, match="当前的主办单位"):
        _reply(suggestion, lead, clerk, D(2026, 4, 10))
    assert _reply(suggestion, new_lead, clerk, D(2026, 4, 10)).assignment == new_lead


def test_a_refused_return_keeps_the_unit_on_it(clerk, suggestion, bureau):
    (lead,) = s.suggestion_assign(suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=clerk)
    s.assignment_return(assignment=lead, returned_on=D(2026, 1, 26), reason="职责交叉", accepted=False, by=clerk)
    assert lead.is_active and lead.return_accepted is False
    assert suggestion.status == SuggestionStatus.ASSIGNED


def test_an_extension_is_requested_by_the_desk_and_approved_by_a_leader(clerk, leader, suggestion, bureau):
    s.suggestion_assign(suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=clerk)
    with pytest.raises(Conflict, match="没有延期申请"):
        s.extension_approve(suggestion=suggestion, approved_on=D(2026, 3, 2), by=leader)
    s.extension_request(suggestion=suggestion, requested_on=D(2026, 3, 1), reason="涉及多个部门", by=clerk)
    with pytest.raises(Forbidden):
        s.extension_approve(suggestion=suggestion, approved_on=D(2026, 3, 2), by=clerk)
    s.extension_approve(suggestion=suggestion, approved_on=D(2026, 3, 2), by=leader)
    assert suggestion.is_extended and suggestion.extension_approved_by == leader


def test_a_leader_and_the_supervisor_cannot_write(leader, supervisor, suggestion, bureau):
    for user in (leader, supervisor):
        with pytest.raises(Forbidden):
            s.suggestion_assign(suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=user)


def test_it_refuses_future_dates_and_key_suggestions_without_a_leader(clerk, suggestion, bureau):
    with pytest.raises(InvalidInput, match="交办日期不能晚于今天"):
        s.suggestion_assign(suggestion=suggestion, lead_unit=bureau, assigned_on=D(2099, 1, 1), by=clerk)
    with pytest.raises(InvalidInput, match="督办委室和督办领导"):
        s.suggestion_mark_key(suggestion=suggestion, is_key=True, by=clerk)


def test_deleting_is_soft_audited_and_refused_while_replies_exist(clerk, suggestion, bureau):
    (lead,) = s.suggestion_assign(suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=clerk)
    reply = _reply(suggestion, lead, clerk, D(2026, 4, 10))
    with pytest.raises(InvalidInput, match="请先删除答复"):
        deletion.npc_record_delete(obj=suggestion, by=clerk)
    deletion.npc_record_delete(obj=reply, by=clerk, reason="录入错误")
    deletion.npc_record_delete(obj=suggestion, by=clerk)
    assert not Suggestion.objects.exists() and Suggestion.all_objects.get().deleted_by == clerk
    assert AuditEvent.objects.filter(action="record_deleted", target_type="npc.reply").exists()
