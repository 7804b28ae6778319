"""Only one first reply per suggestion, one re-reply per reply and one evaluation per reply — held by a row lock in
the service and by the database (issue #13 item 8): a double submit or two clerks at once cannot make two."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from qinglian.core.errors import Conflict
from qinglian.core.testing import at_once
from qinglian.npc.choices import ReplyResult
from qinglian.npc.models import Reply, SatisfactionRecord, Suggestion
from qinglian.npc.services import suggestions as s
from qinglian.npc.tests.factories import DeputyFactory

D = dt.date


def _suggestion(org, clerk) -> Suggestion:
    new = Suggestion(
        number="第0031号",
        lead_deputy=DeputyFactory(organ=org.organ, name="王代表"),
        title="关于加快老旧小区加装电梯的建议",
        category="urban_rural",
        received_on=D(2026, 1, 15),
    )
    return s.suggestion_save(suggestion=new, by=clerk)


def _verdict(outcome) -> str:
    """A refusal in Chinese, a save, or whatever else a thread met (which fails the comparison, visibly)."""
    if isinstance(outcome, Conflict):
        return "refused"
    return repr(outcome) if isinstance(outcome, Exception) else "saved"


def _reply(suggestion, lead, clerk, day):
    reply = Reply(suggestion=suggestion, assignment=lead, date=day, result=ReplyResult.SOLVED, document_no="答复1")
    return s.reply_record(reply=reply, by=clerk)


@pytest.mark.django_db
def test_the_database_refuses_a_second_live_first_reply(desks, cadre_same_unit, bureau):
    suggestion = _suggestion(desks, cadre_same_unit)
    (lead,) = s.suggestion_assign(
        suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=cadre_same_unit
    )
    first = _reply(suggestion, lead, cadre_same_unit, D(2026, 4, 10))
    with pytest.raises(IntegrityError), transaction.atomic():
        Reply.objects.create(
            organ=first.organ, suggestion=suggestion, assignment=lead, date=D(2026, 4, 11), result=ReplyResult.SOLVED
        )


@pytest.mark.django_db
def test_a_reply_from_a_page_opened_before_the_first_one_is_refused(desks, cadre_same_unit, bureau):
    suggestion = _suggestion(desks, cadre_same_unit)
    (lead,) = s.suggestion_assign(
        suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=cadre_same_unit
    )
    stale = Suggestion.objects.get(pk=suggestion.pk)  # what a second clerk's form was built from
    _reply(suggestion, lead, cadre_same_unit, D(2026, 4, 10))
    with pytest.raises(Conflict, match="该建议已答复"):
        _reply(stale, lead, cadre_same_unit, D(2026, 4, 10))
    assert Reply.objects.filter(suggestion=suggestion).count() == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_eight_replies_at_once_make_one(desks, cadre_same_unit, bureau):
    suggestion = _suggestion(desks, cadre_same_unit)
    (lead,) = s.suggestion_assign(
        suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=cadre_same_unit
    )
    outcomes = at_once(
        8, lambda: _reply(Suggestion.objects.get(pk=suggestion.pk), lead, cadre_same_unit, D(2026, 4, 10))
    )
    assert sorted(map(_verdict, outcomes)) == ["refused"] * 7 + ["saved"]
    assert Reply.objects.filter(suggestion=suggestion).count() == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_four_evaluations_of_one_reply_at_once_make_one(desks, cadre_same_unit, bureau):
    suggestion = _suggestion(desks, cadre_same_unit)
    (lead,) = s.suggestion_assign(
        suggestion=suggestion, lead_unit=bureau, assigned_on=D(2026, 1, 20), by=cadre_same_unit
    )
    reply = _reply(suggestion, lead, cadre_same_unit, D(2026, 4, 10))

    def evaluate() -> SatisfactionRecord:
        record = SatisfactionRecord(reply=Reply.objects.get(pk=reply.pk), recorded_on=D(2026, 4, 20), level="satisfied")
        return s.satisfaction_record(record=record, by=cadre_same_unit)

    outcomes = at_once(4, evaluate)
    assert sorted(map(_verdict, outcomes)) == ["refused"] * 3 + ["saved"]
    assert SatisfactionRecord.objects.filter(reply=reply).count() == 1
